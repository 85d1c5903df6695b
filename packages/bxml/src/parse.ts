/**
 * A small, strict XML reader for BXML. It accepts what XML 1.0 allows in a BXML document (the XML
 * declaration, comments, CDATA, the five entities and character references) and refuses a
 * DOCTYPE (so no entity can expand) and processing instructions. Malformed XML stops reading with
 * a line:column; everything else (unknown verbs, bad nesting, bad attributes) is collected.
 */
import { BxmlError, type BxmlProblem } from './errors';
import { pathOf, shape } from './node';
import { checkTree } from './rules';
import { type LooseNode, own, specOf } from './spec';
import { sizeProblems } from './write';

/** What reading produced: the document when the XML was well-formed, and every problem found. */
export interface ReadResult {
  readonly document?: LooseNode;
  readonly problems: BxmlProblem[];
}

/** An element being read. */
interface Open {
  readonly verb: string;
  readonly path: string;
  readonly attributes: LooseNode | undefined;
  readonly children: LooseNode[];
  readonly counts: Map<string, number>;
  text: string;
}

const NAME = '[A-Za-z_:][\\w.:-]*';
/** One token: comment, CDATA, XML declaration, end tag, start tag, or text. */
const TOKEN = new RegExp(
  `<!--[\\s\\S]*?-->|<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|(<\\?xml\\s[\\s\\S]*?\\?>)|</(${NAME})\\s*>|<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>|([^<]+)`,
  'y',
);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const REFERENCE = /&(?:#(\d+)|#x([\da-fA-F]+)|(lt|gt|amp|quot|apos));|&/g;
const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};
const NUMBER = /^[+-]?\d+$/;
const NOT_SPACE = /[^ \t\n\r]/;
const OUTSIDE = 'a document is one <Response> and comments';

/** Reads an attribute's text as the type its rule expects; what does not fit stays text for the rules to reject. */
function convert(verb: string, name: string, text: string): unknown {
  const type = own(specOf(verb)?.attributes ?? {}, name)?.type;
  if (type === 'number' && NUMBER.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * Reads BXML text into a document (canonical shape) and its problems. Whatever an element holds
 * goes into its node, even what its verb cannot hold (and unknown verbs stay as they are), so the
 * rules report it all with paths; `at` maps each path back to its position.
 */
export function readBxml(input: string): ReadResult {
  // XML end-of-line handling; lines and columns stay the same since only CRs go.
  const src = String(input).replace(/\r\n?/g, '\n');
  const at = new Map<string, number>();
  const stack: Open[] = [];
  let document: LooseNode | undefined;
  let i = 0;
  /** The element whose start tag is being read, if any: problems there are its own. */
  let reading: string | undefined;
  const fail = (message: string, index = i): never => {
    const path = reading ?? stack[stack.length - 1]?.path ?? '';
    throw new BxmlError([{ path, message, ...position(src, index) }]);
  };
  /**
   * Replaces references, refusing a bare `&`. A reference to a character XML forbids is read as
   * that character, for the rules to refuse with a path.
   */
  const decode = (raw: string, offset: number): string =>
    raw.replace(
      REFERENCE,
      (reference: string, decimal?: string, hex?: string, entity?: string, index = 0) => {
        const code =
          decimal || hex ? Number.parseInt((decimal ?? hex) as string, decimal ? 10 : 16) : -1;
        if (entity) return ENTITIES[entity] as string;
        if (code < 0 || code > 0x10ffff) fail(`bad reference ${reference}`, offset + index);
        return String.fromCodePoint(code);
      },
    );

  try {
    while (i < src.length) {
      TOKEN.lastIndex = i;
      const token =
        TOKEN.exec(src) ??
        fail('malformed markup (BXML allows no DOCTYPE or processing instruction)');
      const [whole, cdata, declaration, end, verb, attributes, selfClosing, text] = token;
      let open = stack[stack.length - 1];
      const here = i;
      i += whole.length;
      // A comment matches no group: nothing to keep.
      if (declaration !== undefined) {
        if (here) fail(OUTSIDE, here);
      } else if (text !== undefined || cdata !== undefined) {
        const chunk = cdata ?? decode(text as string, here);
        // Whitespace between pieces of text is kept; the node trims it at both ends.
        if (open) open.text += chunk;
        else if (NOT_SPACE.test(chunk)) fail(OUTSIDE, here);
      } else if (verb !== undefined) {
        if (!open && (document || verb !== 'Response')) fail(OUTSIDE, here);
        const path = open ? pathOf(open.counts, open.path, verb) : verb;
        at.set(path, here);
        const entries: [string, unknown][] = [];
        reading = path;
        for (const match of (attributes as string).matchAll(ATTRIBUTE)) {
          const [, name, double, single] = match as unknown as [string, string, string?, string?];
          const attributeAt = here + 1 + verb.length + (match.index ?? 0);
          const key = `${path}@${name}`;
          if (at.has(key)) fail(`duplicate attribute ${name}`, attributeAt);
          at.set(key, attributeAt);
          // Attribute-value normalization: literal tabs and newlines read as spaces; references do not.
          const value = decode((double ?? single ?? '').replace(/[\t\n]/g, ' '), attributeAt);
          entries.push([name, convert(verb, name, value)]);
        }
        reading = undefined;
        open = {
          verb,
          path,
          attributes:
            entries.length || verb !== 'Response' ? Object.fromEntries(entries) : undefined,
          children: [],
          counts: new Map(),
          text: '',
        };
        stack.push(open);
      }
      if (end !== undefined && open?.verb !== end) {
        fail(`unexpected </${end}>${open ? `, expected </${open.verb}>` : ''}`, here);
      }
      if (open && (end !== undefined || selfClosing)) {
        stack.pop();
        const hasText = NOT_SPACE.test(open.text) || specOf(open.verb)?.content === 'text';
        const node = shape(
          open.verb,
          open.attributes,
          hasText ? open.text : undefined,
          open.children.length > 0 ? open.children : undefined,
        );
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(node);
        else document = node;
      }
    }
    const unclosed = stack[stack.length - 1];
    if (unclosed) fail(`<${unclosed.verb}> is never closed`, at.get(unclosed.path));
    if (!document) fail(OUTSIDE);
  } catch (error) {
    if (!(error instanceof BxmlError)) throw error;
    return { problems: [...error.problems] };
  }

  // The rules walk the tree in document order, so the problems come in that order too; the
  // size counted is the text's own.
  return {
    document,
    problems: [
      ...checkTree(document, 'Response').map((problem) => ({
        ...problem,
        ...position(src, at.get(problem.path) ?? at.get(problem.path.replace(/@.*/, '')) ?? 0),
      })),
      ...sizeProblems(String(input)),
    ],
  };
}

/** 1-based line and column of `index` in `text`. */
function position(text: string, index: number): { line: number; column: number } {
  const lines = text.slice(0, index).split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] as string).length + 1 };
}
