/**
 * Nodes of one kind inside a source range, from the model's per-kind index (which is in source
 * order, so a binary search finds the first one): rules that ask "which calls are in this function
 * / before this statement" once per candidate would otherwise scan every call of the module each
 * time, which made them quadratic in the size of the file.
 */
import type { NodeType } from '../../src/python/ast';
import type { NodeOfType, SemanticModel } from '../../src/analysis/types';

/** The nodes of kind `type` that start at or after `start` and end at or before `end`. */
export function nodesOfTypeWithin<K extends NodeType>(model: SemanticModel, type: K, start: number, end: number): NodeOfType<K>[] {
  const nodes = model.nodesOfType(type);
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((nodes[mid] as NodeOfType<K>).start < start) low = mid + 1;
    else high = mid;
  }
  const result: NodeOfType<K>[] = [];
  for (let i = low; i < nodes.length; i++) {
    const node = nodes[i] as NodeOfType<K>;
    if (node.start >= end) break;
    if (node.end <= end) result.push(node);
  }
  return result;
}
