/**
 * The value shape of a BXML document: plain objects, discriminated on `verb`.
 *
 * Every verb has `verb` and `attributes`; a verb with text content (SpeakSentence, PlayAudio,
 * PhoneNumber, SendDtmf, SendMessage) adds `text`; a verb that nests others (Gather, Transfer,
 * Call) adds `children`. `Response` has only `verb` and `children`. The builders and `parseBxml`
 * produce exactly these shapes, so documents compare with deep equality and survive `JSON`.
 */
import type {
  CallAttributes,
  ConferenceAttributes,
  GatherAttributes,
  NoAttributes,
  PauseAttributes,
  PlayAudioAttributes,
  RecordAttributes,
  RedirectAttributes,
  SendMessageAttributes,
  SpeakSentenceAttributes,
  TransferAttributes,
} from './attributes';

/** `<SpeakSentence>`: text spoken to the caller. */
export interface SpeakSentenceVerb {
  readonly verb: 'SpeakSentence';
  readonly attributes: SpeakSentenceAttributes;
  /** The sentence, trimmed of leading and trailing whitespace. */
  readonly text: string;
}

/** `<PlayAudio>`: an audio file (.wav/.mp3) played to the caller. */
export interface PlayAudioVerb {
  readonly verb: 'PlayAudio';
  readonly attributes: PlayAudioAttributes;
  /** Absolute http(s) URL of the audio. */
  readonly text: string;
}

/** `<Gather>`: collects digits, then asks `requestUrl` for the next document. */
export interface GatherVerb {
  readonly verb: 'Gather';
  readonly attributes: GatherAttributes;
  /** Prompts: any number of `<SpeakSentence>`, or one `<PlayAudio>`, never both. */
  readonly children: readonly SpeakSentenceVerb[] | readonly [PlayAudioVerb];
}

/** `<Record>`: records the caller (or, inside `<Transfer>`, both parties). */
export interface RecordVerb {
  readonly verb: 'Record';
  readonly attributes: RecordAttributes;
}

/** `<Redirect>`: asks `requestUrl` for a new document; later verbs never run. */
export interface RedirectVerb {
  readonly verb: 'Redirect';
  readonly attributes: RedirectAttributes;
}

/** `<PhoneNumber>`: a transfer destination inside `<Transfer>` (or the deprecated `<Call>`). */
export interface PhoneNumberVerb {
  readonly verb: 'PhoneNumber';
  readonly attributes: NoAttributes;
  /** E.164 number (`+19195551212`) or `sip:` URI. */
  readonly text: string;
}

/** What `<Transfer>` may hold. */
export type TransferChild = PhoneNumberVerb | SpeakSentenceVerb | PlayAudioVerb | RecordVerb;

/** `<Transfer>`: calls one or more destinations and bridges the first to answer. */
export interface TransferVerb {
  readonly verb: 'Transfer';
  readonly attributes: TransferAttributes;
  /** Extra destinations, and prompts or a recording for the callee. */
  readonly children: readonly TransferChild[];
}

/** `<Pause>`: silence for `length` seconds. */
export interface PauseVerb {
  readonly verb: 'Pause';
  readonly attributes: PauseAttributes;
}

/** `<SendDtmf>`: plays DTMF tones. */
export interface SendDtmfVerb {
  readonly verb: 'SendDtmf';
  readonly attributes: NoAttributes;
  /** 1 to 92 of `0-9 * # A-D`, with `w` or `,` for a 0.5 s pause and `W` for 1 s. */
  readonly text: string;
}

/** `<Hangup>`: ends the call. */
export interface HangupVerb {
  readonly verb: 'Hangup';
  readonly attributes: NoAttributes;
}

/** What the deprecated `<Call>` may hold. */
export type CallChild = TransferChild;

/** `<Call>` (removed from the platform in 2017): places a new call. */
export interface CallVerb {
  readonly verb: 'Call';
  readonly attributes: CallAttributes;
  readonly children: readonly CallChild[];
}

/** `<Conference>` (removed from the platform in 2017): joins a conference. */
export interface ConferenceVerb {
  readonly verb: 'Conference';
  readonly attributes: ConferenceAttributes;
}

/** `<SendMessage>` (removed from the platform in 2017): sends an SMS. */
export interface SendMessageVerb {
  readonly verb: 'SendMessage';
  readonly attributes: SendMessageAttributes;
  /** The message text. */
  readonly text: string;
}

/** A verb allowed directly in `<Response>`. */
export type ResponseVerb =
  | SpeakSentenceVerb
  | PlayAudioVerb
  | GatherVerb
  | RecordVerb
  | RedirectVerb
  | TransferVerb
  | PauseVerb
  | SendDtmfVerb
  | HangupVerb
  | CallVerb
  | ConferenceVerb
  | SendMessageVerb;

/** Any verb, including the nested-only `PhoneNumber`. */
export type BxmlVerb = ResponseVerb | PhoneNumberVerb;

/** The name of any verb. */
export type VerbName = BxmlVerb['verb'];

/** A whole BXML document: `<Response>` and its verbs, executed in order. */
export interface BxmlResponse {
  readonly verb: 'Response';
  readonly children: readonly ResponseVerb[];
}

/** Anything found in a document: the `Response` itself or a verb. */
export type BxmlNode = BxmlResponse | BxmlVerb;
