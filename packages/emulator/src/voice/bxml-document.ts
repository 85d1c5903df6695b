import { type BxmlProblem, type BxmlResponse, parseBxml, validateBxml } from '@bw/bxml';
import { redactUrlPasswords } from '../redaction';

/** What checking a document's text gave. */
export type CheckedDocument =
  /** A document to run; `dropped` verbs after a `<Redirect>` were cut off. */
  | { ok: true; response: BxmlResponse; dropped: number }
  /** Why it cannot run, as `line:column path: message` (credentials removed). */
  | { ok: false; problems: string[] };

const AFTER_REDIRECT = /follows a Redirect$/;
const TOP_LEVEL_PATH = /^Response\/[A-Za-z]+\[\d+\]$/;

/**
 * Parses and validates BXML text with `@bw/bxml` (well-formed XML, known verbs, nesting,
 * attributes, ranges, the 16 KB limit). Verbs after a `<Redirect>` are the one problem
 * tolerated: the platform never runs them, so they are cut off instead of refusing the
 * document.
 */
export function checkDocumentText(text: string): CheckedDocument {
  let xml = text;
  let problems = validateBxml(xml);
  let dropped = 0;
  if (problems.length > 0) {
    const trimmed = withoutVerbsAfterRedirect(xml, problems);
    if (trimmed !== undefined) {
      dropped = problems.length;
      xml = trimmed;
      problems = [];
    }
  }
  if (problems.length === 0) {
    try {
      return { ok: true, response: parseBxml(xml), dropped };
    } catch (error) {
      problems = (error as { problems?: BxmlProblem[] }).problems ?? [
        { path: '', message: String(error) },
      ];
    }
  }
  return {
    ok: false,
    problems: problems.map((problem) => redactUrlPasswords(formatProblem(problem))),
  };
}

function formatProblem(problem: BxmlProblem): string {
  const at = problem.line === undefined ? '' : `${problem.line}:${problem.column} `;
  return `${at}${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
}

/**
 * When the only problems are top-level verbs after a `<Redirect>`, the document cut before
 * the first of them (and closed again); otherwise undefined.
 */
function withoutVerbsAfterRedirect(
  xml: string,
  problems: readonly BxmlProblem[],
): string | undefined {
  const first = problems[0];
  const onlyAfterRedirect = problems.every(
    (problem) => AFTER_REDIRECT.test(problem.message) && TOP_LEVEL_PATH.test(problem.path),
  );
  if (!first || !onlyAfterRedirect || first.line === undefined || first.column === undefined) {
    return undefined;
  }
  let offset = 0;
  for (let line = 1; line < first.line; line++) {
    const next = xml.indexOf('\n', offset);
    if (next === -1) return undefined;
    offset = next + 1;
  }
  offset += first.column - 1;
  if (xml[offset] !== '<') return undefined;
  const cut = `${xml.slice(0, offset)}</Response>`;
  return validateBxml(cut).length === 0 ? cut : undefined;
}
