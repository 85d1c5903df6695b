/**
 * The BXML rules as data: for each verb, its attributes (in the order they are written), which of
 * them are required, what the verb holds, and the cross-attribute rules of the reference.
 */
// @ts-nocheck


// Each enumeration, written once: the rules check values against it, and the attribute types
// (`Gender`, `Locale`, `Voice` …) are read from it.

/** Every speaker gender of `<SpeakSentence>`. */function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
export const GENDERS = ['female', 'male'] as const;

/** Every accent of `<SpeakSentence>`. */
export const LOCALES = ['en_US', 'en_UK', 'de', 'de_de', 'es', 'es_mx', 'fr', 'fr_fr', 'it', 'it_it'] as const;

/** Every voice of `<SpeakSentence>`. */
export const VOICES = ['susan', 'julie', 'kate', 'bridget', 'katrin', 'esperanza', 'violeta', 'jolie', 'paola', 'paul', 'dave', 'simon', 'stefan', 'jorge', 'bernard', 'luca'] as const;

/** Every recording file format of `<Record>`. */
export const FILE_FORMATS = ['wav', 'mp3'] as const;

/** Every way `<Transfer>` can treat the SIP Diversion header. */
export const DIVERSION_TREATMENTS = ['none', 'propagate', 'stack'] as const;

/** Every reason `<Transfer>` can put in a stacked SIP Diversion header. */
export const DIVERSION_REASONS = ['unknown', 'user-busy', 'no-answer', 'unavailable', 'unconditional', 'time-of-day', 'do-not-disturb', 'deflection', 'follow-me', 'out-of-service', 'away'] as const;

/** How an attribute's XML text is read back. */
export type AttributeType = 'number' | 'boolean' | 'string';

/** Says why a value breaks a rule (the caller adds the value), or `undefined` when it does not. */
export type Check = (value: unknown) => string | undefined;

/** One attribute: its type and its rule. */
export interface AttributeRule {
  readonly type: AttributeType;
  readonly check: Check;
}

/** A verb's node as the rules see it: any shape, since hand-made values are checked too. */
export type LooseNode = Record<string, unknown>;

/** Reports a problem on the verb, or with `where` = `@name` on one of its attributes. */
export type Report = (message: string, where?: string) => void;

/** Everything the validator, parser and serializer need to know about one verb. */
export interface VerbSpec {
  /** Attribute rules, in the order `toXml` writes them. */
  readonly attributes: Readonly<Record<string, AttributeRule>>;
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
export const FORBIDDEN = stryMutAct_9fa48("217") ? /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\P{Cs}/u : stryMutAct_9fa48("216") ? /[^\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/u : (stryCov_9fa48("216", "217"), /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/u);

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds.
const SUSPECT = stryMutAct_9fa48("218") ? /[^\0-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/ : (stryCov_9fa48("218"), /[\0-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/);

/** Shows a value in a message, briefly. */
export function show(value: unknown): string {
  if (stryMutAct_9fa48("219")) {
    {}
  } else {
    stryCov_9fa48("219");
    if (stryMutAct_9fa48("222") ? typeof value !== 'string' : stryMutAct_9fa48("221") ? false : stryMutAct_9fa48("220") ? true : (stryCov_9fa48("220", "221", "222"), typeof value === (stryMutAct_9fa48("223") ? "" : (stryCov_9fa48("223"), 'string')))) return JSON.stringify(value);
    return (stryMutAct_9fa48("226") ? value || typeof value === 'object' : stryMutAct_9fa48("225") ? false : stryMutAct_9fa48("224") ? true : (stryCov_9fa48("224", "225", "226"), value && (stryMutAct_9fa48("228") ? typeof value !== 'object' : stryMutAct_9fa48("227") ? true : (stryCov_9fa48("227", "228"), typeof value === (stryMutAct_9fa48("229") ? "" : (stryCov_9fa48("229"), 'object')))))) ? stryMutAct_9fa48("230") ? "" : (stryCov_9fa48("230"), 'an object') : String(value);
  }
}
const integer = stryMutAct_9fa48("231") ? () => undefined : (stryCov_9fa48("231"), (() => {
  const integer = (min: number, max?: number): AttributeRule => stryMutAct_9fa48("232") ? {} : (stryCov_9fa48("232"), {
    type: stryMutAct_9fa48("233") ? "" : (stryCov_9fa48("233"), 'number'),
    check: stryMutAct_9fa48("234") ? () => undefined : (stryCov_9fa48("234"), value => (stryMutAct_9fa48("237") ? Number.isInteger(value) && value as number >= min || max === undefined || (value as number) <= max : stryMutAct_9fa48("236") ? false : stryMutAct_9fa48("235") ? true : (stryCov_9fa48("235", "236", "237"), (stryMutAct_9fa48("239") ? Number.isInteger(value) || value as number >= min : stryMutAct_9fa48("238") ? true : (stryCov_9fa48("238", "239"), Number.isInteger(value) && (stryMutAct_9fa48("242") ? (value as number) < min : stryMutAct_9fa48("241") ? value as number > min : stryMutAct_9fa48("240") ? true : (stryCov_9fa48("240", "241", "242"), value as number >= min)))) && (stryMutAct_9fa48("244") ? max === undefined && (value as number) <= max : stryMutAct_9fa48("243") ? true : (stryCov_9fa48("243", "244"), (stryMutAct_9fa48("246") ? max !== undefined : stryMutAct_9fa48("245") ? false : (stryCov_9fa48("245", "246"), max === undefined)) || (stryMutAct_9fa48("249") ? value as number > max : stryMutAct_9fa48("248") ? (value as number) < max : stryMutAct_9fa48("247") ? false : (stryCov_9fa48("247", "248", "249"), (value as number) <= max)))))) ? undefined : stryMutAct_9fa48("250") ? `` : (stryCov_9fa48("250"), `must be an integer from ${min}${(stryMutAct_9fa48("253") ? max !== undefined : stryMutAct_9fa48("252") ? false : stryMutAct_9fa48("251") ? true : (stryCov_9fa48("251", "252", "253"), max === undefined)) ? stryMutAct_9fa48("254") ? "" : (stryCov_9fa48("254"), ' up') : stryMutAct_9fa48("255") ? `` : (stryCov_9fa48("255"), ` to ${max}`)}`))
  });
  return integer;
})());

/** A string rule; `test` and `what` describe the accepted strings. */
const string = stryMutAct_9fa48("256") ? () => undefined : (stryCov_9fa48("256"), (() => {
  const string = (test?: RegExp, what?: string): AttributeRule => stryMutAct_9fa48("257") ? {} : (stryCov_9fa48("257"), {
    type: stryMutAct_9fa48("258") ? "" : (stryCov_9fa48("258"), 'string'),
    check: value => {
      if (stryMutAct_9fa48("259")) {
        {}
      } else {
        stryCov_9fa48("259");
        if (stryMutAct_9fa48("262") ? typeof value === 'string' : stryMutAct_9fa48("261") ? false : stryMutAct_9fa48("260") ? true : (stryCov_9fa48("260", "261", "262"), typeof value !== (stryMutAct_9fa48("263") ? "" : (stryCov_9fa48("263"), 'string')))) return stryMutAct_9fa48("264") ? "" : (stryCov_9fa48("264"), 'must be a string');
        // A plain pattern first: it is much faster, and rules out nearly every text.
        if (stryMutAct_9fa48("267") ? SUSPECT.test(value) || FORBIDDEN.test(value) : stryMutAct_9fa48("266") ? false : stryMutAct_9fa48("265") ? true : (stryCov_9fa48("265", "266", "267"), SUSPECT.test(value) && FORBIDDEN.test(value))) return stryMutAct_9fa48("268") ? "" : (stryCov_9fa48("268"), 'holds a character XML forbids');
        return (stryMutAct_9fa48("271") ? test || !test.test(value) : stryMutAct_9fa48("270") ? false : stryMutAct_9fa48("269") ? true : (stryCov_9fa48("269", "270", "271"), test && (stryMutAct_9fa48("272") ? test.test(value) : (stryCov_9fa48("272"), !test.test(value))))) ? stryMutAct_9fa48("273") ? `` : (stryCov_9fa48("273"), `must be ${what}`) : undefined;
      }
    }
  });
  return string;
})());
const boolean: AttributeRule = stryMutAct_9fa48("274") ? {} : (stryCov_9fa48("274"), {
  type: stryMutAct_9fa48("275") ? "" : (stryCov_9fa48("275"), 'boolean'),
  check: stryMutAct_9fa48("276") ? () => undefined : (stryCov_9fa48("276"), value => (stryMutAct_9fa48("279") ? typeof value !== 'boolean' : stryMutAct_9fa48("278") ? false : stryMutAct_9fa48("277") ? true : (stryCov_9fa48("277", "278", "279"), typeof value === (stryMutAct_9fa48("280") ? "" : (stryCov_9fa48("280"), 'boolean')))) ? undefined : stryMutAct_9fa48("281") ? "" : (stryCov_9fa48("281"), 'must be true or false'))
});
/** One of `values`. */
const oneOf = (values: readonly string[]): AttributeRule => {
  if (stryMutAct_9fa48("282")) {
    {}
  } else {
    stryCov_9fa48("282");
    const message = stryMutAct_9fa48("283") ? `` : (stryCov_9fa48("283"), `must be one of ${values.join(stryMutAct_9fa48("284") ? "" : (stryCov_9fa48("284"), ', '))}`);
    return stryMutAct_9fa48("285") ? {} : (stryCov_9fa48("285"), {
      type: stryMutAct_9fa48("286") ? "" : (stryCov_9fa48("286"), 'string'),
      check: stryMutAct_9fa48("287") ? () => undefined : (stryCov_9fa48("287"), value => values.includes(value as string) ? undefined : message)
    });
  }
};
const text = string();
const filled = string(/./, stryMutAct_9fa48("288") ? "" : (stryCov_9fa48("288"), 'non-empty'));
const url = string(stryMutAct_9fa48("296") ? /^https?:\/\/[^\s/?#]+\s*$/i : stryMutAct_9fa48("295") ? /^https?:\/\/[^\s/?#]+\S$/i : stryMutAct_9fa48("294") ? /^https?:\/\/[^\S/?#]+\S*$/i : stryMutAct_9fa48("293") ? /^https?:\/\/[\s/?#]+\S*$/i : stryMutAct_9fa48("292") ? /^https?:\/\/[^\s/?#]\S*$/i : stryMutAct_9fa48("291") ? /^https:\/\/[^\s/?#]+\S*$/i : stryMutAct_9fa48("290") ? /^https?:\/\/[^\s/?#]+\S*/i : stryMutAct_9fa48("289") ? /https?:\/\/[^\s/?#]+\S*$/i : (stryCov_9fa48("289", "290", "291", "292", "293", "294", "295", "296"), /^https?:\/\/[^\s/?#]+\S*$/i), stryMutAct_9fa48("297") ? "" : (stryCov_9fa48("297"), 'an absolute http(s) URL'));
const phone = string(stryMutAct_9fa48("304") ? /^(\+[1-9]\d{1,14}|sip:\s+)$/ : stryMutAct_9fa48("303") ? /^(\+[1-9]\d{1,14}|sip:\S)$/ : stryMutAct_9fa48("302") ? /^(\+[1-9]\D{1,14}|sip:\S+)$/ : stryMutAct_9fa48("301") ? /^(\+[1-9]\d|sip:\S+)$/ : stryMutAct_9fa48("300") ? /^(\+[^1-9]\d{1,14}|sip:\S+)$/ : stryMutAct_9fa48("299") ? /^(\+[1-9]\d{1,14}|sip:\S+)/ : stryMutAct_9fa48("298") ? /(\+[1-9]\d{1,14}|sip:\S+)$/ : (stryCov_9fa48("298", "299", "300", "301", "302", "303", "304"), /^(\+[1-9]\d{1,14}|sip:\S+)$/), stryMutAct_9fa48("305") ? "" : (stryCov_9fa48("305"), 'an E.164 number (+19195551212) or sip: URI'));
const positive = integer(1);
const volume = integer(stryMutAct_9fa48("306") ? +4 : (stryCov_9fa48("306"), -4), 4);
const NESTED = stryMutAct_9fa48("307") ? [] : (stryCov_9fa48("307"), [stryMutAct_9fa48("308") ? "" : (stryCov_9fa48("308"), 'PhoneNumber'), stryMutAct_9fa48("309") ? "" : (stryCov_9fa48("309"), 'SpeakSentence'), stryMutAct_9fa48("310") ? "" : (stryCov_9fa48("310"), 'PlayAudio'), stryMutAct_9fa48("311") ? "" : (stryCov_9fa48("311"), 'Record')]);
const count = stryMutAct_9fa48("312") ? () => undefined : (stryCov_9fa48("312"), (() => {
  const count = (children: readonly unknown[], verb: string) => stryMutAct_9fa48("313") ? children.length : (stryCov_9fa48("313"), children.filter(stryMutAct_9fa48("314") ? () => undefined : (stryCov_9fa48("314"), child => stryMutAct_9fa48("317") ? (child as LooseNode | null)?.verb !== verb : stryMutAct_9fa48("316") ? false : stryMutAct_9fa48("315") ? true : (stryCov_9fa48("315", "316", "317"), (stryMutAct_9fa48("318") ? (child as LooseNode | null).verb : (stryCov_9fa48("318"), (child as LooseNode | null)?.verb)) === verb))).length);
  return count;
})());

/** What a verb holds: the rule of its text, or the verbs it may nest; nothing when empty. */
type Holds = Check | readonly string[];

/** A verb: its attributes (in the order `toXml` writes them), what it holds, which attributes are required, extra rules. */
type Definition = readonly [attributes: Readonly<Record<string, AttributeRule>>, holds?: Holds, required?: readonly string[], extra?: VerbSpec['extra']];

/**
 * Every verb of BXML v1, including Call, Conference and SendMessage (removed in 2017).
 */
const DEFINITIONS: Readonly<Record<string, Definition>> = stryMutAct_9fa48("319") ? {} : (stryCov_9fa48("319"), {
  // Holds every verb but PhoneNumber: filled in below.
  Response: stryMutAct_9fa48("320") ? [] : (stryCov_9fa48("320"), [{}, stryMutAct_9fa48("321") ? ["Stryker was here"] : (stryCov_9fa48("321"), [])]),
  SpeakSentence: stryMutAct_9fa48("322") ? [] : (stryCov_9fa48("322"), [stryMutAct_9fa48("323") ? {} : (stryCov_9fa48("323"), {
    gender: oneOf(GENDERS),
    locale: oneOf(LOCALES),
    voice: oneOf(VOICES),
    volume
  }), filled.check]),
  PlayAudio: stryMutAct_9fa48("324") ? [] : (stryCov_9fa48("324"), [stryMutAct_9fa48("325") ? {} : (stryCov_9fa48("325"), {
    volume,
    repeatCount: integer(1, 30),
    delayBeforeRepeat: integer(0, 60)
  }), url.check]),
  Gather: stryMutAct_9fa48("326") ? [] : (stryCov_9fa48("326"), [stryMutAct_9fa48("327") ? {} : (stryCov_9fa48("327"), {
    requestUrl: url,
    requestUrlTimeout: positive,
    terminatingDigits: string(stryMutAct_9fa48("332") ? /^[\D*#]+$/ : stryMutAct_9fa48("331") ? /^[^\d*#]+$/ : stryMutAct_9fa48("330") ? /^[\d*#]$/ : stryMutAct_9fa48("329") ? /^[\d*#]+/ : stryMutAct_9fa48("328") ? /[\d*#]+$/ : (stryCov_9fa48("328", "329", "330", "331", "332"), /^[\d*#]+$/), stryMutAct_9fa48("333") ? "" : (stryCov_9fa48("333"), 'one or more of 0-9 * #')),
    maxDigits: integer(1, 128),
    interDigitTimeout: integer(1, 30),
    bargeable: boolean,
    tag: text
  }), stryMutAct_9fa48("334") ? [] : (stryCov_9fa48("334"), [stryMutAct_9fa48("335") ? "" : (stryCov_9fa48("335"), 'SpeakSentence'), stryMutAct_9fa48("336") ? "" : (stryCov_9fa48("336"), 'PlayAudio')]), stryMutAct_9fa48("337") ? [] : (stryCov_9fa48("337"), [stryMutAct_9fa48("338") ? "" : (stryCov_9fa48("338"), 'requestUrl')]), (_, children, report) => {
    if (stryMutAct_9fa48("339")) {
      {}
    } else {
      stryCov_9fa48("339");
      const audio = count(children, stryMutAct_9fa48("340") ? "" : (stryCov_9fa48("340"), 'PlayAudio'));
      if (stryMutAct_9fa48("343") ? audio > 0 || count(children, 'SpeakSentence') > 0 : stryMutAct_9fa48("342") ? false : stryMutAct_9fa48("341") ? true : (stryCov_9fa48("341", "342", "343"), (stryMutAct_9fa48("346") ? audio <= 0 : stryMutAct_9fa48("345") ? audio >= 0 : stryMutAct_9fa48("344") ? true : (stryCov_9fa48("344", "345", "346"), audio > 0)) && (stryMutAct_9fa48("349") ? count(children, 'SpeakSentence') <= 0 : stryMutAct_9fa48("348") ? count(children, 'SpeakSentence') >= 0 : stryMutAct_9fa48("347") ? true : (stryCov_9fa48("347", "348", "349"), count(children, stryMutAct_9fa48("350") ? "" : (stryCov_9fa48("350"), 'SpeakSentence')) > 0)))) {
        if (stryMutAct_9fa48("351")) {
          {}
        } else {
          stryCov_9fa48("351");
          report(stryMutAct_9fa48("352") ? "" : (stryCov_9fa48("352"), 'holds SpeakSentence or PlayAudio, not both'));
        }
      } else if (stryMutAct_9fa48("356") ? audio <= 1 : stryMutAct_9fa48("355") ? audio >= 1 : stryMutAct_9fa48("354") ? false : stryMutAct_9fa48("353") ? true : (stryCov_9fa48("353", "354", "355", "356"), audio > 1)) {
        if (stryMutAct_9fa48("357")) {
          {}
        } else {
          stryCov_9fa48("357");
          report(stryMutAct_9fa48("358") ? "" : (stryCov_9fa48("358"), 'holds at most one PlayAudio'));
        }
      }
    }
  }]),
  Record: stryMutAct_9fa48("359") ? [] : (stryCov_9fa48("359"), [stryMutAct_9fa48("360") ? {} : (stryCov_9fa48("360"), {
    requestUrl: url,
    requestUrlTimeout: positive,
    fileFormat: oneOf(FILE_FORMATS),
    transcribe: boolean,
    transcribeCallbackUrl: url,
    multiChannel: boolean,
    maxDuration: integer(1, 3600),
    silenceTimeout: integer(1, 60),
    silenceThreshold: integer(0),
    terminatingDigits: string(stryMutAct_9fa48("364") ? /^[\D*#]$/ : stryMutAct_9fa48("363") ? /^[^\d*#]$/ : stryMutAct_9fa48("362") ? /^[\d*#]/ : stryMutAct_9fa48("361") ? /[\d*#]$/ : (stryCov_9fa48("361", "362", "363", "364"), /^[\d*#]$/), stryMutAct_9fa48("365") ? "" : (stryCov_9fa48("365"), 'one of 0-9 * #'))
  }), undefined, stryMutAct_9fa48("366") ? ["Stryker was here"] : (stryCov_9fa48("366"), []), ({
    transcribe,
    transcribeCallbackUrl,
    fileFormat
  }, _, report) => {
    if (stryMutAct_9fa48("367")) {
      {}
    } else {
      stryCov_9fa48("367");
      if (stryMutAct_9fa48("370") ? transcribe === true : stryMutAct_9fa48("369") ? false : stryMutAct_9fa48("368") ? true : (stryCov_9fa48("368", "369", "370"), transcribe !== (stryMutAct_9fa48("371") ? false : (stryCov_9fa48("371"), true)))) return;
      if (stryMutAct_9fa48("374") ? transcribeCallbackUrl !== undefined : stryMutAct_9fa48("373") ? false : stryMutAct_9fa48("372") ? true : (stryCov_9fa48("372", "373", "374"), transcribeCallbackUrl === undefined)) {
        if (stryMutAct_9fa48("375")) {
          {}
        } else {
          stryCov_9fa48("375");
          report(stryMutAct_9fa48("376") ? "" : (stryCov_9fa48("376"), 'is required when transcribe is true'), stryMutAct_9fa48("377") ? "" : (stryCov_9fa48("377"), '@transcribeCallbackUrl'));
        }
      }
      if (stryMutAct_9fa48("380") ? fileFormat !== 'mp3' : stryMutAct_9fa48("379") ? false : stryMutAct_9fa48("378") ? true : (stryCov_9fa48("378", "379", "380"), fileFormat === (stryMutAct_9fa48("381") ? "" : (stryCov_9fa48("381"), 'mp3')))) report(stryMutAct_9fa48("382") ? "" : (stryCov_9fa48("382"), 'must be wav when transcribe is true'), stryMutAct_9fa48("383") ? "" : (stryCov_9fa48("383"), '@fileFormat'));
    }
  }]),
  Redirect: stryMutAct_9fa48("384") ? [] : (stryCov_9fa48("384"), [stryMutAct_9fa48("385") ? {} : (stryCov_9fa48("385"), {
    requestUrl: url,
    requestUrlTimeout: positive
  }), undefined, stryMutAct_9fa48("386") ? [] : (stryCov_9fa48("386"), [stryMutAct_9fa48("387") ? "" : (stryCov_9fa48("387"), 'requestUrl'), stryMutAct_9fa48("388") ? "" : (stryCov_9fa48("388"), 'requestUrlTimeout')])]),
  Transfer: stryMutAct_9fa48("389") ? [] : (stryCov_9fa48("389"), [stryMutAct_9fa48("390") ? {} : (stryCov_9fa48("390"), {
    transferTo: phone,
    transferCallerId: filled,
    callTimeout: integer(1, 300),
    requestUrl: filled,
    requestUrlTimeout: positive,
    tag: text,
    diversionTreatment: oneOf(DIVERSION_TREATMENTS),
    diversionReason: oneOf(DIVERSION_REASONS)
  }), NESTED, stryMutAct_9fa48("391") ? ["Stryker was here"] : (stryCov_9fa48("391"), []), ({
    transferTo
  }, children, report) => {
    if (stryMutAct_9fa48("392")) {
      {}
    } else {
      stryCov_9fa48("392");
      const numbers = stryMutAct_9fa48("393") ? count(children, 'PhoneNumber') - (transferTo === undefined ? 0 : 1) : (stryCov_9fa48("393"), count(children, stryMutAct_9fa48("394") ? "" : (stryCov_9fa48("394"), 'PhoneNumber')) + ((stryMutAct_9fa48("397") ? transferTo !== undefined : stryMutAct_9fa48("396") ? false : stryMutAct_9fa48("395") ? true : (stryCov_9fa48("395", "396", "397"), transferTo === undefined)) ? 0 : 1));
      if (stryMutAct_9fa48("400") ? numbers !== 0 : stryMutAct_9fa48("399") ? false : stryMutAct_9fa48("398") ? true : (stryCov_9fa48("398", "399", "400"), numbers === 0)) report(stryMutAct_9fa48("401") ? "" : (stryCov_9fa48("401"), 'needs transferTo or a PhoneNumber'));
      if (stryMutAct_9fa48("405") ? numbers <= 7 : stryMutAct_9fa48("404") ? numbers >= 7 : stryMutAct_9fa48("403") ? false : stryMutAct_9fa48("402") ? true : (stryCov_9fa48("402", "403", "404", "405"), numbers > 7)) report(stryMutAct_9fa48("406") ? `` : (stryCov_9fa48("406"), `has ${numbers} phone numbers with transferTo; the limit is 7`));
    }
  }]),
  PhoneNumber: stryMutAct_9fa48("407") ? [] : (stryCov_9fa48("407"), [{}, phone.check]),
  Pause: stryMutAct_9fa48("408") ? [] : (stryCov_9fa48("408"), [stryMutAct_9fa48("409") ? {} : (stryCov_9fa48("409"), {
    length: integer(1, 3600)
  })]),
  SendDtmf: stryMutAct_9fa48("410") ? [] : (stryCov_9fa48("410"), [{}, string(stryMutAct_9fa48("415") ? /^[\DA-D*#wW,]{1,92}$/ : stryMutAct_9fa48("414") ? /^[^\dA-D*#wW,]{1,92}$/ : stryMutAct_9fa48("413") ? /^[\dA-D*#wW,]$/ : stryMutAct_9fa48("412") ? /^[\dA-D*#wW,]{1,92}/ : stryMutAct_9fa48("411") ? /[\dA-D*#wW,]{1,92}$/ : (stryCov_9fa48("411", "412", "413", "414", "415"), /^[\dA-D*#wW,]{1,92}$/), stryMutAct_9fa48("416") ? "" : (stryCov_9fa48("416"), '1 to 92 of 0-9 * # A-D w W ,')).check]),
  Hangup: stryMutAct_9fa48("417") ? [] : (stryCov_9fa48("417"), [{}]),
  Call: stryMutAct_9fa48("418") ? [] : (stryCov_9fa48("418"), [stryMutAct_9fa48("419") ? {} : (stryCov_9fa48("419"), {
    from: filled,
    to: filled,
    timeout: positive,
    requestUrl: filled,
    requestUrlTimeout: positive
  }), NESTED, stryMutAct_9fa48("420") ? [] : (stryCov_9fa48("420"), [stryMutAct_9fa48("421") ? "" : (stryCov_9fa48("421"), 'from'), stryMutAct_9fa48("422") ? "" : (stryCov_9fa48("422"), 'to')])]),
  Conference: stryMutAct_9fa48("423") ? [] : (stryCov_9fa48("423"), [stryMutAct_9fa48("424") ? {} : (stryCov_9fa48("424"), {
    from: filled,
    statusCallbackUrl: filled,
    joinTone: boolean,
    leavingTone: boolean,
    tag: text,
    mute: boolean,
    hold: boolean
  }), undefined, stryMutAct_9fa48("425") ? [] : (stryCov_9fa48("425"), [stryMutAct_9fa48("426") ? "" : (stryCov_9fa48("426"), 'from')])]),
  SendMessage: stryMutAct_9fa48("427") ? [] : (stryCov_9fa48("427"), [stryMutAct_9fa48("428") ? {} : (stryCov_9fa48("428"), {
    from: filled,
    to: filled,
    requestUrl: filled,
    requestUrlTimeout: positive,
    statusCallbackUrl: filled
  }), filled.check, stryMutAct_9fa48("429") ? [] : (stryCov_9fa48("429"), [stryMutAct_9fa48("430") ? "" : (stryCov_9fa48("430"), 'from'), stryMutAct_9fa48("431") ? "" : (stryCov_9fa48("431"), 'to')])])
});

/** Every verb's rules, by name; each entry has the same fields in the same order, which keeps lookups fast. */
const SPECS = new Map<unknown, VerbSpec>(Object.entries(DEFINITIONS).map(stryMutAct_9fa48("432") ? () => undefined : (stryCov_9fa48("432"), ([verb, [attributes, holds, required = stryMutAct_9fa48("433") ? ["Stryker was here"] : (stryCov_9fa48("433"), []), extra]]) => stryMutAct_9fa48("434") ? [] : (stryCov_9fa48("434"), [verb, stryMutAct_9fa48("435") ? {} : (stryCov_9fa48("435"), {
  content: (stryMutAct_9fa48("438") ? typeof holds !== 'function' : stryMutAct_9fa48("437") ? false : stryMutAct_9fa48("436") ? true : (stryCov_9fa48("436", "437", "438"), typeof holds === (stryMutAct_9fa48("439") ? "" : (stryCov_9fa48("439"), 'function')))) ? stryMutAct_9fa48("440") ? "" : (stryCov_9fa48("440"), 'text') : holds ? stryMutAct_9fa48("441") ? "" : (stryCov_9fa48("441"), 'children') : stryMutAct_9fa48("442") ? "" : (stryCov_9fa48("442"), 'empty'),
  attributes,
  required,
  text: (stryMutAct_9fa48("445") ? typeof holds !== 'function' : stryMutAct_9fa48("444") ? false : stryMutAct_9fa48("443") ? true : (stryCov_9fa48("443", "444", "445"), typeof holds === (stryMutAct_9fa48("446") ? "" : (stryCov_9fa48("446"), 'function')))) ? holds : undefined,
  children: (stryMutAct_9fa48("449") ? verb !== 'Response' : stryMutAct_9fa48("448") ? false : stryMutAct_9fa48("447") ? true : (stryCov_9fa48("447", "448", "449"), verb === (stryMutAct_9fa48("450") ? "" : (stryCov_9fa48("450"), 'Response')))) ? stryMutAct_9fa48("451") ? Object.keys(DEFINITIONS) : (stryCov_9fa48("451"), Object.keys(DEFINITIONS).filter(stryMutAct_9fa48("452") ? () => undefined : (stryCov_9fa48("452"), name => stryMutAct_9fa48("455") ? name !== verb || name !== 'PhoneNumber' : stryMutAct_9fa48("454") ? false : stryMutAct_9fa48("453") ? true : (stryCov_9fa48("453", "454", "455"), (stryMutAct_9fa48("457") ? name === verb : stryMutAct_9fa48("456") ? true : (stryCov_9fa48("456", "457"), name !== verb)) && (stryMutAct_9fa48("459") ? name === 'PhoneNumber' : stryMutAct_9fa48("458") ? true : (stryCov_9fa48("458", "459"), name !== (stryMutAct_9fa48("460") ? "" : (stryCov_9fa48("460"), 'PhoneNumber')))))))) : Array.isArray(holds) ? holds : stryMutAct_9fa48("461") ? ["Stryker was here"] : (stryCov_9fa48("461"), []),
  extra
})]))));

/** The rules of `verb`, or `undefined` when it is not a BXML verb. */
export function specOf(verb: unknown): VerbSpec | undefined {
  if (stryMutAct_9fa48("462")) {
    {}
  } else {
    stryCov_9fa48("462");
    return SPECS.get(verb);
  }
}

/** Trims XML whitespace (not every Unicode space) from both ends, as the parser does. */
export function trimXml(text: string): string {
  if (stryMutAct_9fa48("463")) {
    {}
  } else {
    stryCov_9fa48("463");
    // Most text has nothing to trim: look at both ends before running a pattern.
    return (stryMutAct_9fa48("466") ? text.charCodeAt(0) > 32 || text.charCodeAt(text.length - 1) > 32 : stryMutAct_9fa48("465") ? false : stryMutAct_9fa48("464") ? true : (stryCov_9fa48("464", "465", "466"), (stryMutAct_9fa48("469") ? text.charCodeAt(0) <= 32 : stryMutAct_9fa48("468") ? text.charCodeAt(0) >= 32 : stryMutAct_9fa48("467") ? true : (stryCov_9fa48("467", "468", "469"), text.charCodeAt(0) > 32)) && (stryMutAct_9fa48("472") ? text.charCodeAt(text.length - 1) <= 32 : stryMutAct_9fa48("471") ? text.charCodeAt(text.length - 1) >= 32 : stryMutAct_9fa48("470") ? true : (stryCov_9fa48("470", "471", "472"), text.charCodeAt(stryMutAct_9fa48("473") ? text.length + 1 : (stryCov_9fa48("473"), text.length - 1)) > 32)))) ? text : text.replace(stryMutAct_9fa48("479") ? /^[ \t\n\r]+|[^ \t\n\r]+$/g : stryMutAct_9fa48("478") ? /^[ \t\n\r]+|[ \t\n\r]$/g : stryMutAct_9fa48("477") ? /^[ \t\n\r]+|[ \t\n\r]+/g : stryMutAct_9fa48("476") ? /^[^ \t\n\r]+|[ \t\n\r]+$/g : stryMutAct_9fa48("475") ? /^[ \t\n\r]|[ \t\n\r]+$/g : stryMutAct_9fa48("474") ? /[ \t\n\r]+|[ \t\n\r]+$/g : (stryCov_9fa48("474", "475", "476", "477", "478", "479"), /^[ \t\n\r]+|[ \t\n\r]+$/g), stryMutAct_9fa48("480") ? "Stryker was here!" : (stryCov_9fa48("480"), ''));
  }
}