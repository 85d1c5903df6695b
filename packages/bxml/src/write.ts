/**
 * Writes a checked document as XML text. Escaping is unconditional: `& < > " '` become entity
 * references everywhere, and tabs, newlines and carriage returns become character references so
 * a parser reads back exactly the same value; names come only from the rules. Also the limit on
 * the size of what is written.
 */
import { BxmlError, type BxmlProblem } from './errors';
import { type LooseNode, specOf } from './spec';

/** The XML declaration every document starts with. */
export const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** The name of the entity that stands for each of the five characters XML reserves. */
export const ENTITY_NAMES: Readonly<Record<string, string>> = {
  '&': 'amp',
  '<': 'lt',
  '>': 'gt',
  '"': 'quot',
  "'": 'apos',
};
/** An entity for the five, a character reference for tab, newline and carriage return. */
const replaceWith = (character: string) =>
  `&${ENTITY_NAMES[character] ?? `#${character.charCodeAt(0)}`};`;
const SPECIAL = /[&<>"'\t\n\r]/g;
/**
 * Escapes `text`; most text has nothing to escape, and a search is cheaper than a replace.
 * (`search`, unlike `test`, ignores the `lastIndex` a global pattern keeps.)
 */
const escapeText = (text: string) =>
  text.search(SPECIAL) < 0 ? text : text.replace(SPECIAL, replaceWith);

/** Writes `<?xml …?><Response>…</Response>`; `pretty` puts each element on its own line, indented by two spaces. */
export function writeXml(document: object, pretty: boolean): string {
  const newline = pretty ? '\n' : '';
  return DECLARATION + newline + writeElement(document as LooseNode, newline);
}

/** `newline` is empty when compact, else a newline and the element's own indentation. */
function writeElement(node: LooseNode, newline: string): string {
  const verb = node.verb as string;
  const spec = specOf(verb);
  // Only checked documents get here; this keeps even a value changed since then from writing markup.
  if (!spec) throw new BxmlError([{ path: '', message: 'unknown verb' }]);
  let xml = '<' + verb;
  const attributes = node.attributes as LooseNode | undefined;
  if (attributes) {
    for (const name in spec.attributes) {
      const value = attributes[name];
      if (value !== undefined) xml += ' ' + name + '="' + escapeText(String(value)) + '"';
    }
  }
  const { text, children } = node;
  if (typeof text === 'string') return xml + '>' + escapeText(text) + '</' + verb + '>';
  if (!Array.isArray(children) || (children.length === 0 && verb !== 'Response')) return xml + '/>';
  const inner = newline && newline + '  ';
  xml += '>';
  for (const child of children) xml += inner + writeElement(child, inner);
  return xml + newline + '</' + verb + '>';
}

/** The largest BXML document the platform accepts: 16 KB of UTF-8, XML declaration included. */
export const BXML_MAX_BYTES = 16 * 1024;

const encoder = new TextEncoder();

/** A problem when `xml` is over {@link BXML_MAX_BYTES} as UTF-8. */
export function sizeProblems(xml: string): BxmlProblem[] {
  // UTF-8 spends at most 3 bytes per UTF-16 code unit: short documents need no encoding.
  const bytes = xml.length * 3 > BXML_MAX_BYTES ? encoder.encode(xml).length : 0;
  return bytes > BXML_MAX_BYTES
    ? [
        {
          path: 'Response',
          message: `is ${bytes} bytes serialized; at most ${BXML_MAX_BYTES} are allowed`,
        },
      ]
    : [];
}
