/**
 * Whole-document checks: the rules of every node, plus the size limit of the serialized document.
 */
import { type BxmlProblem, throwProblems } from './errors';
import { isRecord } from './node';
import { readBxml } from './parse';
import { checkTree, type Problems } from './rules';
import type { BxmlResponse } from './verbs';
import { DECLARATION, sizeProblems } from './write';

/**
 * Where `response()` keeps the compact XML it wrote to measure the document, for `toXml` to reuse:
 * a non-enumerable symbol, so JSON, deep equality and inspection never see it. (A WeakMap would
 * do the same, but costs the garbage collector far more per short-lived document.)
 */
export const WRITTEN = Symbol();

/**
 * Checks a document value and writes it, compact or `pretty` (each element on its own line,
 * indented by two spaces): every problem, and the XML when there is none. `checked` lists verbs
 * checked already, each followed by its XML (see {@link checkTree}).
 */
export function checkDocument(
  document: unknown,
  pretty = false,
  checked?: readonly unknown[],
): { problems: Problems; xml?: string } {
  if (!isRecord(document) || document.verb !== 'Response') {
    return { problems: [{ path: '', message: 'must be a Response' }] };
  }
  const problems: Problems = [];
  const newline = pretty ? '\n' : '';
  const xml = DECLARATION + newline + checkTree(document, 'Response', problems, newline, checked);
  if (problems.length > 0) return { problems };
  // The limit holds for the compact text, which is the pretty text without the newline and
  // indentation before each tag (a value's own newlines are written as references).
  return { problems: sizeProblems(pretty ? xml.replace(/\n */g, '') : xml), xml };
}

/** The XML of a document that passes {@link checkDocument}; else throws what is wrong. */
export function writeChecked(
  document: unknown,
  pretty?: boolean,
  checked?: readonly unknown[],
): string {
  const { problems, xml } = checkDocument(document, pretty, checked);
  throwProblems(problems);
  return xml as string;
}

/**
 * Lists everything wrong with a document, given as a value or as XML text; an empty list means it
 * is valid. Covers well-formed XML (text only), known verbs and attributes, what each verb may
 * hold, required attributes, ranges and enumerations, rules between attributes, verbs after a
 * `Redirect` (never executed) and the {@link BXML_MAX_BYTES} limit. Never throws.
 *
 * Problems come element by element in document order (within an element, its attributes in the
 * reference's order, then names it does not have, then missing ones); those found in text carry
 * `line` and `column`.
 *
 * @example
 * ```ts
 * validateBxml('<Response><Gather maxDigits="500"/></Response>');
 * // [{ path: 'Response/Gather[0]@maxDigits', message: 'must be an integer from 1 to 128 (got 500)', line: 1, column: 19 },
 * //  { path: 'Response/Gather[0]@requestUrl', message: 'is required', line: 1, column: 11 }]
 * ```
 */
export function validateBxml(documentOrXml: BxmlResponse | string): BxmlProblem[] {
  return typeof documentOrXml === 'string'
    ? readBxml(documentOrXml).problems
    : checkDocument(documentOrXml).problems;
}
