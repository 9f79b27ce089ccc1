/**
 * The workspace index: every module of a project, parsed and modelled lazily and cached per
 * file version.
 *
 * Cross-file answers (definition lookups, per-function blocking summaries, blocking chains,
 * types of other modules' globals) are memoised together with the files they read. Changing a
 * file drops exactly the answers that read it, and the parse/model of the files that import it
 * (rules cache facts about imported functions per model). `updateFile` also tells whether what
 * other modules can see of the file — its *interface*: names, kinds, signatures, decorators,
 * bases, module-level statements, the body facts rules read, and every blocking summary another
 * answer used — changed; only then do its dependants need a re-check.
 *
 * Memory: parse trees and models are the heavy part. With `maxResidentLines`, `trim()` (between
 * lints) drops trees, least recently used first, once the modelled files exceed that many lines;
 * the compact facts (imports, interface fingerprints, summaries, chains, global types) stay, and
 * trees are rebuilt on demand. A tree goes together with the trees of the files importing it:
 * rules keep per-model caches that hold nodes of imported files, and a rebuilt tree must never
 * meet a cache that saw the old one.
 */
import type { AnyNode, AnyStmt, Call, ParseResult } from '../python/ast';
import { parse } from '../python/index';
import { applyStatementSlice, locateStatementEdit, parseStatementSlice } from '../python/incremental';
import { buildModel, patchModel, type Model, type ScopeImpl, type StatementChange } from './model';
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
  // ── heavy, evictable: rebuilt on demand from `text` ──
  parse: ParseResult | null;
  model: Model | null;
  info: ModuleInfo | null;
  /** calls grouped by the function scope that makes them (comprehensions count as their function) */
  callsByOwner: Map<AnyNode, Call[]> | null;
  // ── compact, kept while the text stays the same ──
  /** lines of `text` (the eviction budget counts these) */
  lines: number;
  /** modules it imports (the model's `importedModules`), known once it was modelled */
  imports: readonly string[] | null;
  /** what other modules can see of it (see `interfaceFingerprint`), known once it was modelled */
  fingerprint: string | null;
  /** when its tree was last used (a tick of `Workspace.clock`), for evicting the least recently used */
  lastUsed: number;
  /** this text's number: every replacement of any file gets a new one */
  readonly textVersion: number;
  /** how this text came from the previous one, when an edit stayed inside one top-level statement (see `localEditOf`) */
  edit: PendingLocalEdit | null;
  /** the previous text's model and the statement the edit replaced: `modelOf` patches it instead of building */
  patchFrom: { readonly model: Model; readonly change: StatementChange } | null;
}

/**
 * An edit of a file that stayed inside one top-level statement and its leading gap (comments,
 * blank lines, decorators). When it did not change what other code can see of the file, the
 * findings of the other statements are the same as before, shifted by `delta`, and only the
 * edited statement needs checking again; when it did (`changedNames` is set), the statements that
 * use those names, directly or through other top-level statements, need checking too.
 * Offsets are UTF-16 code units.
 */
export interface LocalEdit {
  /**
   * Null when the edit changed nothing other code sees. Otherwise the module-level names the
   * edited statement binds, before and after (a def's or class's name, assignment targets,
   * imports, `global` names): what other statements can see of it.
   */
  readonly changedNames: ReadonlySet<string> | null;
  /** the text version the edit was made to (`Workspace.textVersionOf` before the edit) */
  readonly fromVersion: number;
  /** the edited statement's slice in the old text: from the end of the previous top-level statement to its own end */
  readonly oldStart: number;
  readonly oldEnd: number;
  /** the same slice in the new text (`oldStart`, `oldEnd + delta`) */
  readonly newStart: number;
  readonly newEnd: number;
  /** change of length: offsets at or after `oldEnd` move by this much */
  readonly delta: number;
}

/** A candidate local edit, before the new text's parse confirmed the other statements are untouched. */
interface PendingLocalEdit {
  readonly edit: LocalEdit;
  /** index of the edited statement in the module body */
  readonly index: number;
  /** first offset where the texts differ */
  readonly changeStart: number;
  /** [start, end] of every top-level statement of the old text */
  readonly oldSpans: readonly (readonly [number, number])[];
  /** confirmed against the new parse (null: not checked yet) */
  confirmed: boolean | null;
  /** the module-level names the old statement bound (known when the old model was at hand) */
  oldNames: readonly string[] | null;
}

/** What an edit changed, for the edges deciding what to re-check (see `Workspace.updateFile`). */
export interface FileUpdate {
  /** false when the text is the one registered already (nothing changed, nothing to re-check) */
  readonly changed: boolean;
  /** what other modules can see of the file changed, or the file is new or removed */
  readonly interfaceChanged: boolean;
  /** registered files, other than the file itself, whose findings may have changed (transitive importers when the interface changed, else none); sorted */
  readonly dependants: readonly string[];
}

/** A memoised cross-file answer and the files it read. */
interface MemoEntry<V> {
  readonly value: V;
  /** files read (a plain array: most answers read one or two files, and there are many answers) */
  readonly reads: readonly string[];
}

/** Memo table that can drop every answer that read a given file. */
class TrackedMemo<V> {
  private readonly entries = new Map<string, MemoEntry<V>>();
  /** file → keys of the answers that read it (may name keys already gone: dropping them again is harmless) */
  private readonly byFile = new Map<string, Set<string>>();

  get(key: string): MemoEntry<V> | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V, readSet: ReadonlySet<string>): void {
    const reads = [...readSet];
    this.entries.set(key, { value, reads });
    for (const file of reads) {
      let keys = this.byFile.get(file);
      if (!keys) {
        keys = new Set();
        this.byFile.set(file, keys);
      }
      keys.add(key);
    }
  }

  /** the answers that read `file`, removed from the table */
  dropReaders(file: string): [string, MemoEntry<V>][] {
    const keys = this.byFile.get(file);
    if (!keys) return [];
    this.byFile.delete(file);
    const dropped: [string, MemoEntry<V>][] = [];
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry?.reads.includes(file)) {
        this.entries.delete(key);
        dropped.push([key, entry]);
      }
    }
    return dropped;
  }

  clear(): void {
    this.entries.clear();
    this.byFile.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface WorkspaceOptions {
  /**
   * Lines of modelled files above which `trim()` drops parse trees and models, least recently
   * used first, down to half of it (they are rebuilt on demand). Unbounded when absent.
   */
  readonly maxResidentLines?: number;
}

const MAX_RESOLVE_DEPTH = 8;

/** `rederive`'s `definedNames` for a statement that defines no function (no qualified name equals it or starts with it and a dot) */
const NO_FUNCTIONS = '';

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
  /** per classifier: function qualified name → chain (null: blocks nothing) */
  private chainMemo = new WeakMap<BlockingClassifier, TrackedMemo<readonly ChainStep[] | null>>();
  /** holds FunctionInfo/ClassInfo objects (and their nodes): dropped with the trees of the files it read */
  private readonly definitionMemo = new TrackedMemo<FunctionInfo | ClassInfo | null>();
  private readonly globalTypeMemo = new TrackedMemo<string | null | undefined>();
  /** per classifier: function qualified name → summary */
  private summaryMemo = new WeakMap<BlockingClassifier, TrackedMemo<BlockingSummary>>();
  /** the per-classifier tables, for dropping answers that read a file (classifiers are few and long-lived) */
  private classifierMemos: { classifier: WeakRef<BlockingClassifier>; summaries: WeakRef<TrackedMemo<BlockingSummary>>; chains: WeakRef<TrackedMemo<readonly ChainStep[] | null>> }[] = [];
  /** files read by the answers being computed, innermost last */
  private readonly readFrames: Set<string>[] = [];
  /** importers by imported file, rebuilt when a file's imports or the set of modules change */
  private importersCache: Map<FileEntry, Set<FileEntry>> | null = null;
  /** files whose parse or model is held, and their lines */
  private readonly resident = new Set<FileEntry>();
  private residentLineCount = 0;
  private clock = 0;
  private generation = 0;
  private textVersions = 0;
  private epoch = 0;
  /** the last epoch change, when it came from an edit of one file whose text went from `fromVersion` */
  private epochBump: { readonly epoch: number; readonly path: string; readonly fromVersion: number } | null = null;
  private readonly maxResidentLines: number;

  constructor(
    readonly root?: string,
    options: WorkspaceOptions = {},
  ) {
    this.maxResidentLines = options.maxResidentLines ?? Number.POSITIVE_INFINITY;
  }

  /** changes whenever any file is added, replaced or removed */
  get version(): number {
    return this.generation;
  }

  /**
   * Changes whenever what one file can see of the others may have changed: a file added,
   * removed, set without an interface check (`setFile`), or updated with `interfaceChanged`.
   * A file's findings computed under one epoch hold for its unchanged text under the same epoch.
   */
  get interfaceEpoch(): number {
    return this.epoch;
  }

  /**
   * True when the interface epoch moved from `epoch` by exactly one change, the edit of `path`
   * from text version `fromVersion`: for that file's own findings, nothing else changed.
   */
  epochMovedOnlyBy(path: string, epoch: number, fromVersion: number): boolean {
    const bump = this.epochBump;
    return bump !== null && this.epoch === epoch + 1 && bump.epoch === this.epoch && bump.path === normalisePath(path) && bump.fromVersion === fromVersion;
  }

  /** the number of the file's current text (-1 when it is not registered) */
  textVersionOf(path: string): number {
    return this.entry(path)?.textVersion ?? -1;
  }

  /**
   * How the file's current text came from the previous one, when `updateFile` found the edit
   * stayed inside one top-level statement and changed nothing other code can see of the file;
   * confirmed here against the new parse (the statements before and after must be exactly
   * where they were, shifted, and both texts must parse without errors). Null otherwise.
   */
  localEditOf(path: string): LocalEdit | null {
    const entry = this.entry(path);
    const pending = entry?.edit;
    if (!entry || !pending) return null;
    if (pending.confirmed === null) {
      const parsed = this.parseOf(entry.path);
      pending.confirmed = parsed !== null && parsed.errors.length === 0 && sameOtherStatements(parsed.module.body, pending);
    }
    return pending.confirmed ? pending.edit : null;
  }

  /** true when the file's parse tree (or model) is held right now */
  hasTree(path: string): boolean {
    const entry = this.entry(path);
    return entry !== undefined && this.resident.has(entry);
  }

  /** lines of the files whose parse tree or model is held right now */
  get residentLines(): number {
    return this.residentLineCount;
  }

  setFile(path: string, text: string): void {
    this.replace(path, text, false);
  }

  /**
   * `setFile`, then says whether the file's interface changed and which files must be
   * re-checked besides it. Builds the file's model right away (the edit's own re-check needs
   * it anyway) and re-derives the cross-file answers about it that other answers used.
   */
  updateFile(path: string, text: string): FileUpdate {
    return this.replace(path, text, true);
  }

  removeFile(path: string): void {
    this.removeAndReport(path, false);
  }

  /** `removeFile`, then which files must be re-checked (those that imported it, transitively). */
  removeFileAndReport(path: string): FileUpdate {
    return this.removeAndReport(path, true);
  }

  private removeAndReport(path: string, report: boolean): FileUpdate {
    const key = normalisePath(path);
    const existing = this.files.get(key);
    if (!existing) return { changed: false, interfaceChanged: false, dependants: [] };
    const dependants = report ? this.dependentsOf(key) : [];
    this.release(existing);
    this.unindex(existing);
    this.files.delete(key);
    this.modulesChanged();
    return { changed: true, interfaceChanged: true, dependants };
  }

  private replace(path: string, text: string, report: boolean): FileUpdate {
    const key = normalisePath(path);
    const existing = this.files.get(key);
    if (existing && existing.text === text) return { changed: false, interfaceChanged: false, dependants: [] };
    const { name, isPackage } = moduleNameOf(relativeTo(this.root, key));
    const previousParse = existing?.parse ?? null;
    const previousModel = existing?.model ?? null;
    const entry: FileEntry = {
      path: key,
      text,
      moduleName: name,
      isPackage,
      parse: null,
      model: null,
      info: null,
      callsByOwner: null,
      lines: countLines(text),
      imports: null,
      fingerprint: null,
      lastUsed: 0,
      textVersion: ++this.textVersions,
      edit: null,
      patchFrom: null,
    };
    if (!existing || existing.moduleName !== name || existing.isPackage !== isPackage) {
      // a new module (or one that moved): any import anywhere may resolve differently now
      if (existing) {
        this.release(existing);
        this.unindex(existing);
      }
      this.files.set(key, entry);
      this.index(entry);
      this.modulesChanged();
      return { changed: true, interfaceChanged: true, dependants: report ? this.dependentsOf(key) : [] };
    }
    this.generation++;
    const pendingEdit = report && previousParse ? localEditCandidate(text, existing.textVersion, previousParse) : null;
    // what other files saw of the old text (usually still modelled: the editor just linted it)
    // typing inside one statement: its lines re-parsed alone (nothing in the old tree moves yet)
    const slice = pendingEdit && previousParse ? parseStatementSlice(previousParse, text, { index: pendingEdit.index, changeStart: pendingEdit.changeStart, delta: pendingEdit.edit.delta }) : null;
    const oldModel = previousModel?.parse === previousParse ? previousModel : null;
    // for a statement-wise edit: what the file showed of that statement (the rest is unchanged text);
    // otherwise what the whole file showed, to compare with the new text's
    let oldStatementInterface: string | null = null;
    let oldFingerprint: string | null = existing.fingerprint;
    if (pendingEdit && slice && oldModel) {
      pendingEdit.oldNames = moduleNamesBoundIn(oldModel, pendingEdit.edit.oldStart, pendingEdit.edit.oldEnd);
      oldStatementInterface = statementInterface(oldModel, existing.path, pendingEdit.edit.oldStart, pendingEdit.edit.oldEnd);
    } else if (report) {
      try {
        oldFingerprint = this.fingerprintOf(existing);
      } catch {
        oldFingerprint = null;
      }
    }
    const oldImports = existing.imports;
    // files that may hold this file's old nodes in their rules' caches: their trees go too
    const holders = this.residentImportersOf(existing);
    this.release(existing);
    this.swap(existing, entry);
    for (const holder of holders) this.release(holder);
    // every answer that read the old text goes; the ones other answers used are re-derived below
    const dropped = this.dropReadersOf(key);
    this.definitionMemo.dropReaders(key);
    if (!report) {
      if (oldImports !== null) this.importersCache = null;
      this.epoch++;
      return { changed: true, interfaceChanged: true, dependants: [] };
    }
    let interfaceChanged = false;
    try {
      if (pendingEdit && previousParse && slice) {
        // the old tree's later statements move into the new one (through the old model's node lists when it is there)
        const oldStatement = previousParse.module.body[pendingEdit.index];
        entry.parse = applyStatementSlice(previousParse, text, slice, oldModel ? (after, delta) => { oldModel.moveNodesAfter(after, delta); } : undefined);
        if (oldModel && oldStatement) {
          const { oldStart, oldEnd, delta } = pendingEdit.edit;
          entry.patchFrom = { model: oldModel, change: { index: pendingEdit.index, oldStatement, sliceStart: oldStart, oldEnd, delta } };
        }
        pendingEdit.confirmed = true;
        this.resident.add(entry);
        this.residentLineCount += entry.lines;
      }
      this.modelOf(key);
      const local = pendingEdit && oldStatementInterface !== null ? this.localInterfaceCheck(entry, pendingEdit, oldStatementInterface) : null;
      if (local) {
        // the edited statement shows the same as before, and the others are the same text
        interfaceChanged = !sameStrings(oldImports, entry.imports) || !local.same;
        if (!interfaceChanged) {
          // the whole fingerprint is the same too (or, when it was never needed, still unknown)
          entry.fingerprint = oldFingerprint;
          interfaceChanged = !this.rederive(dropped, local.definedNames);
        }
      } else {
        interfaceChanged = oldFingerprint === null || this.fingerprintOf(entry) !== oldFingerprint || !sameStrings(oldImports, entry.imports);
        if (!interfaceChanged) interfaceChanged = !this.rederive(dropped, null);
      }
    } catch {
      // the model cannot be built: treat it as a change everyone must see
      interfaceChanged = true;
    }
    if (!sameStrings(oldImports, entry.imports)) this.importersCache = null;
    if (interfaceChanged) {
      this.epoch++;
      // the edited file itself can still re-check only what uses the names its edited statement binds
      const model = entry.model;
      if (pendingEdit?.confirmed && pendingEdit.oldNames && model) {
        const changedNames = new Set([...pendingEdit.oldNames, ...moduleNamesBoundIn(model, pendingEdit.edit.newStart, pendingEdit.edit.newEnd)]);
        entry.edit = { ...pendingEdit, edit: { ...pendingEdit.edit, changedNames } };
        this.epochBump = { epoch: this.epoch, path: key, fromVersion: existing.textVersion };
      }
    } else {
      entry.edit = pendingEdit;
    }
    return { changed: true, interfaceChanged, dependants: interfaceChanged ? this.dependentsOf(key) : [] };
  }

  hasFile(path: string): boolean {
    return this.files.has(normalisePath(path));
  }

  filePaths(): string[] {
    return [...this.files.keys()];
  }

  /** The set of modules changed (a file added, removed or renamed): every cross-file answer and every tree goes. */
  private modulesChanged(): void {
    this.generation++;
    this.epoch++;
    this.chainMemo = new WeakMap();
    this.summaryMemo = new WeakMap();
    this.classifierMemos = [];
    this.definitionMemo.clear();
    this.globalTypeMemo.clear();
    this.importersCache = null;
    for (const entry of [...this.resident]) this.release(entry);
  }

  /** Replaces `old` by `entry` (same module name) in the indexes. */
  private swap(old: FileEntry, entry: FileEntry): void {
    this.files.set(entry.path, entry);
    if (this.byModule.get(old.moduleName) === old) this.byModule.set(entry.moduleName, entry);
    if (this.importersCache) {
      // keep the graph when the imports stay the same (the caller drops it otherwise)
      const importers = this.importersCache.get(old);
      this.importersCache.delete(old);
      if (importers) this.importersCache.set(entry, importers);
      for (const set of this.importersCache.values()) {
        if (set.delete(old)) set.add(entry);
      }
    }
  }

  /** Drops a file's parse, model and everything built from them. */
  private release(entry: FileEntry): void {
    if (this.resident.delete(entry)) this.residentLineCount -= entry.lines;
    if (entry.model || entry.info) this.definitionMemo.dropReaders(entry.path);
    entry.parse = null;
    entry.model = null;
    entry.patchFrom = null;
    entry.info = null;
    entry.callsByOwner = null;
  }

  /**
   * Once the modelled files exceed `maxResidentLines`, drops trees until they are down to half of
   * it, least recently used first. A tree goes together with the trees of the files that import
   * it (transitively): their rules' caches may hold its nodes, and a rebuilt tree must never meet
   * a cache that saw the old one. Modules most files import stay; the files already checked go.
   * Call it between lints, never during one (rules hold models while they run). True when it dropped.
   */
  trim(): boolean {
    if (this.residentLineCount <= this.maxResidentLines) return false;
    const target = this.maxResidentLines / 2;
    const importers = new Map<FileEntry, Set<FileEntry>>();
    for (const entry of this.files.values()) if (entry.imports !== null) this.addImporter(importers, entry, entry.imports);
    const leastRecentFirst = [...this.resident].sort((a, b) => a.lastUsed - b.lastUsed);
    for (const entry of leastRecentFirst) {
      if (this.residentLineCount <= target) break;
      if (!this.resident.has(entry)) continue;
      for (const holder of this.reachableImporters(entry, importers)) if (this.resident.has(holder)) this.release(holder);
      this.release(entry);
    }
    return true;
  }

  /** Drops every parse tree and model now; compact facts stay (see the file comment). */
  evictAll(): void {
    for (const entry of [...this.resident]) this.release(entry);
    this.definitionMemo.clear();
  }

  /** Drops the answers (summaries, chains, global types) that read `file`; returns what was dropped to re-derive. */
  private dropReadersOf(file: string): DroppedAnswers {
    const dropped: DroppedAnswers = { summaries: [], globals: this.globalTypeMemo.dropReaders(file) };
    const alive: typeof this.classifierMemos = [];
    for (const memos of this.classifierMemos) {
      const classifier = memos.classifier.deref();
      const summaries = memos.summaries.deref();
      const chains = memos.chains.deref();
      if (!classifier || !summaries || !chains) continue;
      alive.push(memos);
      chains.dropReaders(file);
      for (const [key, entry] of summaries.dropReaders(file)) dropped.summaries.push({ classifier, key, value: entry.value });
    }
    this.classifierMemos = alive;
    return dropped;
  }

  /**
   * For an edit the old parse placed inside one top-level def or class: confirms it against the
   * new parse (the other statements exactly where they were) and compares what the statement
   * shows other code. Null when the edit was not local after all (then the whole file is compared).
   * `definedNames`: the qualified-name prefix of the functions the statement defines.
   */
  private localInterfaceCheck(entry: FileEntry, pending: PendingLocalEdit, oldStatementInterface: string): { same: boolean; definedNames: string } | null {
    const model = entry.model;
    const parsed = entry.parse;
    if (!model || !parsed) return null;
    if (pending.confirmed === null) pending.confirmed = parsed.errors.length === 0 && sameOtherStatements(parsed.module.body, pending);
    if (!pending.confirmed) return null;
    const statement = parsed.module.body[pending.index];
    if (!statement) return null;
    const now = statementInterface(model, entry.path, pending.edit.newStart, pending.edit.newEnd);
    const isDefinitionStatement = statement.nodeType === 'FunctionDef' || statement.nodeType === 'AsyncFunctionDef' || statement.nodeType === 'ClassDef';
    // a module-level statement defines no function: an unchanged one (a comment edited) leaves every summary as it was
    const definedNames = !isDefinitionStatement ? NO_FUNCTIONS : entry.moduleName === '' ? statement.name : `${entry.moduleName}.${statement.name}`;
    return { same: now === oldStatementInterface, definedNames };
  }

  /**
   * Re-derives the dropped answers other answers used (from the new text) and compares them,
   * offsets aside. True when every one is the same: no other file can see the edit. With
   * `definedNames` (an edit inside one def or class), only the blocking summaries of the functions
   * that statement defines can have changed (the others are the same code reading the same
   * facts): just those are re-derived, the rest are left to be recomputed when asked.
   */
  private rederive(dropped: DroppedAnswers, definedNames: string | null): boolean {
    for (const [key, entry] of dropped.globals) {
      if (this.typeOfGlobal(key) !== entry.value) return false;
    }
    for (const { classifier, key, value } of dropped.summaries) {
      if (definedNames !== null && key !== definedNames && !key.startsWith(`${definedNames}.`)) continue;
      const fn = this.resolveFunction(key);
      if (!fn) return false;
      if (summaryShape(this.blockingSummary(fn, classifier)) !== summaryShape(value)) return false;
    }
    return true;
  }

  // ── read tracking ──────────────────────────────────────────────────────────

  private noteRead(path: string): void {
    this.readFrames[this.readFrames.length - 1]?.add(path);
  }

  private noteReads(paths: Iterable<string>): void {
    const frame = this.readFrames[this.readFrames.length - 1];
    if (frame) for (const path of paths) frame.add(path);
  }

  /** Runs `compute` recording the files it reads (and passes them on to the enclosing computation). */
  private tracking<V>(compute: () => V): { value: V; reads: Set<string> } {
    const frame = new Set<string>();
    this.readFrames.push(frame);
    let value: V;
    try {
      value = compute();
    } finally {
      this.readFrames.pop();
      this.noteReads(frame);
    }
    return { value, reads: frame };
  }

  private memosFor(classifier: BlockingClassifier): { summaries: TrackedMemo<BlockingSummary>; chains: TrackedMemo<readonly ChainStep[] | null> } {
    let summaries = this.summaryMemo.get(classifier);
    let chains = this.chainMemo.get(classifier);
    if (!summaries || !chains) {
      summaries = new TrackedMemo();
      chains = new TrackedMemo();
      this.summaryMemo.set(classifier, summaries);
      this.chainMemo.set(classifier, chains);
      this.classifierMemos.push({ classifier: new WeakRef(classifier), summaries: new WeakRef(summaries), chains: new WeakRef(chains) });
    }
    return { summaries, chains };
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
    this.noteRead(entry.path);
    entry.lastUsed = ++this.clock;
    if (!entry.parse) {
      entry.parse = parse(entry.text);
      if (!this.resident.has(entry)) {
        this.resident.add(entry);
        this.residentLineCount += entry.lines;
      }
    }
    return entry.parse;
  }

  modelOf(path: string): Model | null {
    const entry = this.entry(path);
    if (!entry) return null;
    this.noteRead(entry.path);
    entry.lastUsed = ++this.clock;
    if (!entry.model) {
      const result = this.parseOf(path);
      if (!result) return null;
      const patch = entry.patchFrom;
      entry.patchFrom = null;
      const model = (patch ? patchModel(patch.model, result, patch.change) : null) ?? buildModel(result, { moduleName: entry.moduleName, isPackage: entry.isPackage });
      model.externalTypeResolver = (qualifiedName) => this.typeOfGlobal(qualifiedName);
      model.externalAttributeResolver = (classQualifiedName, attr) => this.attributeTypeOf(classQualifiedName, attr);
      entry.model = model;
      if (entry.imports === null) {
        entry.imports = [...model.importedModules].sort();
        this.importersCache = null;
      }
    }
    return entry.model;
  }

  /** The modules a registered file imports (kept after its tree is dropped); null when it is not registered. */
  importsOf(path: string): readonly string[] | null {
    const entry = this.entry(path);
    if (!entry) return null;
    if (entry.imports === null) {
      const wasResident = this.resident.has(entry);
      this.modelOf(entry.path);
      // a tree built only to read its imports goes right away (nothing else saw it)
      if (!wasResident) this.release(entry);
    }
    return entry.imports ?? [];
  }

  /** The file's interface fingerprint (see `interfaceFingerprint`), computed once per text. */
  private fingerprintOf(entry: FileEntry): string {
    if (entry.fingerprint === null) {
      const model = this.modelOf(entry.path);
      const info = this.infoOf(entry);
      entry.fingerprint = model && info ? interfaceFingerprint(model, info) : '';
    }
    return entry.fingerprint;
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
    const memo = this.globalTypeMemo.get(qualifiedName);
    if (memo) {
      this.noteReads(memo.reads);
      return memo.value;
    }
    const outermost = this.globalsInProgress.size === 0;
    const { value, reads } = this.tracking(() => this.computeGlobalType(qualifiedName));
    if (outermost) this.globalTypeMemo.set(qualifiedName, value, reads);
    return value;
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
    this.noteRead(entry.path);
    entry.lastUsed = ++this.clock;
    if (entry.info) return entry.info;
    const model = this.modelOf(entry.path);
    if (!model) return null;
    entry.info = buildModuleInfo(model, entry.path);
    return entry.info;
  }

  /** Finds `qualifiedName` as module prefix + path inside it, following re-exports (memoised until a file it read changes). */
  private resolveDefinition(qualifiedName: string, depth = 0): FunctionInfo | ClassInfo | null {
    if (depth > MAX_RESOLVE_DEPTH) return null;
    if (depth === 0) {
      const memo = this.definitionMemo.get(qualifiedName);
      if (memo) {
        this.noteReads(memo.reads);
        return memo.value;
      }
      const { value, reads } = this.tracking(() => this.computeDefinition(qualifiedName, 0));
      this.definitionMemo.set(qualifiedName, value, reads);
      return value;
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
    const { summaries } = this.memosFor(classifier);
    const memo = summaries.get(fn.qualifiedName);
    if (memo) {
      this.noteReads(memo.reads);
      return memo.value;
    }
    const { value, reads } = this.tracking(() => this.computeSummary(fn, classifier));
    summaries.set(fn.qualifiedName, value, reads);
    return value;
  }

  private computeSummary(fn: FunctionInfo, classifier: BlockingClassifier): BlockingSummary {
    const entry = this.entry(fn.file);
    const model = entry ? this.modelOf(entry.path) : null;
    if (!entry || !model) return { direct: [], calls: [] };
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
    return { direct, calls };
  }

  blockingChain(fn: FunctionInfo, classifier: BlockingClassifier, maxDepth: number): readonly ChainStep[] | null {
    const memoTable = this.memosFor(classifier).chains;
    const inProgress = new Set<string>();
    const state = { cuts: 0 };
    const search = (current: FunctionInfo, budget: number): readonly ChainStep[] | null => {
      const key = current.qualifiedName;
      const memo = memoTable.get(key);
      if (memo) {
        this.noteReads(memo.reads);
        const known = memo.value;
        return known && known.length <= budget ? known : null;
      }
      if (inProgress.has(key)) {
        state.cuts++;
        return null;
      }
      if (budget <= 0) return null;
      inProgress.add(key);
      const cutsBefore = state.cuts;
      const { value: result, reads } = this.tracking(() => this.searchStep(current, classifier, budget, search));
      inProgress.delete(key);
      // a negative answer reached by cutting a cycle or running out of depth is not final
      if (result || (state.cuts === cutsBefore && budget >= maxDepth)) memoTable.set(key, result, reads);
      return result;
    };
    return search(fn, maxDepth);
  }

  private searchStep(
    current: FunctionInfo,
    classifier: BlockingClassifier,
    budget: number,
    search: (fn: FunctionInfo, budget: number) => readonly ChainStep[] | null,
  ): readonly ChainStep[] | null {
    const summary = this.blockingSummary(current, classifier);
    const first = summary.direct[0];
    if (first) return [{ file: current.file, start: first.start, end: first.end, callee: first.hit.callee, code: first.hit.code }];
    for (const call of summary.calls) {
      const target = this.resolveFunction(call.target);
      if (!target) continue;
      const rest = search(target, budget - 1);
      if (rest) return [{ file: current.file, start: call.start, end: call.end, callee: call.target, code: null }, ...rest];
    }
    return null;
  }

  // ── dependencies ───────────────────────────────────────────────────────────

  /** Files that import (directly or through other project modules) the module of `path`. */
  dependentsOf(path: string): string[] {
    const target = this.entry(path);
    if (!target) return [];
    const importers = this.importers();
    return [...this.reachableImporters(target, importers)].map((entry) => entry.path).sort();
  }

  /** imported file → the files importing it, from every file's imports (models built where unknown) */
  private importers(): Map<FileEntry, Set<FileEntry>> {
    if (this.importersCache) return this.importersCache;
    const importers = new Map<FileEntry, Set<FileEntry>>();
    for (const entry of [...this.files.values()]) {
      let imports = entry.imports;
      if (imports === null) {
        try {
          imports = this.importsOf(entry.path) ?? [];
        } catch {
          imports = [];
        }
      }
      this.addImporter(importers, entry, imports);
    }
    this.importersCache = importers;
    return importers;
  }

  private addImporter(importers: Map<FileEntry, Set<FileEntry>>, entry: FileEntry, imports: readonly string[]): void {
    for (const name of imports) {
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

  private reachableImporters(target: FileEntry, importers: ReadonlyMap<FileEntry, ReadonlySet<FileEntry>>): Set<FileEntry> {
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
    return result;
  }

  /**
   * The files holding a tree whose rules' caches may refer to `target`'s nodes: those that reach
   * it through imports. Only files whose imports are known can (to resolve into `target` a file
   * must have been modelled), so this never models anything.
   */
  private residentImportersOf(target: FileEntry): FileEntry[] {
    if (this.resident.size === 0 || (this.resident.size === 1 && this.resident.has(target))) return [];
    let importers = this.importersCache;
    if (!importers) {
      importers = new Map();
      for (const entry of this.files.values()) if (entry.imports !== null) this.addImporter(importers, entry, entry.imports);
    }
    return [...this.reachableImporters(target, importers)].filter((entry) => this.resident.has(entry));
  }
}

interface DroppedAnswers {
  summaries: { classifier: BlockingClassifier; key: string; value: BlockingSummary }[];
  globals: [string, MemoEntry<string | null | undefined>][];
}

/** The statement an edit stayed in (see `locateStatementEdit`), as a local edit still to confirm. */
function localEditCandidate(newText: string, fromVersion: number, oldParse: ParseResult): PendingLocalEdit | null {
  const located = locateStatementEdit(oldParse, newText);
  const statement = located ? oldParse.module.body[located.index] : undefined;
  if (!located || !statement) return null;
  const { index, changeStart, delta, sliceStart } = located;
  return {
    edit: { changedNames: null, fromVersion, oldStart: sliceStart, oldEnd: statement.end, newStart: sliceStart, newEnd: statement.end + delta, delta },
    index,
    changeStart,
    oldSpans: oldParse.module.body.map((stmt) => [stmt.start, stmt.end] as const),
    confirmed: null,
    oldNames: null,
  };
}

/** The names bound in the module scope by code inside `[start, end)` (a top-level statement's slice). */
export function moduleNamesBoundIn(model: Model, start: number, end: number): string[] {
  const names: string[] = [];
  model.moduleScope.bindings.forEach((bindings, name) => {
    if (bindsWithin(bindings, start, end)) names.push(name);
  });
  return names;
}

/** One of the bindings is made by code in `[start, end)`. */
function bindsWithin(bindings: readonly { node: AnyNode }[], start: number, end: number): boolean {
  for (const binding of bindings) if (binding.node.start >= start && binding.node.start < end) return true;
  return false;
}

/** The new module body has the old statements other than the edited one at the same places (shifted after it). */
function sameOtherStatements(body: readonly AnyStmt[], pending: PendingLocalEdit): boolean {
  const { oldSpans, index, edit } = pending;
  if (body.length !== oldSpans.length) return false;
  for (let i = 0; i < body.length; i++) {
    if (i === index) continue;
    const stmt = body[i] as AnyStmt;
    const [start, end] = oldSpans[i] as readonly [number, number];
    const shift = i > index ? edit.delta : 0;
    if (stmt.start !== start + shift || stmt.end !== end + shift) return false;
  }
  const edited = body[index] as AnyStmt;
  return edited.end === edit.newEnd && (index === 0 || (body[index - 1] as AnyStmt).end === edit.newStart);
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function sameStrings(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((value, i) => value === b[i]);
}

/** A summary without its offsets: what callers can see of it. */
function summaryShape(summary: BlockingSummary): string {
  const direct = summary.direct.map((d) => `${d.hit.code}:${d.hit.callee}`);
  const calls = summary.calls.map((c) => c.target);
  return JSON.stringify([direct, calls]);
}

function kindOf(scope: ScopeImpl): FunctionKind {
  if (scope.isAsync) return scope.isGenerator ? 'async-generator' : 'async';
  return scope.isGenerator ? 'generator' : 'sync';
}

function decoratorName(model: Model, decorator: FunctionNode['decorator_list'][number]): string {
  const target = decorator.nodeType === 'Call' ? decorator.func : decorator;
  return model.qualifiedName(target) ?? model.textOf(target);
}

export function buildModuleInfo(model: Model, file: string, range: { start: number; end: number } | null = null): ModuleInfo {
  const functions = new Map<string, FunctionInfo>();
  const classes = new Map<string, ClassInfo>();
  const classMethods = new Map<ScopeImpl, Map<string, FunctionInfo>>();
  // with `range`, only the functions and classes it holds (the rest is as for the whole module)
  const inRange = (scope: ScopeImpl): boolean => range === null || (scope.node.start >= range.start && scope.node.start < range.end);
  for (const scope of model.scopes) {
    if (scope.kind !== 'function' || !inRange(scope)) continue;
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
    if (scope.kind !== 'class' || !inRange(scope)) continue;
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
  model.moduleScope.bindings.forEach((bindings, name) => {
    const last = bindings[bindings.length - 1];
    // with `range`, the names bound there (where the last binding is decides the target)
    if (!last || (range !== null && !bindsWithin(bindings, range.start, range.end))) return;
    const target = model.qualifiedNameOfBinding(last);
    exports.set(name, target ?? (model.moduleName ? `${model.moduleName}.${name}` : name));
  });
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

/**
 * What other modules can see of a module, as one fingerprint: its ModuleInfo facts (names,
 * kinds, decorators, bases, methods, exports, imports), every def and class header, the
 * module-level and class-level statements (the globals and class attributes type inference
 * reads), and the few body facts rules read in other files' functions: what `return`s give,
 * the last statement, `self.<attr>` assignments, `async with` and `.acquire()` guards, `global`
 * declarations. Calls inside bodies are not in it: blocking summaries are compared one by one
 * when they are re-derived (`Workspace.updateFile`). Typing inside a body changes none of this.
 */
export function interfaceFingerprint(model: Model, info: ModuleInfo): string {
  return hashString(interfaceParts(model, info, null).join('\n'));
}

/**
 * The fingerprint's parts for one top-level statement (the slice `[start, end)` holding it): its
 * defs and classes, or its text for a module-level statement, and the exports it binds. The
 * parts of the other statements come from their own text and the module-level facts, so when
 * this is equal before and after an edit inside the statement (and the imports are), so is the
 * whole fingerprint.
 */
export function statementInterface(model: Model, file: string, start: number, end: number): string {
  const range = { start, end };
  return interfaceParts(model, buildModuleInfo(model, file, range), range).join('\n');
}

function interfaceParts(model: Model, info: ModuleInfo, range: { start: number; end: number } | null): string[] {
  const source = model.parse.source;
  const text = (node: { start: number; end: number }): string => source.slice(node.start, node.end);
  const inRange = (node: { start: number }): boolean => range === null || (node.start >= range.start && node.start < range.end);
  // for one statement the caller compares the imports itself (they are kept sorted per file)
  const parts: string[] = [`M ${info.name} ${String(info.isPackage)} ${String(info.hasStarImport)}`, range === null ? `I ${[...info.imports].sort().join(' ')}` : 'I'];
  for (const [name, target] of [...info.exports].sort((a, b) => (a[0] < b[0] ? -1 : 1))) parts.push(`E ${name}=${target}`);
  for (const fn of info.functions.values()) {
    const node = fn.node;
    if (!inRange(node)) continue;
    const bodyStart = node.body[0]?.start ?? node.end;
    parts.push(`F ${fn.qualifiedName} ${fn.kind} ${fn.className ?? ''} ${fn.decorators.join(',')}`);
    for (const decorator of node.decorator_list) parts.push(`D ${text(decorator)}`);
    parts.push(`H ${source.slice(node.start, bodyStart)}`);
    parts.push(`L ${node.body[node.body.length - 1]?.nodeType ?? ''}`);
    const selfName = node.args.posonlyargs[0]?.arg ?? node.args.args[0]?.arg ?? null;
    forEachStatement(node.body, (stmt) => {
      switch (stmt.nodeType) {
        case 'Return': {
          const value = stmt.value;
          parts.push(`R ${value ? (value.nodeType === 'Name' || value.nodeType === 'Lambda' || value.nodeType === 'Constant' ? text(value) : value.nodeType) : ''}`);
          break;
        }
        case 'Assign':
        case 'AnnAssign': {
          const targets = stmt.nodeType === 'Assign' ? stmt.targets : [stmt.target];
          if (targets.some((target) => target.nodeType === 'Attribute' && target.value.nodeType === 'Name' && target.value.id === selfName)) parts.push(`S ${text(stmt)}`);
          break;
        }
        case 'AsyncWith':
          parts.push(`W ${stmt.items.map((item) => text(item.context_expr)).join(',')}`);
          return;
        case 'Global':
        case 'Nonlocal':
          // names bound from inside a function: the whole body can define module globals
          parts.push(`G ${text(node)}`);
          break;
        default:
          break;
      }
      // `await sem.acquire()` anywhere in a simple statement (a cheap text test, then the statement)
      if (!('body' in stmt) && text(stmt).includes('.acquire')) parts.push(`A ${text(stmt)}`);
    });
  }
  for (const cls of info.classes.values()) {
    const node = cls.node;
    if (!inRange(node)) continue;
    const bodyStart = node.body[0]?.start ?? node.end;
    parts.push(`C ${cls.qualifiedName} ${cls.bases.join(',')} ${[...cls.methods.keys()].join(',')}`);
    for (const decorator of node.decorator_list) parts.push(`D ${text(decorator)}`);
    parts.push(`H ${source.slice(node.start, bodyStart)}`);
    for (const stmt of node.body) if (!isDefinition(stmt)) parts.push(`B ${text(stmt)}`);
  }
  for (const stmt of model.parse.module.body) if (!isDefinition(stmt) && inRange(stmt)) parts.push(`T ${text(stmt)}`);
  return parts;
}

function isDefinition(node: AnyNode): boolean {
  return node.nodeType === 'FunctionDef' || node.nodeType === 'AsyncFunctionDef' || node.nodeType === 'ClassDef';
}

/**
 * Every statement of a body, compound ones before their own bodies (handlers and match cases
 * included), not descending into nested defs and classes (they have entries of their own) nor
 * into expressions: cheap enough to run on every edit.
 */
function forEachStatement(body: readonly AnyStmt[], visit: (stmt: AnyStmt) => void): void {
  const stack: AnyStmt[] = [...body].reverse();
  while (stack.length > 0) {
    const stmt = stack.pop() as AnyStmt;
    visit(stmt);
    if (isDefinition(stmt)) continue;
    const record = stmt as unknown as Record<string, unknown>;
    const nested: AnyStmt[] = [];
    for (const field of ['body', 'orelse', 'finalbody']) {
      const value = record[field];
      if (Array.isArray(value)) nested.push(...(value as AnyStmt[]));
    }
    for (const field of ['handlers', 'cases']) {
      const value = record[field];
      if (Array.isArray(value)) for (const clause of value as { body: AnyStmt[] }[]) nested.push(...clause.body);
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i] as AnyStmt);
  }
}

/** 53-bit string hash (cyrb53): fingerprints are compared, never trusted as content. */
function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + ':' + String(text.length);
}
