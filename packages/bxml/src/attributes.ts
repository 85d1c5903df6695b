/**
 * Attribute types of every BXML verb, spelled as the BXML v1 reference spells them. Each
 * enumeration type is read from the one `as const` list in `spec.ts` that the rules check against.
 *
 * Numbers are written in decimal and booleans as `true`/`false`. An attribute left out (or set to
 * `undefined`) is not written, and the platform applies the default named in its TSDoc.
 */
import type {
  DIVERSION_REASONS,
  DIVERSION_TREATMENTS,
  FILE_FORMATS,
  GENDERS,
  LOCALES,
  VOICES,
} from './spec';

/** Speaker gender of `<SpeakSentence>`. @useDeclaredType */
export type Gender = (typeof GENDERS)[number];

/** Accent of `<SpeakSentence>`. @useDeclaredType */
export type Locale = (typeof LOCALES)[number];

/**
 * Voice of `<SpeakSentence>`. Female: `susan`, `julie`, `kate` (en_US), `bridget` (en_UK),
 * `katrin` (de), `esperanza`, `violeta` (es), `jolie` (fr), `paola` (it). Male: `paul`, `dave`
 * (en_US), `simon` (en_UK), `stefan` (de), `jorge` (es), `bernard` (fr), `luca` (it).
 *
 * @useDeclaredType
 */
export type Voice = (typeof VOICES)[number];

/** Recording file format of `<Record>`. @useDeclaredType */
export type FileFormat = (typeof FILE_FORMATS)[number];

/** How `<Transfer>` treats the SIP Diversion header. @useDeclaredType */
export type DiversionTreatment = (typeof DIVERSION_TREATMENTS)[number];

/** Reason put in a stacked SIP Diversion header by `<Transfer>`. @useDeclaredType */
export type DiversionReason = (typeof DIVERSION_REASONS)[number];

/** The attributes of a verb that takes none (`PhoneNumber`, `SendDtmf`, `Hangup`). */
export type NoAttributes = { readonly [name: string]: never };

/** Attributes of `<SpeakSentence>`. When both are given, `voice` must match `gender` and `locale`. */
export interface SpeakSentenceAttributes {
  /** Speaker gender. @defaultValue `'female'` */
  readonly gender?: Gender;
  /** Accent. @defaultValue `'en_US'` */
  readonly locale?: Locale;
  /** Voice; each voice has one gender and speaks one language. */
  readonly voice?: Voice;
  /** Integer volume from −4 to 4. @defaultValue `0` */
  readonly volume?: number;
}

/** Attributes of `<PlayAudio>`. */
export interface PlayAudioAttributes {
  /** Integer volume from −4 to 4. @defaultValue `0` */
  readonly volume?: number;
  /** How many times the audio plays, 1 to 30. @defaultValue `1` */
  readonly repeatCount?: number;
  /** Seconds of silence between repeats, 0 to 60; only used inside `<Gather>`. @defaultValue `0` */
  readonly delayBeforeRepeat?: number;
}

/** Attributes of `<Gather>`. */
export interface GatherAttributes {
  /** Required. Absolute http(s) URL that receives the `gather` event and answers with new BXML. */
  readonly requestUrl: string;
  /** Milliseconds to wait for `requestUrl` to answer, a positive integer. @defaultValue `30000` */
  readonly requestUrlTimeout?: number;
  /** Digits (`0-9*#`, at least one) that end the gather. @defaultValue `'#'` */
  readonly terminatingDigits?: string;
  /** How many digits to collect, 1 to 128. @defaultValue `128` */
  readonly maxDigits?: number;
  /** Seconds to wait between digits, 1 to 30. @defaultValue `5` */
  readonly interDigitTimeout?: number;
  /** @deprecated Always considered `true` by the platform. @defaultValue `true` */
  readonly bargeable?: boolean;
  /** A string echoed in the `gather` event. */
  readonly tag?: string;
}

/** Attributes of `<Record>`. */
export interface RecordAttributes {
  /** Absolute http(s) URL that receives the `recording` event. */
  readonly requestUrl?: string;
  /** Milliseconds to wait for `requestUrl` to answer, a positive integer. */
  readonly requestUrlTimeout?: number;
  /** Recording format; transcription needs `wav`. @defaultValue `'wav'` */
  readonly fileFormat?: FileFormat;
  /** Transcribe the recording; then `transcribeCallbackUrl` is required. @defaultValue `false` */
  readonly transcribe?: boolean;
  /** Absolute http(s) URL that receives the `transcription` event (POST, JSON). */
  readonly transcribeCallbackUrl?: string;
  /** Record both parties on separate channels; only meaningful inside `<Transfer>`. @defaultValue `false` */
  readonly multiChannel?: boolean;
  /** Seconds to record, 1 to 3600; ignored inside `<Transfer>`. @defaultValue `60` */
  readonly maxDuration?: number;
  /** Seconds of silence that end the recording, 1 to 60. @defaultValue `3` */
  readonly silenceTimeout?: number;
  /** Level under which audio counts as silence, a non-negative integer. @defaultValue `100` */
  readonly silenceThreshold?: number;
  /** One digit of `0-9*#` that stops the recording; ignored inside `<Transfer>`. Default: none. */
  readonly terminatingDigits?: string;
}

/** Attributes of `<Redirect>`; both are required. */
export interface RedirectAttributes {
  /** Absolute http(s) URL that receives the `redirect` event and answers with new BXML. */
  readonly requestUrl: string;
  /** Milliseconds to wait for `requestUrl` to answer, a positive integer. */
  readonly requestUrlTimeout: number;
}

/** Attributes of `<Transfer>`. */
export interface TransferAttributes {
  /**
   * E.164 number (`+19195551212`) or `sip:` URI to transfer to. Optional when `<PhoneNumber>`
   * children are given; together at most 7 destinations.
   */
  readonly transferTo?: string;
  /** Caller id of the new leg: a number you own, or `private`. Default: the original caller. */
  readonly transferCallerId?: string;
  /** Seconds the callee has to answer, 1 to 300. @defaultValue `60` */
  readonly callTimeout?: number;
  /** Relative or absolute URL that receives the transfer's events. */
  readonly requestUrl?: string;
  /** Milliseconds to wait for `requestUrl` to answer, a positive integer. */
  readonly requestUrlTimeout?: number;
  /** A string echoed in the transfer's events. */
  readonly tag?: string;
  /** What to do with the SIP Diversion header. @defaultValue `'none'` */
  readonly diversionTreatment?: DiversionTreatment;
  /** Reason put in a stacked Diversion header (with `diversionTreatment: 'stack'`). @defaultValue `'unknown'` */
  readonly diversionReason?: DiversionReason;
}

/** Attributes of `<Pause>`. */
export interface PauseAttributes {
  /** Seconds to wait, 1 to 3600. @defaultValue `1` */
  readonly length?: number;
}

/** Attributes of the deprecated `<Call>`; `from` and `to` are required. */
export interface CallAttributes {
  /** Number the new call comes from. */
  readonly from: string;
  /** Number to call. */
  readonly to: string;
  /** Seconds to wait for an answer, a positive integer. */
  readonly timeout?: number;
  /** URL asked for BXML when the call is answered or hangs up. */
  readonly requestUrl?: string;
  /** Milliseconds to wait for `requestUrl` to answer, a positive integer. */
  readonly requestUrlTimeout?: number;
}

/** Attributes of the deprecated `<Conference>`; `from` is required. */
export interface ConferenceAttributes {
  /** Number that hosts the conference. */
  readonly from: string;
  /** URL that receives the conference events (POST). */
  readonly statusCallbackUrl?: string;
  /** Play a tone when a member joins. */
  readonly joinTone?: boolean;
  /** Play a tone when a member leaves. */
  readonly leavingTone?: boolean;
  /** A string echoed in the conference events. */
  readonly tag?: string;
  /** Join muted. */
  readonly mute?: boolean;
  /** Join on hold. */
  readonly hold?: boolean;
}

/** Attributes of the deprecated `<SendMessage>`; `from` and `to` are required. */
export interface SendMessageAttributes {
  /** Number the message comes from. */
  readonly from: string;
  /** Number the message goes to. */
  readonly to: string;
  /** URL asked for BXML once the message is sent. */
  readonly requestUrl?: string;
  /** Seconds (not milliseconds) to wait for `requestUrl` to answer, a positive integer. @defaultValue `30` */
  readonly requestUrlTimeout?: number;
  /** URL that receives the `sms` status event (POST, JSON). */
  readonly statusCallbackUrl?: string;
}
