/**
 * A small, strict XML reader for BXML. It accepts what XML 1.0 allows in a BXML document (the XML
 * declaration, comments, CDATA, the five entities and character references) and refuses a
 * DOCTYPE (so no entity can expand) and processing instructions. Malformed XML stops reading with
 * a line:column; everything else (unknown verbs, bad nesting, bad attributes) is collected.
 */
import { BxmlError, type BxmlProblem } from './errors';
import { childPath, shape } from './node';
import { checkTree, type Problems } from './rules';
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

const NAME = '[A-Za-z_:][\\w.:-]*';
/** One token: comment, CDATA, XML declaration, end tag, start tag, or text. */
const TOKEN = new RegExp(
  `<!--[\\s\\S]*?-->|<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|(<\\?xml\\s[\\s\\S]*?\\?>)|</(${NAME})\\s*>|<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>|([^<]+)`,
  'y',
);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const REFERENCE = /&(?:#(\d+)|#x([\da-fA-F]+)|(lt|gt|amp|quot|apos));|&/g;
const NUMBER = /^[+-]?\d+$/;
const NOT_SPACE = /[^ \t\n\r]/;
const TAB_OR_NEWLINE = /[\t\n]/g;
const OUTSIDE = 'a document is one <Response> and comments';

/** Reads an attribute's text as the type its rule expects; what does not fit stays text for the rules to reject. */
function convert(verb: string, name: string, text: string): unknown {
  const type = specOf(verb)?.attributes.get(name)?.type;
  if (type === 'number' && NUMBER.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * Reads BXML text into a document (canonical shape) and its problems. Whatever an element holds
 * goes into its node, even what its verb cannot hold (and unknown verbs stay as they are), so the
 * rules report it all with paths.
 */
export function readBxml(input: string): ReadResult {
  const original = String(input);
  // XML end-of-line handling; lines and columns stay the same since only CRs go.
  const src = original.replace(/\r\n?/g, '\n');
  let document: LooseNode;
  try {
    document = read(src);
  } catch (error) {
    if (!(error instanceof BxmlError)) throw error;
    return { problems: [...error.problems] };
  }
  // The rules walk the tree in document order, so the problems come in that order too. Positions
  // cost a second reading, paid only when a problem needs them. The size counted is the text's own.
  const problems: Problems = [];
  checkTree(document, 'Response', problems);
  const at = new Map<string, number>();
  if (problems.length > 0) read(src, at);
  return {
    document,
    problems: [
      ...problems.map((problem) => ({
        ...problem,
        ...position(src, at.get(problem.path) ?? at.get(problem.path.replace(/@.*/, '')) ?? 0),
      })),
      ...sizeProblems(original),
    ],
  };
}

/** The path of the innermost element of `stack`. */
function pathTo(stack: readonly Open[]): string {
  return stack.reduce(
    (path, open, depth) =>
      depth ? childPath(path, (stack[depth - 1] as Open).children, open.verb) : open.verb,
    '',
  );
}

/**
 * Reads well-formed XML into a document, or throws a {@link BxmlError} with the line:column of
 * the first thing that is not; given `at`, also maps each element's and attribute's path to its
 * position.
 */
function read(src: string, at?: Map<string, number>): LooseNode {
  const stack: Open[] = [];
  let document: LooseNode | undefined;
  let i = 0;
  const fail = (message: string, index = i): never => {
    throw new BxmlError([{ path: pathTo(stack), message, ...position(src, index) }]);
  };
  /**
   * Replaces references, refusing a bare `&`. A reference to a character XML forbids is read as
   * that character, for the rules to refuse with a path.
   */
  const decode = (raw: string, offset: number): string =>
    // Most text holds no reference: looking costs far less than replacing.
    !raw.includes('&')
      ? raw
      : raw.replace(
          REFERENCE,
          (reference: string, decimal?: string, hex?: string, entity?: string, index = 0) => {
            // The writer's table, read backwards.
            if (entity) {
              return Object.keys(ENTITY_NAMES).find(
                (key) => ENTITY_NAMES[key] === entity,
              ) as string;
            }
            // NaN for a bare `&`.
            const code = Number.parseInt(decimal ?? hex ?? '', decimal ? 10 : 16);
            if (!(code <= 0x10ffff)) fail(`bad reference ${reference}`, offset + index);
            return String.fromCodePoint(code);
          },
        );

  while (i < src.length) {
    TOKEN.lastIndex = i;
    const token =
      TOKEN.exec(src) ??
      fail('malformed markup (BXML allows no DOCTYPE or processing instruction)');
    const [whole, cdata, declaration, end, verb, attributes, selfClosing, text] = token;
    let open = stack.at(-1);
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
      // Open from its start tag on, so that problems there are its own.
      open = { verb, start: here, children: [], text: '' };
      stack.push(open);
      const path = at && pathTo(stack);
      at?.set(path as string, here);
      let attributesOf: Record<string, unknown> | undefined;
      // `exec` in a loop: `matchAll` copies the pattern on every call.
      ATTRIBUTE.lastIndex = 0;
      for (
        let match = ATTRIBUTE.exec(attributes as string);
        match;
        match = ATTRIBUTE.exec(attributes as string)
      ) {
        const [, name, double, single] = match as unknown as [string, string, string?, string?];
        const attributeAt = here + 1 + verb.length + match.index;
        attributesOf ??= {};
        if (Object.hasOwn(attributesOf, name)) fail(`duplicate attribute ${name}`, attributeAt);
        at?.set(`${path}@${name}`, attributeAt);
        // Attribute-value normalization: literal tabs and newlines read as spaces; references do not.
        const value = convert(
          verb,
          name,
          decode((double ?? single ?? '').replace(TAB_OR_NEWLINE, ' '), attributeAt),
        );
        // A computed key makes an own property even of `__proto__`, which an assignment would
        // take as the prototype.
        if (name === '__proto__') attributesOf = { ...attributesOf, [name]: value };
        else attributesOf[name] = value;
      }
      if (attributesOf || verb !== 'Response') open.attributes = attributesOf ?? {};
    }
    if (end !== undefined && open?.verb !== end) {
      fail(`unexpected </${end}>${open ? `, expected </${open.verb}>` : ''}`, here);
    }
    if (open && (end !== undefined || selfClosing)) {
      stack.pop();
      // Text and children where the verb holds them (empty, then) or where they are found.
      const content = specOf(open.verb)?.content;
      const node = shape(
        open.verb,
        open.attributes,
        content === 'text' || NOT_SPACE.test(open.text) ? open.text : undefined,
        content === 'children' || open.children.length > 0 ? open.children : undefined,
      );
      const parent = stack.at(-1);
      if (parent) parent.children.push(node);
      else document = node;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) fail(`<${unclosed.verb}> is never closed`, unclosed.start);
  return document ?? fail(OUTSIDE);
}

/** 1-based line and column of `index` in `text`. */
function position(text: string, index: number): { line: number; column: number } {
  const lines = text.slice(0, index).split('\n');
  return { line: lines.length, column: (lines.at(-1) as string).length + 1 };
}
