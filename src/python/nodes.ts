/**
 * Node constructors. Each kind is always created by one function with all its fields in a
 * fixed order (nodeType, start, end, then CPython's field order), so V8 sees one shape per kind.
 */
import type * as A from './ast.js';

type E = A.AnyExpr;
type S = A.AnyStmt;

export const mkName = (start: number, end: number, id: string, ctx: A.ExprContext): A.Name => ({ nodeType: 'Name', start, end, id, ctx });
export const mkConstant = (start: number, end: number, value: A.ConstantValue, kind: string | null): A.Constant => ({ nodeType: 'Constant', start, end, value, kind });
export const mkAttribute = (start: number, end: number, value: E, attr: string, ctx: A.ExprContext): A.Attribute => ({ nodeType: 'Attribute', start, end, value, attr, ctx });
export const mkSubscript = (start: number, end: number, value: E, slice: E, ctx: A.ExprContext): A.Subscript => ({ nodeType: 'Subscript', start, end, value, slice, ctx });
export const mkCall = (start: number, end: number, func: E, args: E[], keywords: A.Keyword[]): A.Call => ({ nodeType: 'Call', start, end, func, args, keywords });
export const mkKeyword = (start: number, end: number, arg: string | null, value: E): A.Keyword => ({ nodeType: 'keyword', start, end, arg, value });
export const mkBinOp = (start: number, end: number, left: E, op: A.Operator, right: E): A.BinOp => ({ nodeType: 'BinOp', start, end, left, op, right });
export const mkUnaryOp = (start: number, end: number, op: A.UnaryOperator, operand: E): A.UnaryOp => ({ nodeType: 'UnaryOp', start, end, op, operand });
export const mkBoolOp = (start: number, end: number, op: A.BoolOperator, values: E[]): A.BoolOp => ({ nodeType: 'BoolOp', start, end, op, values });
export const mkCompare = (start: number, end: number, left: E, ops: A.CmpOperator[], comparators: E[]): A.Compare => ({ nodeType: 'Compare', start, end, left, ops, comparators });
export const mkIfExp = (start: number, end: number, test: E, body: E, orelse: E): A.IfExp => ({ nodeType: 'IfExp', start, end, test, body, orelse });
export const mkLambda = (start: number, end: number, args: A.Arguments, body: E): A.Lambda => ({ nodeType: 'Lambda', start, end, args, body });
export const mkNamedExpr = (start: number, end: number, target: E, value: E): A.NamedExpr => ({ nodeType: 'NamedExpr', start, end, target, value });
export const mkStarred = (start: number, end: number, value: E, ctx: A.ExprContext): A.Starred => ({ nodeType: 'Starred', start, end, value, ctx });
export const mkTuple = (start: number, end: number, elts: E[], ctx: A.ExprContext): A.Tuple => ({ nodeType: 'Tuple', start, end, elts, ctx });
export const mkList = (start: number, end: number, elts: E[], ctx: A.ExprContext): A.List => ({ nodeType: 'List', start, end, elts, ctx });
export const mkSet = (start: number, end: number, elts: E[]): A.Set => ({ nodeType: 'Set', start, end, elts });
export const mkDict = (start: number, end: number, keys: (E | null)[], values: E[]): A.Dict => ({ nodeType: 'Dict', start, end, keys, values });
export const mkListComp = (start: number, end: number, elt: E, generators: A.Comprehension[]): A.ListComp => ({ nodeType: 'ListComp', start, end, elt, generators });
export const mkSetComp = (start: number, end: number, elt: E, generators: A.Comprehension[]): A.SetComp => ({ nodeType: 'SetComp', start, end, elt, generators });
export const mkGeneratorExp = (start: number, end: number, elt: E, generators: A.Comprehension[]): A.GeneratorExp => ({ nodeType: 'GeneratorExp', start, end, elt, generators });
export const mkDictComp = (start: number, end: number, key: E, value: E, generators: A.Comprehension[]): A.DictComp => ({ nodeType: 'DictComp', start, end, key, value, generators });
export const mkComprehension = (start: number, end: number, target: E, iter: E, ifs: E[], is_async: number): A.Comprehension => ({ nodeType: 'comprehension', start, end, target, iter, ifs, is_async });
export const mkAwait = (start: number, end: number, value: E): A.Await => ({ nodeType: 'Await', start, end, value });
export const mkYield = (start: number, end: number, value: E | null): A.Yield => ({ nodeType: 'Yield', start, end, value });
export const mkYieldFrom = (start: number, end: number, value: E): A.YieldFrom => ({ nodeType: 'YieldFrom', start, end, value });
export const mkSlice = (start: number, end: number, lower: E | null, upper: E | null, step: E | null): A.Slice => ({ nodeType: 'Slice', start, end, lower, upper, step });
export const mkJoinedStr = (start: number, end: number, values: E[]): A.JoinedStr => ({ nodeType: 'JoinedStr', start, end, values });
export const mkTemplateStr = (start: number, end: number, values: E[]): A.TemplateStr => ({ nodeType: 'TemplateStr', start, end, values });
export const mkFormattedValue = (start: number, end: number, value: E, conversion: number, format_spec: E | null): A.FormattedValue => ({ nodeType: 'FormattedValue', start, end, value, conversion, format_spec });
export const mkInterpolation = (start: number, end: number, value: E, str: string, conversion: number, format_spec: E | null): A.Interpolation => ({ nodeType: 'Interpolation', start, end, value, str, conversion, format_spec });

export const mkArg = (start: number, end: number, arg: string, annotation: E | null): A.Arg => ({ nodeType: 'arg', start, end, arg, annotation, type_comment: null });
export const mkArguments = (start: number, end: number, posonlyargs: A.Arg[], args: A.Arg[], vararg: A.Arg | null, kwonlyargs: A.Arg[], kw_defaults: (E | null)[], kwarg: A.Arg | null, defaults: E[]): A.Arguments => ({
  nodeType: 'arguments',
  start,
  end,
  posonlyargs,
  args,
  vararg,
  kwonlyargs,
  kw_defaults,
  kwarg,
  defaults,
});

export const mkExpr = (start: number, end: number, value: E): A.Expr => ({ nodeType: 'Expr', start, end, value });
export const mkAssign = (start: number, end: number, targets: E[], value: E): A.Assign => ({ nodeType: 'Assign', start, end, targets, value, type_comment: null });
export const mkAugAssign = (start: number, end: number, target: E, op: A.Operator, value: E): A.AugAssign => ({ nodeType: 'AugAssign', start, end, target, op, value });
export const mkAnnAssign = (start: number, end: number, target: E, annotation: E, value: E | null, simple: number): A.AnnAssign => ({ nodeType: 'AnnAssign', start, end, target, annotation, value, simple });
export const mkReturn = (start: number, end: number, value: E | null): A.Return => ({ nodeType: 'Return', start, end, value });
export const mkDelete = (start: number, end: number, targets: E[]): A.Delete => ({ nodeType: 'Delete', start, end, targets });
export const mkPass = (start: number, end: number): A.Pass => ({ nodeType: 'Pass', start, end });
export const mkBreak = (start: number, end: number): A.Break => ({ nodeType: 'Break', start, end });
export const mkContinue = (start: number, end: number): A.Continue => ({ nodeType: 'Continue', start, end });
export const mkRaise = (start: number, end: number, exc: E | null, cause: E | null): A.Raise => ({ nodeType: 'Raise', start, end, exc, cause });
export const mkGlobal = (start: number, end: number, names: string[]): A.Global => ({ nodeType: 'Global', start, end, names });
export const mkNonlocal = (start: number, end: number, names: string[]): A.Nonlocal => ({ nodeType: 'Nonlocal', start, end, names });
export const mkAssert = (start: number, end: number, test: E, msg: E | null): A.Assert => ({ nodeType: 'Assert', start, end, test, msg });
export const mkImport = (start: number, end: number, names: A.Alias[]): A.Import => ({ nodeType: 'Import', start, end, names });
export const mkImportFrom = (start: number, end: number, module: string | null, names: A.Alias[], level: number): A.ImportFrom => ({ nodeType: 'ImportFrom', start, end, module, names, level });
export const mkAlias = (start: number, end: number, name: string, asname: string | null): A.Alias => ({ nodeType: 'alias', start, end, name, asname });
export const mkIf = (start: number, end: number, test: E, body: S[], orelse: S[]): A.If => ({ nodeType: 'If', start, end, test, body, orelse });
export const mkWhile = (start: number, end: number, test: E, body: S[], orelse: S[]): A.While => ({ nodeType: 'While', start, end, test, body, orelse });
export const mkFor = (start: number, end: number, target: E, iter: E, body: S[], orelse: S[]): A.For => ({ nodeType: 'For', start, end, target, iter, body, orelse, type_comment: null });
export const mkAsyncFor = (start: number, end: number, target: E, iter: E, body: S[], orelse: S[]): A.AsyncFor => ({ nodeType: 'AsyncFor', start, end, target, iter, body, orelse, type_comment: null });
export const mkWith = (start: number, end: number, items: A.WithItem[], body: S[]): A.With => ({ nodeType: 'With', start, end, items, body, type_comment: null });
export const mkAsyncWith = (start: number, end: number, items: A.WithItem[], body: S[]): A.AsyncWith => ({ nodeType: 'AsyncWith', start, end, items, body, type_comment: null });
export const mkWithItem = (start: number, end: number, context_expr: E, optional_vars: E | null): A.WithItem => ({ nodeType: 'withitem', start, end, context_expr, optional_vars });
export const mkTry = (start: number, end: number, body: S[], handlers: A.ExceptHandler[], orelse: S[], finalbody: S[]): A.Try => ({ nodeType: 'Try', start, end, body, handlers, orelse, finalbody });
export const mkTryStar = (start: number, end: number, body: S[], handlers: A.ExceptHandler[], orelse: S[], finalbody: S[]): A.TryStar => ({ nodeType: 'TryStar', start, end, body, handlers, orelse, finalbody });
export const mkExceptHandler = (start: number, end: number, type: E | null, name: string | null, body: S[]): A.ExceptHandler => ({ nodeType: 'ExceptHandler', start, end, type, name, body });
export const mkFunctionDef = (start: number, end: number, name: string, args: A.Arguments, body: S[], decorator_list: E[], returns: E | null, type_params: A.AnyTypeParam[]): A.FunctionDef => ({
  nodeType: 'FunctionDef',
  start,
  end,
  name,
  args,
  body,
  decorator_list,
  returns,
  type_comment: null,
  type_params,
});
export const mkAsyncFunctionDef = (start: number, end: number, name: string, args: A.Arguments, body: S[], decorator_list: E[], returns: E | null, type_params: A.AnyTypeParam[]): A.AsyncFunctionDef => ({
  nodeType: 'AsyncFunctionDef',
  start,
  end,
  name,
  args,
  body,
  decorator_list,
  returns,
  type_comment: null,
  type_params,
});
export const mkClassDef = (start: number, end: number, name: string, bases: E[], keywords: A.Keyword[], body: S[], decorator_list: E[], type_params: A.AnyTypeParam[]): A.ClassDef => ({
  nodeType: 'ClassDef',
  start,
  end,
  name,
  bases,
  keywords,
  body,
  decorator_list,
  type_params,
});
export const mkTypeAlias = (start: number, end: number, name: E, type_params: A.AnyTypeParam[], value: E): A.TypeAlias => ({ nodeType: 'TypeAlias', start, end, name, type_params, value });
export const mkTypeVar = (start: number, end: number, name: string, bound: E | null, default_value: E | null): A.TypeVar => ({ nodeType: 'TypeVar', start, end, name, bound, default_value });
export const mkTypeVarTuple = (start: number, end: number, name: string, default_value: E | null): A.TypeVarTuple => ({ nodeType: 'TypeVarTuple', start, end, name, default_value });
export const mkParamSpec = (start: number, end: number, name: string, default_value: E | null): A.ParamSpec => ({ nodeType: 'ParamSpec', start, end, name, default_value });
export const mkMatch = (start: number, end: number, subject: E, cases: A.MatchCase[]): A.Match => ({ nodeType: 'Match', start, end, subject, cases });
export const mkMatchCase = (start: number, end: number, pattern: A.AnyPattern, guard: E | null, body: S[]): A.MatchCase => ({ nodeType: 'match_case', start, end, pattern, guard, body });
export const mkMatchValue = (start: number, end: number, value: E): A.MatchValue => ({ nodeType: 'MatchValue', start, end, value });
export const mkMatchSingleton = (start: number, end: number, value: A.ConstantValue): A.MatchSingleton => ({ nodeType: 'MatchSingleton', start, end, value });
export const mkMatchSequence = (start: number, end: number, patterns: A.AnyPattern[]): A.MatchSequence => ({ nodeType: 'MatchSequence', start, end, patterns });
export const mkMatchMapping = (start: number, end: number, keys: E[], patterns: A.AnyPattern[], rest: string | null): A.MatchMapping => ({ nodeType: 'MatchMapping', start, end, keys, patterns, rest });
export const mkMatchClass = (start: number, end: number, cls: E, patterns: A.AnyPattern[], kwd_attrs: string[], kwd_patterns: A.AnyPattern[]): A.MatchClass => ({
  nodeType: 'MatchClass',
  start,
  end,
  cls,
  patterns,
  kwd_attrs,
  kwd_patterns,
});
export const mkMatchStar = (start: number, end: number, name: string | null): A.MatchStar => ({ nodeType: 'MatchStar', start, end, name });
export const mkMatchAs = (start: number, end: number, pattern: A.AnyPattern | null, name: string | null): A.MatchAs => ({ nodeType: 'MatchAs', start, end, pattern, name });
export const mkMatchOr = (start: number, end: number, patterns: A.AnyPattern[]): A.MatchOr => ({ nodeType: 'MatchOr', start, end, patterns });
export const mkModule = (start: number, end: number, body: S[]): A.Module => ({ nodeType: 'Module', start, end, body, type_ignores: [] });
