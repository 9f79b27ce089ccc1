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
