/**
 * One small function per verb. Each returns a plain value after checking it against the rules,
 * children included (hand-made ones too), and `response()` checks the whole document. So a
 * document that builds is a document `validateBxml` accepts, and a broken one throws a
 * {@link BxmlError} naming the path and the rule.
 */
import { throwProblems } from './errors';
import { isRecord, shape } from './node';
import { checkTree, type Problems } from './rules';
import { WRITTEN, writeChecked } from './validate';
import type {
  BxmlResponse,
  CallChild,
  CallVerb,
  ConferenceVerb,
  GatherVerb,
  HangupVerb,
  PauseVerb,
  PhoneNumberVerb,
  PlayAudioVerb,
  RecordVerb,
  RedirectVerb,
  ResponseVerb,
  SendDtmfVerb,
  SendMessageVerb,
  SpeakSentenceVerb,
  TransferChild,
  TransferVerb,
} from './verbs';

/**
 * Verbs built (and so checked whole) since the last `response()`, each followed by its compact
 * XML: as children they need no second check, and their XML is reused. A plain list, replaced by
 * each document and when it grows long: cheaper than a WeakSet, whose entries cost the garbage
 * collector dearly, and a new one each time, since storing young values in an old list costs the
 * collector too. A verb not found here (older, copied or hand-made) is simply checked again;
 * values are immutable by convention.
 */
let built: unknown[] = [];

/**
 * Shapes and checks one verb and its children; problem paths start at the verb itself.
 * `attributes` is the builder's own copy of its caller's, when they are an object, so the
 * caller's object stays theirs: each builder copies with a spread of its own rather than one
 * shared by every verb, since V8 copies the few shapes one builder is given on its fast path,
 * where a spread given every verb's shapes takes its slow one.
 */
function make(verb: string, attributes?: unknown, text?: unknown, children?: unknown): never {
  const node = shape(verb, attributes, text, children);
  const problems: Problems = [];
  const xml = checkTree(node, verb, problems, '', built);
  throwProblems(problems);
  if (built.length > 1000) built = [];
  built.push(node, xml);
  return node as never;
}

/**
 * The document: verbs run in order. Also checks what only the whole document shows: verbs after
 * a `Redirect` (never executed) and the 16 KB limit.
 *
 * @example
 * ```ts
 * response(gather({ requestUrl: 'https://app.example/menu', maxDigits: 1 }, speakSentence('Press 1')), hangup());
 * ```
 */
export function response(...verbs: ResponseVerb[]): BxmlResponse {
  const node = shape('Response', undefined, undefined, verbs);
  // The verbs checked so far stay checked if this throws: the list is only emptied to stay short.
  Object.defineProperty(node, WRITTEN, { value: writeChecked(node, false, built) });
  built = [];
  return node as never;
}

/**
 * `<SpeakSentence>`: speaks `text` (trimmed; must not be empty).
 *
 * @example `speakSentence('Welcome', { voice: 'paul', gender: 'male' })`
 */
export function speakSentence(
  text: string,
  attributes?: SpeakSentenceVerb['attributes'],
): SpeakSentenceVerb {
  return make('SpeakSentence', isRecord(attributes) ? { ...attributes } : attributes, text);
}

/** `<PlayAudio>`: plays the .wav or .mp3 file at `url`, an absolute http(s) URL. */
export function playAudio(url: string, attributes?: PlayAudioVerb['attributes']): PlayAudioVerb {
  return make('PlayAudio', isRecord(attributes) ? { ...attributes } : attributes, url);
}

/**
 * `<Gather>`: plays its prompts and collects digits, then sends the `gather` event to
 * `requestUrl` (required) and runs the document it answers with. Prompts: any number of
 * `speakSentence`, or a single `playAudio`.
 *
 * @example `gather({ requestUrl: 'https://app.example/menu', maxDigits: 1 }, speakSentence('Press 1'))`
 */
export function gather(
  attributes: GatherVerb['attributes'],
  ...children: SpeakSentenceVerb[] | [PlayAudioVerb]
): GatherVerb {
  return make('Gather', isRecord(attributes) ? { ...attributes } : attributes, undefined, children);
}

/** `<Record>`: records the caller, or both parties when inside `transfer`. */
export function record(attributes?: RecordVerb['attributes']): RecordVerb {
  return make('Record', isRecord(attributes) ? { ...attributes } : attributes);
}

/** `<Redirect>`: fetches a new document from `requestUrl`; both attributes are required. */
export function redirect(attributes: RedirectVerb['attributes']): RedirectVerb {
  return make('Redirect', isRecord(attributes) ? { ...attributes } : attributes);
}

/**
 * `<Transfer>`: calls `transferTo` and every `phoneNumber` child (at most 7 in all) and bridges
 * the first to answer; `speakSentence`, `playAudio` and `record` children apply to the callee.
 *
 * @example `transfer({ transferCallerId: '+15552221235' }, phoneNumber('+15552221234'), phoneNumber('+15552221233'))`
 */
export function transfer(
  attributes?: TransferVerb['attributes'],
  ...children: TransferChild[]
): TransferVerb {
  return make(
    'Transfer',
    isRecord(attributes) ? { ...attributes } : attributes,
    undefined,
    children,
  );
}

/** `<PhoneNumber>`: a destination inside `transfer`, E.164 (`+19195551212`) or a `sip:` URI. */
export function phoneNumber(number: string): PhoneNumberVerb {
  return make('PhoneNumber', undefined, number);
}

/** `<Pause>`: silence for `length` seconds (1 by default). */
export function pause(attributes?: PauseVerb['attributes']): PauseVerb {
  return make('Pause', isRecord(attributes) ? { ...attributes } : attributes);
}

/**
 * `<SendDtmf>`: plays DTMF tones: 1 to 92 of `0-9 * # A-D`, where `w` or `,` pause 0.5 s and
 * `W` pauses 1 s.
 */
export function sendDtmf(digits: string): SendDtmfVerb {
  return make('SendDtmf', undefined, digits);
}

/** `<Hangup>`: ends the call. */
export function hangup(): HangupVerb {
  return make('Hangup');
}

/**
 * `<Call>`: places a new call from `from` to `to`.
 * @deprecated Removed from the platform in 2017; kept to read and write old documents.
 */
export function call(attributes: CallVerb['attributes'], ...children: CallChild[]): CallVerb {
  return make('Call', isRecord(attributes) ? { ...attributes } : attributes, undefined, children);
}

/**
 * `<Conference>`: joins the caller to a conference hosted by `from`.
 * @deprecated Removed from the platform in 2017; kept to read and write old documents.
 */
export function conference(attributes: ConferenceVerb['attributes']): ConferenceVerb {
  return make('Conference', isRecord(attributes) ? { ...attributes } : attributes);
}

/**
 * `<SendMessage>`: sends `text` as an SMS from `from` to `to`.
 * @deprecated Removed from the platform in 2017; kept to read and write old documents.
 */
export function sendMessage(
  text: string,
  attributes: SendMessageVerb['attributes'],
): SendMessageVerb {
  return make('SendMessage', isRecord(attributes) ? { ...attributes } : attributes, text);
}
