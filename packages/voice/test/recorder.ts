// The voice side of the shared recorder (test-support/http-recorder.ts): the test user and a
// client of the recorder.
import type { Recorder } from '../../../test-support/http-recorder';
import { VoiceClient } from '../src/index';

export type {
  RecordedRequest,
  Recorder,
  Reply,
  Responder,
} from '../../../test-support/http-recorder';
export { created, startRecorder, useRecorder } from '../../../test-support/http-recorder';

/** The user id the test clients use, and its path prefix. */
export const userId = 'u-test';
export const userPrefix = `/v1/users/${userId}`;

/** A client of the recorder, without retries so every request shows up exactly once. */
export function clientFor(recorder: Recorder): VoiceClient {
  return new VoiceClient(userId, 'token-value', 'secret-value', {
    baseUrl: recorder.url,
    retry: false,
  });
}
