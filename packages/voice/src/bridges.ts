import type { PagedIterable, RequestOptions, SizeOptions, Transport } from '@bw/core/internal';
import {
  audioBody,
  playAudioFileBody,
  postAudio,
  speakSentenceBody,
  stopAudioFilePlaybackBody,
  stopSpeakingBody,
} from './audio';
import { bridgePath } from './paths';
import type {
  AudioOptions,
  Bridge,
  Call,
  CreateBridgeOptions,
  PlayAudioFileOptions,
  SpeakSentenceOptions,
  UpdateBridgeOptions,
} from './types';

/** Bridges (`~/bridges`): up to two calls joined, and audio played to both. */
export abstract class BridgeMethods {
  declare protected readonly transport: Transport;

  /** Lists the account's bridges. Lazy. */
  listBridges(opts?: SizeOptions, requestOptions?: RequestOptions): PagedIterable<Bridge> {
    return this.transport.paged<Bridge>(
      { method: 'GET', path: this.transport.userPath('bridges'), query: opts },
      requestOptions,
    );
  }

  /**
   * Creates a bridge, optionally with up to two calls (`callIds`). Sends `{}` when `opts` is
   * omitted.
   * @returns the bridge's id.
   */
  async createBridge(opts?: CreateBridgeOptions, requestOptions?: RequestOptions): Promise<string> {
    return this.transport.locationId(
      { method: 'POST', path: this.transport.userPath('bridges'), json: opts ?? {} },
      requestOptions,
    );
  }

  /** Fetches one bridge. */
  async getBridge(bridgeId: string, requestOptions?: RequestOptions): Promise<Bridge> {
    return this.transport.json<Bridge>(
      { method: 'GET', path: bridgePath(this.transport, bridgeId) },
      requestOptions,
    );
  }

  /**
   * Changes a bridge: `bridgeAudio: false` holds it; `callIds` replaces the whole set of calls
   * (`[]` removes them all).
   */
  async updateBridge(
    bridgeId: string,
    opts: UpdateBridgeOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      { method: 'POST', path: bridgePath(this.transport, bridgeId), json: opts },
      requestOptions,
    );
  }

  /** Lists the calls in a bridge. Lazy. */
  listBridgeCalls(bridgeId: string, requestOptions?: RequestOptions): PagedIterable<Call> {
    return this.transport.paged<Call>(
      () => ({ method: 'GET', path: bridgePath(this.transport, bridgeId, 'calls') }),
      requestOptions,
    );
  }

  /** Plays an audio object (a file or a sentence) to both calls of a bridge. */
  async playAudioToBridge(
    bridgeId: string,
    opts: AudioOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = bridgePath(this.transport, bridgeId, 'audio');
    return postAudio(this.transport, path, audioBody(opts), requestOptions);
  }

  /**
   * Speaks `sentence` to a bridge, with the same flat body and defaults as
   * `speakSentenceToCall`.
   */
  async speakSentenceToBridge(
    bridgeId: string,
    sentence: string,
    opts?: SpeakSentenceOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = bridgePath(this.transport, bridgeId, 'audio');
    return postAudio(this.transport, path, speakSentenceBody(sentence, opts), requestOptions);
  }

  /** Plays the file at `fileUrl` to a bridge. */
  async playAudioFileToBridge(
    bridgeId: string,
    fileUrl: string,
    opts?: PlayAudioFileOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = bridgePath(this.transport, bridgeId, 'audio');
    return postAudio(this.transport, path, playAudioFileBody(fileUrl, opts), requestOptions);
  }

  /** Stops the sentence being spoken to a bridge. */
  async stopSpeakingToBridge(bridgeId: string, requestOptions?: RequestOptions): Promise<void> {
    const path = bridgePath(this.transport, bridgeId, 'audio');
    return postAudio(this.transport, path, stopSpeakingBody(), requestOptions);
  }

  /** Stops the file being played to a bridge. */
  async stopAudioFilePlaybackToBridge(
    bridgeId: string,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = bridgePath(this.transport, bridgeId, 'audio');
    return postAudio(this.transport, path, stopAudioFilePlaybackBody(), requestOptions);
  }
}
