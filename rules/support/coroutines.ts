/**
 * Coroutine resolution for the AIO2xx/3xx/4xx rules: what a call (or attribute)
 * evaluates to — a coroutine that must be awaited, a scheduled future, an async or
 * sync context manager, an async or sync iterable — from the project's own
 * `async def`s (followed through imports, `self`/`cls`, instances and base classes,
 * across the workspace) and the library knowledge base.
 *
 * Conservative by design: an unknown decorator, an unresolvable receiver or base
 * class means "unknown", and unknown never produces a finding.
 */
import type { AnnAssign, AnyExpr, AnyNode, Assign, AsyncFunctionDef, Attribute, Call, ClassDef, FunctionDef, Name } from '../../src/python/ast';
import type { Binding, ClassInfo, FunctionInfo, SemanticModel, WorkspaceIndex } from '../../src/analysis/types';
import { forEachChild, pushChildrenReversed } from '../../src/analysis/children';
import type { ResolvedConfig } from '../../src/engine/config';
import {
  ASYNC_CONTEXT_DECORATORS,
  ASYNC_PRESERVING_DECORATORS,
  libraryClass,
  SYNC_CONTEXT_DECORATORS,
  libraryFunction,
  libraryMethod,
  type CallableInfo,
} from '../knowledge/coroutines';

/** What calling something produces, merged from the project and the knowledge base. */
export interface CallTarget {
  /** name for messages: 'fetch', 'asyncio.sleep', 'Client.get' */
  readonly display: string;
  /** qualified name when known */
  readonly qualifiedName: string | null;
  /** the effective facts about the call */
  readonly info: CallableInfo;
  /** the project function called, when it is one (its `def` is a related location) */
  readonly project: FunctionInfo | null;
  /** the project class instantiated, when the call is a constructor */
  readonly projectClass: ClassInfo | null;
}

const EMPTY: CallableInfo = {};
const MAX_DEPTH = 6;

/** Strips the `builtins.` prefix the model gives builtins, so both spellings look alike. */
export function normaliseName(name: string): string {
  return name.startsWith('builtins.') ? name.slice('builtins.'.length) : name;
}

function stripParens(expr: AnyExpr): AnyExpr {
  return expr;
}

/** Per-file resolver, shared by every rule that checks the file (see `coroutinesOf`). */
export class CoroutineResolver {
  private readonly callCache = new Map<Call, CallTarget | null>();
  private readonly fnKindCache = new Map<string, FunctionFacts | null>();
  private readonly typeCache = new Map<AnyExpr, string | null>();
  private readonly bindingCache = new Map<Binding, string | null>();
  private readonly selfAttrCache = new Map<string, string | null>();
  private readonly selfClassCache = new Map<Binding, string | null>();

  constructor(
    readonly model: SemanticModel,
    readonly workspace: WorkspaceIndex,
    readonly config: ResolvedConfig,
    readonly file: string,
  ) {}

  /** What the call produces, or null when nothing is known about the callee. */
  target(call: Call): CallTarget | null {
    if (this.callCache.has(call)) return this.callCache.get(call) ?? null;
    this.callCache.set(call, null); // cycle guard
    let result: CallTarget | null = null;
    try {
      result = this.computeTarget(call);
    } catch {
      result = null; // a resolver bug must never take the rule down with it
    }
    this.callCache.set(call, result);
    return result;
  }

  /** The call creates a coroutine that does nothing until awaited. */
  coroutineCall(call: Call): CallTarget | null {
    const target = this.target(call);
    return target?.info.awaitable === 'coroutine' ? target : null;
  }

  /**
   * The expression evaluates to a coroutine: a coroutine call, or an `async def`
   * property of a project class read as an attribute.
   */
  coroutineExpression(expr: AnyExpr): CallTarget | null {
    if (expr.nodeType === 'Call') return this.coroutineCall(expr);
    if (expr.nodeType === 'Attribute') return this.asyncProperty(expr);
    return null;
  }

  /** `obj.prop` where `prop` is an `async def` decorated with `@property` in a project class. */
  asyncProperty(attr: Attribute): CallTarget | null {
    const parent = this.model.parentOf(attr);
    if (parent?.nodeType === 'Call' && parent.func === attr) return null;
    const cls = this.receiverClass(attr.value, attr);
    if (!cls) return null;
    const method = this.workspace.findMethod(cls, attr.attr);
    if (!method || method.kind !== 'async') return null;
    const decorators = method.decorators.map(normaliseName);
    if (decorators.length !== 1 || (decorators[0] !== 'property' && decorators[0] !== 'functools.cached_property')) return null;
    return { display: `${shortClass(cls)}.${attr.attr}`, qualifiedName: method.qualifiedName, info: { awaitable: 'coroutine' }, project: method, projectClass: null };
  }

  private computeTarget(call: Call): CallTarget | null {
    const func = call.func;
    // methods on a receiver whose class we know (project or library)
    if (func.nodeType === 'Attribute') {
      const cls = this.receiverClass(func.value, call);
      if (cls) {
        const projectMethod = this.workspace.findMethod(cls, func.attr);
        if (projectMethod) return this.fromProjectFunction(projectMethod, `${shortClass(cls)}.${func.attr}`, receiverIsClass(func.value, this));
        const projectClass = this.workspace.resolveClass(cls);
        const libraryClass = projectClass ? this.libraryBaseOf(projectClass) : cls;
        if (libraryClass) {
          const info = libraryMethod(libraryClass, func.attr, this.config.coroutineFunctions);
          if (info) return { display: `${shortClass(libraryClass)}.${func.attr}`, qualifiedName: `${libraryClass}.${func.attr}`, info, project: null, projectClass: null };
        }
        if (projectClass) return null;
      }
    }
    let qualified = this.model.resolveCall(call).qualifiedName;
    if (!qualified && func.nodeType !== 'Name' && func.nodeType !== 'Attribute') return null;
    if (!qualified) qualified = this.model.qualifiedName(func);
    if (!qualified) return null;
    const name = normaliseName(qualified);
    // next(it): what the iterator's __next__ gives (`next(asyncio.as_completed(...))` is a coroutine)
    if (name === 'next' && call.args.length === 1 && call.args[0]) {
      const iteratorType = this.typeOf(call.args[0], call, 1);
      const info = iteratorType ? libraryMethod(iteratorType, '__next__') : undefined;
      return info ? { display: 'next', qualifiedName: 'next', info, project: null, projectClass: null } : null;
    }
    const library = libraryFunction(name, this.config.coroutineFunctions);
    if (library) return { display: name, qualifiedName: name, info: library, project: null, projectClass: null };
    const fn = this.workspace.resolveFunction(qualified);
    if (fn) return this.fromProjectFunction(fn, fn.className ? `${shortClass(fn.className)}.${fn.name}` : fn.name, false);
    const cls = this.workspace.resolveClass(qualified);
    if (cls) return { display: cls.name, qualifiedName: cls.qualifiedName, info: { returns: cls.qualifiedName }, project: null, projectClass: cls };
    // a method looked up through a library class path: 'asyncio.StreamWriter.drain'
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      const info = libraryMethod(name.slice(0, dot), name.slice(dot + 1));
      if (info) return { display: name, qualifiedName: name, info, project: null, projectClass: null };
    }
    return null;
  }

  private fromProjectFunction(fn: FunctionInfo, display: string, _calledOnClass: boolean): CallTarget | null {
    const facts = this.functionFacts(fn);
    if (!facts) return { display, qualifiedName: fn.qualifiedName, info: EMPTY, project: fn, projectClass: null };
    return { display, qualifiedName: fn.qualifiedName, info: facts.info, project: fn, projectClass: null };
  }

  /** What calling a project function produces, taking its decorators into account. */
  functionFacts(fn: FunctionInfo): FunctionFacts | null {
    if (this.fnKindCache.has(fn.qualifiedName)) return this.fnKindCache.get(fn.qualifiedName) ?? null;
    const facts = computeFunctionFacts(fn, this.workspace, 0);
    this.fnKindCache.set(fn.qualifiedName, facts);
    return facts;
  }

  /** The first library class among a project class's bases (transitively), e.g. a subclass of `asyncio.Queue`. */
  private libraryBaseOf(cls: ClassInfo, depth = 0): string | null {
    if (depth > MAX_DEPTH) return null;
    for (const base of cls.bases) {
      const name = normaliseName(base);
      if (libraryClass(name)) return name;
      const project = this.workspace.resolveClass(base);
      if (project) {
        const found = this.libraryBaseOf(project, depth + 1);
        if (found) return found;
      }
    }
    return null;
  }

  /** Qualified class name of the receiver of a method call or attribute, when known. */
  receiverClass(receiver: AnyExpr, at: AnyNode): string | null {
    // self / cls inside a method: the enclosing class
    if (receiver.nodeType === 'Name') {
      const own = this.enclosingClassOfSelf(receiver);
      if (own) return own;
    }
    // super().method(): look the method up from the bases (the first base that is a project class)
    if (receiver.nodeType === 'Call' && receiver.func.nodeType === 'Name' && receiver.func.id === 'super' && receiver.args.length === 0) {
      const own = this.enclosingClassName(receiver);
      const info = own ? this.workspace.resolveClass(own) : null;
      const base = info?.bases[0];
      return base ? normaliseName(base) : null;
    }
    return this.typeOf(receiver, at, 0);
  }

  /** `self`/`cls` (the first parameter of a method) → the class's qualified name. */
  private enclosingClassOfSelf(name: Name): string | null {
    const binding = this.model.lookup(name.id, name);
    if (!binding || binding.kind !== 'parameter') return null;
    const cached = this.selfClassCache.get(binding);
    if (cached !== undefined) return cached;
    const found = this.computeEnclosingClassOfSelf(binding);
    this.selfClassCache.set(binding, found);
    return found;
  }

  /** depends on the parameter binding alone: memoised per binding */
  private computeEnclosingClassOfSelf(binding: Binding): string | null {
    const fnScope = binding.scope;
    if (fnScope.kind !== 'function') return null;
    const fnNode = fnScope.node as FunctionDef | AsyncFunctionDef;
    const first = fnNode.args.posonlyargs[0] ?? fnNode.args.args[0];
    if (!first || first !== binding.node) return null;
    const classScope = fnScope.parent;
    if (classScope?.kind !== 'class') return null;
    const decorators = fnNode.decorator_list.map((d) => normaliseName(this.model.qualifiedName(d) ?? this.model.textOf(d)));
    if (decorators.includes('staticmethod')) return null;
    return `${this.model.moduleName}.${classScope.qualname}`;
  }

  private enclosingClassName(node: AnyNode): string | null {
    let scope: ReturnType<SemanticModel['scopeOf']> | null = this.model.scopeOf(node);
    while (scope && scope.kind !== 'class') {
      if (scope.kind === 'function' && scope.parent?.kind === 'class') {
        scope = scope.parent;
        break;
      }
      scope = scope.parent;
    }
    return scope?.kind === 'class' ? `${this.model.moduleName}.${scope.qualname}` : null;
  }

  /**
   * The class an expression is an instance of: the knowledge base's return types,
   * project constructors, annotations, `self.x = ...` assignments, `async with ... as x`
   * and tuple unpacking of awaited results; then whatever the model infers.
   */
  typeOf(expr: AnyExpr, at: AnyNode, depth: number): string | null {
    if (depth > MAX_DEPTH) return null;
    const cached = this.typeCache.get(expr);
    if (cached !== undefined) return cached;
    const type = this.computeTypeOf(stripParens(expr), at, depth);
    // a null found deep down may only mean "ran out of depth": keep it only when computed from the top
    if (type !== null || depth === 0) this.typeCache.set(expr, type);
    return type;
  }

  private computeTypeOf(expr: AnyExpr, at: AnyNode, depth: number): string | null {
    switch (expr.nodeType) {
      case 'Call': {
        const target = this.target(expr);
        if (target?.info.returns) return target.info.returns;
        if (target?.project && target.info.awaitable === undefined) {
          const annotated = this.returnAnnotationType(target.project);
          if (annotated) return annotated;
        }
        break;
      }
      case 'Await': {
        if (expr.value.nodeType === 'Call') {
          const target = this.target(expr.value);
          const awaited = target?.info.awaitReturns;
          if (typeof awaited === 'string') return awaited;
          if (target?.project && target.info.awaitable === 'coroutine') return this.returnAnnotationType(target.project);
          if (target?.info.awaitable === 'future' && target.info.returns === 'asyncio.Task') return null;
        }
        return null;
      }
      case 'Name': {
        const fromBinding = this.typeOfName(expr, depth);
        if (fromBinding !== undefined) return fromBinding;
        break;
      }
      case 'Attribute': {
        const owner = this.receiverClass(expr.value, at);
        if (owner) {
          const attributes = libraryClass(owner)?.attributes;
          const library = attributes && Object.hasOwn(attributes, expr.attr) ? attributes[expr.attr] : undefined;
          if (library) return library;
          const fromClass = this.attributeTypeInClass(owner, expr.attr, depth);
          if (fromClass) return fromClass;
        }
        break;
      }
      default:
        break;
    }
    try {
      const inferred = this.model.typeOf(expr);
      return inferred ? normaliseName(inferred) : null;
    } catch {
      return null;
    }
  }

  /** `def make() -> Client:` — the class a project function is annotated to return, resolved in its own file */
  private returnAnnotationType(fn: FunctionInfo): string | null {
    const returns = fn.node.returns;
    if (!returns) return null;
    const model = this.workspace.modelOf(fn.file);
    if (!model) return null;
    const resolver = model === this.model ? this : coroutinesOf(model, this.workspace, this.config, fn.file);
    return resolver.annotationType(returns);
  }

  /** undefined: no opinion (fall back to the model); null: known to be unknown */
  private typeOfName(name: Name, depth: number): string | null | undefined {
    const binding = this.model.lookup(name.id, name);
    if (!binding) return undefined;
    // the same name rebound elsewhere in its scope: only trust it when every binding agrees
    const all = binding.scope.bindings.get(name.id) ?? [binding];
    let only: string | null | undefined;
    for (const b of all) {
      const type = this.typeOfBinding(b, depth);
      if (only === undefined) only = type;
      else if (type !== only) return null;
    }
    return only ?? undefined;
  }

  private typeOfBinding(binding: Binding, depth: number): string | null {
    const cached = this.bindingCache.get(binding);
    if (cached !== undefined) return cached;
    this.bindingCache.set(binding, null); // cycle guard: `x = x.next()`
    const type = this.computeBindingType(binding, depth);
    if (type !== null || depth === 0) this.bindingCache.set(binding, type);
    else this.bindingCache.delete(binding);
    return type;
  }

  private computeBindingType(binding: Binding, depth: number): string | null {
    switch (binding.kind) {
      case 'assignment': {
        if (binding.value) return this.typeOf(binding.value, binding.node, depth + 1);
        return this.typeOfUnpacked(binding.node, depth);
      }
      case 'parameter':
      case 'annotation': {
        if (binding.annotation) return this.annotationType(binding.annotation);
        return null;
      }
      case 'with-target': {
        const item = this.withItemOf(binding.node);
        if (!item) return null;
        const cmType = this.contextValueType(item.context_expr, item.context_expr, depth + 1);
        return cmType;
      }
      default:
        return null;
    }
  }

  /** `a, b = await asyncio.open_connection(...)`: the i-th element of a known tuple result */
  private typeOfUnpacked(target: AnyNode, depth: number): string | null {
    const tuple = this.model.parentOf(target);
    if (!tuple || (tuple.nodeType !== 'Tuple' && tuple.nodeType !== 'List')) return null;
    const assign = this.model.parentOf(tuple);
    if (assign?.nodeType !== 'Assign' || !assign.targets.includes(tuple)) return null;
    const index = tuple.elts.indexOf(target as AnyExpr);
    const value = assign.value;
    if (value.nodeType === 'Await' && value.value.nodeType === 'Call' && depth < MAX_DEPTH) {
      const awaited = this.target(value.value)?.info.awaitReturns;
      if (Array.isArray(awaited) && awaited.length === tuple.elts.length) return (awaited as readonly string[])[index] ?? null;
    }
    return null;
  }

  private withItemOf(target: AnyNode): { context_expr: AnyExpr } | null {
    let node: AnyNode | null = target;
    for (let i = 0; i < 3 && node; i++) {
      node = this.model.parentOf(node);
      if (node?.nodeType === 'withitem') return node;
    }
    return null;
  }

  /** the type bound by `async with expr as x` / `with expr as x` */
  private contextValueType(expr: AnyExpr, at: AnyNode, depth: number): string | null {
    if (expr.nodeType === 'Call') {
      const target = this.target(expr);
      const info = target?.info;
      if (typeof info?.asyncContext === 'string') return info.asyncContext;
      if (info?.asyncContext === true && info.returns) return info.returns;
      if (typeof info?.syncContext === 'string') return info.syncContext;
      if (info?.returns) {
        const cls = libraryClass(info.returns);
        if (typeof cls?.asyncContext === 'string') return cls.asyncContext;
        if (cls?.asyncContext === true) return info.returns;
        if (target?.projectClass) return this.projectEnterType(target.projectClass) ?? null;
      }
      return null;
    }
    const type = this.typeOf(expr, at, depth);
    if (!type) return null;
    const cls = libraryClass(type);
    if (typeof cls?.asyncContext === 'string') return cls.asyncContext;
    if (cls?.asyncContext === true) return type;
    return null;
  }

  /** `async with Project() as x`: `__aenter__` returning `self` keeps the type */
  private projectEnterType(cls: ClassInfo): string | null {
    const enter = this.workspace.findMethod(cls.qualifiedName, '__aenter__') ?? this.workspace.findMethod(cls.qualifiedName, '__enter__');
    if (!enter) return null;
    const returnsSelf = enter.node.body.some(
      (s) => s.nodeType === 'Return' && s.value?.nodeType === 'Name' && s.value.id === (enter.node.args.args[0]?.arg ?? 'self'),
    );
    return returnsSelf ? cls.qualifiedName : null;
  }

  annotationType(annotation: AnyExpr): string | null {
    let expr = annotation;
    // Optional[X] / X | None: the X
    if (expr.nodeType === 'Subscript') {
      const outer = this.model.qualifiedName(expr.value);
      if (outer === 'typing.Optional') expr = expr.slice;
      else return null;
    }
    if (expr.nodeType === 'BinOp' && expr.op === 'BitOr') {
      if (expr.right.nodeType === 'Constant' && expr.right.value === null) expr = expr.left;
      else return null;
    }
    if (expr.nodeType === 'Constant' && typeof expr.value === 'string') return null;
    const name = this.model.qualifiedName(expr);
    return name ? normaliseName(name) : null;
  }

  /** `self.x` in a project class: from the index, or from `self.x = <value>` assignments in its methods */
  private attributeTypeInClass(className: string, attr: string, depth: number): string | null {
    const cls = this.workspace.resolveClass(className);
    if (!cls) return null;
    const model = this.workspace.modelOf(cls.file);
    if (model && depth < MAX_DEPTH) {
      const resolver = model === this.model ? this : coroutinesOf(model, this.workspace, this.config, cls.file);
      const found = resolver.selfAssignedType(cls.node, attr, depth + 1);
      if (found) return found;
    }
    const indexed = cls.attributeTypes.get(attr);
    return indexed ? normaliseName(indexed) : null;
  }

  private selfAssignedType(classNode: ClassDef, attr: string, depth: number): string | null {
    const key = `${classNode.start}:${attr}`;
    if (this.selfAttrCache.has(key)) return this.selfAttrCache.get(key) ?? null;
    this.selfAttrCache.set(key, null); // cycle guard
    const type = this.computeSelfAssignedType(classNode, attr, depth);
    this.selfAttrCache.set(key, type);
    return type;
  }

  private computeSelfAssignedType(classNode: ClassDef, attr: string, depth: number): string | null {
    const assigned = this.selfAssignments(classNode).get(attr);
    if (!assigned) return null;
    const types = new Set<string>();
    for (const { value, annotation } of assigned) {
      const type = value ? this.typeOf(value, value, depth) : annotation ? this.annotationType(annotation) : null;
      if (!type) return null;
      types.add(type);
    }
    return types.size === 1 ? ([...types][0] ?? null) : null;
  }

  private readonly selfAssignmentIndex = new Map<ClassDef, Map<string, { value: AnyExpr | null; annotation: AnyExpr | null }[]>>();
  private assignmentIndex: Map<AnyNode, (Assign | AnnAssign)[]> | null = null;

  /**
   * `=` and annotated assignment statements by the def or class whose body holds them (nested
   * blocks included, nested defs and classes not), in source order: from the model's indexes,
   * so finding `self.x = ...` never walks a method's body.
   */
  private assignmentsByFunction(): Map<AnyNode, (Assign | AnnAssign)[]> {
    if (this.assignmentIndex) return this.assignmentIndex;
    const index = new Map<AnyNode, (Assign | AnnAssign)[]>();
    const assigns = this.model.nodesOfType('Assign');
    const annotated = this.model.nodesOfType('AnnAssign');
    let i = 0;
    let j = 0;
    while (i < assigns.length || j < annotated.length) {
      const a = assigns[i];
      const b = annotated[j];
      let next: Assign | AnnAssign;
      if (a && (!b || a.start <= b.start)) {
        next = a;
        i++;
      } else {
        next = b as AnnAssign;
        j++;
      }
      const owner = this.model.scopeOf(next).node;
      const list = index.get(owner);
      if (list) list.push(next);
      else index.set(owner, [next]);
    }
    this.assignmentIndex = index;
    return index;
  }

  /** Every `self.<attr> = value` / `self.<attr>: T = value` in the methods of a class, by attribute (one pass per class). */
  private selfAssignments(classNode: ClassDef): Map<string, { value: AnyExpr | null; annotation: AnyExpr | null }[]> {
    let index = this.selfAssignmentIndex.get(classNode);
    if (index) return index;
    const found = new Map<string, { value: AnyExpr | null; annotation: AnyExpr | null }[]>();
    index = found;
    const assignments = this.assignmentsByFunction();
    for (const stmt of classNode.body) {
      if (stmt.nodeType !== 'FunctionDef' && stmt.nodeType !== 'AsyncFunctionDef') continue;
      const selfName = stmt.args.args[0]?.arg;
      if (!selfName) continue;
      for (const node of assignments.get(stmt) ?? []) {
        if (node.nodeType === 'Assign') {
          for (const t of node.targets) if (t.nodeType === 'Attribute' && t.value.nodeType === 'Name' && t.value.id === selfName) addSelfAssignment(found, t.attr, node.value, null);
        } else {
          const t = node.target;
          if (t.nodeType === 'Attribute' && t.value.nodeType === 'Name' && t.value.id === selfName) addSelfAssignment(found, t.attr, node.value, node.annotation);
        }
      }
    }
    this.selfAssignmentIndex.set(classNode, index);
    return index;
  }

  // ── context managers and iterables ────────────────────────────────────────

  /** 'async' / 'sync' when the expression is known to be only an async / only a sync context manager. */
  contextKind(expr: AnyExpr): { kind: 'async' | 'sync'; display: string } | null {
    if (expr.nodeType === 'Call') {
      const target = this.target(expr);
      if (!target) return null;
      const info = target.info;
      if (info.asyncContext !== undefined) return { kind: 'async', display: target.display };
      if (info.syncContext !== undefined) return { kind: 'sync', display: target.display };
      if (target.projectClass) {
        const kind = this.projectClassContextKind(target.projectClass);
        return kind ? { kind, display: target.display } : null;
      }
      if (target.project) {
        const facts = this.functionFacts(target.project);
        if (facts?.contextKind) return { kind: facts.contextKind, display: target.display };
        return null;
      }
      if (info.returns) {
        const cls = libraryClass(info.returns);
        if (cls?.asyncContext !== undefined) return { kind: 'async', display: target.display };
        if (cls?.syncContext !== undefined) return { kind: 'sync', display: target.display };
      }
      return null;
    }
    if (expr.nodeType === 'Name' || expr.nodeType === 'Attribute') {
      const type = this.typeOf(expr, expr, 0);
      if (!type) return null;
      const display = this.model.textOf(expr);
      const cls = libraryClass(type);
      if (cls?.asyncContext !== undefined) return { kind: 'async', display };
      if (cls?.syncContext !== undefined) return { kind: 'sync', display };
      const project = this.workspace.resolveClass(type);
      if (project) {
        const kind = this.projectClassContextKind(project);
        return kind ? { kind, display } : null;
      }
    }
    return null;
  }

  /** A project class with only `__aenter__`/`__aexit__` (or only `__enter__`/`__exit__`), all bases known. */
  projectClassContextKind(cls: ClassInfo): 'async' | 'sync' | null {
    if (!this.basesAllKnown(cls, 0)) return null;
    const hasAsync = this.workspace.findMethod(cls.qualifiedName, '__aenter__') !== null;
    const hasSync = this.workspace.findMethod(cls.qualifiedName, '__enter__') !== null;
    if (hasAsync && !hasSync) return 'async';
    if (hasSync && !hasAsync) return 'sync';
    return null;
  }

  private basesAllKnown(cls: ClassInfo, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    if (cls.node.keywords.some((k) => k.arg === 'metaclass')) return false;
    return cls.bases.every((base) => {
      const name = normaliseName(base);
      if (name === 'object' || name === 'typing.Generic' || name === 'typing.Protocol' || name === 'abc.ABC') return true;
      const project = this.workspace.resolveClass(base);
      return project !== null && this.basesAllKnown(project, depth + 1);
    });
  }

  /** 'async' / 'sync' when the expression is known to be only an async / only a sync iterable. */
  iterableKind(expr: AnyExpr): { kind: 'async' | 'sync'; display: string } | null {
    switch (expr.nodeType) {
      case 'List':
      case 'Tuple':
      case 'Set':
      case 'Dict':
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'JoinedStr':
        return { kind: 'sync', display: 'a ' + describeLiteral(expr.nodeType) };
      case 'Constant':
        return typeof expr.value === 'string' ? { kind: 'sync', display: 'a string' } : null;
      case 'GeneratorExp':
        // an async generator expression is async iterable
        return { kind: expr.generators.some((g) => g.is_async !== 0) || containsAwait(expr.elt) ? 'async' : 'sync', display: 'a generator expression' };
      case 'Call': {
        const target = this.target(expr);
        if (!target) return null;
        const info = target.info;
        if (info.asyncIterable) return { kind: 'async', display: target.display };
        if (info.syncIterable) return { kind: 'sync', display: target.display };
        if (target.project) {
          const facts = this.functionFacts(target.project);
          if (facts?.iterableKind) return { kind: facts.iterableKind, display: target.display };
          return null;
        }
        if (info.returns) return this.classIterableKind(info.returns, target.display);
        return null;
      }
      case 'Name':
      case 'Attribute': {
        const type = this.typeOf(expr, expr, 0);
        return type ? this.classIterableKind(type, this.model.textOf(expr)) : null;
      }
      default:
        return null;
    }
  }

  private classIterableKind(type: string, display: string): { kind: 'async' | 'sync'; display: string } | null {
    const cls = libraryClass(type);
    if (cls?.asyncIterable) return { kind: 'async', display };
    if (cls?.syncIterable) return { kind: 'sync', display };
    const project = this.workspace.resolveClass(type);
    if (project && this.basesAllKnown(project, 0)) {
      const hasAsync = this.workspace.findMethod(type, '__aiter__') !== null;
      const hasSync = this.workspace.findMethod(type, '__iter__') !== null || this.workspace.findMethod(type, '__getitem__') !== null;
      if (hasAsync && !hasSync) return { kind: 'async', display };
      if (hasSync && !hasAsync) return { kind: 'sync', display };
    }
    return null;
  }
}

/** What calling a project function gives, decorators included. */
export interface FunctionFacts {
  readonly info: CallableInfo;
  readonly contextKind: 'async' | 'sync' | null;
  readonly iterableKind: 'async' | 'sync' | null;
}

function computeFunctionFacts(fn: FunctionInfo, workspace: WorkspaceIndex, depth: number): FunctionFacts | null {
  const model = workspace.modelOf(fn.file);
  const decorators = fn.node.decorator_list;
  const names = decorators.map((d, i) => normaliseName(fn.decorators[i] ?? (model ? (model.qualifiedName(d) ?? model.textOf(d)) : '?')));
  let kind = fn.kind;
  let contextKind: 'async' | 'sync' | null = null;
  // apply decorators innermost first
  for (let i = decorators.length - 1; i >= 0; i--) {
    const name = names[i] ?? '?';
    const node = decorators[i];
    if (ASYNC_PRESERVING_DECORATORS.has(name)) continue;
    if (ASYNC_CONTEXT_DECORATORS.has(name) && kind === 'async-generator') {
      contextKind = 'async';
      kind = 'sync';
      continue;
    }
    if (SYNC_CONTEXT_DECORATORS.has(name) && kind === 'generator') {
      contextKind = 'sync';
      kind = 'sync';
      continue;
    }
    if (name === 'property' || name === 'functools.cached_property') return null; // read as an attribute, never called
    // a project decorator that registers the function and returns it unchanged keeps it as it is,
    // and so does a plain wrapper that returns `fn(...)` (logging, timing): the caller still gets the coroutine
    if (model && node && (isIdentityDecorator(node, model, workspace) || returnsPassThroughWrapper(node, model, workspace))) continue;
    // a project decorator that returns an `async def` wrapper makes the result a coroutine function
    if (model && node && depth < MAX_DEPTH && returnsAsyncWrapper(node, model, workspace, depth + 1)) {
      kind = 'async';
      contextKind = null;
      continue;
    }
    return { info: EMPTY, contextKind: null, iterableKind: null };
  }
  const info: CallableInfo =
    kind === 'async' ? { awaitable: 'coroutine' } : kind === 'sync' && contextKind === null && returnsNothingAwaitable(fn) ? { sync: true } : EMPTY;
  const iterableKind = kind === 'async-generator' ? 'async' : kind === 'generator' ? 'sync' : null;
  return { info, contextKind, iterableKind };
}

/**
 * The decorator (a project function, or a call of a project decorator factory) returns a
 * nested `async def` — the usual `functools.wraps` wrapper.
 */
function returnsAsyncWrapper(decorator: AnyExpr, model: SemanticModel, workspace: WorkspaceIndex, depth: number): boolean {
  const isFactoryCall = decorator.nodeType === 'Call';
  const callee = isFactoryCall ? decorator.func : decorator;
  const qualified = model.qualifiedName(callee);
  if (!qualified) return false;
  const fn = workspace.resolveFunction(qualified);
  if (!fn || fn.kind !== 'sync' || depth > MAX_DEPTH) return false;
  const inner = returnedLocalFunction(fn.node);
  if (!inner) return false;
  if (!isFactoryCall) return inner.nodeType === 'AsyncFunctionDef' && inner.decorator_list.every((d) => isWrapsDecorator(d, workspace.modelOf(fn.file)));
  // factory: returns a decorator that returns an async def
  if (inner.nodeType !== 'FunctionDef') return false;
  const wrapper = returnedLocalFunction(inner);
  return wrapper?.nodeType === 'AsyncFunctionDef' && wrapper.decorator_list.every((d) => isWrapsDecorator(d, workspace.modelOf(fn.file)));
}

/**
 * `def register(fn): REGISTRY.append(fn); return fn` — a project decorator (or a call of a
 * project decorator factory returning such a function) whose every `return` gives back
 * its parameter unchanged.
 */
function isIdentityDecorator(decorator: AnyExpr, model: SemanticModel, workspace: WorkspaceIndex): boolean {
  const qualified = model.qualifiedName(decorator.nodeType === 'Call' ? decorator.func : decorator);
  const fn = qualified ? workspace.resolveFunction(qualified) : null;
  if (fn?.node.nodeType !== 'FunctionDef' || fn.node.decorator_list.length > 0) return false;
  let target: FunctionDef | AsyncFunctionDef = fn.node;
  if (decorator.nodeType === 'Call') {
    const inner = returnedLocalFunction(fn.node);
    if (inner?.nodeType !== 'FunctionDef' || inner.decorator_list.length > 0) return false;
    target = inner;
  }
  const params = [...target.args.posonlyargs, ...target.args.args];
  const param = params[0]?.arg;
  if (!param || params.length !== 1) return false;
  const state = { returns: 0, other: false };
  visitStatements(target.body, (node) => {
    if (node.nodeType !== 'Return') return;
    if (node.value?.nodeType === 'Name' && node.value.id === param) state.returns++;
    else state.other = true;
  });
  const last = target.body[target.body.length - 1];
  return !state.other && state.returns > 0 && last?.nodeType === 'Return';
}

/**
 * `def log(fn): def wrapper(*a, **k): ...; return fn(*a, **k); return wrapper` (or a lambda):
 * every value the wrapper returns is the wrapped function's own result.
 */
function returnsPassThroughWrapper(decorator: AnyExpr, model: SemanticModel, workspace: WorkspaceIndex): boolean {
  if (decorator.nodeType === 'Call') return false;
  const qualified = model.qualifiedName(decorator);
  const fn = qualified ? workspace.resolveFunction(qualified) : null;
  if (fn?.node.nodeType !== 'FunctionDef' || fn.node.decorator_list.length > 0) return false;
  const params = [...fn.node.args.posonlyargs, ...fn.node.args.args];
  const param = params[0]?.arg;
  if (!param || params.length !== 1) return false;
  const isCallOfParam = (expr: AnyExpr | null | undefined): boolean => expr?.nodeType === 'Call' && expr.func.nodeType === 'Name' && expr.func.id === param;
  // return lambda *a: fn(*a)
  const returns: (AnyExpr | null)[] = [];
  visitStatements(fn.node.body, (node) => {
    if (node.nodeType === 'Return') returns.push(node.value);
  });
  if (returns.length === 1 && returns[0]?.nodeType === 'Lambda') return isCallOfParam(returns[0].body);
  const inner = returnedLocalFunction(fn.node);
  if (inner?.nodeType !== 'FunctionDef' || !inner.decorator_list.every((d) => isWrapsDecorator(d, workspace.modelOf(fn.file)))) return false;
  const innerReturns: (AnyExpr | null)[] = [];
  visitStatements(inner.body, (node) => {
    if (node.nodeType === 'Return') innerReturns.push(node.value);
  });
  const last = inner.body[inner.body.length - 1];
  return innerReturns.length > 0 && innerReturns.every(isCallOfParam) && last?.nodeType === 'Return';
}

function isWrapsDecorator(decorator: AnyExpr, model: SemanticModel | null): boolean {
  if (!model) return false;
  const callee = decorator.nodeType === 'Call' ? decorator.func : decorator;
  return model.qualifiedName(callee) === 'functools.wraps';
}

/** The nested def a function returns by name, when every `return` returns that one name. */
function returnedLocalFunction(fn: FunctionDef | AsyncFunctionDef): FunctionDef | AsyncFunctionDef | null {
  const returned = new Set<string>();
  const state = { otherReturn: false };
  visitStatements(fn.body, (node) => {
    if (node.nodeType === 'Return') {
      if (node.value?.nodeType === 'Name') returned.add(node.value.id);
      else state.otherReturn = true;
    }
  });
  if (state.otherReturn || returned.size !== 1) return null;
  const [name] = [...returned];
  for (const stmt of fn.body) {
    if ((stmt.nodeType === 'FunctionDef' || stmt.nodeType === 'AsyncFunctionDef') && stmt.name === name) return stmt;
  }
  return null;
}

/** A plain function whose `return`s give nothing (or literals): awaiting its result is a TypeError. */
function returnsNothingAwaitable(fn: FunctionInfo): boolean {
  if (fn.node.nodeType !== 'FunctionDef') return false;
  if (fn.className) return false; // may be overridden by an async method in a subclass
  const state = { awaitable: false };
  visitStatements(fn.node.body, (node) => {
    if (node.nodeType === 'Return' && node.value) {
      const v = node.value;
      const literal = v.nodeType === 'Constant' || v.nodeType === 'JoinedStr' || v.nodeType === 'List' || v.nodeType === 'Dict' || v.nodeType === 'Tuple' || v.nodeType === 'Set' || v.nodeType === 'ListComp' || v.nodeType === 'DictComp' || v.nodeType === 'Compare' || v.nodeType === 'BinOp';
      if (!literal) state.awaitable = true;
    }
  });
  return !state.awaitable;
}

/** Walks statements and expressions of a body, not descending into nested defs, lambdas and classes. */
export function visitStatements(body: readonly AnyNode[], visit: (node: AnyNode) => void): void {
  const stack: AnyNode[] = [];
  for (let i = body.length - 1; i >= 0; i--) stack.push(body[i] as AnyNode);
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    visit(node);
    if (node.nodeType === 'FunctionDef' || node.nodeType === 'AsyncFunctionDef' || node.nodeType === 'ClassDef' || node.nodeType === 'Lambda') continue;
    pushChildrenReversed(node, stack);
  }
}

/** Direct child nodes in source order (fields that hold nodes). */
export function childrenOf(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  forEachChild(node, (child) => out.push(child));
  return out;
}

/** `await` anywhere inside (not in nested scopes). */
export function containsAwait(node: AnyNode): boolean {
  const state = { found: false };
  visitStatements([node], (n) => {
    if (n.nodeType === 'Await') state.found = true;
  });
  return state.found;
}

function addSelfAssignment(found: Map<string, { value: AnyExpr | null; annotation: AnyExpr | null }[]>, attr: string, value: AnyExpr | null, annotation: AnyExpr | null): void {
  const list = found.get(attr);
  if (list) list.push({ value, annotation });
  else found.set(attr, [{ value, annotation }]);
}

function describeLiteral(type: string): string {
  switch (type) {
    case 'List':
    case 'ListComp':
      return 'list';
    case 'Tuple':
      return 'tuple';
    case 'Set':
    case 'SetComp':
      return 'set';
    case 'Dict':
    case 'DictComp':
      return 'dict';
    default:
      return 'string';
  }
}

function shortClass(qualified: string): string {
  const dot = qualified.lastIndexOf('.');
  return dot >= 0 ? qualified.slice(dot + 1) : qualified;
}

function receiverIsClass(_receiver: AnyExpr, _resolver: CoroutineResolver): boolean {
  return false;
}

const resolvers = new WeakMap<SemanticModel, CoroutineResolver>();

/** The resolver for a file's model (one per model, shared by all rules). */
export function coroutinesOf(model: SemanticModel, workspace: WorkspaceIndex, config: ResolvedConfig, file: string): CoroutineResolver {
  let resolver = resolvers.get(model);
  if (!resolver || resolver.workspace !== workspace || resolver.config !== config) {
    resolver = new CoroutineResolver(model, workspace, config, file);
    resolvers.set(model, resolver);
  }
  return resolver;
}

/** The project `async def` a finding is about, as related information (its header). */
export function definitionOf(target: CallTarget): { file: string; start: number; end: number; message: string }[] {
  const fn = target.project;
  if (!fn) return [];
  const end = Math.max(fn.node.start + 1, fn.node.args.start - 1);
  return [{ file: fn.file, start: fn.node.start, end, message: `\`${fn.name}\` is defined here` }];
}
