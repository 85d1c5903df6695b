/**
 * The two conversions between values and XML text.
 */
import { throwProblems } from './errors';
import { readBxml } from './parse';
import { WRITTEN, writeChecked } from './validate';
import type { BxmlResponse } from './verbs';

/** Options of {@link toXml}. */
export interface ToXmlOptions {
  /** Put each element on its own line, indented by two spaces. @defaultValue `false` */
  readonly pretty?: boolean;
}

/**
 * Writes a document as BXML text: the XML declaration, then `<Response>…</Response>`. Attributes
 * come in the order of the BXML reference whatever the order of the object's keys; numbers are
 * decimal, booleans `true`/`false`; every text and attribute value is escaped.
 *
 * The document is checked first, and a value `validateBxml` would fault throws instead of being
 * written. (The compact text of a document made by `response()` was checked and written then,
 * and is reused: documents are immutable by convention.)
 *
 * @throws {@link BxmlError} when the value is not a valid document.
 * @example
 * ```ts
 * toXml(response(speakSentence('Goodbye'), hangup()));
 * // '<?xml version="1.0" encoding="UTF-8"?><Response><SpeakSentence>Goodbye</SpeakSentence><Hangup/></Response>'
 * ```
 */
export function toXml(document: BxmlResponse, options: ToXmlOptions = {}): string {
  return options.pretty
    ? writeChecked(document, true)
    : ((document as { [WRITTEN]?: string } | undefined)?.[WRITTEN] ?? writeChecked(document));
}

/**
 * Reads BXML text into the same values the builders make (deep-equal to a built document:
 * numbers and booleans restored, text trimmed of surrounding whitespace), so
 * `parseBxml(toXml(d))` deep-equals `d`.
 *
 * @throws {@link BxmlError} with every problem, each with `line` and `column`, when the text is
 * not well-formed XML or breaks a BXML rule ({@link validateBxml} lists the same problems).
 */
export function parseBxml(xml: string): BxmlResponse {
  // Without a document, reading found a problem.
  const { document, problems } = readBxml(xml);
  throwProblems(problems);
  return document as unknown as BxmlResponse;
}
