/**
 * A small, strict XML reader for BXML. It accepts what XML 1.0 allows in a BXML document (the XML
 * declaration, comments, CDATA, the five entities and character references) and refuses a
 * DOCTYPE (so no entity can expand) and processing instructions. Malformed XML stops reading with
 * a line:column; everything else (unknown verbs, bad nesting, bad attributes) is collected.
 */
// @ts-nocheck
function stryNS_9fa48() {
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
import { BxmlError, type BxmlProblem } from './errors';
import { childPath, shape } from './node';
import { checkTree } from './rules';
import { type LooseNode, specOf } from './spec';
import { ENTITY_NAMES, sizeProblems } from './write';

/** What reading produced: the document when the XML was well-formed, and every problem found. */
export interface ReadResult {
  readonly document?: LooseNode;
  readonly problems: BxmlProblem[];
}

/** An element being read. */
interface Open {
  readonly verb: string;
  /** Where its start tag begins in the text. */
  readonly start: number;
  attributes?: LooseNode;
  readonly children: LooseNode[];
  text: string;
}
const NAME = stryMutAct_9fa48("0") ? "" : (stryCov_9fa48("0"), '[A-Za-z_:][\\w.:-]*');
/** One token: comment, CDATA, XML declaration, end tag, start tag, or text. */
const TOKEN = new RegExp(stryMutAct_9fa48("1") ? `` : (stryCov_9fa48("1"), `<!--[\\s\\S]*?-->|<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|(<\\?xml\\s[\\s\\S]*?\\?>)|</(${NAME})\\s*>|<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>|([^<]+)`), stryMutAct_9fa48("2") ? "" : (stryCov_9fa48("2"), 'y'));
const ATTRIBUTE = new RegExp(stryMutAct_9fa48("3") ? `` : (stryCov_9fa48("3"), `(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`), stryMutAct_9fa48("4") ? "" : (stryCov_9fa48("4"), 'g'));
const REFERENCE = stryMutAct_9fa48("9") ? /&(?:#(\d+)|#x([\Da-fA-F]+)|(lt|gt|amp|quot|apos));|&/g : stryMutAct_9fa48("8") ? /&(?:#(\d+)|#x([^\da-fA-F]+)|(lt|gt|amp|quot|apos));|&/g : stryMutAct_9fa48("7") ? /&(?:#(\d+)|#x([\da-fA-F])|(lt|gt|amp|quot|apos));|&/g : stryMutAct_9fa48("6") ? /&(?:#(\D+)|#x([\da-fA-F]+)|(lt|gt|amp|quot|apos));|&/g : stryMutAct_9fa48("5") ? /&(?:#(\d)|#x([\da-fA-F]+)|(lt|gt|amp|quot|apos));|&/g : (stryCov_9fa48("5", "6", "7", "8", "9"), /&(?:#(\d+)|#x([\da-fA-F]+)|(lt|gt|amp|quot|apos));|&/g);
const NUMBER = stryMutAct_9fa48("15") ? /^[+-]?\D+$/ : stryMutAct_9fa48("14") ? /^[+-]?\d$/ : stryMutAct_9fa48("13") ? /^[^+-]?\d+$/ : stryMutAct_9fa48("12") ? /^[+-]\d+$/ : stryMutAct_9fa48("11") ? /^[+-]?\d+/ : stryMutAct_9fa48("10") ? /[+-]?\d+$/ : (stryCov_9fa48("10", "11", "12", "13", "14", "15"), /^[+-]?\d+$/);
const NOT_SPACE = stryMutAct_9fa48("16") ? /[ \t\n\r]/ : (stryCov_9fa48("16"), /[^ \t\n\r]/);
const OUTSIDE = stryMutAct_9fa48("17") ? "" : (stryCov_9fa48("17"), 'a document is one <Response> and comments');

/** Reads an attribute's text as the type its rule expects; what does not fit stays text for the rules to reject. */
function convert(verb: string, name: string, text: string): unknown {
  if (stryMutAct_9fa48("18")) {
    {}
  } else {
    stryCov_9fa48("18");
    // An inherited name (`toString`, `__proto__`) finds no rule with a type.
    const type = stryMutAct_9fa48("20") ? specOf(verb).attributes[name]?.type : stryMutAct_9fa48("19") ? specOf(verb)?.attributes[name].type : (stryCov_9fa48("19", "20"), specOf(verb)?.attributes[name]?.type);
    if (stryMutAct_9fa48("23") ? type === 'number' || NUMBER.test(text) : stryMutAct_9fa48("22") ? false : stryMutAct_9fa48("21") ? true : (stryCov_9fa48("21", "22", "23"), (stryMutAct_9fa48("25") ? type !== 'number' : stryMutAct_9fa48("24") ? true : (stryCov_9fa48("24", "25"), type === (stryMutAct_9fa48("26") ? "" : (stryCov_9fa48("26"), 'number')))) && NUMBER.test(text))) return Number(text);
    if (stryMutAct_9fa48("29") ? type === 'boolean' || text === 'true' || text === 'false' : stryMutAct_9fa48("28") ? false : stryMutAct_9fa48("27") ? true : (stryCov_9fa48("27", "28", "29"), (stryMutAct_9fa48("31") ? type !== 'boolean' : stryMutAct_9fa48("30") ? true : (stryCov_9fa48("30", "31"), type === (stryMutAct_9fa48("32") ? "" : (stryCov_9fa48("32"), 'boolean')))) && (stryMutAct_9fa48("34") ? text === 'true' && text === 'false' : stryMutAct_9fa48("33") ? true : (stryCov_9fa48("33", "34"), (stryMutAct_9fa48("36") ? text !== 'true' : stryMutAct_9fa48("35") ? false : (stryCov_9fa48("35", "36"), text === (stryMutAct_9fa48("37") ? "" : (stryCov_9fa48("37"), 'true')))) || (stryMutAct_9fa48("39") ? text !== 'false' : stryMutAct_9fa48("38") ? false : (stryCov_9fa48("38", "39"), text === (stryMutAct_9fa48("40") ? "" : (stryCov_9fa48("40"), 'false')))))))) return stryMutAct_9fa48("43") ? text !== 'true' : stryMutAct_9fa48("42") ? false : stryMutAct_9fa48("41") ? true : (stryCov_9fa48("41", "42", "43"), text === (stryMutAct_9fa48("44") ? "" : (stryCov_9fa48("44"), 'true')));
    return text;
  }
}

/**
 * Reads BXML text into a document (canonical shape) and its problems. Whatever an element holds
 * goes into its node, even what its verb cannot hold (and unknown verbs stay as they are), so the
 * rules report it all with paths.
 */
export function readBxml(input: string): ReadResult {
  if (stryMutAct_9fa48("45")) {
    {}
  } else {
    stryCov_9fa48("45");
    const original = String(input);
    // XML end-of-line handling; lines and columns stay the same since only CRs go.
    const src = original.replace(stryMutAct_9fa48("46") ? /\r\n/g : (stryCov_9fa48("46"), /\r\n?/g), stryMutAct_9fa48("47") ? "" : (stryCov_9fa48("47"), '\n'));
    let document: LooseNode;
    try {
      if (stryMutAct_9fa48("48")) {
        {}
      } else {
        stryCov_9fa48("48");
        document = read(src);
      }
    } catch (error) {
      if (stryMutAct_9fa48("49")) {
        {}
      } else {
        stryCov_9fa48("49");
        if (stryMutAct_9fa48("52") ? false : stryMutAct_9fa48("51") ? true : stryMutAct_9fa48("50") ? error instanceof BxmlError : (stryCov_9fa48("50", "51", "52"), !(error instanceof BxmlError))) throw error;
        return stryMutAct_9fa48("53") ? {} : (stryCov_9fa48("53"), {
          problems: stryMutAct_9fa48("54") ? [] : (stryCov_9fa48("54"), [...error.problems])
        });
      }
    }
    // The rules walk the tree in document order, so the problems come in that order too. Positions
    // cost a second reading, paid only when a problem needs them. The size counted is the text's own.
    const problems = checkTree(document, stryMutAct_9fa48("55") ? "" : (stryCov_9fa48("55"), 'Response'));
    const at = new Map<string, number>();
    if (stryMutAct_9fa48("59") ? problems.length <= 0 : stryMutAct_9fa48("58") ? problems.length >= 0 : stryMutAct_9fa48("57") ? false : stryMutAct_9fa48("56") ? true : (stryCov_9fa48("56", "57", "58", "59"), problems.length > 0)) read(src, at);
    return stryMutAct_9fa48("60") ? {} : (stryCov_9fa48("60"), {
      document,
      problems: stryMutAct_9fa48("61") ? [] : (stryCov_9fa48("61"), [...problems.map(stryMutAct_9fa48("62") ? () => undefined : (stryCov_9fa48("62"), problem => stryMutAct_9fa48("63") ? {} : (stryCov_9fa48("63"), {
        ...problem,
        ...position(src, stryMutAct_9fa48("64") ? (at.get(problem.path) ?? at.get(problem.path.replace(/@.*/, ''))) && 0 : (stryCov_9fa48("64"), (stryMutAct_9fa48("65") ? at.get(problem.path) && at.get(problem.path.replace(/@.*/, '')) : (stryCov_9fa48("65"), at.get(problem.path) ?? at.get(problem.path.replace(stryMutAct_9fa48("66") ? /@./ : (stryCov_9fa48("66"), /@.*/), stryMutAct_9fa48("67") ? "Stryker was here!" : (stryCov_9fa48("67"), ''))))) ?? 0))
      }))), ...sizeProblems(original)])
    });
  }
}

/** The path of the innermost element of `stack`. */
function pathTo(stack: readonly Open[]): string {
  if (stryMutAct_9fa48("68")) {
    {}
  } else {
    stryCov_9fa48("68");
    return stack.reduce(stryMutAct_9fa48("69") ? () => undefined : (stryCov_9fa48("69"), (path, open, depth) => depth ? childPath(path, (stack[depth - 1] as Open).children, open.verb) : open.verb), stryMutAct_9fa48("70") ? "Stryker was here!" : (stryCov_9fa48("70"), ''));
  }
}

/**
 * Reads well-formed XML into a document, or throws a {@link BxmlError} with the line:column of
 * the first thing that is not; given `at`, also maps each element's and attribute's path to its
 * position.
 */
function read(src: string, at?: Map<string, number>): LooseNode {
  if (stryMutAct_9fa48("71")) {
    {}
  } else {
    stryCov_9fa48("71");
    const stack: Open[] = stryMutAct_9fa48("72") ? ["Stryker was here"] : (stryCov_9fa48("72"), []);
    let document: LooseNode | undefined;
    let i = 0;
    const fail = (message: string, index = i): never => {
      if (stryMutAct_9fa48("73")) {
        {}
      } else {
        stryCov_9fa48("73");
        throw new BxmlError(stryMutAct_9fa48("74") ? [] : (stryCov_9fa48("74"), [stryMutAct_9fa48("75") ? {} : (stryCov_9fa48("75"), {
          path: pathTo(stack),
          message,
          ...position(src, index)
        })]));
      }
    };
    /**
     * Replaces references, refusing a bare `&`. A reference to a character XML forbids is read as
     * that character, for the rules to refuse with a path.
     */
    const decode = stryMutAct_9fa48("76") ? () => undefined : (stryCov_9fa48("76"), (() => {
      const decode = (raw: string, offset: number): string =>
      // Most text holds no reference: looking costs far less than replacing.
      (stryMutAct_9fa48("77") ? raw.includes('&') : (stryCov_9fa48("77"), !raw.includes(stryMutAct_9fa48("78") ? "" : (stryCov_9fa48("78"), '&')))) ? raw : raw.replace(REFERENCE, (reference: string, decimal?: string, hex?: string, entity?: string, index = 0) => {
        if (stryMutAct_9fa48("79")) {
          {}
        } else {
          stryCov_9fa48("79");
          // The writer's table, read backwards.
          if (stryMutAct_9fa48("81") ? false : stryMutAct_9fa48("80") ? true : (stryCov_9fa48("80", "81"), entity)) {
            if (stryMutAct_9fa48("82")) {
              {}
            } else {
              stryCov_9fa48("82");
              return Object.keys(ENTITY_NAMES).find(key => ENTITY_NAMES[key] === entity) as string;
            }
          }
          // NaN for a bare `&`.
          const code = Number.parseInt(stryMutAct_9fa48("83") ? (decimal ?? hex) && '' : (stryCov_9fa48("83"), (stryMutAct_9fa48("84") ? decimal && hex : (stryCov_9fa48("84"), decimal ?? hex)) ?? (stryMutAct_9fa48("85") ? "Stryker was here!" : (stryCov_9fa48("85"), ''))), decimal ? 10 : 16);
          if (stryMutAct_9fa48("88") ? false : stryMutAct_9fa48("87") ? true : stryMutAct_9fa48("86") ? code <= 0x10ffff : (stryCov_9fa48("86", "87", "88"), !(stryMutAct_9fa48("92") ? code > 0x10ffff : stryMutAct_9fa48("91") ? code < 0x10ffff : stryMutAct_9fa48("90") ? false : stryMutAct_9fa48("89") ? true : (stryCov_9fa48("89", "90", "91", "92"), code <= 0x10ffff)))) fail(stryMutAct_9fa48("93") ? `` : (stryCov_9fa48("93"), `bad reference ${reference}`), stryMutAct_9fa48("94") ? offset - index : (stryCov_9fa48("94"), offset + index));
          return String.fromCodePoint(code);
        }
      });
      return decode;
    })());
    while (stryMutAct_9fa48("97") ? i >= src.length : stryMutAct_9fa48("96") ? i <= src.length : stryMutAct_9fa48("95") ? false : (stryCov_9fa48("95", "96", "97"), i < src.length)) {
      if (stryMutAct_9fa48("98")) {
        {}
      } else {
        stryCov_9fa48("98");
        TOKEN.lastIndex = i;
        const token = stryMutAct_9fa48("99") ? TOKEN.exec(src) && fail('malformed markup (BXML allows no DOCTYPE or processing instruction)') : (stryCov_9fa48("99"), TOKEN.exec(src) ?? fail(stryMutAct_9fa48("100") ? "" : (stryCov_9fa48("100"), 'malformed markup (BXML allows no DOCTYPE or processing instruction)')));
        const [whole, cdata, declaration, end, verb, attributes, selfClosing, text] = token;
        let open = stack.at(stryMutAct_9fa48("101") ? +1 : (stryCov_9fa48("101"), -1));
        const here = i;
        stryMutAct_9fa48("102") ? i -= whole.length : (stryCov_9fa48("102"), i += whole.length);
        // A comment matches no group: nothing to keep.
        if (stryMutAct_9fa48("105") ? declaration === undefined : stryMutAct_9fa48("104") ? false : stryMutAct_9fa48("103") ? true : (stryCov_9fa48("103", "104", "105"), declaration !== undefined)) {
          if (stryMutAct_9fa48("106")) {
            {}
          } else {
            stryCov_9fa48("106");
            if (stryMutAct_9fa48("108") ? false : stryMutAct_9fa48("107") ? true : (stryCov_9fa48("107", "108"), here)) fail(OUTSIDE, here);
          }
        } else if (stryMutAct_9fa48("111") ? text !== undefined && cdata !== undefined : stryMutAct_9fa48("110") ? false : stryMutAct_9fa48("109") ? true : (stryCov_9fa48("109", "110", "111"), (stryMutAct_9fa48("113") ? text === undefined : stryMutAct_9fa48("112") ? false : (stryCov_9fa48("112", "113"), text !== undefined)) || (stryMutAct_9fa48("115") ? cdata === undefined : stryMutAct_9fa48("114") ? false : (stryCov_9fa48("114", "115"), cdata !== undefined)))) {
          if (stryMutAct_9fa48("116")) {
            {}
          } else {
            stryCov_9fa48("116");
            const chunk = stryMutAct_9fa48("117") ? cdata && decode(text as string, here) : (stryCov_9fa48("117"), cdata ?? decode(text as string, here));
            // Whitespace between pieces of text is kept; the node trims it at both ends.
            if (stryMutAct_9fa48("119") ? false : stryMutAct_9fa48("118") ? true : (stryCov_9fa48("118", "119"), open)) stryMutAct_9fa48("120") ? open.text -= chunk : (stryCov_9fa48("120"), open.text += chunk);else if (stryMutAct_9fa48("122") ? false : stryMutAct_9fa48("121") ? true : (stryCov_9fa48("121", "122"), NOT_SPACE.test(chunk))) fail(OUTSIDE, here);
          }
        } else if (stryMutAct_9fa48("125") ? verb === undefined : stryMutAct_9fa48("124") ? false : stryMutAct_9fa48("123") ? true : (stryCov_9fa48("123", "124", "125"), verb !== undefined)) {
          if (stryMutAct_9fa48("126")) {
            {}
          } else {
            stryCov_9fa48("126");
            if (stryMutAct_9fa48("129") ? !open || document || verb !== 'Response' : stryMutAct_9fa48("128") ? false : stryMutAct_9fa48("127") ? true : (stryCov_9fa48("127", "128", "129"), (stryMutAct_9fa48("130") ? open : (stryCov_9fa48("130"), !open)) && (stryMutAct_9fa48("132") ? document && verb !== 'Response' : stryMutAct_9fa48("131") ? true : (stryCov_9fa48("131", "132"), document || (stryMutAct_9fa48("134") ? verb === 'Response' : stryMutAct_9fa48("133") ? false : (stryCov_9fa48("133", "134"), verb !== (stryMutAct_9fa48("135") ? "" : (stryCov_9fa48("135"), 'Response')))))))) fail(OUTSIDE, here);
            // Open from its start tag on, so that problems there are its own.
            open = stryMutAct_9fa48("136") ? {} : (stryCov_9fa48("136"), {
              verb,
              start: here,
              children: stryMutAct_9fa48("137") ? ["Stryker was here"] : (stryCov_9fa48("137"), []),
              text: stryMutAct_9fa48("138") ? "Stryker was here!" : (stryCov_9fa48("138"), '')
            });
            stack.push(open);
            const path = stryMutAct_9fa48("141") ? at || pathTo(stack) : stryMutAct_9fa48("140") ? false : stryMutAct_9fa48("139") ? true : (stryCov_9fa48("139", "140", "141"), at && pathTo(stack));
            stryMutAct_9fa48("142") ? at.set(path as string, here) : (stryCov_9fa48("142"), at?.set(path as string, here));
            const entries: [string, unknown][] = stryMutAct_9fa48("143") ? ["Stryker was here"] : (stryCov_9fa48("143"), []);
            // `exec` in a loop: `matchAll` copies the pattern on every call.
            ATTRIBUTE.lastIndex = 0;
            for (let match = ATTRIBUTE.exec(attributes as string); stryMutAct_9fa48("144") ? false : (stryCov_9fa48("144"), match); match = ATTRIBUTE.exec(attributes as string)) {
              if (stryMutAct_9fa48("145")) {
                {}
              } else {
                stryCov_9fa48("145");
                const [, name, double, single] = match as unknown as [string, string, string?, string?];
                const attributeAt = stryMutAct_9fa48("146") ? here + 1 + verb.length - match.index : (stryCov_9fa48("146"), (stryMutAct_9fa48("147") ? here + 1 - verb.length : (stryCov_9fa48("147"), (stryMutAct_9fa48("148") ? here - 1 : (stryCov_9fa48("148"), here + 1)) + verb.length)) + match.index);
                if (stryMutAct_9fa48("151") ? entries.every(([other]) => other === name) : stryMutAct_9fa48("150") ? false : stryMutAct_9fa48("149") ? true : (stryCov_9fa48("149", "150", "151"), entries.some(stryMutAct_9fa48("152") ? () => undefined : (stryCov_9fa48("152"), ([other]) => stryMutAct_9fa48("155") ? other !== name : stryMutAct_9fa48("154") ? false : stryMutAct_9fa48("153") ? true : (stryCov_9fa48("153", "154", "155"), other === name))))) {
                  if (stryMutAct_9fa48("156")) {
                    {}
                  } else {
                    stryCov_9fa48("156");
                    fail(stryMutAct_9fa48("157") ? `` : (stryCov_9fa48("157"), `duplicate attribute ${name}`), attributeAt);
                  }
                }
                stryMutAct_9fa48("158") ? at.set(`${path}@${name}`, attributeAt) : (stryCov_9fa48("158"), at?.set(stryMutAct_9fa48("159") ? `` : (stryCov_9fa48("159"), `${path}@${name}`), attributeAt));
                // Attribute-value normalization: literal tabs and newlines read as spaces; references do not.
                const value = decode((stryMutAct_9fa48("160") ? (double ?? single) && '' : (stryCov_9fa48("160"), (stryMutAct_9fa48("161") ? double && single : (stryCov_9fa48("161"), double ?? single)) ?? (stryMutAct_9fa48("162") ? "Stryker was here!" : (stryCov_9fa48("162"), '')))).replace(stryMutAct_9fa48("163") ? /[^\t\n]/g : (stryCov_9fa48("163"), /[\t\n]/g), stryMutAct_9fa48("164") ? "" : (stryCov_9fa48("164"), ' ')), attributeAt);
                entries.push(stryMutAct_9fa48("165") ? [] : (stryCov_9fa48("165"), [name, convert(verb, name, value)]));
              }
            }
            if (stryMutAct_9fa48("168") ? entries.length && verb !== 'Response' : stryMutAct_9fa48("167") ? false : stryMutAct_9fa48("166") ? true : (stryCov_9fa48("166", "167", "168"), entries.length || (stryMutAct_9fa48("170") ? verb === 'Response' : stryMutAct_9fa48("169") ? false : (stryCov_9fa48("169", "170"), verb !== (stryMutAct_9fa48("171") ? "" : (stryCov_9fa48("171"), 'Response')))))) open.attributes = Object.fromEntries(entries);
          }
        }
        if (stryMutAct_9fa48("174") ? end !== undefined || open?.verb !== end : stryMutAct_9fa48("173") ? false : stryMutAct_9fa48("172") ? true : (stryCov_9fa48("172", "173", "174"), (stryMutAct_9fa48("176") ? end === undefined : stryMutAct_9fa48("175") ? true : (stryCov_9fa48("175", "176"), end !== undefined)) && (stryMutAct_9fa48("178") ? open?.verb === end : stryMutAct_9fa48("177") ? true : (stryCov_9fa48("177", "178"), (stryMutAct_9fa48("179") ? open.verb : (stryCov_9fa48("179"), open?.verb)) !== end)))) {
          if (stryMutAct_9fa48("180")) {
            {}
          } else {
            stryCov_9fa48("180");
            fail(stryMutAct_9fa48("181") ? `` : (stryCov_9fa48("181"), `unexpected </${end}>${open ? stryMutAct_9fa48("182") ? `` : (stryCov_9fa48("182"), `, expected </${open.verb}>`) : stryMutAct_9fa48("183") ? "Stryker was here!" : (stryCov_9fa48("183"), '')}`), here);
          }
        }
        if (stryMutAct_9fa48("186") ? open || end !== undefined || selfClosing : stryMutAct_9fa48("185") ? false : stryMutAct_9fa48("184") ? true : (stryCov_9fa48("184", "185", "186"), open && (stryMutAct_9fa48("188") ? end !== undefined && selfClosing : stryMutAct_9fa48("187") ? true : (stryCov_9fa48("187", "188"), (stryMutAct_9fa48("190") ? end === undefined : stryMutAct_9fa48("189") ? false : (stryCov_9fa48("189", "190"), end !== undefined)) || selfClosing)))) {
          if (stryMutAct_9fa48("191")) {
            {}
          } else {
            stryCov_9fa48("191");
            stack.pop();
            const hasText = stryMutAct_9fa48("194") ? NOT_SPACE.test(open.text) && specOf(open.verb)?.content === 'text' : stryMutAct_9fa48("193") ? false : stryMutAct_9fa48("192") ? true : (stryCov_9fa48("192", "193", "194"), NOT_SPACE.test(open.text) || (stryMutAct_9fa48("196") ? specOf(open.verb)?.content !== 'text' : stryMutAct_9fa48("195") ? false : (stryCov_9fa48("195", "196"), (stryMutAct_9fa48("197") ? specOf(open.verb).content : (stryCov_9fa48("197"), specOf(open.verb)?.content)) === (stryMutAct_9fa48("198") ? "" : (stryCov_9fa48("198"), 'text')))));
            const node = shape(open.verb, open.attributes, hasText ? open.text : undefined, (stryMutAct_9fa48("202") ? open.children.length <= 0 : stryMutAct_9fa48("201") ? open.children.length >= 0 : stryMutAct_9fa48("200") ? false : stryMutAct_9fa48("199") ? true : (stryCov_9fa48("199", "200", "201", "202"), open.children.length > 0)) ? open.children : undefined);
            const parent = stack.at(stryMutAct_9fa48("203") ? +1 : (stryCov_9fa48("203"), -1));
            if (stryMutAct_9fa48("205") ? false : stryMutAct_9fa48("204") ? true : (stryCov_9fa48("204", "205"), parent)) parent.children.push(node);else document = node;
          }
        }
      }
    }
    const unclosed = stack.at(stryMutAct_9fa48("206") ? +1 : (stryCov_9fa48("206"), -1));
    if (stryMutAct_9fa48("208") ? false : stryMutAct_9fa48("207") ? true : (stryCov_9fa48("207", "208"), unclosed)) fail(stryMutAct_9fa48("209") ? `` : (stryCov_9fa48("209"), `<${unclosed.verb}> is never closed`), unclosed.start);
    return stryMutAct_9fa48("210") ? document && fail(OUTSIDE) : (stryCov_9fa48("210"), document ?? fail(OUTSIDE));
  }
}

/** 1-based line and column of `index` in `text`. */
function position(text: string, index: number): {
  line: number;
  column: number;
} {
  if (stryMutAct_9fa48("211")) {
    {}
  } else {
    stryCov_9fa48("211");
    const lines = stryMutAct_9fa48("212") ? text.split('\n') : (stryCov_9fa48("212"), text.slice(0, index).split(stryMutAct_9fa48("213") ? "" : (stryCov_9fa48("213"), '\n')));
    return stryMutAct_9fa48("214") ? {} : (stryCov_9fa48("214"), {
      line: lines.length,
      column: stryMutAct_9fa48("215") ? (lines.at(-1) as string).length - 1 : (stryCov_9fa48("215"), (lines.at(-1) as string).length + 1)
    });
  }
}