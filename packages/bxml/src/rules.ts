/**
 * Checks a node and everything inside it against the BXML rules. Works on any value, since
 * JavaScript callers and the parser hand over shapes TypeScript never saw.
 */
import type { BxmlProblem } from './errors';
import { childPath, isRecord, nameOf } from './node';
import { type LooseNode, show, specOf } from './spec';

/** Problems collected while checking; paths follow {@link BxmlProblem}. */
export type Problems = BxmlProblem[];

/**
 * Every problem of `node` (standing at `path`) and its subtree. A child found in `checked` was
 * checked whole already: only where it stands is checked again.
 */
export function checkTree(node: unknown, path: string, checked: readonly unknown[] = []): Problems {
  const problems: Problems = [];
  visit(node, () => path, problems, checked);
  return problems;
}

/** Makes a path only when a problem needs it: most nodes have none. */
type Where = () => string;

const push = (problems: Problems, at: Where, message: string, where = '') => {
  problems.push({ path: at() + where, message });
};

/** Checks `node`, standing at `at()`, pushing what is wrong to `problems`. */
function visit(node: unknown, at: Where, problems: Problems, checked: readonly unknown[]): void {
  const spec = isRecord(node) ? specOf(node.verb) : undefined;
  if (!spec) {
    push(problems, at, isRecord(node) ? `unknown verb ${show(node.verb)}` : 'is not a BXML verb');
    return;
  }
  const { verb, attributes, text, children } = node as LooseNode;
  const { content } = spec;

  if (verb !== 'Response' || attributes !== undefined) {
    if (!isRecord(attributes)) push(problems, at, 'attributes must be an object');
    else {
      for (const name in attributes) {
        const value = attributes[name];
        if (value === undefined) continue;
        // Only an own rule: `toString` or `__proto__` is no attribute.
        const rule = Object.hasOwn(spec.attributes, name) ? spec.attributes[name] : undefined;
        const message = rule ? rule.check(value) : `is not an attribute of ${verb}`;
        if (message)
          push(problems, at, rule ? `${message} (got ${show(value)})` : message, `@${name}`);
      }
      for (const name of spec.required) {
        if (attributes[name] === undefined) push(problems, at, 'is required', `@${name}`);
      }
      spec.extra?.(attributes, Array.isArray(children) ? children : [], (message, where) =>
        push(problems, at, message, where),
      );
    }
  }

  // What the verb holds: its kind of content, and nothing else.
  if (content === 'text') {
    const message = typeof text === 'string' ? spec.text?.(text) : 'must be a string';
    if (message) push(problems, at, `text ${message} (got ${show(text)})`);
  }
  if (
    (content !== 'text' && text !== undefined) ||
    (content === 'children' ? !Array.isArray(children) : children !== undefined)
  ) {
    push(
      problems,
      at,
      content === 'empty'
        ? 'must be empty'
        : `may hold ${content === 'text' ? 'text' : 'verbs'} only`,
    );
  }
  if (!Array.isArray(children) || content !== 'children') return;

  // Each child: allowed here, reachable, and valid in itself.
  const allowed = spec.children;
  let redirected = false;
  children.forEach((child: unknown, index: number) => {
    const name = nameOf(child);
    const childAt = () => childPath(at(), children, name, index);
    // The cheap look first: most children are allowed.
    if (!allowed.includes(name) && specOf(name))
      push(problems, childAt, `is not allowed in ${verb}`);
    if (redirected) push(problems, childAt, 'never runs: it follows a Redirect');
    redirected ||= verb === 'Response' && name === 'Redirect';
    if (!checked.includes(child)) visit(child, childAt, problems, checked);
  });
}
