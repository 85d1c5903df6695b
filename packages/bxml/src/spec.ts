/**
 * The BXML rules as data: for each verb, its attributes (in the order they are written), which of
 * them are required, what the verb holds, and the cross-attribute rules of the reference.
 */

// Each enumeration, written once: the rules check values against it, and the attribute types
// (`Gender`, `Locale`, `Voice` …) are read from it.

/** Every speaker gender of `<SpeakSentence>`. */
export const GENDERS = ['female', 'male'] as const;

/** Every accent of `<SpeakSentence>`. */
export const LOCALES = [
  'en_US',
  'en_UK',
  'de',
  'de_de',
  'es',
  'es_mx',
  'fr',
  'fr_fr',
  'it',
  'it_it',
] as const;

/** Every voice of `<SpeakSentence>`. */
export const VOICES = [
  'susan',
  'julie',
  'kate',
  'bridget',
  'katrin',
  'esperanza',
  'violeta',
  'jolie',
  'paola',
  'paul',
  'dave',
  'simon',
  'stefan',
  'jorge',
  'bernard',
  'luca',
] as const;

/** Every recording file format of `<Record>`. */
export const FILE_FORMATS = ['wav', 'mp3'] as const;

/** Every way `<Transfer>` can treat the SIP Diversion header. */
export const DIVERSION_TREATMENTS = ['none', 'propagate', 'stack'] as const;

/** Every reason `<Transfer>` can put in a stacked SIP Diversion header. */
export const DIVERSION_REASONS = [
  'unknown',
  'user-busy',
  'no-answer',
  'unavailable',
  'unconditional',
  'time-of-day',
  'do-not-disturb',
  'deflection',
  'follow-me',
  'out-of-service',
  'away',
] as const;

/** How an attribute's XML text is read back. */
export type AttributeType = 'number' | 'boolean' | 'string';

/** Says why a value breaks a rule (the caller adds the value), or `undefined` when it does not. */
export type Check = (value: unknown) => string | undefined;

/** One attribute: its type and its rule. */
export interface AttributeRule {
  readonly type: AttributeType;
  readonly check: Check;
  /** A value may hold characters that are written escaped (only strings that are not names from a list). */
  readonly escaped?: boolean;
}

/** A verb's node as the rules see it: any shape, since hand-made values are checked too. */
export type LooseNode = Record<string, unknown>;

/** Reports a problem on the verb, or with `where` = `@name` on one of its attributes. */
export type Report = (message: string, where?: string) => void;

/** Everything the validator, parser and serializer need to know about one verb. */
export interface VerbSpec {
  /** Attribute rules by name, in the order `toXml` writes them. */
  readonly attributes: ReadonlyMap<string, AttributeRule>;
  /** What is written before each attribute's value, in that order: ` name="`. */
  /** Its start and end tags as written: `<Verb` (attributes follow) and `</Verb>`. */
  readonly open: string;
  readonly close: string;
  readonly opens: readonly (readonly [name: string, rule: AttributeRule, open: string])[];
  /** Attributes that must be set. */
  readonly required: readonly string[];
  /** `text`: text content; `children`: nested verbs; `empty`: nothing. */
  readonly content: 'text' | 'children' | 'empty';
  /** The rule for text content. */
  readonly text?: Check;
  /** Verbs allowed inside. */
  readonly children: readonly string[];
  /** Rules that involve several attributes or the children. */
  readonly extra?: (attributes: LooseNode, children: readonly unknown[], report: Report) => void;
}

/** XML 1.0 forbids these characters even as references; lone surrogates cannot be encoded. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters XML forbids is the point.
export const FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/u;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds.
const SUSPECT = /[\0-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Shows a value in a message, briefly. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return value && typeof value === 'object' ? 'an object' : String(value);
}

const integer = (min: number, max?: number): AttributeRule => ({
  type: 'number',
  check: (value) =>
    // Nothing is greater than `undefined`: no maximum.
    Number.isInteger(value) && (value as number) >= min && !((value as number) > (max as number))
      ? undefined
      : `must be an integer from ${min}${max === undefined ? ' up' : ` to ${max}`}`,
});

/** A string rule; `test` and `what` describe the accepted strings. */
const string = (test?: RegExp, what?: string): AttributeRule => ({
  type: 'string',
  escaped: true,
  check: (value) => {
    if (typeof value !== 'string') return 'must be a string';
    // A plain pattern first: it is much faster, and rules out nearly every text.
    if (SUSPECT.test(value) && FORBIDDEN.test(value)) return 'holds a character XML forbids';
    return test && !test.test(value) ? `must be ${what}` : undefined;
  },
});

const boolean: AttributeRule = {
  type: 'boolean',
  check: (value) => (typeof value === 'boolean' ? undefined : 'must be true or false'),
};
/** One of `values`. */
const oneOf = (values: readonly string[]): AttributeRule => {
  const message = `must be one of ${values.join(', ')}`;
  return {
    type: 'string',
    check: (value) => (values.includes(value as string) ? undefined : message),
  };
};
const text = string();
const filled = string(/./, 'non-empty');
const url = string(/^https?:\/\/[^\s/?#]+\S*$/i, 'an absolute http(s) URL');
const phone = string(/^(\+[1-9]\d{1,14}|sip:\S+)$/, 'an E.164 number (+19195551212) or sip: URI');
const positive = integer(1);
const volume = integer(-4, 4);
const NESTED = ['PhoneNumber', 'SpeakSentence', 'PlayAudio', 'Record'];

const count = (children: readonly unknown[], verb: string) =>
  children.filter((child) => (child as LooseNode | null)?.verb === verb).length;

/** What a verb holds: the rule of its text, or the verbs it may nest; nothing when empty. */
type Holds = Check | readonly string[];

/** A verb: its attributes (in the order `toXml` writes them), what it holds, which attributes are required, extra rules. */
type Definition = readonly [
  attributes: Readonly<Record<string, AttributeRule>>,
  holds?: Holds,
  required?: readonly string[],
  extra?: VerbSpec['extra'],
];

/**
 * Every verb of BXML v1, including Call, Conference and SendMessage (removed in 2017).
 */
const DEFINITIONS: Readonly<Record<string, Definition>> = {
  // Holds every verb but PhoneNumber: filled in below.
  Response: [{}, []],
  SpeakSentence: [
    {
      gender: oneOf(GENDERS),
      locale: oneOf(LOCALES),
      voice: oneOf(VOICES),
      volume,
    },
    filled.check,
  ],
  PlayAudio: [
    { volume, repeatCount: integer(1, 30), delayBeforeRepeat: integer(0, 60) },
    url.check,
  ],
  Gather: [
    {
      requestUrl: url,
      requestUrlTimeout: positive,
      terminatingDigits: string(/^[\d*#]+$/, 'one or more of 0-9 * #'),
      maxDigits: integer(1, 128),
      interDigitTimeout: integer(1, 30),
      bargeable: boolean,
      tag: text,
    },
    ['SpeakSentence', 'PlayAudio'],
    ['requestUrl'],
    (_, children, report) => {
      const audio = count(children, 'PlayAudio');
      if (audio > 0 && count(children, 'SpeakSentence') > 0) {
        report('holds SpeakSentence or PlayAudio, not both');
      } else if (audio > 1) {
        report('holds at most one PlayAudio');
      }
    },
  ],
  Record: [
    {
      requestUrl: url,
      requestUrlTimeout: positive,
      fileFormat: oneOf(FILE_FORMATS),
      transcribe: boolean,
      transcribeCallbackUrl: url,
      multiChannel: boolean,
      maxDuration: integer(1, 3600),
      silenceTimeout: integer(1, 60),
      silenceThreshold: integer(0),
      terminatingDigits: string(/^[\d*#]$/, 'one of 0-9 * #'),
    },
    undefined,
    [],
    ({ transcribe, transcribeCallbackUrl, fileFormat }, _, report) => {
      if (transcribe !== true) return;
      if (transcribeCallbackUrl === undefined) {
        report('is required when transcribe is true', '@transcribeCallbackUrl');
      }
      if (fileFormat === 'mp3') report('must be wav when transcribe is true', '@fileFormat');
    },
  ],
  Redirect: [
    { requestUrl: url, requestUrlTimeout: positive },
    undefined,
    ['requestUrl', 'requestUrlTimeout'],
  ],
  Transfer: [
    {
      transferTo: phone,
      transferCallerId: filled,
      callTimeout: integer(1, 300),
      requestUrl: filled,
      requestUrlTimeout: positive,
      tag: text,
      diversionTreatment: oneOf(DIVERSION_TREATMENTS),
      diversionReason: oneOf(DIVERSION_REASONS),
    },
    NESTED,
    [],
    ({ transferTo }, children, report) => {
      const numbers = count(children, 'PhoneNumber') + (transferTo === undefined ? 0 : 1);
      if (numbers === 0) report('needs transferTo or a PhoneNumber');
      if (numbers > 7) report(`has ${numbers} phone numbers with transferTo; the limit is 7`);
    },
  ],
  PhoneNumber: [{}, phone.check],
  Pause: [{ length: integer(1, 3600) }],
  SendDtmf: [{}, string(/^[\dA-D*#wW,]{1,92}$/, '1 to 92 of 0-9 * # A-D w W ,').check],
  Hangup: [{}],
  Call: [
    {
      from: filled,
      to: filled,
      timeout: positive,
      requestUrl: filled,
      requestUrlTimeout: positive,
    },
    NESTED,
    ['from', 'to'],
  ],
  Conference: [
    {
      from: filled,
      statusCallbackUrl: filled,
      joinTone: boolean,
      leavingTone: boolean,
      tag: text,
      mute: boolean,
      hold: boolean,
    },
    undefined,
    ['from'],
  ],
  SendMessage: [
    {
      from: filled,
      to: filled,
      requestUrl: filled,
      requestUrlTimeout: positive,
      statusCallbackUrl: filled,
    },
    filled.check,
    ['from', 'to'],
  ],
};

/** Every verb's rules, by name; each entry has the same fields in the same order, which keeps lookups fast. */
const SPECS = new Map<unknown, VerbSpec>(
  Object.entries(DEFINITIONS).map(([verb, [attributes, holds, required = [], extra]]) => [
    verb,
    {
      content: typeof holds === 'function' ? 'text' : holds ? 'children' : 'empty',
      attributes: new Map(Object.entries(attributes)),
      open: `<${verb}`,
      close: `</${verb}>`,
      opens: Object.entries(attributes).map(([name, rule]) => [name, rule, ` ${name}="`] as const),
      required,
      text: typeof holds === 'function' ? holds : undefined,
      children:
        verb === 'Response'
          ? Object.keys(DEFINITIONS).filter((name) => name !== verb && name !== 'PhoneNumber')
          : Array.isArray(holds)
            ? holds
            : [],
      extra,
    },
  ]),
);

/** The rules of `verb`, or `undefined` when it is not a BXML verb. */
export function specOf(verb: unknown): VerbSpec | undefined {
  return SPECS.get(verb);
}

/** Trims XML whitespace (not every Unicode space) from both ends, as the parser does. */
export function trimXml(text: string): string {
  // Most text has nothing to trim: look at both ends before running a pattern.
  return text.charCodeAt(0) > 32 && text.charCodeAt(text.length - 1) > 32
    ? text
    : text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
}
