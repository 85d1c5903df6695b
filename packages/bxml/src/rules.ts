/**
 * Checks a node and everything inside it against the BXML rules, and writes it as XML text in
 * the same walk. Works on any value, since JavaScript callers and the parser hand over shapes
 * TypeScript never saw; the text is meaningful only when no problem was found.
 */
import type { BxmlProblem } from './errors';
import { childPath, isRecord, nameOf } from './node';
import { type LooseNode, type Report, show, specOf } from './spec';
import { escapeText } from './write';

/** Problems collected while checking; paths follow {@link BxmlProblem}. */
export type Problems = BxmlProblem[];

/**
 * Pushes every problem of `node` (standing at `path`) and its subtree to `problems`; returns its
 * XML, where `newline` is empty (compact) or a newline and the node's indentation. `checked`
 * lists verbs checked whole already, each followed by its compact XML: such a child is checked
 * only for where it stands, and its XML is reused. Without `newline` (reading), what is returned
 * is not used, and texts are not escaped for it.
 */
export function checkTree(
  node: unknown,
  path: string,
  problems: Problems,
  newline?: string,
  checked: readonly unknown[] = [],
): string {
  return visit(
    node,
    (message, where = '') => {
      problems.push({ path: path + where, message });
    },
    newline,
    checked,
  );
}

/**
 * Checks `node`, reporting what is wrong to `report` (which adds where the node stands: a path is
 * made only when a problem needs it, and most nodes have none); writes it.
 */
function visit(
  node: unknown,
  report: Report,
  newline: string | undefined,
  checked: readonly unknown[],
): string {
  const spec = isRecord(node) ? specOf(node.verb) : undefined;
  if (!spec) {
    report(isRecord(node) ? `unknown verb ${show(node.verb)}` : 'is not a BXML verb');
    return '';
  }
  const { verb, attributes, text, children } = node as LooseNode;
  const { content } = spec;
  // Names come only from the rules, so no value can write markup.
  let xml = spec.open;

  if (verb !== 'Response' || attributes !== undefined) {
    if (!isRecord(attributes)) report('attributes must be an object');
    else {
      // How many set attributes no rule has read yet.
      let unread = 0;
      for (const name in attributes) if (attributes[name] !== undefined) unread++;
      // Each attribute in the order of the rules, whatever the order of the object's keys: read
      // once, checked, and written as read (a value that passed a rule not marked `escaped`, a
      // number, a boolean or a name from a list, holds nothing to escape).
      for (const [name, rule, open] of spec.opens) {
        const value = attributes[name];
        if (value === undefined) continue;
        unread--;
        const message = rule.check(value);
        if (message) report(`${message} (got ${show(value)})`, `@${name}`);
        else xml += open + (rule.escaped ? escapeText(value as string) : value) + '"';
      }
      // Names no rule has, looked for only when there are some.
      if (unread) {
        for (const name in attributes) {
          if (attributes[name] !== undefined && !spec.attributes.has(name)) {
            report(`is not an attribute of ${verb}`, `@${name}`);
          }
        }
      }
      for (const name of spec.required) {
        if (attributes[name] === undefined) report('is required', `@${name}`);
      }
      spec.extra?.(attributes, Array.isArray(children) ? children : [], report);
    }
  }

  // What the verb holds: its kind of content, and nothing else.
  if (content === 'text') {
    const message = typeof text === 'string' ? spec.text?.(text) : 'must be a string';
    if (message) report(`text ${message} (got ${show(text)})`);
  }
  if (
    (content !== 'text' && text !== undefined) ||
    (content === 'children' ? !Array.isArray(children) : children !== undefined)
  ) {
    report(
      content === 'empty'
        ? 'must be empty'
        : `may hold ${content === 'text' ? 'text' : 'verbs'} only`,
    );
  }
  if (!Array.isArray(children) || content !== 'children') {
    return typeof text === 'string' && newline !== undefined
      ? xml + '>' + escapeText(text) + spec.close
      : xml + '/>';
  }

  // Each child: allowed here, reachable, and valid in itself.
  const allowed = spec.children;
  // (`undefined` when reading: what is written then is not used.)
  const inner = (newline && newline + '  ') as string;
  let inside = '';
  let redirected = false;
  // Where to look in `checked`: children are built in order, so each is found after the one
  // before it (one found elsewhere, or not at all, is checked again: that only takes longer).
  // Verbs stand at even places and their XML at odd ones: a child found at an odd place is a
  // string equal to some verb's XML, no verb, and is checked as what it is.
  let from = 0;
  children.forEach((child: unknown, index: number) => {
    const name = nameOf(child);
    const childReport: Report = (message, where = '') =>
      report(message, childPath('', children, name, index) + where);
    // The cheap look first: most children are allowed.
    if (!allowed.includes(name) && specOf(name)) childReport(`is not allowed in ${verb}`);
    if (redirected) childReport('never runs: it follows a Redirect');
    redirected ||= verb === 'Response' && name === 'Redirect';
    from = checked.indexOf(child, from) + 1;
    inside +=
      inner + (from % 2 ? (checked[from] as string) : visit(child, childReport, inner, checked));
  });
  // An empty Gather closes itself; an empty Response is still a document.
  return inside || verb === 'Response' ? xml + '>' + inside + newline + spec.close : xml + '/>';
}
