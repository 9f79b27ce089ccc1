/**
 * The workspace index: every module of a project, parsed and modelled lazily and
 * cached per file version. Changing one file drops only that file's parse, model and
 * module info (the expensive part); answers that can depend on several files
 * (definition lookups, per-function blocking summaries, blocking chains) are memoised
 * and dropped whenever any file changes — one new file can resolve an import that was
 * unresolved before — and recomputed lazily, only for the functions a chain visits.
 */
import type { AnyNode, Call, ParseResult } from '../python/ast';
import { parse } from '../python/index';
import { buildModel, type Model, type ScopeImpl } from './model';
import { moduleNameOf, normalisePath, relativeTo } from './module-names';
import type {
  BlockingClassifier,
  BlockingSummary,
  ChainStep,
  ClassInfo,
  FunctionInfo,
  FunctionKind,
  FunctionNode,
  ModuleInfo,
  SemanticModel,
  WorkspaceIndex,
} from './types';

interface FileEntry {
  readonly path: string;
  readonly text: string;
  readonly moduleName: string;
  readonly isPackage: boolean;
  parse: ParseResult | null;
  model: Model | null;
  info: ModuleInfo | null;
  /** calls grouped by the function scope that makes them (comprehensions count as their function) */
  callsByOwner: Map<AnyNode, Call[]> | null;
}

const MAX_RESOLVE_DEPTH = 8;

/** Decorators after which calling the function still runs its body right away. */
const TRANSPARENT_DECORATORS: ReadonlySet<string> = new Set([
  'builtins.staticmethod',
  'builtins.classmethod',
  'functools.lru_cache',
  'functools.cache',
  'functools.wraps',
  'typing.final',
  'typing.override',
  'typing_extensions.override',
]);

export class Workspace implements WorkspaceIndex {
  private readonly files = new Map<string, FileEntry>();
  private readonly byModule = new Map<string, FileEntry>();
  /** last dotted component → module names ending with it (suffix matching for unknown roots) */
  private readonly byLastComponent = new Map<string, Set<string>>();
  private chainMemo = new WeakMap<BlockingClassifier, Map<string, readonly ChainStep[] | null>>();
  private definitionMemo = new Map<string, FunctionInfo | ClassInfo | null>();
  private globalTypeMemo = new Map<string, string | null | undefined>();
  /** per classifier: function qualified name → summary (call targets and receiver types can depend on any file) */
  private summaryMemo = new WeakMap<BlockingClassifier, Map<string, BlockingSummary>>();
  private generation = 0;

  constructor(readonly root?: string) {}

  /** changes whenever any file is added, replaced or removed */
  get version(): number {
    return this.generation;
  }

  setFile(path: string, text: string): void {
    const key = normalisePath(path);
    const existing = this.files.get(key);
    if (existing && existing.text === text) return;
    if (existing) this.unindex(existing);
    const { name, isPackage } = moduleNameOf(relativeTo(this.root, key));
    const entry: FileEntry = {
      path: key,
      text,
      moduleName: name,
      isPackage,
      parse: null,
      model: null,
      info: null,
      callsByOwner: null,
    };
    this.files.set(key, entry);
    this.index(entry);
    this.changed();
  }

  removeFile(path: string): void {
    const key = normalisePath(path);
    const existing = this.files.get(key);
    if (!existing) return;
    this.unindex(existing);
    this.files.delete(key);
    this.changed();
  }

  hasFile(path: string): boolean {
    return this.files.has(normalisePath(path));
  }

  filePaths(): string[] {
    return [...this.files.keys()];
  }

  private changed(): void {
    this.generation++;
    this.chainMemo = new WeakMap();
    this.definitionMemo = new Map();
    this.globalTypeMemo = new Map();
    this.summaryMemo = new WeakMap();
  }

  private index(entry: FileEntry): void {
    if (entry.moduleName === '') return;
    // a module and a package of the same name: the package's __init__ wins (as Python does)
    const current = this.byModule.get(entry.moduleName);
    if (!current || entry.isPackage || !current.isPackage) this.byModule.set(entry.moduleName, entry);
    const last = entry.moduleName.slice(entry.moduleName.lastIndexOf('.') + 1);
    let set = this.byLastComponent.get(last);
    if (!set) {
      set = new Set();
      this.byLastComponent.set(last, set);
    }
    set.add(entry.moduleName);
  }

  private unindex(entry: FileEntry): void {
    if (entry.moduleName === '') return;
    if (this.byModule.get(entry.moduleName) === entry) {
      this.byModule.delete(entry.moduleName);
      // another file may carry the same module name (module vs package)
      for (const other of this.files.values()) if (other !== entry && other.moduleName === entry.moduleName) this.byModule.set(other.moduleName, other);
    }
    const last = entry.moduleName.slice(entry.moduleName.lastIndexOf('.') + 1);
    const stillThere = [...this.files.values()].some((other) => other !== entry && other.moduleName === entry.moduleName);
    if (!stillThere) this.byLastComponent.get(last)?.delete(entry.moduleName);
  }

  private entry(path: string): FileEntry | undefined {
    return this.files.get(normalisePath(path));
  }

  parseOf(path: string): ParseResult | null {
    const entry = this.entry(path);
    if (!entry) return null;
    entry.parse ??= parse(entry.text);
    return entry.parse;
  }

  modelOf(path: string): Model | null {
    const entry = this.entry(path);
    if (!entry) return null;
    if (!entry.model) {
      const result = this.parseOf(path);
      if (!result) return null;
      entry.model = buildModel(result, { moduleName: entry.moduleName, isPackage: entry.isPackage });
      entry.model.externalTypeResolver = (qualifiedName) => this.typeOfGlobal(qualifiedName);
      entry.model.externalAttributeResolver = (classQualifiedName, attr) => this.attributeTypeOf(classQualifiedName, attr);
    }
    return entry.model;
  }

  positionOf(file: string, offset: number): { line: number; column: number } | null {
    const result = this.parseOf(file);
    return result ? result.lines.positionOf(offset) : null;
  }

  private readonly globalsInProgress = new Set<string>();

  /**
   * The type of a module-level name of a project module ('pkg.db.pool' → 'queue.Queue'), null when
   * unknown, undefined when the name is not in a project module (so the answer is not project-dependent).
   */
  typeOfGlobal(qualifiedName: string): string | null | undefined {
    if (this.globalTypeMemo.has(qualifiedName)) return this.globalTypeMemo.get(qualifiedName);
    const answer = this.computeGlobalType(qualifiedName);
    if (this.globalsInProgress.size === 0) this.globalTypeMemo.set(qualifiedName, answer);
    return answer;
  }

  private computeGlobalType(qualifiedName: string): string | null | undefined {
    const dot = qualifiedName.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const entry = this.moduleEntry(qualifiedName.slice(0, dot));
    if (!entry) return undefined;
    if (this.globalsInProgress.has(qualifiedName) || this.globalsInProgress.size > MAX_RESOLVE_DEPTH) return null;
    const model = this.modelOf(entry.path);
    if (!model) return null;
    this.globalsInProgress.add(qualifiedName);
    try {
      return model.typeOfModuleGlobal(qualifiedName.slice(dot + 1));
    } finally {
      this.globalsInProgress.delete(qualifiedName);
    }
  }

  /**
   * The type of `<instance>.<attr>` for a project class (its own `self.` assignments and class body,
   * then its project base classes); null when unknown, undefined when not a project class.
   */
  attributeTypeOf(classQualifiedName: string, attr: string): string | null | undefined {
    const cls = this.resolveClass(classQualifiedName);
    if (!cls) return undefined;
    const key = `${cls.qualifiedName}\u0000${attr}`;
    if (this.globalsInProgress.has(key)) return null;
    this.globalsInProgress.add(key);
    try {
      // the class's own model answers for its body, `self.` assignments and (through this resolver) its bases
      const model = this.modelOf(cls.file);
      const scope = model?.scopeForNode(cls.node);
      return model && scope ? model.attributeType(scope, attr, 0) : null;
    } finally {
      this.globalsInProgress.delete(key);
    }
  }

  // ── modules ────────────────────────────────────────────────────────────────

  /** The file of module `name`: exact, or the unique registered module whose name ends with `.name`. */
  private moduleEntry(name: string): FileEntry | null {
    const exact = this.byModule.get(name);
    if (exact) return exact;
    const last = name.slice(name.lastIndexOf('.') + 1);
    const candidates = this.byLastComponent.get(last);
    if (!candidates) return null;
    let found: FileEntry | null = null;
    for (const candidate of candidates) {
      if (candidate.endsWith(`.${name}`)) {
        if (found) return null; // ambiguous
        found = this.byModule.get(candidate) ?? null;
      }
    }
    return found;
  }

  module(name: string): ModuleInfo | null {
    const entry = this.moduleEntry(name);
    return entry ? this.infoOf(entry) : null;
  }

  moduleOfFile(file: string): ModuleInfo | null {
    const entry = this.entry(file);
    return entry ? this.infoOf(entry) : null;
  }

  private infoOf(entry: FileEntry): ModuleInfo | null {
    if (entry.info) return entry.info;
    const model = this.modelOf(entry.path);
    if (!model) return null;
    entry.info = buildModuleInfo(model, entry.path);
    return entry.info;
  }

  /** Finds `qualifiedName` as module prefix + path inside it, following re-exports (memoised until any file changes). */
  private resolveDefinition(qualifiedName: string, depth = 0): FunctionInfo | ClassInfo | null {
    if (depth > MAX_RESOLVE_DEPTH) return null;
    if (depth === 0) {
      if (this.definitionMemo.has(qualifiedName)) return this.definitionMemo.get(qualifiedName) ?? null;
      const result = this.computeDefinition(qualifiedName, 0);
      this.definitionMemo.set(qualifiedName, result);
      return result;
    }
    return this.computeDefinition(qualifiedName, depth);
  }

  private computeDefinition(qualifiedName: string, depth: number): FunctionInfo | ClassInfo | null {
    const parts = qualifiedName.split('.');
    for (let split = parts.length - 1; split >= 1; split--) {
      const moduleName = parts.slice(0, split).join('.');
      const entry = this.moduleEntry(moduleName);
      if (!entry) continue;
      const info = this.infoOf(entry);
      if (!info) continue;
      const rest = parts.slice(split);
      const local = `${info.name}.${rest.join('.')}`;
      const fn = info.functions.get(local);
      if (fn) return fn;
      const cls = info.classes.get(local);
      if (cls) return cls;
      // a method inherited from a base class: `mod.Class.method`
      if (rest.length >= 2) {
        const owner = info.classes.get(`${info.name}.${rest.slice(0, -1).join('.')}`);
        if (owner) return this.findMethod(owner.qualifiedName, rest[rest.length - 1] as string);
      }
      // a re-export: `from .impl import helper` in the package's __init__
      const exported = info.exports.get(rest[0] as string);
      if (exported && exported !== local && exported !== qualifiedName) {
        return this.resolveDefinition([exported, ...rest.slice(1)].join('.'), depth + 1);
      }
      return null;
    }
    return null;
  }

  resolveFunction(qualifiedName: string): FunctionInfo | null {
    const found = this.resolveDefinition(qualifiedName);
    return found && 'kind' in found ? found : null;
  }

  resolveClass(qualifiedName: string): ClassInfo | null {
    const found = this.resolveDefinition(qualifiedName);
    return found && 'methods' in found ? found : null;
  }

  findMethod(classQualifiedName: string, method: string): FunctionInfo | null {
    const seen = new Set<string>();
    const search = (name: string, depth: number): FunctionInfo | null => {
      if (depth > MAX_RESOLVE_DEPTH || seen.has(name)) return null;
      seen.add(name);
      const cls = this.resolveClass(name);
      if (!cls) return null;
      const own = cls.methods.get(method);
      if (own) return own;
      for (const base of cls.bases) {
        const found = search(base, depth + 1);
        if (found) return found;
      }
      return null;
    };
    return search(classQualifiedName, 0);
  }

  /** The project function a call runs synchronously: a function, a method, or a class's `__init__`. */
  resolveCallTarget(model: SemanticModel, call: Call): FunctionInfo | null {
    const resolved = model.resolveCall(call);
    const name = resolved.qualifiedName;
    if (name === null) return null;
    const found = this.resolveDefinition(name);
    if (!found) return null;
    if ('kind' in found) return found;
    return this.findMethod(found.qualifiedName, '__init__');
  }

  runsSynchronously(fn: FunctionInfo): boolean {
    return fn.kind === 'sync' && fn.decorators.every((decorator) => TRANSPARENT_DECORATORS.has(decorator));
  }

  // ── summaries and chains ───────────────────────────────────────────────────

  private callsOf(entry: FileEntry, model: Model, owner: AnyNode): Call[] {
    if (!entry.callsByOwner) {
      const groups = new Map<AnyNode, Call[]>();
      for (const call of model.nodesOfType('Call')) {
        let scope: ScopeImpl | null = model.scopeOf(call);
        while (scope && scope.kind === 'comprehension') scope = scope.parent;
        if (!scope) continue;
        let list = groups.get(scope.node);
        if (!list) {
          list = [];
          groups.set(scope.node, list);
        }
        list.push(call);
      }
      entry.callsByOwner = groups;
    }
    return entry.callsByOwner.get(owner) ?? [];
  }

  blockingSummary(fn: FunctionInfo, classifier: BlockingClassifier): BlockingSummary {
    const entry = this.entry(fn.file);
    const model = entry ? this.modelOf(entry.path) : null;
    if (!entry || !model) return { direct: [], calls: [] };
    let perClassifier = this.summaryMemo.get(classifier);
    if (!perClassifier) {
      perClassifier = new Map();
      this.summaryMemo.set(classifier, perClassifier);
    }
    const memo = perClassifier.get(fn.qualifiedName);
    if (memo) return memo;
    const direct: { start: number; end: number; hit: NonNullable<ReturnType<BlockingClassifier['classify']>> }[] = [];
    const calls: { start: number; end: number; target: string }[] = [];
    for (const call of this.callsOf(entry, model, fn.node)) {
      if (model.isTypeCheckingOnly(call)) continue;
      const resolved = model.resolveCall(call);
      const hit = classifier.classify(model, resolved);
      if (hit) {
        direct.push({ start: call.start, end: call.end, hit });
        continue;
      }
      const target = this.resolveCallTarget(model, call);
      if (target && this.runsSynchronously(target) && target.qualifiedName !== fn.qualifiedName) {
        calls.push({ start: call.start, end: call.end, target: target.qualifiedName });
      }
    }
    const summary: BlockingSummary = { direct, calls };
    perClassifier.set(fn.qualifiedName, summary);
    return summary;
  }

  blockingChain(fn: FunctionInfo, classifier: BlockingClassifier, maxDepth: number): readonly ChainStep[] | null {
    let memo = this.chainMemo.get(classifier);
    if (!memo) {
      memo = new Map();
      this.chainMemo.set(classifier, memo);
    }
    const memoTable = memo;
    const inProgress = new Set<string>();
    const state = { cuts: 0 };
    const search = (current: FunctionInfo, budget: number): readonly ChainStep[] | null => {
      const key = current.qualifiedName;
      if (memoTable.has(key)) {
        const known = memoTable.get(key) ?? null;
        return known && known.length <= budget ? known : null;
      }
      if (inProgress.has(key)) {
        state.cuts++;
        return null;
      }
      if (budget <= 0) return null;
      inProgress.add(key);
      const cutsBefore = state.cuts;
      let result: readonly ChainStep[] | null = null;
      const summary = this.blockingSummary(current, classifier);
      const first = summary.direct[0];
      if (first) {
        result = [{ file: current.file, start: first.start, end: first.end, callee: first.hit.callee, code: first.hit.code }];
      } else {
        for (const call of summary.calls) {
          const target = this.resolveFunction(call.target);
          if (!target) continue;
          const rest = search(target, budget - 1);
          if (rest) {
            result = [{ file: current.file, start: call.start, end: call.end, callee: call.target, code: null }, ...rest];
            break;
          }
        }
      }
      inProgress.delete(key);
      // a negative answer reached by cutting a cycle or running out of depth is not final
      if (result || (state.cuts === cutsBefore && budget >= maxDepth)) memoTable.set(key, result);
      return result;
    };
    return search(fn, maxDepth);
  }

  // ── dependencies ───────────────────────────────────────────────────────────

  /** Files that import (directly or through other project modules) the module of `path`. */
  dependentsOf(path: string): string[] {
    const target = this.entry(path);
    if (!target) return [];
    const importers = new Map<FileEntry, Set<FileEntry>>();
    for (const entry of this.files.values()) {
      const model = this.modelOf(entry.path);
      if (!model) continue;
      for (const name of model.importedModules) {
        const imported = this.moduleEntry(name);
        if (imported && imported !== entry) {
          let set = importers.get(imported);
          if (!set) {
            set = new Set();
            importers.set(imported, set);
          }
          set.add(entry);
        }
      }
    }
    const result = new Set<FileEntry>();
    const queue = [target];
    while (queue.length > 0) {
      const current = queue.pop() as FileEntry;
      for (const importer of importers.get(current) ?? []) {
        if (!result.has(importer) && importer !== target) {
          result.add(importer);
          queue.push(importer);
        }
      }
    }
    return [...result].map((entry) => entry.path).sort();
  }
}

function kindOf(scope: ScopeImpl): FunctionKind {
  if (scope.isAsync) return scope.isGenerator ? 'async-generator' : 'async';
  return scope.isGenerator ? 'generator' : 'sync';
}

function decoratorName(model: Model, decorator: FunctionNode['decorator_list'][number]): string {
  const target = decorator.nodeType === 'Call' ? decorator.func : decorator;
  return model.qualifiedName(target) ?? model.textOf(target);
}

export function buildModuleInfo(model: Model, file: string): ModuleInfo {
  const functions = new Map<string, FunctionInfo>();
  const classes = new Map<string, ClassInfo>();
  const classMethods = new Map<ScopeImpl, Map<string, FunctionInfo>>();
  for (const scope of model.scopes) {
    if (scope.kind !== 'function') continue;
    const node = scope.node as FunctionNode;
    const qualifiedName = model.qualifiedNameOfScope(scope);
    const parent = scope.parent;
    const info: FunctionInfo = {
      qualifiedName,
      name: node.name,
      module: model.moduleName,
      file,
      kind: kindOf(scope),
      node,
      className: parent?.kind === 'class' ? model.qualifiedNameOfScope(parent) : null,
      decorators: node.decorator_list.map((d) => decoratorName(model, d)),
    };
    functions.set(qualifiedName, info);
    if (parent?.kind === 'class') {
      let methods = classMethods.get(parent);
      if (!methods) {
        methods = new Map();
        classMethods.set(parent, methods);
      }
      // the last definition wins (property setters and overloads redefine the name)
      methods.set(node.name, info);
    }
  }
  for (const scope of model.scopes) {
    if (scope.kind !== 'class') continue;
    const node = scope.node as import('../python/ast').ClassDef;
    const qualifiedName = model.qualifiedNameOfScope(scope);
    const attributeTypes = new Map<string, string>();
    const attrs = new Set([...scope.attributeAssignments.keys(), ...scope.bindings.keys()]);
    let lazy: Map<string, string> | null = null;
    const compute = (): Map<string, string> => {
      if (lazy) return lazy;
      lazy = attributeTypes;
      for (const attr of attrs) {
        const type = model.attributeType(scope, attr, 0);
        if (type !== null) attributeTypes.set(attr, type);
      }
      return lazy;
    };
    classes.set(qualifiedName, {
      qualifiedName,
      name: node.name,
      module: model.moduleName,
      file,
      node,
      bases: node.bases.map((base) => model.qualifiedName(base) ?? model.textOf(base)),
      methods: classMethods.get(scope) ?? new Map(),
      get attributeTypes() {
        return compute();
      },
    });
  }
  const exports = new Map<string, string>();
  for (const [name, bindings] of model.moduleScope.bindings) {
    const last = bindings[bindings.length - 1];
    if (!last) continue;
    const target = model.qualifiedNameOfBinding(last);
    exports.set(name, target ?? (model.moduleName ? `${model.moduleName}.${name}` : name));
  }
  return {
    name: model.moduleName,
    file,
    isPackage: model.isPackage,
    functions,
    classes,
    exports,
    imports: [...model.importedModules],
    hasStarImport: model.moduleScope.hasStarImport,
  };
}
