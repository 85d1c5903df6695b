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
  // Parsing checks the document too: one reading for one that is fine (nearly all).
  const first = read(text);
  if ('response' in first) return { ok: true, response: first.response, dropped: 0 };
  let { problems } = first;
  const trimmed = withoutVerbsAfterRedirect(text, problems);
  if (trimmed !== undefined) {
    const again = read(trimmed);
    if ('response' in again) {
      return { ok: true, response: again.response, dropped: problems.length };
    }
    problems = again.problems;
  }
  return {
    ok: false,
    problems: problems.map((problem) => redactUrlPasswords(formatProblem(problem))),
  };
}

function read(xml: string): { response: BxmlResponse } | { problems: BxmlProblem[] } {
  try {
    return { response: parseBxml(xml) };
  } catch (error) {
    return {
      problems: (error as { problems?: BxmlProblem[] }).problems ?? [
        { path: '', message: String(error) },
      ],
    };
  }
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
