/**
 * Child fields of every node kind, in source order where the grammar fixes it
 * (decorators before the signature before the body). Table-driven so the model
 * pass touches only fields that can hold nodes.
 */
import type { AnyNode, NodeType } from '../python/ast';

export const CHILD_FIELDS: Readonly<Record<NodeType, readonly string[]>> = {
  Module: ['body', 'type_ignores'],
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
  arguments: ['posonlyargs', 'args', 'vararg', 'kwonlyargs', 'kwarg', 'defaults', 'kw_defaults'],
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

/** Calls `visit` for each direct child node of `node`. */
export function forEachChild(node: AnyNode, visit: (child: AnyNode) => void): void {
  const fields = CHILD_FIELDS[node.nodeType];
  const record = node as unknown as Record<string, unknown>;
  for (const field of fields) {
    const value = record[field];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value as (AnyNode | null)[]) if (item) visit(item);
    } else {
      visit(value as AnyNode);
    }
  }
}
