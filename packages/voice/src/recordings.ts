import {
  idFromLocation,
  type PagedIterable,
  type RequestOptions,
  type SizeOptions,
  type Transport,
} from '@bw/core/internal';
import { callPath, recordingPath, transcriptionPath } from './paths';
import type { Recording, Transcription } from './types';

/** Recordings and transcriptions, of the account (`~/recordings`) and of one call. */
export abstract class RecordingMethods {
  declare protected readonly transport: Transport;

  /** Lists the account's recordings, each with `mediaName` added. Lazy. */
  listRecordings(opts?: SizeOptions, requestOptions?: RequestOptions): PagedIterable<Recording> {
    return this.transport.paged<Recording>(
      { method: 'GET', path: this.transport.userPath('recordings'), query: opts },
      requestOptions,
      withMediaName,
    );
  }

  /** Fetches one recording, with `mediaName` added. */
  async getRecording(recordingId: string, requestOptions?: RequestOptions): Promise<Recording> {
    const recording = await this.transport.json<Recording>(
      { method: 'GET', path: recordingPath(this.transport, recordingId) },
      requestOptions,
    );
    return withMediaName(recording);
  }

  /** Lists the transcriptions of a recording. Lazy. */
  listTranscriptions(
    recordingId: string,
    opts?: SizeOptions,
    requestOptions?: RequestOptions,
  ): PagedIterable<Transcription> {
    return this.transport.paged<Transcription>(
      () => ({
        method: 'GET',
        path: recordingPath(this.transport, recordingId, 'transcriptions'),
        query: opts,
      }),
      requestOptions,
    );
  }

  /**
   * Starts transcribing a recording (sends `{}`); it must be `complete` and in WAV.
   * @returns the transcription's id.
   */
  async createTranscription(recordingId: string, requestOptions?: RequestOptions): Promise<string> {
    return this.transport.locationId(
      {
        method: 'POST',
        path: recordingPath(this.transport, recordingId, 'transcriptions'),
        json: {},
      },
      requestOptions,
    );
  }

  /** Fetches one transcription of a recording. */
  async getTranscription(
    recordingId: string,
    transcriptionId: string,
    requestOptions?: RequestOptions,
  ): Promise<Transcription> {
    const path = transcriptionPath(this.transport, recordingId, transcriptionId);
    return this.transport.json<Transcription>({ method: 'GET', path }, requestOptions);
  }

  /** Lists the recordings of a call, each with `mediaName` added. Lazy. */
  listCallRecordings(callId: string, requestOptions?: RequestOptions): PagedIterable<Recording> {
    return this.transport.paged<Recording>(
      () => ({ method: 'GET', path: callPath(this.transport, callId, 'recordings') }),
      requestOptions,
      withMediaName,
    );
  }

  /** Lists the transcriptions of a call's recordings. Lazy. */
  listCallTranscriptions(
    callId: string,
    requestOptions?: RequestOptions,
  ): PagedIterable<Transcription> {
    return this.transport.paged<Transcription>(
      () => ({ method: 'GET', path: callPath(this.transport, callId, 'transcriptions') }),
      requestOptions,
    );
  }
}

/**
 * A fresh copy of the recording with `mediaName`: the decoded last path segment of `media`, so it
 * round-trips through the media API's `downloadMediaFile(mediaName)`.
 */
function withMediaName(recording: Recording): Recording {
  if (typeof recording.media !== 'string' || recording.media === '') return { ...recording };
  return { ...recording, mediaName: idFromLocation(recording.media) };
}
