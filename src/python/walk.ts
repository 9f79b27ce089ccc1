/* eslint-disable @typescript-eslint/no-non-null-assertion -- indexes are within bounds by construction */
/** Tree traversal: children in source order, walk with enter/leave, parent lookup. */
import type { AnyNode, Module, NodeType, ParseResult } from './ast.js';

/** Child-bearing fields of each node kind, in CPython's field order. */
export const CHILD_FIELDS: Readonly<Record<NodeType, readonly string[]>> = {
  Module: ['body'],
  Interactive: ['body'],
  Expression: ['body'],
  FunctionType: ['argtypes', 'returns'],
  FunctionDef: ['decorator_list', 'type_params', 'args', 'returns', 'body'],
  AsyncFunctionDef: ['decorator_list', 'type_params', 'args', 'returns', 'body'],
  ClassDef: ['decorator_list', 'type_params', 'bases', 'keywords', 'body'],
  Return: ['value'],
  Delete: ['targets'],
  Assign: ['targets', 'value'],
  TypeAlias: ['name', 'type_params', 'value'],
  AugAssign: ['target', 'value'],
  AnnAssign: ['target', 'annotation', 'value'],
  For: ['target', 'iter', 'body', 'orelse'],
  AsyncFor: ['target', 'iter', 'body', 'orelse'],
  While: ['test', 'body', 'orelse'],
  If: ['test', 'body', 'orelse'],
  With: ['items', 'body'],
  AsyncWith: ['items', 'body'],
  Match: ['subject', 'cases'],
  Raise: ['exc', 'cause'],
  Try: ['body', 'handlers', 'orelse', 'finalbody'],
  TryStar: ['body', 'handlers', 'orelse', 'finalbody'],
  Assert: ['test', 'msg'],
  Import: ['names'],
  ImportFrom: ['names'],
  Global: [],
  Nonlocal: [],
  Expr: ['value'],
  Pass: [],
  Break: [],
  Continue: [],
  BoolOp: ['values'],
  NamedExpr: ['target', 'value'],
  BinOp: ['left', 'right'],
  UnaryOp: ['operand'],
  Lambda: ['args', 'body'],
  IfExp: ['body', 'test', 'orelse'],
  Dict: ['keys', 'values'],
  Set: ['elts'],
  ListComp: ['elt', 'generators'],
  SetComp: ['elt', 'generators'],
  DictComp: ['key', 'value', 'generators'],
  GeneratorExp: ['elt', 'generators'],
  Await: ['value'],
  Yield: ['value'],
  YieldFrom: ['value'],
  Compare: ['left', 'comparators'],
  Call: ['func', 'args', 'keywords'],
  FormattedValue: ['value', 'format_spec'],
  Interpolation: ['value', 'format_spec'],
  JoinedStr: ['values'],
  TemplateStr: ['values'],
  Constant: [],
  Attribute: ['value'],
  Subscript: ['value', 'slice'],
  Starred: ['value'],
  Name: [],
  List: ['elts'],
  Tuple: ['elts'],
  Slice: ['lower', 'upper', 'step'],
  comprehension: ['target', 'iter', 'ifs'],
  ExceptHandler: ['type', 'body'],
  arguments: ['posonlyargs', 'args', 'defaults', 'vararg', 'kwonlyargs', 'kw_defaults', 'kwarg'],
  arg: ['annotation'],
  keyword: ['value'],
  alias: [],
  withitem: ['context_expr', 'optional_vars'],
  match_case: ['pattern', 'guard', 'body'],
  MatchValue: ['value'],
  MatchSingleton: [],
  MatchSequence: ['patterns'],
  MatchMapping: ['keys', 'patterns'],
  MatchClass: ['cls', 'patterns', 'kwd_patterns'],
  MatchStar: [],
  MatchAs: ['pattern'],
  MatchOr: ['patterns'],
  TypeIgnore: [],
  TypeVar: ['bound', 'default_value'],
  ParamSpec: ['default_value'],
  TypeVarTuple: ['default_value'],
};

function isNode(v: unknown): v is AnyNode {
  return typeof v === 'object' && v !== null && typeof (v as { nodeType?: unknown }).nodeType === 'string';
}

/**
 * Calls `visit` for each direct child of `node`, field by field in the order `fields` gives
 * (CPython's by default), without allocating: the hot loop of every tree pass.
 */
export function forEachChild(
  node: AnyNode,
  visit: (child: AnyNode) => void,
  fields: Readonly<Record<NodeType, readonly string[]>> = CHILD_FIELDS,
): void {
  const rec = node as unknown as Record<string, unknown>;
  for (const f of fields[node.nodeType]) {
    const v = rec[f];
    if (Array.isArray(v)) {
      for (const x of v) if (isNode(x)) visit(x);
    } else if (isNode(v)) visit(v);
  }
}

/** The direct children of `node`, in source order. */
export function childNodes(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  forEachChild(node, (child) => out.push(child));
  // fields are not always in source order (decorators, defaults, keyword arguments, IfExp)
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.start < out[i - 1]!.start) {
      out.sort((a, b) => a.start - b.start || a.end - b.end);
      break;
    }
  }
  return out;
}

export interface Visitor {
  /** return false to skip the node's children */
  enter?(node: AnyNode, parent: AnyNode | null): boolean | undefined;
  leave?(node: AnyNode, parent: AnyNode | null): void;
}

/** Depth-first walk in source order (iterative: deep trees cannot overflow the stack). */
export function walk(root: AnyNode, visitor: Visitor | ((node: AnyNode, parent: AnyNode | null) => boolean | undefined)): void {
  const v: Visitor = typeof visitor === 'function' ? { enter: visitor } : visitor;
  // stack of [node, parent, childrenPushed]
  const nodes: AnyNode[] = [root];
  const parents: (AnyNode | null)[] = [null];
  const entered: boolean[] = [false];
  while (nodes.length > 0) {
    const i = nodes.length - 1;
    const node = nodes[i]!;
    const parent = parents[i]!;
    if (entered[i]) {
      nodes.pop();
      parents.pop();
      entered.pop();
      v.leave?.(node, parent);
      continue;
    }
    entered[i] = true;
    const descend = v.enter?.(node, parent) !== false;
    if (!descend) {
      nodes.pop();
      parents.pop();
      entered.pop();
      v.leave?.(node, parent);
      continue;
    }
    const kids = childNodes(node);
    for (let k = kids.length - 1; k >= 0; k--) {
      nodes.push(kids[k]!);
      parents.push(node);
      entered.push(false);
    }
  }
}

const parentMaps = new WeakMap<Module, WeakMap<AnyNode, AnyNode>>();

/** Parent of every node of `module`, built once per module on first use. */
export function parentMap(module: Module): WeakMap<AnyNode, AnyNode> {
  let m = parentMaps.get(module);
  if (m === undefined) {
    const map = new WeakMap<AnyNode, AnyNode>();
    walk(module, (node, parent) => {
      if (parent !== null) map.set(node, parent);
      return true;
    });
    parentMaps.set(module, map);
    m = map;
  }
  return m;
}

/** The source text of a node. */
export function nodeText(result: ParseResult, node: AnyNode): string {
  return result.source.slice(node.start, node.end);
}
