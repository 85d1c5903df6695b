/**
 * One thing wrong with a document.
 *
 * `path` names the element from the root, each step indexed among the siblings with the same
 * verb name (as in XPath, so inserting another kind of verb never renumbers): `Response/Gather[0]`
 * is the first Gather, `Response/Gather[1]/SpeakSentence[0]` the first sentence of the second.
 * `@name` points at an attribute. A verb built on its own has a path that starts at that verb
 * (`Gather@maxDigits`). `line` and `column` (1-based) are set when the problem was found in XML text.
 */
export interface BxmlProblem {
  /** Where, for example `Response/Gather[0]@maxDigits`. */
  readonly path: string;
  /** Why, for example `must be an integer from 1 to 128 (got 500)`. */
  readonly message: string;
  /** Line in the XML text, when the document came from text. */
  readonly line?: number;
  /** Column in the XML text, when the document came from text. */
  readonly column?: number;
}

/**
 * Thrown by the builders, `toXml` and `parseBxml` when a document breaks a BXML rule or is not
 * well-formed XML. The message describes the first problem; `problems` lists them all.
 */
export class BxmlError extends Error {
  override readonly name = 'BxmlError';
  /** Every problem found, element by element in document order. */
  declare readonly problems: readonly BxmlProblem[];

  constructor(problems: readonly BxmlProblem[]) {
    const { line, column, path, message } = problems[0] ?? { path: '', message: '' };
    // `line:column path: message`, leaving out what is unknown.
    super(`${line ? `${line}:${column} ` : ''}${path ? `${path}: ` : ''}${message}`);
    this.problems = problems;
  }
}

/** Throws a {@link BxmlError} when `problems` lists any. */
export function throwProblems(problems: readonly BxmlProblem[]): void {
  if (problems.length > 0) throw new BxmlError(problems);
}
