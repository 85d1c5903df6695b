/**
 * How values are written: escaping, which is unconditional (`& < > " '` become entity references
 * everywhere, and tabs, newlines and carriage returns become character references so a parser
 * reads back exactly the same value), the XML declaration, and the limit on the size of what is
 * written. Elements are written by the rules (`rules.ts`) as they check them, so names come only
 * from the rules.
 */
import type { BxmlProblem } from './errors';

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
/** Any character that is written escaped. */
const SPECIAL = /[&<>"'\t\n\r]/;
/** The same, every one (for `replace`). */
const EVERY_SPECIAL = new RegExp(SPECIAL, 'g');
/**
 * Escapes `text`; most text has nothing to escape, and looking (with a pattern that keeps no
 * `lastIndex`) is cheaper than replacing.
 */
export const escapeText = (text: string) =>
  SPECIAL.test(text) ? text.replace(EVERY_SPECIAL, replaceWith) : text;

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
