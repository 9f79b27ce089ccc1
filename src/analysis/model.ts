/**
 * The semantic model of one file, built in a single pass over the AST:
 * scopes and bindings (Python's rules: class bodies do not enclose nested functions,
 * comprehensions have their own scope except for their first iterable, `global` /
 * `nonlocal`, walrus in comprehensions), imports (aliases, relative imports, `*` as
 * unknown), the parent of every node, nodes indexed by kind, `if TYPE_CHECKING:`
 * bodies, and `self.<attr>` assignments per class.
 *
 * Queries (qualified names, receiver types, call resolution) are lazy and memoised.
 * Resolution is flow-insensitive with one refinement: a name refers to the nearest
 * binding *preceding* the use in the scope that binds it (the last one when none
 * precedes, e.g. a loop), and a declared type (annotation) wins over inferred ones.
 */
import type {
  AnyExpr,
  AnyNode,
  AnyStmt,
  Arg,
  Arguments,
  AsyncFunctionDef,
  Call,
  ClassDef,
  Comprehension,
  ImportFrom,
  Module,
  NodeType,
  ParseResult,
  Lambda,
} from '../python/ast';
import { CHILD_FIELDS } from './children';
import { BUILTIN_NAMES, MEMBER_TYPES, RETURN_TYPES, TYPE_ALIASES, UNBOUND_NAME_MEANINGS, WELL_KNOWN_MODULES } from './library';
import type {
  Binding,
  BindingKind,
  ComprehensionNode,
  FunctionNode,
  NodeOfType,
  ResolvedCall,
  Scope,
  ScopeKind,
  ScopeNode,
  SemanticModel,
} from './types';

/** An assignment to `self.<attr>` in a method (or a class-body binding) of a class. */
export interface AttributeAssignment {
  readonly attr: string;
  readonly value: AnyExpr | null;
  readonly annotation: AnyExpr | null;
  /** the target expression (for scope lookups of `value`) */
  readonly node: AnyNode;
}

/** Shared by the scopes that declare no `global` / `nonlocal` name (most): never added to. */
const NO_NAMES: ReadonlySet<string> = new Set<string>();
/** Shared by the scopes without `self.x = ...` assignments: never added to. */
const NO_ATTRIBUTE_ASSIGNMENTS: ReadonlyMap<string, AttributeAssignment[]> = new Map<string, AttributeAssignment[]>();

export class ScopeImpl implements Scope {
  readonly children: ScopeImpl[] = [];
  readonly bindings = new Map<string, BindingImpl[]>();
  /** a scope's own set once it declares a name (see `declareGlobal` / `declareNonlocal`) */
  globals: ReadonlySet<string> = NO_NAMES;
  nonlocals: ReadonlySet<string> = NO_NAMES;
  isGenerator = false;
  hasStarImport = false;
  /** methods: the name of the first parameter (`self`/`cls`), when the function is a method */
  selfName: string | null = null;
  /** classes: `self.x = ...` assignments in methods, by attribute */
  attributeAssignments: ReadonlyMap<string, AttributeAssignment[]> = NO_ATTRIBUTE_ASSIGNMENTS;

  constructor(
    readonly kind: ScopeKind,
    readonly node: ScopeNode,
    readonly parent: ScopeImpl | null,
    readonly isAsync: boolean,
    readonly qualname: string,
  ) {
    parent?.children.push(this);
  }

  declareGlobal(name: string): void {
    if (this.globals === NO_NAMES) this.globals = new Set<string>();
    (this.globals as Set<string>).add(name);
  }

  declareNonlocal(name: string): void {
    if (this.nonlocals === NO_NAMES) this.nonlocals = new Set<string>();
    (this.nonlocals as Set<string>).add(name);
  }

  addAttributeAssignment(assignment: AttributeAssignment): void {
    if (this.attributeAssignments === NO_ATTRIBUTE_ASSIGNMENTS) this.attributeAssignments = new Map<string, AttributeAssignment[]>();
    const assignments = this.attributeAssignments as Map<string, AttributeAssignment[]>;
    const list = assignments.get(assignment.attr);
    if (list) list.push(assignment);
    else assignments.set(assignment.attr, [assignment]);
  }
}

export interface BindingImpl extends Binding {
  readonly scope: ScopeImpl;
}

const MAX_EVALUATION_DEPTH = 150;

/** Generic aliases whose subscript describes contained items, not the value itself. */
const GENERIC_CONTAINERS: ReadonlySet<string> = new Set([
  'List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Sequence', 'MutableSequence', 'Mapping', 'MutableMapping', 'Iterable', 'Iterator',
  'Collection', 'Container', 'Callable', 'Type', 'Awaitable', 'Coroutine', 'AsyncIterator', 'AsyncIterable', 'Generator',
  'AsyncGenerator', 'Literal', 'Deque', 'DefaultDict', 'OrderedDict', 'Counter', 'ChainMap', 'list', 'dict', 'set', 'frozenset',
  'tuple', 'type', 'deque', 'defaultdict', 'Union', 'Optional', 'TypeGuard', 'TypeIs', 'Unpack', 'Required', 'NotRequired',
]);

const COMPREHENSIONS = new Set<NodeType>(['ListComp', 'SetComp', 'DictComp', 'GeneratorExp']);

export interface ModelOptions {
  /** dotted module name ('pkg.mod'); '' for a file outside any module layout */
  moduleName: string;
  /** the file is a package `__init__` */
  isPackage: boolean;
}

/** Resolves `from ..x import y`'s module in module `moduleName`. */
export function resolveRelativeModule(moduleName: string, isPackage: boolean, level: number, module: string | null): string | null {
  if (level === 0) return module ?? '';
  const parts = moduleName === '' ? [] : moduleName.split('.');
  // the package containing this module
  if (!isPackage) parts.pop();
  for (let i = 1; i < level; i++) {
    if (parts.length === 0) return null;
    parts.pop();
  }
  if (module) parts.push(module);
  return parts.join('.');
}

/** `a.b.c` as written, or null when the expression is not a dotted name (iterative: chains can be long). */
function dottedNameOf(expr: AnyExpr): string | null {
  // the common short names without an array (this runs for every call resolved)
  if (expr.nodeType === 'Name') return expr.id;
  if (expr.nodeType === 'Attribute' && expr.value.nodeType === 'Name') return `${expr.value.id}.${expr.attr}`;
  const parts: string[] = [];
  let current: AnyExpr = expr;
  while (current.nodeType === 'Attribute') {
    parts.push(current.attr);
    current = current.value;
  }
  if (current.nodeType !== 'Name') return null;
  parts.push(current.id);
  return parts.reverse().join('.');
}

function looksLikeClassName(qualifiedName: string): boolean {
  const last = qualifiedName.slice(qualifiedName.lastIndexOf('.') + 1).replace(/^_+/, '');
  const first = last.charAt(0);
  return first !== '' && first >= 'A' && first <= 'Z' && last !== last.toUpperCase();
}

function normaliseType(type: string | null): string | null {
  if (type === null) return null;
  return TYPE_ALIASES.get(type) ?? type;
}

function isTypeCheckingTest(test: AnyExpr): boolean {
  return (test.nodeType === 'Name' && test.id === 'TYPE_CHECKING') || (test.nodeType === 'Attribute' && test.attr === 'TYPE_CHECKING');
}

export class Model implements SemanticModel {
  readonly moduleName: string;
  readonly isPackage: boolean;
  readonly moduleScope: ScopeImpl;
  readonly scopes: ScopeImpl[] = [];
  /** imported module names (and `from m import n` candidates `m.n`), relative ones resolved */
  readonly importedModules = new Set<string>();

  /** pre-order number of every node the pass saw (the module is 0); the arrays below are indexed by it */
  private readonly ids = new Map<AnyNode, number>();
  private readonly parentById: (AnyNode | null)[] = [];
  /** the scope each node is evaluated in (a def's name/decorators/defaults: the enclosing one) */
  private readonly scopeById: ScopeImpl[] = [];
  /** per kind, in source order (swapped for fresh lists while a patch runs the pass over one statement) */
  private byType = new Map<NodeType, AnyNode[]>();
  private readonly scopeByNode = new Map<AnyNode, ScopeImpl>();
  private typeCheckingRanges: { start: number; end: number }[] = [];
  private readonly localClasses = new Map<string, ScopeImpl>();
  private readonly localFunctions = new Map<string, FunctionNode>();

  private readonly qualifiedNameMemo = new Map<AnyExpr, string | null>();
  private readonly typeMemo = new Map<AnyNode, string | null>();
  private readonly callMemo = new Map<Call, ResolvedCall>();
  /** `attributeType(cls, attr, 0)` answers (see there for which are kept) */
  private readonly attributeMemo = new Map<ScopeImpl, Map<string, string | null>>();
  /** evaluations cut short by a cycle or the depth bound: answers reached through one are not memoised */
  private cuts = 0;
  /** the expressions being evaluated, innermost last (a cycle guard; a Set would reallocate on every delete) */
  private readonly resolving: AnyNode[] = [];
  /** nesting of qualifiedName/typeOf evaluation (bounded: a 10 000-deep `a.b.c…` must not overflow) */
  private depth = 0;

  /**
   * The pass's work stack, as parallel arrays (no object per node): a node, its parent, the
   * scope it is evaluated in, and whether it is under `if TYPE_CHECKING:`. Only used while building.
   */
  private stackNodes: AnyNode[] = [];
  private stackParents: AnyNode[] = [];
  private stackScopes: ScopeImpl[] = [];
  private stackTc: boolean[] = [];
  private readonly pendingNonlocals: BindingImpl[] = [];

  /** per top-level statement: the range of pre-order numbers of its nodes (what a patch replaces) */
  private readonly statementIds = new Map<AnyNode, readonly [number, number]>();
  /** numbers of nodes replaced by patches (their slots are empty): past a bound, patching gives way to a rebuild */
  private garbage = 0;
  /** while a patch runs the pass: the definitions it made (see `defineLocal`) */
  private patchKeys: Set<string> | null = null;

  constructor(
    readonly parse: ParseResult,
    options: ModelOptions,
    patch: ModelPatch | null = null,
  ) {
    this.moduleName = options.moduleName;
    this.isPackage = options.isPackage;
    if (patch) {
      // take over the old model's structures (it is not used again) and replace one statement in them
      const old = patch.model;
      this.moduleScope = old.moduleScope;
      this.scopes = old.scopes;
      this.importedModules = old.importedModules;
      this.ids = old.ids;
      this.parentById = old.parentById;
      this.scopeById = old.scopeById;
      this.byType = old.byType;
      this.scopeByNode = old.scopeByNode;
      this.typeCheckingRanges = old.typeCheckingRanges;
      this.localClasses = old.localClasses;
      this.localFunctions = old.localFunctions;
      this.statementIds = old.statementIds;
      this.garbage = old.garbage;
      this.replaceStatement(old.parse.module, patch.change);
      return;
    }
    this.moduleScope = this.newScope('module', parse.module, null, false, '');
    // the module itself: no parent, not listed by kind
    this.ids.set(parse.module, 0);
    this.parentById.push(null);
    this.scopeById.push(this.moduleScope);
    this.run(parse.module.body, parse.module);
    for (const list of this.byType.values()) {
      if (!isSorted(list)) list.sort(bySourceOrder);
    }
    for (const pending of this.pendingNonlocals) this.addBinding(this.nonlocalTarget(pending.scope, pending.name), pending);
    this.pendingNonlocals.length = 0;
    for (const scope of this.scopes) {
      for (const list of scope.bindings.values()) if (list.length > 1 && !bindingsSorted(list)) list.sort(byOffset);
    }
    const body = parse.module.body;
    for (let i = 0; i < body.length; i++) {
      const stmt = body[i] as AnyStmt;
      const next = body[i + 1];
      this.statementIds.set(stmt, [this.ids.get(stmt) ?? 0, next ? (this.ids.get(next) ?? 0) : this.parentById.length]);
    }
  }

  /**
   * The patch: the module body's statement `change.index` was re-parsed (the old one's nodes
   * have their old offsets; the statements after it were moved by `change.delta` in place).
   * Removes everything the old statement contributed, moves the offsets the model copied
   * (bindings, TYPE_CHECKING ranges) past it, and runs the pass over the new statement alone,
   * merging what it finds in source order. Throws `PatchDeclined` when the result might differ
   * from a full build (imports, redefined names, too many replaced numbers): the caller builds.
   */
  private replaceStatement(oldModule: Module, change: StatementChange): void {
    const module = this.parse.module;
    const replacement = module.body[change.index];
    const range = this.statementIds.get(change.oldStatement);
    if (!replacement || !range) throw new PatchDeclined();
    const [from, to] = range;
    const inOld = (node: AnyNode): boolean => {
      const id = this.ids.get(node);
      return id !== undefined && id >= from && id < to;
    };
    const { sliceStart, oldEnd, delta } = change;
    // replaced numbers are left empty: past a bound (half the table, at least 20 000), rebuild to reclaim them
    if (this.garbage + (to - from) > Math.max(this.parentById.length / 2, 20_000)) throw new PatchDeclined();

    // the module node is new (same scope)
    this.ids.delete(oldModule);
    this.ids.set(module, 0);
    this.scopeByNode.delete(oldModule);
    this.scopeByNode.set(module, this.moduleScope);
    (this.moduleScope as { node: ScopeNode }).node = module;
    this.moduleScope.bindings.forEach((list) => {
      for (const binding of list) if (binding.node === oldModule) throw new PatchDeclined();
    });

    // scopes the old statement opened (contiguous in creation order, which is source order)
    let scopeAt = this.scopes.length;
    for (let i = 1; i < this.scopes.length; i++) {
      if ((this.scopes[i] as ScopeImpl).node.start >= sliceStart) {
        scopeAt = i;
        break;
      }
    }
    let scopeEnd = scopeAt;
    while (scopeEnd < this.scopes.length && inOld((this.scopes[scopeEnd] as ScopeImpl).node)) scopeEnd++;
    for (let i = scopeAt; i < scopeEnd; i++) this.scopeByNode.delete((this.scopes[i] as ScopeImpl).node);
    this.scopes.splice(scopeAt, scopeEnd - scopeAt);
    const children = this.moduleScope.children;
    let childAt = children.findIndex((child) => child.node.start >= sliceStart);
    if (childAt < 0) childAt = children.length;
    let childEnd = childAt;
    while (childEnd < children.length && inOld((children[childEnd] as ScopeImpl).node)) childEnd++;
    children.splice(childAt, childEnd - childAt);
    this.localFunctions.forEach((node, key) => {
      if (inOld(node)) this.localFunctions.delete(key);
    });
    this.localClasses.forEach((scope, key) => {
      if (inOld(scope.node)) this.localClasses.delete(key);
    });

    // bindings: the old statement's module-level ones go, the copied offsets after it move
    const moduleBindings = this.moduleScope.bindings;
    moduleBindings.forEach((list, name) => {
      if (list.some((binding) => inOld(binding.node))) {
        // an emptied list keeps its place: the map's order (first binding in pass order) must not change
        moduleBindings.set(name, list.filter((binding) => !inOld(binding.node)));
      }
    });
    if (delta !== 0) {
      for (const scope of this.scopes) {
        scope.bindings.forEach((list) => {
          for (const binding of list) if (binding.offset > oldEnd) (binding as { offset: number }).offset += delta;
        });
      }
    }
    let rangeAt = 0;
    const ranges = this.typeCheckingRanges;
    for (let i = ranges.length - 1; i >= 0; i--) {
      const item = ranges[i] as { start: number; end: number };
      if (item.start >= oldEnd) {
        item.start += delta;
        item.end += delta;
      } else if (item.start >= sliceStart) {
        ranges.splice(i, 1);
      }
    }
    while (rangeAt < ranges.length && (ranges[rangeAt] as { start: number }).start < sliceStart) rangeAt++;

    // nodes: the old statement's go from the per-kind lists and the number table
    const insertAt = new Map<NodeType, number>();
    for (const [type, list] of this.byType) {
      const at = firstAtOrAfter(list, sliceStart);
      let end = at;
      while (end < list.length && inOld(list[end] as AnyNode)) end++;
      if ((type === 'Import' || type === 'ImportFrom') && end > at) throw new PatchDeclined();
      for (let i = at; i < end; i++) this.ids.delete(list[i] as AnyNode);
      list.splice(at, end - at);
      insertAt.set(type, at);
    }
    this.ids.delete(change.oldStatement);
    for (let id = from; id < to; id++) {
      this.parentById[id] = null;
      this.scopeById[id] = this.moduleScope;
    }
    this.garbage += to - from;
    this.statementIds.delete(change.oldStatement);

    // the pass over the new statement, into fresh collectors merged in source order below
    const mainByType = this.byType;
    const mainScopes = this.scopes;
    const mainRanges = this.typeCheckingRanges;
    const newByType = new Map<NodeType, AnyNode[]>();
    const newScopes: ScopeImpl[] = [];
    const newRanges: { start: number; end: number }[] = [];
    this.byType = newByType;
    (this as { scopes: ScopeImpl[] }).scopes = newScopes;
    this.typeCheckingRanges = newRanges;
    const childrenBefore = children.length;
    const moduleNames = this.moduleScope.bindings.size;
    this.patchKeys = new Set();
    const first = this.parentById.length;
    try {
      this.run([replacement], module);
      for (const pending of this.pendingNonlocals) this.addBinding(this.nonlocalTarget(pending.scope, pending.name), pending);
      this.pendingNonlocals.length = 0;
    } finally {
      this.patchKeys = null;
      this.byType = mainByType;
      (this as { scopes: ScopeImpl[] }).scopes = mainScopes;
      this.typeCheckingRanges = mainRanges;
    }
    this.statementIds.set(replacement, [first, this.parentById.length]);
    if (newByType.has('Import') || newByType.has('ImportFrom')) throw new PatchDeclined();
    // a module-level name the old statement alone bound, or one the new statement binds first: the
    // map's order would differ from a full pass (consumers take the first match)
    if (this.moduleScope.bindings.size !== moduleNames) throw new PatchDeclined();
    for (const list of this.moduleScope.bindings.values()) if (list.length === 0) throw new PatchDeclined();
    if (replacement.nodeType === 'FunctionDef' || replacement.nodeType === 'AsyncFunctionDef' || replacement.nodeType === 'ClassDef') {
      if ((this.moduleScope.bindings.get(replacement.name)?.length ?? 0) > 1) throw new PatchDeclined();
    }
    if (change.oldStatement.nodeType === 'FunctionDef' || change.oldStatement.nodeType === 'AsyncFunctionDef' || change.oldStatement.nodeType === 'ClassDef') {
      if ((this.moduleScope.bindings.get(change.oldStatement.name)?.length ?? 0) > 1) throw new PatchDeclined();
    }

    for (const [type, list] of newByType) {
      if (!isSorted(list)) list.sort(bySourceOrder);
      const main = mainByType.get(type);
      if (!main) mainByType.set(type, list);
      else main.splice(insertAt.get(type) ?? firstAtOrAfter(main, sliceStart), 0, ...list);
    }
    mainScopes.splice(scopeAt, 0, ...newScopes);
    const opened = children.splice(childrenBefore, children.length - childrenBefore);
    children.splice(childAt, 0, ...opened);
    mainRanges.splice(rangeAt, 0, ...newRanges);
    for (const list of this.moduleScope.bindings.values()) if (list.length > 1 && !bindingsSorted(list)) list.sort(byOffset);
    for (const scope of newScopes) {
      for (const list of scope.bindings.values()) if (list.length > 1 && !bindingsSorted(list)) list.sort(byOffset);
    }
    // the statements point at the new module node
    for (const stmt of module.body) {
      const id = this.ids.get(stmt);
      if (id !== undefined) this.parentById[id] = module;
    }
  }

  /**
   * The single pass, without recursion (deeply nested expressions must not overflow the stack):
   * pre-order in source order with an explicit stack, so the per-kind node lists come out
   * (almost always) sorted. `nonlocal` bindings are placed after the pass, when every binding
   * of the enclosing functions is known.
   */
  private run(statements: readonly AnyStmt[], module: Module): void {
    const nodes = this.stackNodes;
    const parents = this.stackParents;
    const scopes = this.stackScopes;
    const tcs = this.stackTc;
    for (const stmt of statements) this.visitNode(stmt, module, this.moduleScope, false);
    reverseFrom(0, nodes, parents, scopes, tcs);
    while (nodes.length > 0) {
      const node = nodes.pop() as AnyNode;
      const parent = parents.pop() as AnyNode;
      const scope = scopes.pop() as ScopeImpl;
      const tc = tcs.pop() as boolean;
      this.record(node, parent, scope);
      // the children the node queues, in source order, are visited first-to-last
      const base = nodes.length;
      this.dispatch(node, scope, tc);
      if (nodes.length - base > 1) reverseFrom(base, nodes, parents, scopes, tcs);
    }
    this.stackNodes = [];
    this.stackParents = [];
    this.stackScopes = [];
    this.stackTc = [];
  }

  // ── building ───────────────────────────────────────────────────────────────

  private newScope(kind: ScopeKind, node: ScopeNode, parent: ScopeImpl | null, isAsync: boolean, qualname: string): ScopeImpl {
    const scope = new ScopeImpl(kind, node, parent, isAsync, qualname);
    this.scopes.push(scope);
    this.scopeByNode.set(node, scope);
    return scope;
  }

  /** Remembers a node's number, parent, kind, and the scope it is evaluated in. */
  private record(node: AnyNode, parent: AnyNode, scope: ScopeImpl): void {
    this.ids.set(node, this.parentById.length);
    this.parentById.push(parent);
    this.scopeById.push(scope);
    let list = this.byType.get(node.nodeType);
    if (!list) {
      list = [];
      this.byType.set(node.nodeType, list);
    }
    list.push(node);
  }

  /**
   * Visits the children of `node` (already recorded) in `scope`, in `CHILD_FIELDS` order. The
   * commonest kinds read their fields directly (one shape per site); the rest go by the table.
   */
  private visitChildren(node: AnyNode, scope: ScopeImpl, tc: boolean): void {
    switch (node.nodeType) {
      case 'Name':
      case 'Constant':
        return;
      case 'Attribute':
      case 'Expr':
      case 'keyword':
      case 'Await':
      case 'Starred':
        this.visitNode(node.value, node, scope, tc);
        return;
      case 'Call':
        this.visitNode(node.func, node, scope, tc);
        for (const arg of node.args) this.visitNode(arg, node, scope, tc);
        for (const keyword of node.keywords) this.visitNode(keyword, node, scope, tc);
        return;
      case 'Subscript':
        this.visitNode(node.value, node, scope, tc);
        this.visitNode(node.slice, node, scope, tc);
        return;
      case 'Assign':
        for (const target of node.targets) this.visitNode(target, node, scope, tc);
        this.visitNode(node.value, node, scope, tc);
        return;
      case 'Return':
        if (node.value) this.visitNode(node.value, node, scope, tc);
        return;
      case 'BinOp':
        this.visitNode(node.left, node, scope, tc);
        this.visitNode(node.right, node, scope, tc);
        return;
      case 'Compare':
        this.visitNode(node.left, node, scope, tc);
        for (const comparator of node.comparators) this.visitNode(comparator, node, scope, tc);
        return;
      case 'Tuple':
      case 'List':
        for (const element of node.elts) this.visitNode(element, node, scope, tc);
        return;
      default:
        break;
    }
    const record = node as unknown as Record<string, unknown>;
    for (const field of CHILD_FIELDS[node.nodeType]) {
      const value = record[field];
      if (value === null || value === undefined) continue;
      if (Array.isArray(value)) {
        for (const item of value as (AnyNode | null)[]) if (item) this.visitNode(item, node, scope, tc);
      } else {
        this.visitNode(value as AnyNode, node, scope, tc);
      }
    }
  }

  /** Queues `node` to be visited after the node being dispatched (in call order). */
  private visitNode(node: AnyNode, parent: AnyNode, scope: ScopeImpl, tc: boolean): void {
    this.stackNodes.push(node);
    this.stackParents.push(parent);
    this.stackScopes.push(scope);
    this.stackTc.push(tc);
  }

  /** Queues a nested scope's body (visited right after the def's own parts). */
  private deferBody(body: readonly AnyStmt[], parent: AnyNode, scope: ScopeImpl, tc: boolean): void {
    for (const stmt of body) this.visitNode(stmt, parent, scope, tc);
  }

  private dispatch(node: AnyNode, scope: ScopeImpl, tc: boolean): void {
    switch (node.nodeType) {
      // the commonest kinds first: they bind nothing
      case 'Name':
      case 'Constant':
        return;
      case 'Attribute':
      case 'Call':
      case 'Expr':
      case 'keyword':
        this.visitChildren(node, scope, tc);
        return;
      case 'FunctionDef':
      case 'AsyncFunctionDef':
        this.visitFunction(node, scope, tc);
        return;
      case 'ClassDef':
        this.visitClass(node, scope, tc);
        return;
      case 'Lambda':
        this.visitLambda(node, scope, tc);
        return;
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'GeneratorExp':
        this.visitComprehension(node, scope, tc);
        return;
      case 'If':
        if (isTypeCheckingTest(node.test)) {
          this.visitNode(node.test, node, scope, tc);
          if (node.body.length > 0) {
            const first = node.body[0] as AnyStmt;
            const last = node.body[node.body.length - 1] as AnyStmt;
            this.typeCheckingRanges.push({ start: first.start, end: last.end });
          }
          for (const stmt of node.body) this.visitNode(stmt, node, scope, true);
          for (const stmt of node.orelse) this.visitNode(stmt, node, scope, tc);
          return;
        }
        break;
      case 'Import':
        for (const alias of node.names) {
          this.record(alias, node, scope);
          this.importedModules.add(alias.name);
          if (alias.asname) {
            this.bind(scope, alias.asname, 'import', alias, node.start, tc, alias.name, null, null);
          } else {
            const top = alias.name.split('.')[0] ?? alias.name;
            this.bind(scope, top, 'import', alias, node.start, tc, top, null, null);
          }
        }
        return;
      case 'ImportFrom':
        this.visitImportFrom(node, scope, tc);
        return;
      case 'Global':
        for (const name of node.names) scope.declareGlobal(name);
        return;
      case 'Nonlocal':
        for (const name of node.names) scope.declareNonlocal(name);
        return;
      case 'Assign':
        this.visitChildren(node, scope, tc);
        for (const target of node.targets) this.bindTarget(target, scope, 'assignment', node.value, null, node.end, tc);
        return;
      case 'AnnAssign':
        this.visitChildren(node, scope, tc);
        this.bindTarget(node.target, scope, node.value ? 'assignment' : 'annotation', node.value, node.annotation, node.end, tc);
        return;
      case 'AugAssign':
        this.visitChildren(node, scope, tc);
        this.bindTarget(node.target, scope, 'assignment', null, null, node.end, tc);
        return;
      case 'NamedExpr': {
        this.visitChildren(node, scope, tc);
        let target = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        this.bindTarget(node.target, target, 'assignment', node.value, null, node.end, tc);
        return;
      }
      case 'For':
      case 'AsyncFor':
        this.visitChildren(node, scope, tc);
        this.bindTarget(node.target, scope, 'for-target', null, null, node.target.start, tc);
        return;
      case 'With':
      case 'AsyncWith':
        this.visitChildren(node, scope, tc);
        for (const item of node.items) {
          if (item.optional_vars) this.bindTarget(item.optional_vars, scope, 'with-target', item.context_expr, null, item.optional_vars.start, tc);
        }
        return;
      case 'ExceptHandler':
        this.visitChildren(node, scope, tc);
        if (node.name) this.bind(scope, node.name, 'except-handler', node, node.start, tc, null, null, null);
        return;
      case 'MatchAs':
      case 'MatchStar':
        this.visitChildren(node, scope, tc);
        if (node.name) this.bind(scope, node.name, 'match-capture', node, node.start, tc, null, null, null);
        return;
      case 'MatchMapping':
        this.visitChildren(node, scope, tc);
        if (node.rest) this.bind(scope, node.rest, 'match-capture', node, node.start, tc, null, null, null);
        return;
      case 'TypeAlias':
        this.visitChildren(node, scope, tc);
        if (node.name.nodeType === 'Name') this.bind(scope, node.name.id, 'assignment', node.name, node.start, tc, null, null, null);
        return;
      case 'Dict':
        // keys and values interleave in the source
        node.keys.forEach((key, i) => {
          if (key) this.visitNode(key, node, scope, tc);
          const value = node.values[i];
          if (value) this.visitNode(value, node, scope, tc);
        });
        return;
      case 'Yield':
      case 'YieldFrom': {
        let target: ScopeImpl | null = scope;
        while (target && target.kind === 'comprehension') target = target.parent;
        if (target && (target.kind === 'function' || target.kind === 'lambda')) target.isGenerator = true;
        break;
      }
      default:
        break;
    }
    this.visitChildren(node, scope, tc);
  }

  private visitImportFrom(node: ImportFrom, scope: ScopeImpl, tc: boolean): void {
    const module = resolveRelativeModule(this.moduleName, this.isPackage, node.level ?? 0, node.module);
    if (module) this.importedModules.add(module);
    for (const alias of node.names) {
      this.record(alias, node, scope);
      if (alias.name === '*') {
        scope.hasStarImport = true;
        continue;
      }
      const importedName = module ? `${module}.${alias.name}` : alias.name;
      if (module) this.importedModules.add(importedName);
      this.bind(scope, alias.asname ?? alias.name, 'from-import', alias, node.start, tc, importedName, null, null);
    }
  }

  /** Visits the parts of a signature that are evaluated in the enclosing scope: defaults and annotations. */
  private visitArguments(args: Arguments, owner: AnyNode, outer: ScopeImpl, inner: ScopeImpl, ownerStart: number, tc: boolean): void {
    this.record(args, owner, outer);
    const all: Arg[] = [];
    for (const arg of args.posonlyargs) all.push(arg);
    for (const arg of args.args) all.push(arg);
    if (args.vararg) all.push(args.vararg);
    for (const arg of args.kwonlyargs) all.push(arg);
    if (args.kwarg) all.push(args.kwarg);
    // annotations and defaults, evaluated in the enclosing scope, queued in source order
    let outerParts: { node: AnyNode; parent: AnyNode }[] | null = null;
    for (const arg of all) {
      this.record(arg, args, outer);
      if (arg.annotation) (outerParts ??= []).push({ node: arg.annotation, parent: arg });
    }
    for (const value of args.defaults) (outerParts ??= []).push({ node: value, parent: args });
    for (const value of args.kw_defaults) if (value) (outerParts ??= []).push({ node: value, parent: args });
    if (outerParts) {
      if (outerParts.length > 1) outerParts.sort((a, b) => a.node.start - b.node.start);
      for (const part of outerParts) this.visitNode(part.node, part.parent, outer, tc);
    }
    for (const arg of all) {
      this.bind(inner, arg.arg, 'parameter', arg, ownerStart, tc, null, null, arg.annotation);
    }
  }

  private visitFunction(node: FunctionNode, scope: ScopeImpl, tc: boolean): void {
    for (const decorator of node.decorator_list) this.visitNode(decorator, node, scope, tc);
    const qualname = scope.kind === 'module' ? node.name : scope.kind === 'class' ? `${scope.qualname}.${node.name}` : `${scope.qualname}.<locals>.${node.name}`;
    const inner = this.newScope('function', node, scope, node.nodeType === 'AsyncFunctionDef', qualname);
    for (const param of node.type_params) this.visitNode(param, node, inner, tc);
    this.visitArguments(node.args, node, scope, inner, node.start, tc);
    if (node.returns) this.visitNode(node.returns, node, scope, tc);
    if (scope.kind === 'class') {
      const isStatic = node.decorator_list.some((d) => (d.nodeType === 'Name' && d.id === 'staticmethod') || (d.nodeType === 'Attribute' && d.attr === 'staticmethod'));
      const first = node.args.posonlyargs[0] ?? node.args.args[0];
      if (!isStatic && first) inner.selfName = first.arg;
    }
    this.bind(scope, node.name, 'function', node, node.start, tc, null, null, null);
    if (scope.kind === 'module' || scope.kind === 'class') this.defineLocal(this.localFunctions, this.qualify(qualname), node);
    this.deferBody(node.body, node, inner, tc);
  }

  private visitClass(node: ClassDef, scope: ScopeImpl, tc: boolean): void {
    for (const decorator of node.decorator_list) this.visitNode(decorator, node, scope, tc);
    const qualname = scope.kind === 'module' ? node.name : scope.kind === 'class' ? `${scope.qualname}.${node.name}` : `${scope.qualname}.<locals>.${node.name}`;
    const inner = this.newScope('class', node, scope, false, qualname);
    for (const param of node.type_params) this.visitNode(param, node, inner, tc);
    for (const base of node.bases) this.visitNode(base, node, scope, tc);
    for (const keyword of node.keywords) this.visitNode(keyword, node, scope, tc);
    this.bind(scope, node.name, 'class', node, node.start, tc, null, null, null);
    this.defineLocal(this.localClasses, this.qualify(qualname), inner);
    this.deferBody(node.body, node, inner, tc);
  }

  private visitLambda(node: Lambda, scope: ScopeImpl, tc: boolean): void {
    const inner = this.newScope('lambda', node, scope, false, `${scope.qualname ? `${scope.qualname}.` : ''}<lambda>`);
    this.visitArguments(node.args, node, scope, inner, node.start, tc);
    this.visitNode(node.body, node, inner, tc);
  }

  private visitComprehension(node: ComprehensionNode, scope: ScopeImpl, tc: boolean): void {
    const inner = this.newScope('comprehension', node, scope, false, `${scope.qualname ? `${scope.qualname}.` : ''}<comprehension>`);
    // the element comes first in the source
    if (node.nodeType === 'DictComp') {
      this.visitNode(node.key, node, inner, tc);
      this.visitNode(node.value, node, inner, tc);
    } else {
      this.visitNode(node.elt, node, inner, tc);
    }
    node.generators.forEach((generator: Comprehension, index: number) => {
      this.record(generator, node, inner);
      // `for target in iter`: the first iterable is evaluated in the enclosing scope
      this.visitNode(generator.target, generator, inner, tc);
      this.visitNode(generator.iter, generator, index === 0 ? scope : inner, tc);
      this.bindTarget(generator.target, inner, 'for-target', null, null, generator.target.start, tc);
      for (const condition of generator.ifs) this.visitNode(condition, generator, inner, tc);
    });
  }

  /**
   * Records a module- or class-level definition (the last one of a name wins, as in the pass). While
   * a patch runs, a name another statement defines too declines it: which definition wins would
   * depend on the order of the whole pass.
   */
  private defineLocal<V>(table: Map<string, V>, key: string, value: V): void {
    const patching = this.patchKeys;
    if (patching) {
      if (table.has(key) && !patching.has(key)) throw new PatchDeclined();
      patching.add(key);
    }
    table.set(key, value);
  }

  private qualify(qualname: string): string {
    return this.moduleName ? `${this.moduleName}.${qualname}` : qualname;
  }

  private bind(
    scope: ScopeImpl,
    name: string,
    kind: BindingKind,
    node: AnyNode,
    offset: number,
    tc: boolean,
    importedName: string | null,
    value: AnyExpr | null,
    annotation: AnyExpr | null,
  ): void {
    const target = scope.globals.has(name) ? this.moduleScope : scope;
    const binding: BindingImpl = {
      name,
      kind,
      scope: target,
      node,
      offset,
      importedName,
      value,
      annotation,
      typeCheckingOnly: tc,
    };
    if (scope.nonlocals.has(name)) {
      this.pendingNonlocals.push(binding);
      return;
    }
    this.addBinding(target, binding);
  }

  private addBinding(target: ScopeImpl, binding: BindingImpl): void {
    const placed = binding.scope === target ? binding : { ...binding, scope: target };
    let list = target.bindings.get(binding.name);
    if (!list) {
      list = [];
      target.bindings.set(binding.name, list);
    }
    list.push(placed);
  }

  /** The enclosing function scope a `nonlocal name` refers to (the nearest one binding it). */
  private nonlocalTarget(scope: ScopeImpl, name: string): ScopeImpl {
    for (let outer = scope.parent; outer && outer.kind !== 'module'; outer = outer.parent) {
      if (outer.kind !== 'class' && outer.bindings.has(name) && !outer.nonlocals.has(name)) return outer;
    }
    return scope;
  }

  private bindTarget(
    target: AnyExpr,
    scope: ScopeImpl,
    kind: BindingKind,
    value: AnyExpr | null,
    annotation: AnyExpr | null,
    offset: number,
    tc: boolean,
  ): void {
    switch (target.nodeType) {
      case 'Name':
        this.bind(scope, target.id, kind, target, offset, tc, null, value, annotation);
        return;
      case 'Tuple':
      case 'List': {
        const values = value && (value.nodeType === 'Tuple' || value.nodeType === 'List') && value.elts.length === target.elts.length && !value.elts.some((e) => e.nodeType === 'Starred') ? value.elts : null;
        target.elts.forEach((element, i) => {
          this.bindTarget(element, scope, kind, values ? (values[i] ?? null) : null, null, offset, tc);
        });
        return;
      }
      case 'Starred':
        this.bindTarget(target.value, scope, kind, null, null, offset, tc);
        return;
      case 'Attribute':
        this.recordAttributeAssignment(target, scope, kind === 'assignment' || kind === 'annotation' ? value : null, annotation);
        return;
      default:
        return;
    }
  }

  /** `self.x = value` inside a method: remember it on the class. */
  private recordAttributeAssignment(target: NodeOfType<'Attribute'>, scope: ScopeImpl, value: AnyExpr | null, annotation: AnyExpr | null): void {
    if (target.value.nodeType !== 'Name') return;
    let method: ScopeImpl | null = scope;
    while (method && (method.kind === 'comprehension' || method.kind === 'lambda')) method = method.parent;
    if (!method || method.kind !== 'function' || method.selfName !== target.value.id) return;
    const cls = method.parent;
    if (!cls || cls.kind !== 'class') return;
    cls.addAttributeAssignment({ attr: target.attr, value, annotation, node: target });
  }

  /**
   * Adds `delta` to the offsets of every node that starts after `offset` — the statements after
   * one an edit replaced (see `reparseStatement`): every node but the module is in exactly one
   * per-kind list, and those are in source order, so no tree is walked.
   */
  moveNodesAfter(offset: number, delta: number): void {
    for (const list of this.byType.values()) {
      for (let i = firstAtOrAfter(list, offset + 1); i < list.length; i++) {
        const node = list[i] as AnyNode & { start: number; end: number };
        node.start += delta;
        node.end += delta;
      }
    }
  }

  // ── structure queries ──────────────────────────────────────────────────────

  nodesOfType<K extends NodeType>(type: K): readonly NodeOfType<K>[] {
    return (this.byType.get(type) ?? []) as unknown as NodeOfType<K>[];
  }

  parentOf(node: AnyNode): AnyNode | null {
    const id = this.ids.get(node);
    return id === undefined ? null : (this.parentById[id] ?? null);
  }

  scopeForNode(node: ScopeNode): ScopeImpl | null {
    return this.scopeByNode.get(node) ?? null;
  }

  scopeOf(node: AnyNode): ScopeImpl {
    const id = this.ids.get(node);
    if (id !== undefined) return this.scopeById[id] as ScopeImpl;
    return this.scopeByWalking(node);
  }

  /** For nodes the pass did not see (there are none in a parsed tree; kept for robustness). */
  private scopeByWalking(node: AnyNode): ScopeImpl {
    let child: AnyNode = node;
    let grandchild: AnyNode | null = null;
    let parent = this.parentOf(node);
    while (parent) {
      switch (parent.nodeType) {
        case 'FunctionDef':
        case 'AsyncFunctionDef': {
          const first = parent.body[0];
          if (first && child.start >= first.start && child !== parent.returns) return this.scopeByNode.get(parent) ?? this.moduleScope;
          break;
        }
        case 'ClassDef': {
          const first = parent.body[0];
          if (first && child.start >= first.start) return this.scopeByNode.get(parent) ?? this.moduleScope;
          break;
        }
        case 'Lambda':
          if (child === parent.body) return this.scopeByNode.get(parent) ?? this.moduleScope;
          break;
        case 'ListComp':
        case 'SetComp':
        case 'DictComp':
        case 'GeneratorExp':
          if (!(child === parent.generators[0] && grandchild === parent.generators[0].iter)) return this.scopeByNode.get(parent) ?? this.moduleScope;
          break;
        case 'Module':
          return this.moduleScope;
        default:
          break;
      }
      grandchild = child;
      child = parent;
      parent = this.parentOf(parent);
    }
    return this.moduleScope;
  }

  asyncFunctionOf(node: AnyNode): AsyncFunctionDef | null {
    let scope: ScopeImpl | null = this.scopeOf(node);
    while (scope && scope.kind === 'comprehension') scope = scope.parent;
    if (scope && scope.kind === 'function' && scope.isAsync) return scope.node as AsyncFunctionDef;
    return null;
  }

  isAsyncContext(node: AnyNode): boolean {
    return this.asyncFunctionOf(node) !== null;
  }

  isTypeCheckingOnly(node: AnyNode): boolean {
    for (const range of this.typeCheckingRanges) if (node.start >= range.start && node.end <= range.end) return true;
    return false;
  }

  isAwaited(node: AnyNode): boolean {
    const parent = this.parentOf(node);
    return parent?.nodeType === 'Await' && parent.value === node;
  }

  textOf(node: { start: number; end: number }): string {
    return this.parse.source.slice(node.start, node.end);
  }

  /** Local class scopes by qualified name. */
  classScope(qualifiedName: string): ScopeImpl | null {
    return this.localClasses.get(qualifiedName) ?? null;
  }

  localFunction(qualifiedName: string): FunctionNode | null {
    return this.localFunctions.get(qualifiedName) ?? null;
  }

  /** Qualified name of a scope's definition ('pkg.mod.Class.method'). */
  qualifiedNameOfScope(scope: Scope): string {
    return this.qualify(scope.qualname);
  }

  // ── name resolution ────────────────────────────────────────────────────────

  lookup(name: string, at: AnyNode): BindingImpl | null {
    return this.lookupFrom(this.scopeOf(at), name, at.start);
  }

  lookupFrom(scope: ScopeImpl, name: string, position: number): BindingImpl | null {
    if (scope.globals.has(name)) return pick(this.moduleScope, name, position);
    let current: ScopeImpl | null = scope;
    let first = true;
    while (current) {
      if (!first && current.kind === 'class') {
        current = current.parent;
        continue;
      }
      if (!current.nonlocals.has(name)) {
        const binding = pick(current, name, position);
        if (binding) return binding;
      }
      current = current.parent;
      first = false;
    }
    return null;
  }

  qualifiedName(expr: AnyExpr): string | null {
    const memo = this.qualifiedNameMemo.get(expr);
    if (memo !== undefined) return memo;
    if (this.depth > MAX_EVALUATION_DEPTH || this.resolving.includes(expr)) {
      this.cuts++;
      return null;
    }
    this.resolving.push(expr);
    this.depth++;
    let result: string | null = null;
    try {
      result = this.computeQualifiedName(expr);
    } finally {
      this.resolving.pop();
      this.depth--;
    }
    this.qualifiedNameMemo.set(expr, result);
    return result;
  }

  private computeQualifiedName(expr: AnyExpr): string | null {
    if (expr.nodeType === 'Attribute') {
      const base = this.qualifiedName(expr.value);
      return base === null ? null : `${base}.${expr.attr}`;
    }
    if (expr.nodeType !== 'Name') return null;
    const binding = this.lookup(expr.id, expr);
    if (!binding) {
      if (BUILTIN_NAMES.has(expr.id)) return `builtins.${expr.id}`;
      if (WELL_KNOWN_MODULES.has(expr.id)) return expr.id;
      return UNBOUND_NAME_MEANINGS.get(expr.id) ?? null;
    }
    return this.qualifiedNameOfBinding(binding);
  }

  qualifiedNameOfBinding(binding: BindingImpl): string | null {
    switch (binding.kind) {
      case 'import':
      case 'from-import':
        return binding.importedName;
      case 'function':
      case 'class': {
        const node = binding.node as FunctionNode | ClassDef;
        const scope = this.scopeByNode.get(node);
        return scope ? this.qualify(scope.qualname) : null;
      }
      case 'assignment': {
        // `sleep = time.sleep`: an alias of what it names
        const value = binding.value;
        if (value && (value.nodeType === 'Name' || value.nodeType === 'Attribute') && !binding.annotation) return this.qualifiedName(value);
        return null;
      }
      default:
        return null;
    }
  }

  // ── types ──────────────────────────────────────────────────────────────────

  typeOf(expr: AnyExpr): string | null {
    const memo = this.typeMemo.get(expr);
    if (memo !== undefined) return memo;
    if (this.depth > MAX_EVALUATION_DEPTH || this.resolving.includes(expr)) {
      this.cuts++;
      return null;
    }
    this.resolving.push(expr);
    this.depth++;
    const externalBefore = this.externalUses;
    let result: string | null = null;
    try {
      result = normaliseType(this.computeType(expr));
    } finally {
      this.resolving.pop();
      this.depth--;
    }
    if (this.externalUses === externalBefore) this.typeMemo.set(expr, result);
    return result;
  }

  private computeType(expr: AnyExpr): string | null {
    switch (expr.nodeType) {
      case 'Name': {
        const binding = this.lookup(expr.id, expr);
        return binding ? this.typeOfBinding(binding, expr.start) : null;
      }
      case 'Attribute': {
        const valueType = this.typeOf(expr.value);
        if (valueType !== null) {
          const cls = this.localClasses.get(valueType);
          if (cls) return this.attributeType(cls, expr.attr, 0);
          return MEMBER_TYPES.get(valueType) ?? this.externalAttributeType(valueType, expr.attr);
        }
        // `db.pool` with `from . import db`: a global of another module
        const name = this.qualifiedName(expr);
        return name !== null && !name.startsWith('builtins.') ? this.externalType(name) : null;
      }
      case 'Subscript': {
        const valueType = this.typeOf(expr.value);
        return valueType !== null ? (MEMBER_TYPES.get(valueType) ?? null) : null;
      }
      case 'Call':
        return this.typeOfCall(expr);
      case 'BinOp': {
        if (expr.op !== 'Div') return null;
        const left = this.typeOf(expr.left);
        return left === 'pathlib.Path' || left === 'pathlib.PurePath' ? left : null;
      }
      case 'NamedExpr':
        return this.typeOf(expr.value);
      default:
        return null;
    }
  }

  private typeOfCall(call: Call): string | null {
    const resolved = this.resolveCall(call);
    const name = resolved.qualifiedName;
    if (name === null) return null;
    const known = RETURN_TYPES.get(name) ?? TYPE_ALIASES.get(name);
    if (known) return known;
    if (this.localClasses.has(name)) return name;
    const fn = this.localFunctions.get(name);
    if (fn) return fn.returns ? this.annotationType(fn.returns) : null;
    return looksLikeClassName(name) ? name : null;
  }

  /** The type a binding gives its name at `position`: the declared type if any annotation precedes, else the inferred one. */
  private typeOfBinding(binding: BindingImpl, position: number): string | null {
    const list = binding.scope.bindings.get(binding.name) ?? [];
    // a declared type (annotation) in force at the use wins over inferred assignments
    let declared: BindingImpl | null = null;
    for (const candidate of list) {
      if (candidate.annotation && candidate.offset <= position) declared = candidate;
    }
    if (!declared && binding.annotation) declared = binding;
    if (declared?.annotation) return this.annotationType(declared.annotation);
    switch (binding.kind) {
      case 'assignment':
      case 'with-target':
        return binding.value ? this.typeOf(binding.value) : null;
      case 'parameter': {
        const scope = binding.scope;
        if (scope.selfName === binding.name && scope.parent?.kind === 'class') {
          // `self` is an instance; `cls` of a classmethod is the class, whose attributes and
          // methods are looked up the same way
          return this.qualify(scope.parent.qualname);
        }
        return null;
      }
      case 'import':
      case 'from-import':
        // a module-level object of another project module: `from .db import pool`
        return binding.importedName !== null ? this.externalType(binding.importedName) : null;
      default:
        return null;
    }
  }

  /**
   * Set by the workspace: the type of a module-level name of another project module
   * ('pkg.db.pool' → 'queue.Queue'); `undefined` when the name is not in a project module.
   * Answers about project modules depend on other files, so they are never memoised here.
   */
  externalTypeResolver: ((qualifiedName: string) => string | null | undefined) | null = null;
  private externalUses = 0;

  private externalType(qualifiedName: string): string | null {
    if (!this.externalTypeResolver) return null;
    const answer = this.externalTypeResolver(qualifiedName);
    if (answer === undefined) return null;
    this.externalUses++;
    return answer;
  }

  /** The type of module-level `name` as the rest of the module sees it (its last binding). */
  typeOfModuleGlobal(name: string): string | null {
    const list = this.moduleScope.bindings.get(name);
    const last = list?.filter((b) => !b.typeCheckingOnly).pop() ?? list?.[list.length - 1];
    return last ? this.typeOfBinding(last, Number.MAX_SAFE_INTEGER) : null;
  }

  /** The type an annotation names: `X`, `X | None`, `Optional[X]`, `Union[X, None]`; null for anything else. */
  annotationType(annotation: AnyExpr): string | null {
    switch (annotation.nodeType) {
      case 'Name':
      case 'Attribute': {
        const name = this.qualifiedName(annotation);
        if (name !== null) return name;
        return dottedNameOf(annotation);
      }
      case 'BinOp': {
        if (annotation.op !== 'BitOr') return null;
        const parts = [annotation.left, annotation.right].filter((part) => !(part.nodeType === 'Constant' && part.value === null));
        return parts.length === 1 && parts[0] ? this.annotationType(parts[0]) : null;
      }
      case 'Subscript': {
        const base = this.qualifiedName(annotation.value) ?? dottedNameOf(annotation.value);
        if (base === 'typing.Optional' || base === 'Optional') return this.annotationType(annotation.slice);
        if (base === 'typing.Union' || base === 'Union') {
          const slice = annotation.slice;
          if (slice.nodeType !== 'Tuple') return this.annotationType(slice);
          const parts = slice.elts.filter((part) => !(part.nodeType === 'Constant' && part.value === null));
          return parts.length === 1 && parts[0] ? this.annotationType(parts[0]) : null;
        }
        if (base === null) return null;
        const last = base.slice(base.lastIndexOf('.') + 1);
        if (last === 'Annotated' || last === 'ClassVar' || last === 'Final') {
          const slice = annotation.slice;
          const first = slice.nodeType === 'Tuple' ? slice.elts[0] : slice;
          return first ? this.annotationType(first) : null;
        }
        // `queue.Queue[int]`, `IO[str]`: an instance of the generic class; containers say nothing about their items
        return GENERIC_CONTAINERS.has(last) ? null : base;
      }
      case 'Constant':
        return typeof annotation.value === 'string' ? this.stringAnnotationType(annotation.value, annotation) : null;
      default:
        return null;
    }
  }

  /** A quoted annotation: `"httpx.Client"`, `"X | None"`, `"Optional[X]"` (names resolved where the annotation is). */
  private stringAnnotationType(text: string, at: AnyNode): string | null {
    let inner = text.trim();
    const optional = /^(?:typing\.)?Optional\[(.*)\]$/.exec(inner);
    if (optional?.[1]) inner = optional[1].trim();
    const parts = inner.split('|').map((part) => part.trim()).filter((part) => part !== 'None');
    if (parts.length !== 1) return null;
    const dotted = parts[0] as string;
    if (!/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$/.test(dotted)) return null;
    const [first, ...rest] = dotted.split('.');
    if (first === undefined) return null;
    const binding = this.lookupFrom(this.scopeOf(at), first, at.start);
    const base = binding
      ? this.qualifiedNameOfBinding(binding)
      : BUILTIN_NAMES.has(first)
        ? `builtins.${first}`
        : WELL_KNOWN_MODULES.has(first)
          ? first
          : (UNBOUND_NAME_MEANINGS.get(first) ?? first);
    return base === null ? null : [base, ...rest].join('.');
  }

  /** The type of `self.<attr>` in class `cls` (local classes and their local bases). */
  attributeType(cls: ScopeImpl, attr: string, depth: number): string | null {
    if (depth > 0) return this.computeAttributeType(cls, attr, depth);
    const memo = this.attributeMemo.get(cls)?.get(attr);
    if (memo !== undefined) return memo;
    const externalBefore = this.externalUses;
    const cutsBefore = this.cuts;
    const result = this.computeAttributeType(cls, attr, 0);
    // like `typeOf`: only answers from this file alone, reached without cutting a cycle, are kept
    if (this.externalUses === externalBefore && this.cuts === cutsBefore) {
      let perClass = this.attributeMemo.get(cls);
      if (!perClass) {
        perClass = new Map();
        this.attributeMemo.set(cls, perClass);
      }
      perClass.set(attr, result);
    }
    return result;
  }

  private computeAttributeType(cls: ScopeImpl, attr: string, depth: number): string | null {
    if (depth > 5) {
      this.cuts++;
      return null;
    }
    const assignments = cls.attributeAssignments.get(attr) ?? [];
    for (const assignment of assignments) if (assignment.annotation) return normaliseType(this.annotationType(assignment.annotation));
    const classBody = cls.bindings.get(attr) ?? [];
    for (const binding of classBody) if (binding.annotation) return normaliseType(this.annotationType(binding.annotation));
    for (const assignment of assignments) {
      if (assignment.value) {
        const type = this.typeOf(assignment.value);
        if (type !== null) return type;
      }
    }
    for (const binding of classBody) {
      if (binding.value) {
        const type = this.typeOf(binding.value);
        if (type !== null) return type;
      }
    }
    // inherited from a base class: defined in this file, or in another project module
    const node = cls.node as ClassDef;
    for (const base of node.bases) {
      const baseName = this.qualifiedName(base);
      if (baseName === null) continue;
      const baseScope = this.localClasses.get(baseName);
      const type = baseScope ? this.attributeType(baseScope, attr, depth + 1) : this.externalAttributeType(baseName, attr);
      if (type !== null) return type;
    }
    return null;
  }

  /** Set by the workspace: `self.<attr>` type in a project class of another module; `undefined` when not a project class. */
  externalAttributeResolver: ((classQualifiedName: string, attr: string) => string | null | undefined) | null = null;

  private externalAttributeType(classQualifiedName: string, attr: string): string | null {
    if (!this.externalAttributeResolver) return null;
    const answer = this.externalAttributeResolver(classQualifiedName, attr);
    if (answer === undefined) return null;
    this.externalUses++;
    return answer;
  }

  resolveCall(call: Call): ResolvedCall {
    const memo = this.callMemo.get(call);
    if (memo) return memo;
    const externalBefore = this.externalUses;
    const func = call.func;
    const dottedName = dottedNameOf(func);
    let qualifiedName = this.qualifiedName(func);
    let receiver: AnyExpr | null = null;
    let receiverType: string | null = null;
    let method: string | null = null;
    if (func.nodeType === 'Attribute') {
      receiver = func.value;
      method = func.attr;
      if (qualifiedName === null) {
        receiverType = this.typeOf(func.value);
        if (receiverType !== null) qualifiedName = `${receiverType}.${method}`;
      } else {
        // `pool.get()` with `from .db import pool`: a typed global of another project module
        const receiverName = this.qualifiedName(func.value);
        const external = receiverName !== null && !receiverName.startsWith('builtins.') ? this.externalType(receiverName) : null;
        if (external !== null) {
          receiverType = external;
          qualifiedName = `${external}.${method}`;
        }
      }
    }
    const resolved: ResolvedCall = { call, qualifiedName, dottedName, receiver, receiverType, method };
    if (this.externalUses === externalBefore) this.callMemo.set(call, resolved);
    return resolved;
  }
}

function pick(scope: ScopeImpl, name: string, position: number): BindingImpl | null {
  const list = scope.bindings.get(name);
  if (!list || list.length === 0) return null;
  let best: BindingImpl | null = null;
  for (const binding of list) {
    if (binding.kind === 'deletion') continue;
    if (binding.offset <= position) best = binding;
  }
  return best ?? list[list.length - 1] ?? null;
}

function bindingsSorted(list: readonly BindingImpl[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i] as BindingImpl).offset < (list[i - 1] as BindingImpl).offset) return false;
  return true;
}

function isSorted(list: readonly AnyNode[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i] as AnyNode).start < (list[i - 1] as AnyNode).start) return false;
  return true;
}

export { COMPREHENSIONS, dottedNameOf };

export function buildModel(parse: ParseResult, options: ModelOptions): Model {
  return new Model(parse, options);
}

/** One top-level statement replaced by a re-parse (see `reparseStatement`), for `patchModel`. */
export interface StatementChange {
  /** its index in the module body (the same before and after) */
  readonly index: number;
  /** the statement that was there (its nodes keep their old offsets) */
  readonly oldStatement: AnyStmt;
  /** the end of the statement before it (0 for the first): unchanged by the edit */
  readonly sliceStart: number;
  /** the old statement's end, in old offsets */
  readonly oldEnd: number;
  /** change of length: old offsets after `oldEnd` moved by this much */
  readonly delta: number;
}

interface ModelPatch {
  readonly model: Model;
  readonly change: StatementChange;
}

class PatchDeclined extends Error {}

/**
 * The model of `parse` made from `old` (the model of the text before an edit inside one
 * top-level statement) by replacing that statement's part: what typing in a long module costs
 * instead of a whole pass. `old` must not be used afterwards. Null when the patch could differ
 * from a full build; build then.
 */
export function patchModel(old: Model, parse: ParseResult, change: StatementChange): Model | null {
  try {
    return new Model(parse, { moduleName: old.moduleName, isPackage: old.isPackage }, { model: old, change });
  } catch (error) {
    if (error instanceof PatchDeclined) return null;
    throw error;
  }
}

function bySourceOrder(a: AnyNode, b: AnyNode): number {
  return a.start - b.start || b.end - a.end;
}

function byOffset(a: BindingImpl, b: BindingImpl): number {
  return a.offset - b.offset;
}

/** The first index of a list in source order whose node starts at or after `offset`. */
function firstAtOrAfter(list: readonly AnyNode[], offset: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((list[mid] as AnyNode).start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Reverses the top of the pass's stack from `base` (the children a node queued, first on top). */
function reverseFrom(base: number, nodes: AnyNode[], parents: AnyNode[], scopes: ScopeImpl[], tcs: boolean[]): void {
  for (let i = base, j = nodes.length - 1; i < j; i++, j--) {
    const node = nodes[i] as AnyNode;
    nodes[i] = nodes[j] as AnyNode;
    nodes[j] = node;
    const parent = parents[i] as AnyNode;
    parents[i] = parents[j] as AnyNode;
    parents[j] = parent;
    const scope = scopes[i] as ScopeImpl;
    scopes[i] = scopes[j] as ScopeImpl;
    scopes[j] = scope;
    const tc = tcs[i] as boolean;
    tcs[i] = tcs[j] as boolean;
    tcs[j] = tc;
  }
}
