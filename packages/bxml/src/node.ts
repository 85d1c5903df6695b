/**
 * Making nodes in one canonical shape, so built and parsed values compare equal.
 */
import { type LooseNode, specOf, trimXml } from './spec';

/** An object that is not an array. */
export function isRecord(value: unknown): value is LooseNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A node of `verb` in canonical shape: `verb`, `attributes` (not on Response), then `text`
 * (trimmed) or `children`. Content the verb cannot hold is kept, so the rules can report it.
 */
export function shape(
  verb: string,
  attributes: unknown,
  text: unknown,
  children: unknown,
): LooseNode {
  const content = specOf(verb)?.content;
  const node: LooseNode = { verb };
  // A copy without unset attributes, so the caller's object stays theirs; spreading keeps even
  // an own `__proto__` key, for the rules to refuse.
  if (verb !== 'Response' || attributes !== undefined) {
    const copy: LooseNode = isRecord(attributes)
      ? { ...attributes }
      : ((attributes ?? {}) as LooseNode);
    for (const name in copy) if (copy[name] === undefined) delete copy[name];
    node.attributes = copy;
  }
  if (content === 'text' || text !== undefined) {
    node.text = typeof text === 'string' ? trimXml(text) : text;
  }
  if (content === 'children' || children !== undefined) node.children = children ?? [];
  return node;
}

/**
 * The path of the next child named `verb` under `parent`, counting in `seen` how many of that
 * name came before it: `Response/Gather[1]`.
 */
export function pathOf(seen: Map<string, number>, parent: string, verb: string): string {
  const index = seen.get(verb) ?? 0;
  seen.set(verb, index + 1);
  return `${parent}/${verb}[${index}]`;
}
