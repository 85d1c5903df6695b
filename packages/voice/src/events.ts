import type { Open } from '@bw/core';
import type { DiversionReason } from './types';

// The voice callback events, one interface per `eventType`. They arrive as a JSON POST body, or
// as a GET query string when the call or application uses `callbackHttpMethod: 'GET'` (BXML);
// `parseVoiceEvent` turns both into these shapes. Fields the API leaves out are optional; fields
// not declared here still pass through untouched.

/** The SIP Diversion information the API may add to `incomingcall` and `answer`. */
export interface Diversion {
  origTo?: string;
  reason?: Open<DiversionReason>;
  screen?: Open<'yes' | 'no'>;
  privacy?: Open<'off' | 'full'>;
  counter?: number;
  limit?: number;
  /** The API's own example spells `limit` with a capital L. */
  Limit?: number;
  [field: string]: unknown;
}

/** Why a call ended; `CALL_REJECTED` marks the hangup that follows a reject. */
export type HangupCause = Open<
  | 'ORIGINATOR_CANCEL'
  | 'NORMAL_CLEARING'
  | 'USER_BUSY'
  | 'CALL_REJECTED'
  | 'UNALLOCATED_NUMBER'
  | 'NO_ANSWER'
  | 'NORMAL_TEMPORARY_FAILURE'
>;

/** Fields shared by every event about one call. */
export interface CallScopedEventFields {
  callId: string;
  /** API URL of the call. */
  callUri?: string;
  /** ISO-8601 time of the event. */
  time?: string;
  /** The `tag` set on the call, audio or gather, echoed back. */
  tag?: string;
}

/** Caller information carried by `incomingcall` and `answer`. */
export interface CallerFields {
  from?: string;
  to?: string;
  callState?: Open<'active'>;
  /** Present when the API passes on a SIP Diversion header (decoded from JSON in the GET form). */
  diversion?: Diversion;
  displayName?: string;
  withholdCallerNumber?: boolean;
  withholdCallerName?: boolean;
}

/** An inbound call arrived (sent to the application's `incomingCallUrl`); never has a `tag`. */
export interface IncomingCallEvent extends CallScopedEventFields, CallerFields {
  eventType: 'incomingcall';
  applicationId?: string;
}

/** A call was answered. A BXML app answers this callback with the document to run. */
export interface AnswerEvent extends CallScopedEventFields, CallerFields {
  eventType: 'answer';
}

/**
 * A call ended. A rejected call reports `hangup` too, with `cause: 'CALL_REJECTED'` and
 * `callState: 'completed'`.
 */
export interface HangupEvent extends CallScopedEventFields {
  eventType: 'hangup';
  from?: string;
  to?: string;
  cause?: HangupCause;
  /** `completed`; always present in the GET form and on the reject form. */
  callState?: Open<'completed'>;
}

/** An outbound call was not answered within its `callTimeout`. */
export interface TimeoutEvent extends CallScopedEventFields {
  eventType: 'timeout';
  from?: string;
  to?: string;
}

/** An audio file started or finished playing on a call or conference member. */
export interface PlaybackEvent extends CallScopedEventFields {
  eventType: 'playback';
  status?: Open<'started' | 'done'>;
}

/** A sentence started or finished being spoken on a call or conference member. */
export interface SpeakEvent extends CallScopedEventFields {
  eventType: 'speak';
  status?: Open<'started' | 'done'>;
  state?: Open<'PLAYBACK_START' | 'PLAYBACK_STOP'>;
}

/** The far end pressed a key. */
export interface DtmfEvent extends CallScopedEventFields {
  eventType: 'dtmf';
  /** One character. */
  dtmfDigit?: string;
}

/** A gather completed. A BXML `<Gather>` app answers this callback with the next document. */
export interface GatherEvent extends CallScopedEventFields {
  eventType: 'gather';
  state?: Open<'completed'>;
  digits?: string;
  reason?: Open<'max-digits' | 'terminating-digit' | 'inter-digit-timeout' | 'hung-up'>;
  gatherId?: string;
  /** The digit that ended the gather (GET form). */
  terminatingDigit?: string;
}

/** A recording was saved, or failed. */
export interface RecordingEvent extends CallScopedEventFields {
  eventType: 'recording';
  recordingId: string;
  /** API URL of the recording. */
  recordingUri?: string;
  state?: Open<'recording' | 'saving' | 'complete' | 'error'>;
  status?: Open<'complete' | 'error'>;
  startTime?: string;
  endTime?: string;
}

/** A transcription finished, or failed. */
export interface TranscriptionEvent {
  eventType: 'transcription';
  transcriptionId: string;
  /** API URL of the transcription. */
  transcriptionUri?: string;
  recordingId?: string;
  state?: Open<'transcribing' | 'completed' | 'error'>;
  status?: Open<'completed' | 'error'>;
  textSize?: number;
  /** The beginning of the text; the full text is at `textUrl`. */
  text?: string;
  textUrl?: string;
}

/** Fields shared by every event about one conference. */
export interface ConferenceScopedEventFields {
  conferenceId: string;
  /** API URL of the conference. */
  conferenceUri?: string;
}

/** A conference was created or completed. */
export interface ConferenceEvent extends ConferenceScopedEventFields {
  eventType: 'conference';
  status?: Open<'created' | 'completed'>;
  createdTime?: string;
  completedTime?: string;
}

/** A member joined, left, or was muted or held. */
export interface ConferenceMemberEvent extends ConferenceScopedEventFields {
  eventType: 'conference-member';
  memberId: string;
  /** API URL of the member. */
  memberUri?: string;
  callId?: string;
  state?: Open<'active' | 'completed'>;
  activeMembers?: number;
  hold?: boolean;
  mute?: boolean;
  time?: string;
}

/** A file started or finished playing to the whole conference. */
export interface ConferencePlaybackEvent extends ConferenceScopedEventFields {
  eventType: 'conference-playback';
  status?: Open<'started' | 'done'>;
  time?: string;
}

/** A sentence started or finished being spoken to the whole conference. */
export interface ConferenceSpeakEvent extends ConferenceScopedEventFields {
  eventType: 'conference-speak';
  status?: Open<'started' | 'done'>;
  time?: string;
}

/** BXML `<Redirect>` asks for the next document; answer it with BXML. */
export interface RedirectEvent extends CallScopedEventFields {
  eventType: 'redirect';
  from?: string;
  to?: string;
  callState?: Open<'active'>;
}

/**
 * BXML: the answered B-leg of a `<Transfer>` completed (sent for the A-leg; `from`/`to` are the
 * B-leg's). Answer it with BXML to continue the A-leg.
 */
export interface TransferCompleteEvent extends CallScopedEventFields {
  eventType: 'transferComplete';
  from?: string;
  to?: string;
  callState?: Open<'active'>;
}

/**
 * An event whose `eventType` this SDK does not know. Every received field is kept; the received
 * type is in `rawEventType`, and `eventType` is `'unknown'` so that a `switch` on
 * `eventType` narrows the known events cleanly.
 */
export interface UnknownVoiceEvent {
  eventType: 'unknown';
  rawEventType: string;
  [field: string]: unknown;
}

/** Each known voice `eventType` and the interface of its event. */
export interface VoiceEventMap {
  incomingcall: IncomingCallEvent;
  answer: AnswerEvent;
  hangup: HangupEvent;
  timeout: TimeoutEvent;
  playback: PlaybackEvent;
  speak: SpeakEvent;
  dtmf: DtmfEvent;
  gather: GatherEvent;
  recording: RecordingEvent;
  transcription: TranscriptionEvent;
  conference: ConferenceEvent;
  'conference-member': ConferenceMemberEvent;
  'conference-playback': ConferencePlaybackEvent;
  'conference-speak': ConferenceSpeakEvent;
  redirect: RedirectEvent;
  transferComplete: TransferCompleteEvent;
}

/** A voice event whose `eventType` is known. */
export type KnownVoiceEvent = VoiceEventMap[keyof VoiceEventMap];

/** Any voice callback event: a discriminated union on `eventType`. */
export type VoiceEvent = KnownVoiceEvent | UnknownVoiceEvent;

/** Every `eventType` a {@link VoiceEvent} can have, `'unknown'` included. */
export type VoiceEventType = VoiceEvent['eventType'];

/**
 * Narrows an event to one `eventType`.
 *
 * @example
 * ```ts
 * if (isVoiceEvent(event, 'gather')) console.log(event.digits);
 * ```
 */
export function isVoiceEvent<T extends VoiceEventType>(
  event: VoiceEvent,
  eventType: T,
): event is Extract<VoiceEvent, { eventType: T }> {
  return event.eventType === eventType;
}
