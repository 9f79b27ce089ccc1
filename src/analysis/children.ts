/**
 * Child fields of every node kind for the model pass: the parser's table (see
 * src/python/walk.ts), except that a signature's parameters come before their defaults,
 * the order the model pass relies on when it binds parameters.
 */
import type { AnyNode, NodeType } from '../python/ast';
import { CHILD_FIELDS as PYTHON_CHILD_FIELDS, forEachChild as forEachChildIn } from '../python/walk';

export const CHILD_FIELDS: Readonly<Record<NodeType, readonly string[]>> = {
  ...PYTHON_CHILD_FIELDS,
  arguments: ['posonlyargs', 'args', 'vararg', 'kwonlyargs', 'kwarg', 'defaults', 'kw_defaults'],
};

/** Calls `visit` for each direct child node of `node`. */
export function forEachChild(node: AnyNode, visit: (child: AnyNode) => void): void {
  forEachChildIn(node, visit, CHILD_FIELDS);
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { nodeType?: unknown }).nodeType === 'string';
}

/**
 * Pushes the direct children of `node` onto `stack` last-first, so that popping yields them in
 * `forEachChild` order: the allocation-free step of an explicit-stack pre-order walk.
 */
export function pushChildrenReversed(node: AnyNode, stack: AnyNode[]): void {
  const record = node as unknown as Record<string, unknown>;
  const fields = CHILD_FIELDS[node.nodeType];
  for (let f = fields.length - 1; f >= 0; f--) {
    const value = record[fields[f] as string];
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (isNode(item)) stack.push(item);
      }
    } else if (isNode(value)) {
      stack.push(value);
    }
  }
}
