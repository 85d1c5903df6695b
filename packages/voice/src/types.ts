import type { Locale as BxmlLocale, Voice as BxmlVoice } from '@bw/bxml';
import type { CallbackHttpMethod, Open } from '@bw/core';

// ---------------------------------------------------------------------------------------------
// Entities: the API's JSON exactly, camelCase keys. Every field but the identifying one is
// optional because the API leaves out unset fields; enum-valued fields are open unions so new
// server values still type-check.
// ---------------------------------------------------------------------------------------------

/** A call, as returned by `getCall`, `listCalls` and `listBridgeCalls`. */
export interface Call {
  id: string;
  direction?: Open<'in' | 'out'>;
  from?: string;
  to?: string;
  state?: Open<'started' | 'rejected' | 'active' | 'completed' | 'transferring'>;
  startTime?: string;
  activeTime?: string;
  endTime?: string;
  /** Billed duration in seconds. */
  chargeableDuration?: number;
  /** Seconds the far end has to answer. */
  callTimeout?: number;
  callbackUrl?: string;
  callbackHttpMethod?: string;
  /** Milliseconds. */
  callbackTimeout?: number;
  fallbackUrl?: string;
  bridgeId?: string;
  conferenceId?: string;
  /** URL of the bridge the call is in. */
  bridge?: string;
  /** URL of the conference the call is in. */
  conference?: string;
  recordingEnabled?: boolean;
  recordingFileFormat?: Open<'wav' | 'mp3'>;
  transcriptionEnabled?: boolean;
  /** Present only when the call was created with SIP headers. */
  sipHeaders?: Record<string, string>;
  /** URL of the call's event list. */
  events?: string;
  /** URL of the call's recording list. */
  recordings?: string;
  /** URL of the call's transcription list. */
  transcriptions?: string;
}

/** One entry of a call's event log (`listCallEvents`, `getCallEvent`). */
export interface CallEvent {
  id: string;
  /** ISO-8601 string; some payloads use epoch milliseconds. */
  time?: string | number;
  name?: Open<'create' | 'answer' | 'playback' | 'speak' | 'gather' | 'hangup'>;
  data?: string;
}

/** A DTMF gather on a call (`getCallGather`). */
export interface Gather {
  id: string;
  state?: Open<'started' | 'completed'>;
  reason?: Open<'max-digits' | 'terminating-digit' | 'inter-digit-timeout' | 'hung-up'>;
  createdTime?: string;
  completedTime?: string;
  /** URL of the call. */
  call?: string;
  digits?: string;
}

/** A bridge joining up to two calls. */
export interface Bridge {
  id: string;
  state?: Open<'created' | 'active' | 'hold' | 'completed' | 'error'>;
  bridgeAudio?: boolean;
  /** URL of the bridge's call list. */
  calls?: string;
  callIds?: string[];
  createdTime?: string;
  activatedTime?: string;
  completedTime?: string;
}

/** A conference (at most 20 members). */
export interface Conference {
  id: string;
  state?: Open<'created' | 'active' | 'completed'>;
  from?: string;
  createdTime?: string;
  completedTime?: string;
  activeMembers?: number;
  hold?: boolean;
  mute?: boolean;
  profile?: Open<'interpret_digits' | 'passthru_digits'>;
  callbackUrl?: string;
  callbackHttpMethod?: string;
  /** Milliseconds. */
  callbackTimeout?: number;
  fallbackUrl?: string;
  tag?: string;
}

/** A member of a conference. */
export interface ConferenceMember {
  id: string;
  state?: Open<'active' | 'completed'>;
  mute?: boolean;
  hold?: boolean;
  joinTone?: boolean;
  leavingTone?: boolean;
  addedTime?: string;
  removedTime?: string;
  /** URL of the member's call. */
  call?: string;
}

/** A call recording. */
export interface Recording {
  id: string;
  startTime?: string;
  endTime?: string;
  /** URL of the recorded call. */
  call?: string;
  /** URL of the recorded media file. */
  media?: string;
  state?: Open<'recording' | 'saving' | 'complete' | 'error'>;
  /**
   * Added by the SDK: the percent-decoded last path segment of `media`, usable as the
   * `mediaName` of the media API. Absent when `media` is absent.
   */
  mediaName?: string;
}

/** A transcription of a recording. */
export interface Transcription {
  id: string;
  state?: Open<'transcribing' | 'completed' | 'error'>;
  /** The first 1000 characters of the text; the full text is at `textUrl`. */
  text?: string;
  time?: string;
  /** Billed per minute. */
  chargeableDuration?: number;
  textSize?: number;
  textUrl?: string;
}

// ---------------------------------------------------------------------------------------------
// Options: the request's wire keys exactly; enums are closed. Limits are documented, not
// enforced: the API answers a violation with a 4xx.
// ---------------------------------------------------------------------------------------------

/** Text-to-speech gender. */
export type Gender = 'female' | 'male';

/**
 * A BXML locale as the REST audio endpoints spell it: the region in upper case (`es_mx` → `es_MX`).
 */
type RestLocale<L extends string> = L extends `${infer Language}_${infer Region}`
  ? `${Language}_${Uppercase<Region>}`
  : L;

/**
 * Text-to-speech locale: `en_US`, `en_UK`, `es`, `es_MX`, `fr`, `fr_FR`, `de`, `de_DE`, `it`,
 * `it_IT`. The locales of BXML's `<SpeakSentence>`, spelled as the REST API spells them.
 *
 * @useDeclaredType
 */
export type Locale = Open<RestLocale<BxmlLocale>>;

/**
 * Text-to-speech voice. Female: `susan`, `julie`, `kate` (en_US), `bridget` (en_UK), `katrin`
 * (de), `esperanza`, `violeta` (es), `jolie` (fr), `paola` (it). Male: `paul`, `dave` (en_US),
 * `stefan` (de), `jorge` (es), `bernard` (fr), `luca` (it). The voices of BXML's
 * `<SpeakSentence>` but `simon`, which the REST audio reference does not list.
 *
 * @useDeclaredType
 */
export type Voice = Open<Exclude<BxmlVoice, 'simon'>>;

/** The audio object played to a call, bridge, conference or member (also `whisperAudio`). */
export interface AudioOptions {
  /** WAV or MP3 URL; `""` stops the current playback. */
  fileUrl?: string;
  /** At most 1000 characters; `""` stops the current speech. */
  sentence?: string;
  /** API default `female`. */
  gender?: Gender;
  /** API default `en_US`. */
  locale?: Locale;
  /** API default `susan`. */
  voice?: Voice;
  /** API default `false`. */
  loopEnabled?: boolean;
  /** Echoed in the `playback` / `speak` events. */
  tag?: string;
  /** −4..4, API default 0. */
  volume?: number;
}

/** Options of the `speakSentenceTo*` conveniences and `buildSentence`. */
export type SpeakSentenceOptions = Omit<AudioOptions, 'fileUrl' | 'sentence'>;

/** Options of the `playAudioFileTo*` conveniences and `buildAudioPlayback`. */
export type PlayAudioFileOptions = Pick<AudioOptions, 'loopEnabled' | 'tag' | 'volume'>;

/** Query of `listCalls`. */
export interface ListCallsOptions {
  /** Either `bridgeId` or `conferenceId` turns off server paging. */
  bridgeId?: string;
  conferenceId?: string;
  from?: string;
  to?: string;
  /** API default `desc` (by start time). */
  sortOrder?: 'asc' | 'desc';
  /** Page size: API default 25, at most 1000. */
  size?: number;
  fromDateTime?: string;
  toDateTime?: string;
}

/** Body of `createCall`. */
export interface CreateCallOptions {
  /** An E.164 number of the account. */
  from: string;
  /** E.164 number or `sip:user@host`. */
  to: string;
  /** Seconds; API default 60, at most 300. */
  callTimeout?: number;
  callbackUrl?: string;
  /** Milliseconds; API default and maximum 10000. */
  callbackTimeout?: number;
  callbackHttpMethod?: CallbackHttpMethod;
  fallbackUrl?: string;
  bridgeId?: string;
  /** Required when the call is to be added to a conference. */
  conferenceId?: string;
  recordingEnabled?: boolean;
  recordingFileFormat?: 'wav' | 'mp3';
  /** Seconds; API default 3600. */
  recordingMaxDuration?: number;
  transcriptionEnabled?: boolean;
  /** Echoed in the call's events. */
  tag?: string;
  /** At most 5 headers, each key `X-…`, each value at most 256 characters. */
  sipHeaders?: Record<string, string>;
}

/** Reason sent in a stacked SIP Diversion header. */
export type DiversionReason =
  | 'unknown'
  | 'user-busy'
  | 'no-answer'
  | 'unavailable'
  | 'unconditional'
  | 'time-of-day'
  | 'do-not-disturb'
  | 'deflection'
  | 'follow-me'
  | 'out-of-service'
  | 'away';

/** Body of `updateCall`. */
export interface UpdateCallOptions {
  /** `active` answers, `rejected` rejects, `completed` hangs up, `transferring` transfers. */
  state?: 'active' | 'rejected' | 'completed' | 'transferring';
  recordingEnabled?: boolean;
  recordingFileFormat?: 'wav' | 'mp3';
  /** Seconds; changing it while recording is a 409. */
  recordingMaxDuration?: number;
  /** E.164 number or SIP URI. */
  transferTo?: string;
  /** `private`, the incoming `from`, or a number of the account. */
  transferCallerId?: string;
  /** Audio played to the transfer target before it is connected. */
  whisperAudio?: AudioOptions;
  /** Receives the events of the new (transferred) call. */
  callbackUrl?: string;
  diversionTreatment?: 'none' | 'propagate' | 'stack';
  /** Only with `diversionTreatment: 'stack'`. */
  diversionReason?: DiversionReason;
}

/** Body of `transferCall` (the SDK adds `state: 'transferring'`). */
export type TransferCallOptions = Omit<UpdateCallOptions, 'state' | 'transferTo'> & {
  /** E.164 number or SIP URI. */
  transferTo: string;
};

/** Body of `sendDtmfToCall`. */
export interface SendDtmfOptions {
  /** At most 92 characters of `0-9 A-D * # , w W`; `,`/`w` pause 0.5 s, `W` pauses 1 s. */
  dtmfOut: string;
}

/** Body of `createCallGather`. */
export interface CreateGatherOptions {
  /** At most 30. */
  maxDigits?: number;
  /** Seconds; API default 5, at most 30. */
  interDigitTimeout?: number;
  /** API default `#`. */
  terminatingDigits?: string;
  /** Echoed in the `gather` event. */
  tag?: string;
  /** Audio played while gathering. */
  prompt?: {
    sentence?: string;
    gender?: Gender;
    locale?: Locale;
    fileUrl?: string;
    loopEnabled?: boolean;
    /** Deprecated: the API always treats prompts as bargeable. */
    bargeable?: boolean;
  };
}

/** Body of `updateCallGather`: the only accepted change is completing it. */
export interface UpdateGatherOptions {
  state: 'completed';
}

/** Body of `createBridge`. */
export interface CreateBridgeOptions {
  /** API default `true`; `false` holds the calls. */
  bridgeAudio?: boolean;
  /** At most 2; may be empty. */
  callIds?: string[];
}

/** Body of `updateBridge`; `callIds` replaces the whole set (`[]` removes every call). */
export type UpdateBridgeOptions = CreateBridgeOptions;

/** Body of `createConference`. */
export interface CreateConferenceOptions {
  /** The hosting number. */
  from: string;
  callbackUrl?: string;
  callbackHttpMethod?: CallbackHttpMethod;
  /** Milliseconds; API default and maximum 10000. */
  callbackTimeout?: number;
  fallbackUrl?: string;
  /** API default `interpret_digits`. */
  profile?: 'interpret_digits' | 'passthru_digits';
  tag?: string;
}

/** Body of `updateConference`. */
export interface UpdateConferenceOptions {
  /** `completed` terminates the conference. */
  state?: 'completed';
  hold?: boolean;
  mute?: boolean;
  callbackUrl?: string;
  callbackHttpMethod?: CallbackHttpMethod;
  callbackTimeout?: number;
  fallbackUrl?: string;
  tag?: string;
}

/** Body of `createConferenceMember`. */
export interface CreateConferenceMemberOptions {
  /** An active call created with this conference's `conferenceId`. */
  callId: string;
  joinTone?: boolean;
  leavingTone?: boolean;
  mute?: boolean;
  hold?: boolean;
}

/** Body of `updateConferenceMember`. */
export interface UpdateConferenceMemberOptions {
  /** `completed` removes the member. */
  state?: 'completed';
  joinTone?: boolean;
  leavingTone?: boolean;
  mute?: boolean;
  hold?: boolean;
}
