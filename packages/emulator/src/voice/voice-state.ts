import { RecordMap } from '../record-map';
import { defineStateSlot } from '../state';

/** States of a call (reference §1.5). */
export type CallState = 'started' | 'rejected' | 'active' | 'completed' | 'transferring';

/** Why a call ended (reference §2.2). */
export type HangupCause =
  | 'NORMAL_CLEARING'
  | 'ORIGINATOR_CANCEL'
  | 'USER_BUSY'
  | 'CALL_REJECTED'
  | 'NO_ANSWER'
  | 'UNALLOCATED_NUMBER'
  | 'NORMAL_TEMPORARY_FAILURE';

/** Recording file formats. */
export type RecordingFormat = 'wav' | 'mp3';

/** One entry of `GET /calls/{callId}/events`. */
export interface CallEventRecord {
  id: string;
  time: string;
  name: string;
  data?: string;
}

/**
 * One thing that happened on a call, for `GET /_emulator/calls/{callId}/trace`: audio played
 * (speech, files, tones), digits in and out, state changes, recordings, BXML verbs. `type`
 * says what it is; the other fields depend on it.
 */
export interface TraceEntry {
  time: string;
  type: string;
  [field: string]: unknown;
}

/** A call, inbound or outbound. */
export interface CallRecord {
  id: string;
  userId: string;
  direction: 'in' | 'out';
  from: string;
  to: string;
  state: CallState;
  startTime: string;
  activeTime?: string;
  endTime?: string;
  /** Epoch ms of creation, answer and end (for sorting, durations and filters). */
  createdAt: number;
  activeAt?: number;
  endedAt?: number;
  /** Increasing creation order, a tie-breaker for equal `createdAt`. */
  sequence: number;
  /** Seconds to ring before `timeout`. */
  callTimeout: number;
  callbackUrl?: string;
  callbackHttpMethod: 'GET' | 'POST';
  callbackTimeout?: number;
  fallbackUrl?: string;
  bridgeId?: string;
  conferenceId?: string;
  recordingEnabled: boolean;
  recordingFileFormat: RecordingFormat;
  /** Seconds. */
  recordingMaxDuration: number;
  transcriptionEnabled: boolean;
  tag?: string;
  sipHeaders?: Record<string, string>;
  /** The application an inbound call was routed to. */
  applicationId?: string;
  /** Set when the call ended. */
  cause?: HangupCause;
  /** The call this one was transferred from (a transfer leg). */
  transferredFrom?: string;
  /** Legs created by transferring this call. */
  transferLegs: string[];
  /** Recordings made on this call, in order (ids). */
  recordingIds: string[];
  events: CallEventRecord[];
  trace: TraceEntry[];
}

/** A REST gather (`POST /calls/{callId}/gather`). */
export interface GatherRecord {
  id: string;
  callId: string;
  state: 'started' | 'completed';
  reason?: 'max-digits' | 'terminating-digit' | 'inter-digit-timeout' | 'hung-up';
  createdTime: string;
  completedTime?: string;
  digits: string;
  tag?: string;
  maxDigits: number;
  /** Seconds. */
  interDigitTimeout: number;
  terminatingDigits: string;
}

/** A call recording. */
export interface RecordingRecord {
  id: string;
  callId: string;
  state: 'recording' | 'saving' | 'complete' | 'error';
  startTime: string;
  endTime?: string;
  startedAt: number;
  endedAt?: number;
  /** Simulated length in ms (known once stopped). */
  durationMs?: number;
  format: RecordingFormat;
  /** `{callId}-{n}.wav|mp3`, the media file it lands in. */
  mediaName: string;
  /** Order of creation, for listing. */
  sequence: number;
}

/** A transcription of a recording. */
export interface TranscriptionRecord {
  id: string;
  recordingId: string;
  callId: string;
  state: 'transcribing' | 'completed' | 'error';
  time: string;
  text?: string;
  textSize?: number;
  /** Seconds billed (whole minutes). */
  chargeableDuration?: number;
  sequence: number;
}

/** A bridge of up to two calls. */
export interface BridgeRecord {
  id: string;
  state: 'created' | 'active' | 'hold' | 'completed' | 'error';
  bridgeAudio: boolean;
  callIds: string[];
  createdTime: string;
  activatedTime?: string;
  completedTime?: string;
  sequence: number;
}

/** A conference. */
export interface ConferenceRecord {
  id: string;
  state: 'created' | 'active' | 'completed';
  from: string;
  createdTime: string;
  completedTime?: string;
  hold: boolean;
  mute: boolean;
  profile: 'interpret_digits' | 'passthru_digits';
  callbackUrl?: string;
  callbackHttpMethod: 'GET' | 'POST';
  callbackTimeout?: number;
  fallbackUrl?: string;
  tag?: string;
  /** Every member ever added, in order. */
  memberIds: string[];
}

/** A member of a conference. */
export interface MemberRecord {
  id: string;
  conferenceId: string;
  callId: string;
  state: 'active' | 'completed';
  mute: boolean;
  hold: boolean;
  joinTone: boolean;
  leavingTone: boolean;
  addedTime: string;
  removedTime?: string;
}

/** Every voice resource of one user. */
export interface VoiceState {
  calls: RecordMap<CallRecord>;
  gathers: Map<string, GatherRecord>;
  recordings: Map<string, RecordingRecord>;
  transcriptions: Map<string, TranscriptionRecord>;
  bridges: Map<string, BridgeRecord>;
  conferences: Map<string, ConferenceRecord>;
  members: Map<string, MemberRecord>;
}

/** The per-user voice state slot (`user.slot(voiceState)`); shown as `voice` in `/_emulator/state`. */
export const voiceState = defineStateSlot<VoiceState>(
  'voice',
  () => ({
    calls: new RecordMap(),
    gathers: new Map(),
    recordings: new Map(),
    transcriptions: new Map(),
    bridges: new Map(),
    conferences: new Map(),
    members: new Map(),
  }),
  (state) => ({
    calls: [...state.calls.values()].map(({ events, trace, ...call }) => ({
      ...call,
      eventCount: events.length,
      traceLength: trace.length,
    })),
    gathers: [...state.gathers.values()],
    recordings: [...state.recordings.values()],
    transcriptions: [...state.transcriptions.values()],
    bridges: [...state.bridges.values()],
    conferences: [...state.conferences.values()],
    members: [...state.members.values()],
  }),
);
