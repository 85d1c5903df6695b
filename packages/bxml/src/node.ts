/**
 * Making nodes in one canonical shape, so built and parsed values compare equal.
 */
import { type LooseNode, trimXml } from './spec';

/** An object that is not an array. */
export function isRecord(value: unknown): value is LooseNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A node of `verb` in canonical shape: `verb`, `attributes` (not on Response), then `text`
 * (trimmed) and `children` when given. Content the verb cannot hold is kept, so the rules can
 * report it.
 */
export function shape(
  verb: string,
  attributes: unknown,
  text: unknown,
  children: unknown,
): LooseNode {
  const node: LooseNode = { verb };
  // Without unset attributes. `attributes` is the caller's own: a builder's copy of what it was
  // given (spreading keeps even an own `__proto__` key, for the rules to refuse) or the parser's.
  if (verb !== 'Response' || attributes !== undefined) {
    const own = (attributes ?? {}) as LooseNode;
    for (const name in own) if (own[name] === undefined) delete own[name];
    node.attributes = own;
  }
  if (text !== undefined) node.text = typeof text === 'string' ? trimXml(text) : text;
  if (children !== undefined) node.children = children;
  return node;
}

/** A node's verb, or `?` when it has none. */
export const nameOf = (node: unknown): string =>
  isRecord(node) && typeof node.verb === 'string' ? node.verb : '?';

/**
 * The path of a child named `verb` under the node at `parent`, standing after the first `before`
 * of `siblings`: `Response/Gather[1]` when one Gather comes before it. Counting each time costs
 * nothing while no path is asked for, and paths are asked for only to report or visit.
 */
export function childPath(
  parent: string,
  siblings: readonly unknown[],
  verb: string,
  before = siblings.length,
): string {
  let index = 0;
  for (let i = 0; i < before; i++) if (nameOf(siblings[i]) === verb) index++;
  return `${parent}/${verb}[${index}]`;
}
