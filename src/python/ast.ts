/**
 * The Python AST, shaped like CPython's `ast` module (3.13, plus 3.14's
 * t-string nodes): same node kinds, same field names, same field order.
 *
 * Differences, all deliberate:
 * - The node kind is `nodeType` (CPython's fields already use `type` and `kind`).
 * - Every node carries `start`/`end`: offsets into the JavaScript source string
 *   (UTF-16 code units), half-open. Line/column come from a `LineIndex` at the edges.
 *   Nodes CPython gives no position (`arguments`, `comprehension`, `withitem`,
 *   `match_case`, `Module`) still get a covering range, for convenience.
 * - Operators and expression contexts are string literals ('Add', 'Load').
 * - Python constants map to: str → string, int → bigint, float → number,
 *   bool → boolean, None → null, and tagged objects for bytes, complex, Ellipsis.
 */

export interface NodeBase {
  /** Offset of the first code unit of the node in the source string. */
  start: number;
  /** Offset one past the last code unit of the node. */
  end: number;
}

/** bytes literal; `value` holds one char per byte (char codes 0–255). */
export interface BytesValue {
  readonly pyType: 'bytes';
  readonly value: string;
}
/** imaginary literal such as `3j` (CPython's complex with real part 0). */
export interface ComplexValue {
  readonly pyType: 'complex';
  readonly imag: number;
}
/** the `...` literal */
export interface EllipsisValue {
  readonly pyType: 'ellipsis';
}
export type ConstantValue = string | bigint | number | boolean | null | BytesValue | ComplexValue | EllipsisValue;

export interface AnnAssign extends NodeBase {
  readonly nodeType: 'AnnAssign';
  target: AnyExpr;
  annotation: AnyExpr;
  value: AnyExpr | null;
  simple: number;
}

export interface Assert extends NodeBase {
  readonly nodeType: 'Assert';
  test: AnyExpr;
  msg: AnyExpr | null;
}

export interface Assign extends NodeBase {
  readonly nodeType: 'Assign';
  targets: AnyExpr[];
  value: AnyExpr;
  type_comment: string | null;
}

export interface AsyncFor extends NodeBase {
  readonly nodeType: 'AsyncFor';
  target: AnyExpr;
  iter: AnyExpr;
  body: AnyStmt[];
  orelse: AnyStmt[];
  type_comment: string | null;
}

export interface AsyncFunctionDef extends NodeBase {
  readonly nodeType: 'AsyncFunctionDef';
  name: string;
  args: Arguments;
  body: AnyStmt[];
  decorator_list: AnyExpr[];
  returns: AnyExpr | null;
  type_comment: string | null;
  type_params: AnyTypeParam[];
}

export interface AsyncWith extends NodeBase {
  readonly nodeType: 'AsyncWith';
  items: WithItem[];
  body: AnyStmt[];
  type_comment: string | null;
}

export interface Attribute extends NodeBase {
  readonly nodeType: 'Attribute';
  value: AnyExpr;
  attr: string;
  ctx: ExprContext;
}

export interface AugAssign extends NodeBase {
  readonly nodeType: 'AugAssign';
  target: AnyExpr;
  op: Operator;
  value: AnyExpr;
}

export interface Await extends NodeBase {
  readonly nodeType: 'Await';
  value: AnyExpr;
}

export interface BinOp extends NodeBase {
  readonly nodeType: 'BinOp';
  left: AnyExpr;
  op: Operator;
  right: AnyExpr;
}

export interface BoolOp extends NodeBase {
  readonly nodeType: 'BoolOp';
  op: BoolOperator;
  values: AnyExpr[];
}

export interface Break extends NodeBase {
  readonly nodeType: 'Break';
}

export interface Call extends NodeBase {
  readonly nodeType: 'Call';
  func: AnyExpr;
  args: AnyExpr[];
  keywords: Keyword[];
}

export interface ClassDef extends NodeBase {
  readonly nodeType: 'ClassDef';
  name: string;
  bases: AnyExpr[];
  keywords: Keyword[];
  body: AnyStmt[];
  decorator_list: AnyExpr[];
  type_params: AnyTypeParam[];
}

export interface Compare extends NodeBase {
  readonly nodeType: 'Compare';
  left: AnyExpr;
  ops: CmpOperator[];
  comparators: AnyExpr[];
}

export interface Constant extends NodeBase {
  readonly nodeType: 'Constant';
  value: ConstantValue;
  kind: string | null;
}

export interface Continue extends NodeBase {
  readonly nodeType: 'Continue';
}

export interface Delete extends NodeBase {
  readonly nodeType: 'Delete';
  targets: AnyExpr[];
}

export interface Dict extends NodeBase {
  readonly nodeType: 'Dict';
  keys: (AnyExpr | null)[];
  values: AnyExpr[];
}

export interface DictComp extends NodeBase {
  readonly nodeType: 'DictComp';
  key: AnyExpr;
  value: AnyExpr;
  generators: Comprehension[];
}

export interface ExceptHandler extends NodeBase {
  readonly nodeType: 'ExceptHandler';
  type: AnyExpr | null;
  name: string | null;
  body: AnyStmt[];
}

export interface Expr extends NodeBase {
  readonly nodeType: 'Expr';
  value: AnyExpr;
}

export interface Expression extends NodeBase {
  readonly nodeType: 'Expression';
  body: AnyExpr;
}

export interface For extends NodeBase {
  readonly nodeType: 'For';
  target: AnyExpr;
  iter: AnyExpr;
  body: AnyStmt[];
  orelse: AnyStmt[];
  type_comment: string | null;
}

export interface FormattedValue extends NodeBase {
  readonly nodeType: 'FormattedValue';
  value: AnyExpr;
  conversion: number;
  format_spec: AnyExpr | null;
}

export interface FunctionDef extends NodeBase {
  readonly nodeType: 'FunctionDef';
  name: string;
  args: Arguments;
  body: AnyStmt[];
  decorator_list: AnyExpr[];
  returns: AnyExpr | null;
  type_comment: string | null;
  type_params: AnyTypeParam[];
}

export interface FunctionType extends NodeBase {
  readonly nodeType: 'FunctionType';
  argtypes: AnyExpr[];
  returns: AnyExpr;
}

export interface GeneratorExp extends NodeBase {
  readonly nodeType: 'GeneratorExp';
  elt: AnyExpr;
  generators: Comprehension[];
}

export interface Global extends NodeBase {
  readonly nodeType: 'Global';
  names: string[];
}

export interface If extends NodeBase {
  readonly nodeType: 'If';
  test: AnyExpr;
  body: AnyStmt[];
  orelse: AnyStmt[];
}

export interface IfExp extends NodeBase {
  readonly nodeType: 'IfExp';
  test: AnyExpr;
  body: AnyExpr;
  orelse: AnyExpr;
}

export interface Import extends NodeBase {
  readonly nodeType: 'Import';
  names: Alias[];
}

export interface ImportFrom extends NodeBase {
  readonly nodeType: 'ImportFrom';
  module: string | null;
  names: Alias[];
  level: number | null;
}

export interface Interactive extends NodeBase {
  readonly nodeType: 'Interactive';
  body: AnyStmt[];
}

export interface JoinedStr extends NodeBase {
  readonly nodeType: 'JoinedStr';
  values: AnyExpr[];
}

export interface Lambda extends NodeBase {
  readonly nodeType: 'Lambda';
  args: Arguments;
  body: AnyExpr;
}

export interface List extends NodeBase {
  readonly nodeType: 'List';
  elts: AnyExpr[];
  ctx: ExprContext;
}

export interface ListComp extends NodeBase {
  readonly nodeType: 'ListComp';
  elt: AnyExpr;
  generators: Comprehension[];
}

export interface Match extends NodeBase {
  readonly nodeType: 'Match';
  subject: AnyExpr;
  cases: MatchCase[];
}

export interface MatchAs extends NodeBase {
  readonly nodeType: 'MatchAs';
  pattern: AnyPattern | null;
  name: string | null;
}

export interface MatchClass extends NodeBase {
  readonly nodeType: 'MatchClass';
  cls: AnyExpr;
  patterns: AnyPattern[];
  kwd_attrs: string[];
  kwd_patterns: AnyPattern[];
}

export interface MatchMapping extends NodeBase {
  readonly nodeType: 'MatchMapping';
  keys: AnyExpr[];
  patterns: AnyPattern[];
  rest: string | null;
}

export interface MatchOr extends NodeBase {
  readonly nodeType: 'MatchOr';
  patterns: AnyPattern[];
}

export interface MatchSequence extends NodeBase {
  readonly nodeType: 'MatchSequence';
  patterns: AnyPattern[];
}

export interface MatchSingleton extends NodeBase {
  readonly nodeType: 'MatchSingleton';
  value: ConstantValue;
}

export interface MatchStar extends NodeBase {
  readonly nodeType: 'MatchStar';
  name: string | null;
}

export interface MatchValue extends NodeBase {
  readonly nodeType: 'MatchValue';
  value: AnyExpr;
}

export interface Module extends NodeBase {
  readonly nodeType: 'Module';
  body: AnyStmt[];
  type_ignores: TypeIgnore[];
}

export interface Name extends NodeBase {
  readonly nodeType: 'Name';
  id: string;
  ctx: ExprContext;
}

export interface NamedExpr extends NodeBase {
  readonly nodeType: 'NamedExpr';
  target: AnyExpr;
  value: AnyExpr;
}

export interface Nonlocal extends NodeBase {
  readonly nodeType: 'Nonlocal';
  names: string[];
}

export interface ParamSpec extends NodeBase {
  readonly nodeType: 'ParamSpec';
  name: string;
  default_value: AnyExpr | null;
}

export interface Pass extends NodeBase {
  readonly nodeType: 'Pass';
}

export interface Raise extends NodeBase {
  readonly nodeType: 'Raise';
  exc: AnyExpr | null;
  cause: AnyExpr | null;
}

export interface Return extends NodeBase {
  readonly nodeType: 'Return';
  value: AnyExpr | null;
}

export interface Set extends NodeBase {
  readonly nodeType: 'Set';
  elts: AnyExpr[];
}

export interface SetComp extends NodeBase {
  readonly nodeType: 'SetComp';
  elt: AnyExpr;
  generators: Comprehension[];
}

export interface Slice extends NodeBase {
  readonly nodeType: 'Slice';
  lower: AnyExpr | null;
  upper: AnyExpr | null;
  step: AnyExpr | null;
}

export interface Starred extends NodeBase {
  readonly nodeType: 'Starred';
  value: AnyExpr;
  ctx: ExprContext;
}

export interface Subscript extends NodeBase {
  readonly nodeType: 'Subscript';
  value: AnyExpr;
  slice: AnyExpr;
  ctx: ExprContext;
}

export interface Try extends NodeBase {
  readonly nodeType: 'Try';
  body: AnyStmt[];
  handlers: ExceptHandler[];
  orelse: AnyStmt[];
  finalbody: AnyStmt[];
}

export interface TryStar extends NodeBase {
  readonly nodeType: 'TryStar';
  body: AnyStmt[];
  handlers: ExceptHandler[];
  orelse: AnyStmt[];
  finalbody: AnyStmt[];
}

export interface Tuple extends NodeBase {
  readonly nodeType: 'Tuple';
  elts: AnyExpr[];
  ctx: ExprContext;
}

export interface TypeAlias extends NodeBase {
  readonly nodeType: 'TypeAlias';
  name: AnyExpr;
  type_params: AnyTypeParam[];
  value: AnyExpr;
}

export interface TypeIgnore extends NodeBase {
  readonly nodeType: 'TypeIgnore';
  lineno: number;
  tag: string;
}

export interface TypeVar extends NodeBase {
  readonly nodeType: 'TypeVar';
  name: string;
  bound: AnyExpr | null;
  default_value: AnyExpr | null;
}

export interface TypeVarTuple extends NodeBase {
  readonly nodeType: 'TypeVarTuple';
  name: string;
  default_value: AnyExpr | null;
}

export interface UnaryOp extends NodeBase {
  readonly nodeType: 'UnaryOp';
  op: UnaryOperator;
  operand: AnyExpr;
}

export interface While extends NodeBase {
  readonly nodeType: 'While';
  test: AnyExpr;
  body: AnyStmt[];
  orelse: AnyStmt[];
}

export interface With extends NodeBase {
  readonly nodeType: 'With';
  items: WithItem[];
  body: AnyStmt[];
  type_comment: string | null;
}

export interface Yield extends NodeBase {
  readonly nodeType: 'Yield';
  value: AnyExpr | null;
}

export interface YieldFrom extends NodeBase {
  readonly nodeType: 'YieldFrom';
  value: AnyExpr;
}

export interface _ast_Ellipsis extends NodeBase {
  readonly nodeType: '_ast_Ellipsis';
}

export interface Alias extends NodeBase {
  readonly nodeType: 'alias';
  name: string;
  asname: string | null;
}

export interface Arg extends NodeBase {
  readonly nodeType: 'arg';
  arg: string;
  annotation: AnyExpr | null;
  type_comment: string | null;
}

export interface Arguments extends NodeBase {
  readonly nodeType: 'arguments';
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  kw_defaults: (AnyExpr | null)[];
  kwarg: Arg | null;
  defaults: AnyExpr[];
}

export interface Comprehension extends NodeBase {
  readonly nodeType: 'comprehension';
  target: AnyExpr;
  iter: AnyExpr;
  ifs: AnyExpr[];
  is_async: number;
}

export interface Keyword extends NodeBase {
  readonly nodeType: 'keyword';
  arg: string | null;
  value: AnyExpr;
}

export interface MatchCase extends NodeBase {
  readonly nodeType: 'match_case';
  pattern: AnyPattern;
  guard: AnyExpr | null;
  body: AnyStmt[];
}

export interface TypeIgnore extends NodeBase {
  readonly nodeType: 'TypeIgnore';
  lineno: number;
  tag: string;
}

export interface WithItem extends NodeBase {
  readonly nodeType: 'withitem';
  context_expr: AnyExpr;
  optional_vars: AnyExpr | null;
}

export type AnyStmt = AnnAssign | Assert | Assign | AsyncFor | AsyncFunctionDef | AsyncWith | AugAssign | Break | ClassDef | Continue | Delete | Expr | For | FunctionDef | Global | If | Import | ImportFrom | Match | Nonlocal | Pass | Raise | Return | Try | TryStar | TypeAlias | While | With;
export type AnyExpr = Attribute | Await | BinOp | BoolOp | Call | Compare | Constant | Dict | DictComp | FormattedValue | GeneratorExp | IfExp | JoinedStr | Lambda | List | ListComp | Name | NamedExpr | Set | SetComp | Slice | Starred | Subscript | Tuple | UnaryOp | Yield | YieldFrom | TemplateStr | Interpolation;
export type AnyPattern = MatchAs | MatchClass | MatchMapping | MatchOr | MatchSequence | MatchSingleton | MatchStar | MatchValue;
export type AnyTypeParam = ParamSpec | TypeVar | TypeVarTuple;
export type AnyMod = Expression | FunctionType | Interactive | Module;
export type Operator = 'Add' | 'Sub' | 'Mult' | 'MatMult' | 'Div' | 'Mod' | 'Pow' | 'LShift' | 'RShift' | 'BitOr' | 'BitXor' | 'BitAnd' | 'FloorDiv';
export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';
export type CmpOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';
export type BoolOperator = 'And' | 'Or';
export type ExprContext = 'Load' | 'Store' | 'Del';

/** Python 3.14 t-string: `t"..."` (PEP 750). */
export interface TemplateStr extends NodeBase {
  readonly nodeType: 'TemplateStr';
  values: AnyExpr[];
}

/** A replacement field inside a t-string (Python 3.14). */
export interface Interpolation extends NodeBase {
  readonly nodeType: 'Interpolation';
  value: AnyExpr;
  /** the source text of the expression, as CPython keeps it */
  str: string;
  conversion: number;
  format_spec: AnyExpr | null;
}

/** Every node kind. */
export type AnyNode =
  | AnyMod
  | AnyStmt
  | AnyExpr
  | AnyPattern
  | AnyTypeParam
  | ExceptHandler
  | Arguments
  | Arg
  | Keyword
  | Alias
  | Comprehension
  | WithItem
  | MatchCase
  | TypeIgnore;

export type NodeType = AnyNode['nodeType'];

/** A `#` comment, kept beside the tree (for `# noqa` and friends). */
export interface Comment {
  /** offset of the `#` */
  start: number;
  /** offset one past the comment's last character (before the line break) */
  end: number;
  /** the text, starting with `#` */
  text: string;
}

/** A syntax error the parser recovered from. */
export interface ParseError {
  message: string;
  start: number;
  end: number;
}

/** Maps offsets to 1-based lines and 0-based columns (UTF-16 code units) and back. */
export interface LineIndex {
  /** 1-based line of `offset` */
  lineOf(offset: number): number;
  /** 1-based line and 0-based UTF-16 column of `offset` */
  positionOf(offset: number): { line: number; column: number };
  /** offset of 1-based `line`, 0-based UTF-16 `column` */
  offsetOf(line: number, column: number): number;
  /** offset where 1-based `line` starts */
  lineStart(line: number): number;
  readonly lineCount: number;
}

/** What `parse` returns. It never throws: damage is reported in `errors`. */
export interface ParseResult {
  module: Module;
  comments: Comment[];
  errors: ParseError[];
  lines: LineIndex;
  /** the exact input string the offsets refer to (a leading BOM is skipped, not removed) */
  source: string;
}
