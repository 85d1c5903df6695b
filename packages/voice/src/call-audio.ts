import { type RequestOptions, requireKeys, type Transport } from '@bw/core/internal';
import {
  audioBody,
  playAudioFileBody,
  postAudio,
  speakSentenceBody,
  stopAudioFilePlaybackBody,
  stopSpeakingBody,
} from './audio';
import { callPath } from './paths';
import type {
  AudioOptions,
  PlayAudioFileOptions,
  SendDtmfOptions,
  SpeakSentenceOptions,
} from './types';

/** Audio and DTMF on a call: `POST ~/calls/{callId}/audio` and `…/dtmf`. */
export abstract class CallAudioMethods {
  declare protected readonly transport: Transport;

  /** Plays an audio object (a file or a sentence) to a call. */
  async playAudioToCall(
    callId: string,
    opts: AudioOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = callPath(this.transport, callId, 'audio');
    return postAudio(this.transport, path, audioBody(opts), requestOptions);
  }

  /**
   * Speaks `sentence` (at most 1000 characters) on a call. Sends a flat body with
   * `gender: 'female'`, `voice: 'susan'`, `locale: 'en_US'` unless `opts` sets them.
   */
  async speakSentenceToCall(
    callId: string,
    sentence: string,
    opts?: SpeakSentenceOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = callPath(this.transport, callId, 'audio');
    return postAudio(this.transport, path, speakSentenceBody(sentence, opts), requestOptions);
  }

  /** Plays the WAV or MP3 file at `fileUrl` on a call. */
  async playAudioFileToCall(
    callId: string,
    fileUrl: string,
    opts?: PlayAudioFileOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = callPath(this.transport, callId, 'audio');
    return postAudio(this.transport, path, playAudioFileBody(fileUrl, opts), requestOptions);
  }

  /** Stops the sentence being spoken on a call. */
  async stopSpeakingToCall(callId: string, requestOptions?: RequestOptions): Promise<void> {
    const path = callPath(this.transport, callId, 'audio');
    return postAudio(this.transport, path, stopSpeakingBody(), requestOptions);
  }

  /** Stops the file being played on a call. */
  async stopAudioFilePlaybackToCall(
    callId: string,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = callPath(this.transport, callId, 'audio');
    return postAudio(this.transport, path, stopAudioFilePlaybackBody(), requestOptions);
  }

  /** Sends DTMF tones (`dtmfOut`, required) on a call. */
  async sendDtmfToCall(
    callId: string,
    opts: SendDtmfOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = callPath(this.transport, callId, 'dtmf');
    requireKeys('sendDtmfToCall options', opts, ['dtmfOut']);
    return this.transport.noContent({ method: 'POST', path, json: opts }, requestOptions);
  }
}
