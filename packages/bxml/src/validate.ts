/**
 * Whole-document checks: the rules of every node, plus the size limit of the serialized document.
 */
import type { BxmlProblem } from './errors';
import { isRecord } from './node';
import { type ReadResult, readBxml } from './parse';
import { checkTree, type Problems } from './rules';
import type { BxmlResponse } from './verbs';
import { writeXml } from './write';

/** The largest BXML document the platform accepts: 16 KB of UTF-8, XML declaration included. */
export const BXML_MAX_BYTES = 16 * 1024;

const encoder = new TextEncoder();

/** A problem when `xml` is over {@link BXML_MAX_BYTES} as UTF-8. */
function sizeProblems(xml: string): Problems {
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

/**
 * Where `response()` keeps the compact XML it wrote to measure the document: a non-enumerable
 * symbol, so JSON, deep equality and inspection never see it. (A WeakMap would do the same, but
 * costs the garbage collector far more per short-lived document.)
 */
const WRITTEN = Symbol('bxml');

/** Remembers the compact XML of a document `response()` checked. */
export function rememberChecked(document: object, xml: string): void {
  Object.defineProperty(document, WRITTEN, { value: xml });
}

/** The compact XML of a document `response()` checked, if `document` is one. */
export function checkedXml(document: unknown): string | undefined {
  return isRecord(document) ? (document as { [WRITTEN]?: string })[WRITTEN] : undefined;
}

/**
 * Checks a document value. The size is measured on the compact XML, written only when everything
 * else is right (a wrong value may not be writable); that XML is returned for reuse.
 */
export function checkDocument(document: unknown): { problems: Problems; xml?: string } {
  if (!isRecord(document) || document.verb !== 'Response') {
    return { problems: [{ path: '', message: 'a document must be a Response' }] };
  }
  const problems = checkTree(document, 'Response');
  if (problems.length > 0) return { problems };
  const xml = writeXml(document, false);
  return { problems: sizeProblems(xml), xml };
}

/**
 * Lists everything wrong with a document, given as a value or as XML text; an empty list means it
 * is valid. Covers well-formed XML (text only), known verbs and attributes, what each verb may
 * hold, required attributes, ranges and enumerations, rules between attributes, verbs after a
 * `Redirect` (never executed) and the {@link BXML_MAX_BYTES} limit. Never throws.
 *
 * Problems from text carry `line` and `column`, and come in document order.
 *
 * @example
 * ```ts
 * validateBxml('<Response><Gather maxDigits="500"/></Response>');
 * // [{ path: 'Response/Gather[0]@maxDigits', message: 'must be an integer from 1 to 128 (got 500)', line: 1, column: 19 },
 * //  { path: 'Response/Gather[0]@requestUrl', message: 'is required', line: 1, column: 11 }] (in document order)
 * ```
 */
export function validateBxml(documentOrXml: BxmlResponse | string): BxmlProblem[] {
  return typeof documentOrXml === 'string'
    ? checkText(documentOrXml).problems
    : checkDocument(documentOrXml).problems;
}

/** Reads and checks XML text; the size counted is the text's own. */
export function checkText(xml: string): ReadResult {
  const { document, problems } = readBxml(xml);
  return { document, problems: document ? [...problems, ...sizeProblems(xml)] : problems };
}
