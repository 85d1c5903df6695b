/**
 * Visiting every node of a document, with the same paths problems use.
 */
import { childPath } from './node';
import type { BxmlNode } from './verbs';

/**
 * Called for each node; return `false` to skip the node's children.
 *
 * @param node - the node visited.
 * @param path - its path, as in {@link BxmlProblem}: `Response/Transfer[0]/PhoneNumber[1]`.
 * @param parent - the node that holds it; `undefined` for the node the walk started at.
 */
export type BxmlVisitor = (node: BxmlNode, path: string, parent: BxmlNode | undefined) => unknown;

/**
 * Visits `node` and everything inside it, depth first, in document order.
 *
 * @example
 * ```ts
 * const urls: string[] = [];
 * walkBxml(doc, (node) => {
 *   if (node.verb === 'PlayAudio') urls.push(node.text);
 * });
 * ```
 */
export function walkBxml(node: BxmlNode, visit: BxmlVisitor): void {
  visitNode(node, node.verb, undefined, visit);
}

function visitNode(
  node: BxmlNode,
  path: string,
  parent: BxmlNode | undefined,
  visit: BxmlVisitor,
): void {
  if (visit(node, path, parent) === false || !('children' in node)) return;
  node.children.forEach((child, index, siblings) => {
    visitNode(child, childPath(path, siblings, child.verb, index), node, visit);
  });
}
