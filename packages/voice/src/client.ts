import { BaseClient, type MethodsOf } from '@bw/core/internal';
import {
  type BridgeAudioMethods,
  bridgeAudio,
  type CallAudioMethods,
  type ConferenceAudioMethods,
  type ConferenceMemberAudioMethods,
  callAudio,
  conferenceAudio,
  conferenceMemberAudio,
} from './audio';
import { BridgeMethods } from './bridges';
import { CallDtmfMethods } from './call-dtmf';
import { CallEventMethods } from './call-events';
import { CallMethods } from './calls';
import { ConferenceMemberMethods } from './conference-members';
import { ConferenceMethods } from './conferences';
import { GatherMethods } from './gathers';
import { RecordingMethods } from './recordings';

/**
 * The client of Bandwidth's v1 voice API: calls, call audio and DTMF, gathers, call events,
 * bridges, conferences and their members, recordings and transcriptions (64 methods): `BaseClient`
 * plus the method groups listed below, one per resource, each in its own file.
 *
 * Credentials come from the arguments or from `BANDWIDTH_USER_ID`, `BANDWIDTH_API_TOKEN` and
 * `BANDWIDTH_API_SECRET`. Every method returns a `Promise` (argument errors arrive as rejections)
 * except the `list*` methods, which return a lazy `PagedIterable`. Every method takes an optional
 * last `RequestOptions` argument (`signal`, `timeout`, `headers`, `retry`).
 *
 * @example
 * ```ts
 * const client = new VoiceClient('u-123', 't-abc', 's-xyz');
 * const callId = await client.createCall({ from: '+19195551212', to: '+19195553434' });
 * await client.speakSentenceToCall(callId, 'Hello from Bandwidth');
 * for await (const event of client.listCallEvents(callId)) console.log(event.name);
 * ```
 */
export class VoiceClient extends BaseClient {}

/** The methods of `VoiceClient`, one group per resource (the audio of each target: `audio.ts`). */
export interface VoiceClient
  extends MethodsOf<CallMethods>,
    MethodsOf<CallAudioMethods>,
    MethodsOf<CallDtmfMethods>,
    MethodsOf<GatherMethods>,
    MethodsOf<CallEventMethods>,
    MethodsOf<BridgeMethods>,
    MethodsOf<BridgeAudioMethods>,
    MethodsOf<ConferenceMethods>,
    MethodsOf<ConferenceAudioMethods>,
    MethodsOf<ConferenceMemberMethods>,
    MethodsOf<ConferenceMemberAudioMethods>,
    MethodsOf<RecordingMethods> {}

// Each group's methods (not a class's constructor) go on the client's prototype.
for (const methods of [
  CallMethods.prototype,
  callAudio,
  CallDtmfMethods.prototype,
  GatherMethods.prototype,
  CallEventMethods.prototype,
  BridgeMethods.prototype,
  bridgeAudio,
  ConferenceMethods.prototype,
  conferenceAudio,
  ConferenceMemberMethods.prototype,
  conferenceMemberAudio,
  RecordingMethods.prototype,
]) {
  const { constructor: _, ...descriptors } = Object.getOwnPropertyDescriptors(methods);
  Object.defineProperties(VoiceClient.prototype, descriptors);
}
