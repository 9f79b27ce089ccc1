/**
 * Public types of the semantic model and the workspace index: what rules read.
 *
 * The model is built in one pass over a parsed file; everything here is either
 * precomputed by that pass or computed lazily and memoised. Positions are offsets
 * into the file's text (see `src/python/ast.ts`).
 */
import type {
  AnyExpr,
  AnyNode,
  AsyncFunctionDef,
  Call,
  ClassDef,
  DictComp,
  FunctionDef,
  GeneratorExp,
  Lambda,
  ListComp,
  Module,
  NodeType,
  ParseResult,
  SetComp,
} from '../python/ast';

/** The node of kind `K`. */
export type NodeOfType<K extends NodeType> = Extract<AnyNode, { nodeType: K }>;

export type FunctionNode = FunctionDef | AsyncFunctionDef;
export type ComprehensionNode = ListComp | SetComp | DictComp | GeneratorExp;
export type ScopeNode = Module | ClassDef | FunctionNode | Lambda | ComprehensionNode;

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export interface Scope {
  readonly kind: ScopeKind;
  readonly node: ScopeNode;
  readonly parent: Scope | null;
  /** the scopes directly nested in this one, in source order */
  readonly children: readonly Scope[];
  /** every binding of each name in this scope, in source order */
  readonly bindings: ReadonlyMap<string, readonly Binding[]>;
  /** names declared `global` / `nonlocal` here (they bind in another scope) */
  readonly globals: ReadonlySet<string>;
  readonly nonlocals: ReadonlySet<string>;
  /** `async def` (only for kind 'function') */
  readonly isAsync: boolean;
  /** for function scopes: the body contains `yield` / `yield from` (directly, not in nested scopes) */
  readonly isGenerator: boolean;
  /** the `__qualname__`-style dotted path inside the module: `Class.method`, `outer.<locals>.inner` */
  readonly qualname: string;
}

export type BindingKind =
  | 'import' // import a.b / import a.b as c
  | 'from-import' // from m import n [as k]
  | 'star-import' // from m import * (binds nothing we can name; recorded on the scope as unknown)
  | 'function'
  | 'class'
  | 'parameter'
  | 'assignment' // =, :=, augmented, annotated with value
  | 'annotation' // annotated declaration without value (`x: int`)
  | 'for-target'
  | 'with-target'
  | 'except-handler'
  | 'match-capture'
  | 'type-parameter'
  | 'deletion';

export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  readonly scope: Scope;
  /** the node that creates the binding (the Name target, the alias, the def, the arg) */
  readonly node: AnyNode;
  /** offset where the binding takes effect (used for "nearest preceding binding") */
  readonly offset: number;
  /** imports: the qualified name bound (`import a.b` binds `a` → 'a'; `from .x import y as z` → 'pkg.x.y') */
  readonly importedName: string | null;
  /** assignments / with / for: the value expression when it is a single, directly assigned value */
  readonly value: AnyExpr | null;
  /** parameters and annotated assignments: the annotation expression */
  readonly annotation: AnyExpr | null;
  /** under `if TYPE_CHECKING:` (not executed at run time) */
  readonly typeCheckingOnly: boolean;
}

/** The callee of a call, resolved through imports, bindings and receiver types. */
export interface ResolvedCall {
  readonly call: Call;
  /**
   * Qualified name of what is called: 'time.sleep', 'builtins.open', 'pkg.mod.helper',
   * and for a method on a receiver of known type, the type's name plus the method:
   * 'requests.Session.get'. Null when unknown.
   */
  readonly qualifiedName: string | null;
  /** the callee as written, when it is a dotted name (`session.get`), else null */
  readonly dottedName: string | null;
  /** `recv.method(...)`: the receiver expression, else null */
  readonly receiver: AnyExpr | null;
  /** the inferred type (qualified class name) of the receiver, when known */
  readonly receiverType: string | null;
  /** `recv.method(...)`: the method name, else null */
  readonly method: string | null;
}

/** How each name resolved; `null` when it is a plain local value (parameter, variable). */
export interface SemanticModel {
  readonly parse: ParseResult;
  /** dotted module name derived from the path ('pkg.sub.mod'; '__main__'-free) */
  readonly moduleName: string;
  /** the file is a package's `__init__.py` */
  readonly isPackage: boolean;
  readonly moduleScope: Scope;
  /** every scope, module first, in source order */
  readonly scopes: readonly Scope[];

  /** every node of kind `type`, in source order; built in the single model pass */
  nodesOfType<K extends NodeType>(type: K): readonly NodeOfType<K>[];
  parentOf(node: AnyNode): AnyNode | null;
  /** the innermost scope whose body contains `node` (a def's name/decorators/defaults belong to the outer scope) */
  scopeOf(node: AnyNode): Scope;
  /** the `async def` whose async context contains `node`, or null (nested def/lambda/class break it) */
  asyncFunctionOf(node: AnyNode): AsyncFunctionDef | null;
  /** `node` runs on the event loop of an `async def` (see rules.md "async context") */
  isAsyncContext(node: AnyNode): boolean;
  /** `node` is inside an `if TYPE_CHECKING:` body (never runs) */
  isTypeCheckingOnly(node: AnyNode): boolean;
  /** `node` is the direct operand of `await` (parentheses aside) */
  isAwaited(node: AnyNode): boolean;

  /** the binding `name` refers to at `at` (Python scoping; nearest preceding binding in that scope) */
  lookup(name: string, at: AnyNode): Binding | null;
  /** qualified name of a Name/Attribute expression ('time.sleep'), or null */
  qualifiedName(expr: AnyExpr): string | null;
  /** inferred type of an expression: the qualified name of the class it is an instance of, or null */
  typeOf(expr: AnyExpr): string | null;
  /** resolve the callee of a call (memoised) */
  resolveCall(call: Call): ResolvedCall;

  /** the source text of a node */
  textOf(node: { start: number; end: number }): string;
}

export type FunctionKind = 'sync' | 'async' | 'async-generator' | 'generator';

export interface FunctionInfo {
  /** 'pkg.mod.func', 'pkg.mod.Class.method' */
  readonly qualifiedName: string;
  readonly name: string;
  readonly module: string;
  readonly file: string;
  readonly kind: FunctionKind;
  /** the def statement */
  readonly node: FunctionNode;
  /** the class it is a method of (qualified), or null */
  readonly className: string | null;
  /** qualified names of its decorators (as resolved; unresolved ones as written) */
  readonly decorators: readonly string[];
}

export interface ClassInfo {
  readonly qualifiedName: string;
  readonly name: string;
  readonly module: string;
  readonly file: string;
  readonly node: ClassDef;
  /** base classes, qualified where resolvable, as written otherwise */
  readonly bases: readonly string[];
  /** methods defined directly in the class body, by name */
  readonly methods: ReadonlyMap<string, FunctionInfo>;
  /** instance/class attribute types seen in the class (`self._q = queue.Queue()`, `x: T` in the body) */
  readonly attributeTypes: ReadonlyMap<string, string>;
}

export interface ModuleInfo {
  readonly name: string;
  readonly file: string;
  readonly isPackage: boolean;
  /** every function and method defined in the module (nested ones included), by qualified name */
  readonly functions: ReadonlyMap<string, FunctionInfo>;
  readonly classes: ReadonlyMap<string, ClassInfo>;
  /** module-level names → the qualified name they stand for (imports re-export, defs define) */
  readonly exports: ReadonlyMap<string, string>;
  /** modules this one imports (qualified, relative imports resolved) */
  readonly imports: readonly string[];
  /** true when the module has `from x import *` somewhere at module level */
  readonly hasStarImport: boolean;
}

/** One step of a blocking chain: where the call is and what it calls. */
export interface ChainStep {
  readonly file: string;
  /** offsets of the call in `file` */
  readonly start: number;
  readonly end: number;
  /** what is called at this step ('pkg.util.load', or the blocking call's name at the last step) */
  readonly callee: string;
  /** last step only: the blocking call's rule code ('AIO101', ...) */
  readonly code: string | null;
}

/** A blocking call found by a classifier inside a function body. */
export interface BlockingHit {
  /** AIO1xx code of the blocking call */
  readonly code: string;
  /** the blocking callee, for messages */
  readonly callee: string;
}

/**
 * Decides whether a call blocks. Supplied by the rules layer (analysis knows no knowledge base).
 * Must be a stable object: summaries are memoised per classifier.
 */
export interface BlockingClassifier {
  classify(model: SemanticModel, call: ResolvedCall): BlockingHit | null;
}

export interface BlockingSummary {
  /** blocking calls made directly in the function body (not in nested defs/lambdas) */
  readonly direct: readonly { readonly start: number; readonly end: number; readonly hit: BlockingHit }[];
  /** project functions it calls directly (qualified, resolved), with the call's offsets */
  readonly calls: readonly { readonly start: number; readonly end: number; readonly target: string }[];
}

export interface WorkspaceIndex {
  /** module by dotted name */
  module(name: string): ModuleInfo | null;
  /** module registered under `file` */
  moduleOfFile(file: string): ModuleInfo | null;
  /** semantic model of a registered file (built on demand, cached until the file changes) */
  modelOf(file: string): SemanticModel | null;
  /** a project function by qualified name, following re-exports (`from .impl import f` in `pkg/__init__`) */
  resolveFunction(qualifiedName: string): FunctionInfo | null;
  /** a project class by qualified name, following re-exports */
  resolveClass(qualifiedName: string): ClassInfo | null;
  /** a method of a project class or of its project base classes (depth-first, left to right) */
  findMethod(classQualifiedName: string, method: string): FunctionInfo | null;
  /** the project function a call runs synchronously: a function, a method (through `self`/typed receivers), or a class's `__init__` */
  resolveCallTarget(model: SemanticModel, call: Call): FunctionInfo | null;
  /** a plain sync function: calling it runs its body now (sync kind, no decorator that could change that) */
  runsSynchronously(fn: FunctionInfo): boolean;
  /** the direct blocking calls and project calls of a function (memoised per file version and classifier) */
  blockingSummary(fn: FunctionInfo, classifier: BlockingClassifier): BlockingSummary;
  /**
   * A path from sync function `fn` down to a blocking call, following sync project calls at most
   * `maxDepth` calls deep; null when `fn` blocks nothing. Cycle-safe and memoised.
   */
  blockingChain(fn: FunctionInfo, classifier: BlockingClassifier, maxDepth: number): readonly ChainStep[] | null;
  /** 1-based line / 0-based column in a registered file (for related locations) */
  positionOf(file: string, offset: number): { line: number; column: number } | null;
}
