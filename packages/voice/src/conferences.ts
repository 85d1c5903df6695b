import {
  type RequestOptions,
  requireBoolean,
  requireKeys,
  type Transport,
} from '@bw/core/internal';
import {
  audioBody,
  playAudioFileBody,
  postAudio,
  speakSentenceBody,
  stopAudioFilePlaybackBody,
  stopSpeakingBody,
} from './audio';
import { conferencePath } from './paths';
import type {
  AudioOptions,
  Conference,
  CreateConferenceOptions,
  PlayAudioFileOptions,
  SpeakSentenceOptions,
  UpdateConferenceOptions,
} from './types';

/** Conferences (`~/conferences`). The API has no endpoint that lists them. */
export abstract class ConferenceMethods {
  declare protected readonly transport: Transport;

  /**
   * Creates a conference hosted by the number `from` (required).
   * @returns the conference's id.
   */
  async createConference(
    opts: CreateConferenceOptions,
    requestOptions?: RequestOptions,
  ): Promise<string> {
    requireKeys('createConference options', opts, ['from']);
    return this.transport.locationId(
      { method: 'POST', path: this.transport.userPath('conferences'), json: opts },
      requestOptions,
    );
  }

  /** Fetches one conference. */
  async getConference(conferenceId: string, requestOptions?: RequestOptions): Promise<Conference> {
    return this.transport.json<Conference>(
      { method: 'GET', path: conferencePath(this.transport, conferenceId) },
      requestOptions,
    );
  }

  /** Changes a conference: terminate, hold, mute, callback settings, tag. */
  async updateConference(
    conferenceId: string,
    opts: UpdateConferenceOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      { method: 'POST', path: conferencePath(this.transport, conferenceId), json: opts },
      requestOptions,
    );
  }

  /** Ends a conference (`state: 'completed'`). */
  async terminateConference(conferenceId: string, requestOptions?: RequestOptions): Promise<void> {
    return this.transport.noContent(
      {
        method: 'POST',
        path: conferencePath(this.transport, conferenceId),
        json: { state: 'completed' },
      },
      requestOptions,
    );
  }

  /** Mutes (`true`) or unmutes (`false`) every member of a conference. */
  async muteConference(
    conferenceId: string,
    mute: boolean,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = conferencePath(this.transport, conferenceId);
    const json = { mute: requireBoolean('mute', mute) };
    return this.transport.noContent({ method: 'POST', path, json }, requestOptions);
  }

  /** Puts every member of a conference on hold (`true`) or takes them off it (`false`). */
  async holdConference(
    conferenceId: string,
    hold: boolean,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = conferencePath(this.transport, conferenceId);
    const json = { hold: requireBoolean('hold', hold) };
    return this.transport.noContent({ method: 'POST', path, json }, requestOptions);
  }

  /** Plays an audio object (a file or a sentence) to the whole conference. */
  async playAudioToConference(
    conferenceId: string,
    opts: AudioOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = conferencePath(this.transport, conferenceId, 'audio');
    return postAudio(this.transport, path, audioBody(opts), requestOptions);
  }

  /**
   * Speaks `sentence` to the whole conference, with the same flat body and defaults as
   * `speakSentenceToCall`.
   */
  async speakSentenceToConference(
    conferenceId: string,
    sentence: string,
    opts?: SpeakSentenceOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = conferencePath(this.transport, conferenceId, 'audio');
    return postAudio(this.transport, path, speakSentenceBody(sentence, opts), requestOptions);
  }

  /** Plays the file at `fileUrl` to the whole conference. */
  async playAudioFileToConference(
    conferenceId: string,
    fileUrl: string,
    opts?: PlayAudioFileOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = conferencePath(this.transport, conferenceId, 'audio');
    return postAudio(this.transport, path, playAudioFileBody(fileUrl, opts), requestOptions);
  }

  /** Stops the sentence being spoken to the conference. */
  async stopSpeakingToConference(
    conferenceId: string,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = conferencePath(this.transport, conferenceId, 'audio');
    return postAudio(this.transport, path, stopSpeakingBody(), requestOptions);
  }

  /** Stops the file being played to the conference. */
  async stopAudioFilePlaybackToConference(
    conferenceId: string,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = conferencePath(this.transport, conferenceId, 'audio');
    return postAudio(this.transport, path, stopAudioFilePlaybackBody(), requestOptions);
  }
}
