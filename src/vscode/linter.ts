/**
 * Keeps the Problems panel in step with the code: lints Python documents when they open, while
 * typing (debounced per document) or on save, clears them on close, re-checks the open files that
 * depend on a changed module, and checks a whole workspace on request.
 *
 * Engine calls are synchronous and fast per file; everything that touches files is asynchronous and
 * goes through `vscode.workspace.fs`, so this works in untrusted and virtual workspaces alike.
 * An engine failure on one file is logged and leaves that file without findings; it never reaches
 * the extension host.
 */
import * as vscode from 'vscode';
import type { ResolvedConfig } from '../engine/config';
import type { Finding } from '../engine/findings';
import type { FileLintResult } from '../engine/project';
import { toDiagnostic } from './diagnostics';
import type { ProjectConfig, ProjectConfigLocator, ReadUri } from './project-config';
import type { ProjectFile, ProjectState, Projects } from './projects';
import type { EditorSettings } from './settings';
import { mergeConfig } from './settings';
import type { TextPositions } from './text-positions';
import { listPythonFiles, relativePath } from './workspace-files';
import { isLintable } from './lintable';
import { checkWorkspace as runWorkspaceCheck, WORKER_MIN_LINES, type CheckHost, type WorkspaceCheckResult } from './workspace-check/check';
import type { FindingsCache } from './workspace-check/findings-cache';

/**
 * Delay after the last keystroke before a document is re-checked: four times what its last check
 * took, between these bounds. A check of an edit inside a function takes a millisecond or two, so
 * findings follow typing almost at once; a document whose checks are slow (or not yet measured)
 * waits for a pause in typing instead of re-checking at every key.
 */
export const TYPING_DEBOUNCE_MS = 300;
export const TYPING_DEBOUNCE_MIN_MS = 75;
const TYPING_DEBOUNCE_FACTOR = 4;
/** Delay before re-checking documents that depend on a changed module. */
const DEPENDENTS_DEBOUNCE_MS = 150;
/** Files read per turn of the event loop while indexing, so the extension host stays responsive. */
const INDEX_BATCH = 25;

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface LintedEntry {
  readonly finding: Finding;
  readonly diagnostic: vscode.Diagnostic;
}

export interface LintedFile {
  readonly uri: vscode.Uri;
  /** the document version linted, undefined when linted from the file on disk */
  readonly version: number | undefined;
  readonly positions: TextPositions;
  readonly config: ResolvedConfig;
  readonly entries: readonly LintedEntry[];
}

export type { WorkspaceCheckResult } from './workspace-check/check';

export interface LinterOptions {
  projects: Projects;
  configs: ProjectConfigLocator;
  readFile: ReadUri;
  settingsFor(uri: vscode.Uri): EditorSettings;
  log: Logger;
  /** a configuration file has problems: show them (the caller shows each problem once) */
  onConfigProblems(config: ProjectConfig): void;
  /** findings kept between workspace checks; absent: every check lints everything */
  cache?: FindingsCache;
  /** the bundled worker for workspace checks (dist/workspace-worker.js); absent: lint on this thread */
  workerScript?: string;
  /** worker threads at most (default 1) */
  threads?: number;
  /** lines to lint from which a workspace check uses worker threads (default WORKER_MIN_LINES) */
  workerMinLines?: number;
  /** the clock checks are timed with, in ms (default `performance.now`; tests give their own) */
  now?: () => number;
}

export { isLintable } from './lintable';

const NEVER_CANCELLED: vscode.CancellationToken = {
  isCancellationRequested: false,
  onCancellationRequested: new vscode.EventEmitter<undefined>().event,
};

/** A token cancelled by its outer token or by `cancel()`. */
class LinkedCancellation implements vscode.Disposable {
  private cancelled = false;
  private readonly emitter = new vscode.EventEmitter<undefined>();
  private readonly link: vscode.Disposable;
  readonly token: vscode.CancellationToken;

  constructor(outer: vscode.CancellationToken) {
    this.cancelled = outer.isCancellationRequested;
    this.link = outer.onCancellationRequested(() => { this.cancel(); });
    const isCancelled = (): boolean => this.cancelled;
    this.token = {
      get isCancellationRequested() { return isCancelled(); },
      onCancellationRequested: this.emitter.event,
    };
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.link.dispose();
    this.emitter.dispose();
  }
}

export class Linter implements vscode.Disposable {
  readonly collection: vscode.DiagnosticCollection;
  private readonly linted = new Map<string, LintedFile>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** per open document, how long its last check took (ms) */
  private readonly checkDurations = new Map<string, number>();
  private readonly now: () => number;
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** fires when the findings of a file (or of everything: undefined) changed */
  readonly onDidChangeFindings = this.changed.event;
  /** after a workspace check, closed files keep their findings (the Problems panel is the view) */
  private workspaceChecked = false;
  private readonly reportedCrashes = new Set<string>();
  private runningCheck: { cancel(): void; done: Promise<unknown> } | undefined;
  /** findings shown, and files with any */
  private totals = { findings: 0, files: 0 };

  constructor(private readonly options: LinterOptions) {
    this.collection = vscode.languages.createDiagnosticCollection('aiolint');
    this.now = options.now ?? (() => performance.now());
  }

  dispose(): void {
    // a running workspace check stops (its worker threads are terminated)
    this.runningCheck?.cancel();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.collection.dispose();
    this.changed.dispose();
  }

  /** The last result for a URI (what the code actions work from). */
  lintedFile(uri: vscode.Uri): LintedFile | undefined {
    return this.linted.get(uri.toString());
  }

  /** Findings counted per file, for the status bar. */
  counts(uri: vscode.Uri | undefined): { file: number; workspace: number; files: number } {
    const current = uri ? this.linted.get(uri.toString())?.entries.length ?? 0 : 0;
    return { file: current, workspace: this.totals.findings, files: this.totals.files };
  }

  /** Records a file's result, keeping the totals (asked after every result: a workspace check must not make that quadratic). */
  private remember(key: string, linted: LintedFile | undefined): boolean {
    const previous = this.linted.get(key);
    if (previous) {
      this.totals.findings -= previous.entries.length;
      if (previous.entries.length > 0) this.totals.files--;
    }
    if (linted) {
      this.linted.set(key, linted);
      this.totals.findings += linted.entries.length;
      if (linted.entries.length > 0) this.totals.files++;
    } else {
      this.linted.delete(key);
    }
    return previous !== undefined;
  }

  // ---- events ------------------------------------------------------------------------------

  onDidOpen(document: vscode.TextDocument): void {
    if (isLintable(document)) void this.lintDocument(document);
  }

  onDidChange(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (!isLintable(document) || event.contentChanges.length === 0) return;
    if (this.options.settingsFor(document.uri).run !== 'onType') return;
    this.schedule(document, this.typingDelay(document.uri));
  }

  /** How long after a keystroke this document is re-checked (see TYPING_DEBOUNCE_MS). */
  typingDelay(uri: vscode.Uri): number {
    const last = this.checkDurations.get(uri.toString());
    if (last === undefined) return TYPING_DEBOUNCE_MS;
    return Math.round(Math.min(TYPING_DEBOUNCE_MS, Math.max(TYPING_DEBOUNCE_MIN_MS, last * TYPING_DEBOUNCE_FACTOR)));
  }

  onDidSave(document: vscode.TextDocument): void {
    if (isLintable(document)) void this.lintDocument(document);
  }

  onDidClose(document: vscode.TextDocument): void {
    if (!isLintable(document)) return;
    const key = document.uri.toString();
    this.cancel(key);
    this.checkDurations.delete(key);
    const file = this.options.projects.locate(document.uri);
    if (document.isUntitled) {
      this.options.projects.remove(file);
      this.clear(document.uri);
      return;
    }
    // the project goes back to what is on disk (the editor may have held unsaved changes)
    void this.options.readFile(document.uri).then(async (text) => {
      if (text === undefined) {
        this.options.projects.remove(file);
        this.clear(document.uri);
        return;
      }
      const { changed, dependants } = this.options.projects.setText(file, text);
      if (this.workspaceChecked && file.state.folder) await this.lintStored(file);
      else this.clear(document.uri);
      if (changed) this.refreshDependents(file, dependants);
    }, (error: unknown) => { this.options.log.warn(`could not re-read ${document.uri.toString(true)}: ${String(error)}`); });
  }

  /** A Python file changed, appeared or disappeared on disk (not through an open editor). */
  async onDidChangeOnDisk(uri: vscode.Uri, deleted: boolean): Promise<void> {
    if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) return;
    const file = this.options.projects.locate(uri);
    if (!file.state.folder) return;
    if (deleted) {
      this.options.projects.remove(file);
      this.clear(uri);
      this.refreshDependents(file);
      return;
    }
    const text = await this.options.readFile(uri);
    if (text === undefined) return;
    const { changed, dependants } = this.options.projects.setText(file, text);
    if (this.workspaceChecked) await this.lintStored(file);
    if (changed) this.refreshDependents(file, dependants);
  }

  /** Settings or a configuration file changed: check everything we show again. */
  async relintAll(): Promise<void> {
    const openDocuments = vscode.workspace.textDocuments.filter(isLintable);
    const open = new Set(openDocuments.map((document) => document.uri.toString()));
    await Promise.all(openDocuments.map((document) => this.lintDocument(document)));
    const closed = [...this.linted.values()].filter((linted) => !open.has(linted.uri.toString()));
    if (this.workspaceChecked && closed.length > 0) {
      // the Problems panel shows the whole workspace: check it again the way Check Workspace does
      // (worker threads, the cache), without a notification
      for (const linted of closed) if (!this.options.settingsFor(linted.uri).enable) this.clear(linted.uri);
      await this.checkWorkspace({ report: () => undefined }, NEVER_CANCELLED);
      return;
    }
    for (const linted of closed) await this.lintStored(this.options.projects.locate(linted.uri));
  }

  // ---- linting -----------------------------------------------------------------------------

  schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    this.cancel(key);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) void this.lintDocument(document);
    }, delay));
  }

  /** Lints an open document now (its current text). */
  async lintDocument(document: vscode.TextDocument): Promise<LintedFile | undefined> {
    const settings = this.options.settingsFor(document.uri);
    if (!settings.enable) {
      this.clear(document.uri);
      return undefined;
    }
    const file = this.options.projects.locate(document.uri);
    const config = await this.configFor(document.uri, file, settings);
    if (document.isClosed) return undefined;
    const started = this.now();
    const { positions, changed, dependants } = this.options.projects.setText(file, document.getText());
    const result = this.lintFile(file, document.uri, positions, config, document.version);
    this.checkDurations.set(document.uri.toString(), this.now() - started);
    void this.startIndexing(file.state);
    if (changed) this.refreshDependents(file, dependants);
    return result;
  }

  /** Lints a file from the text the project holds (closed files, dependents). */
  private async lintStored(file: ProjectFile): Promise<void> {
    const uri = this.options.projects.uriOf(file.state, file.path);
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) {
      await this.lintDocument(open);
      return;
    }
    const positions = file.state.texts.get(file.path);
    if (!positions) return;
    const settings = this.options.settingsFor(uri);
    if (!settings.enable) {
      this.clear(uri);
      return;
    }
    const config = await this.configFor(uri, file, settings);
    this.lintFile(file, uri, positions, config, undefined);
  }

  private lintFile(file: ProjectFile, uri: vscode.Uri, positions: TextPositions, config: ResolvedConfig, version: number | undefined): LintedFile | undefined {
    const result = this.runEngine(file, uri, config);
    return result ? this.publish(file.state, uri, positions, config, version, result) : undefined;
  }

  /** The engine's result for a file; undefined (and the file cleared) when the engine failed. */
  private runEngine(file: ProjectFile, uri: vscode.Uri, config: ResolvedConfig): FileLintResult | undefined {
    try {
      return file.state.project.lint(file.path, config);
    } catch (error) {
      this.reportCrash(uri, error instanceof Error ? error.stack ?? error.message : String(error));
      this.clear(uri);
      return undefined;
    }
  }

  /** a bug in aiolint must not take the editor down: logged once per file */
  private reportCrash(uri: vscode.Uri, message: string): void {
    const key = uri.toString();
    if (this.reportedCrashes.has(key)) return;
    this.reportedCrashes.add(key);
    this.options.log.error(`checking ${uri.toString(true)} failed: ${message}`);
  }

  /** Shows a result (linted now, on a worker thread, or from the cache) as diagnostics. */
  private publish(state: ProjectState, uri: vscode.Uri, positions: TextPositions, config: ResolvedConfig, version: number | undefined, result: FileLintResult): LintedFile {
    for (const crash of result.internalErrors ?? []) this.reportCrash(uri, `${crash.code}: ${crash.message}`);
    const findings: Finding[] = result.skipped ? [] : result.findings;
    const related = {
      uriOf: (path: string) => this.options.projects.uriOf(state, path),
      positionsOf: (path: string) => state.texts.get(path),
    };
    const entries: LintedEntry[] = [];
    for (const finding of findings) {
      const diagnostic = toDiagnostic(finding, positions, related, config.severity);
      if (diagnostic) entries.push({ finding, diagnostic });
    }
    const linted: LintedFile = { uri, version, positions, config, entries };
    this.remember(uri.toString(), linted);
    this.collection.set(uri, entries.map((entry) => entry.diagnostic));
    this.changed.fire(uri);
    return linted;
  }

  private async configFor(uri: vscode.Uri, file: ProjectFile, settings: EditorSettings): Promise<ResolvedConfig> {
    const found = await this.options.configs.configFor(uri, file.state.folder?.uri);
    if (found.diagnostics.length > 0) this.options.onConfigProblems(found);
    return mergeConfig(found.settings, settings);
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.remember(key, undefined) || this.collection.has(uri)) {
      this.collection.delete(uri);
      this.changed.fire(uri);
    }
  }

  /** Removes every finding (the extension was disabled). */
  clearAll(): void {
    this.linted.clear();
    this.totals = { findings: 0, files: 0 };
    this.collection.clear();
    this.workspaceChecked = false;
    this.changed.fire(undefined);
  }

  private cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(key);
    }
  }

  /**
   * Re-checks the files whose findings may change because `file` changed: `known` when the engine
   * said which (an edit), else every file that imports it, transitively (a deletion).
   */
  private refreshDependents(file: ProjectFile, known?: readonly string[]): void {
    const dependents = known ? [...known] : this.importersOf(file);
    for (const path of dependents) {
      const uri = this.options.projects.uriOf(file.state, path);
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
      if (open) this.schedule(open, DEPENDENTS_DEBOUNCE_MS);
      else if (this.linted.has(uri.toString())) void this.lintStored({ state: file.state, path });
    }
  }

  private importersOf(file: ProjectFile): string[] {
    const seen = new Set<string>([file.path]);
    const queue = [file.path];
    const dependents: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift();
      if (path === undefined) break;
      let next: string[];
      try {
        next = file.state.project.dependentsOf(path);
      } catch {
        next = [];
      }
      for (const dependent of next) {
        if (seen.has(dependent)) continue;
        seen.add(dependent);
        dependents.push(dependent);
        queue.push(dependent);
      }
    }
    return dependents;
  }

  // ---- the workspace index -----------------------------------------------------------------

  /** Reads every Python file of the folder once, in the background, so cross-file rules see them. */
  startIndexing(state: ProjectState): Promise<void> {
    if (!state.folder) return Promise.resolve();
    if (state.indexing) return state.indexing;
    const folder = state.folder;
    state.indexing = (async () => {
      const started = Date.now();
      const files = await listPythonFiles(folder, { exclude: [], readFile: this.options.readFile });
      let read = 0;
      for (let i = 0; i < files.length; i += INDEX_BATCH) {
        await Promise.all(files.slice(i, i + INDEX_BATCH).map(async (uri) => {
          const path = relativePath(folder.uri, uri);
          if (path === undefined || state.texts.has(path)) return;
          const text = await this.options.readFile(uri);
          if (text === undefined || state.texts.has(path)) return;
          this.options.projects.register({ state, path }, text);
          read++;
        }));
      }
      this.options.log.info(`indexed ${read} Python files of ${folder.name} in ${Date.now() - started} ms`);
      // findings of open files may depend on modules read just now
      for (const document of vscode.workspace.textDocuments) {
        if (isLintable(document) && vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() === folder.uri.toString()) {
          void this.lintDocument(document);
        }
      }
    })().catch((error: unknown) => {
      this.options.log.warn(`indexing ${folder.name} failed: ${String(error)}`);
    });
    return state.indexing;
  }

  // ---- whole-workspace check ---------------------------------------------------------------

  /** Checks every Python file of the workspace (see workspace-check/check.ts). */
  async checkWorkspace(
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<WorkspaceCheckResult> {
    this.workspaceChecked = true;
    // a newer check supersedes a running one (which stops, keeping what it showed)
    const previous = this.runningCheck;
    const cancellation = new LinkedCancellation(token);
    const done = this.runCheck(progress, cancellation.token, previous);
    this.runningCheck = { cancel: () => { cancellation.cancel(); }, done };
    try {
      return await done;
    } finally {
      if (this.runningCheck.done === done) this.runningCheck = undefined;
      cancellation.dispose();
    }
  }

  private async runCheck(
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
    previous: { cancel(): void; done: Promise<unknown> } | undefined,
  ): Promise<WorkspaceCheckResult> {
    if (previous) {
      previous.cancel();
      await previous.done.catch(() => undefined);
    }
    const { projects, readFile, log, cache, workerScript } = this.options;
    const host: CheckHost = {
      projects, readFile, log, cache, workerScript,
      threads: this.options.threads ?? 1,
      workerMinLines: this.options.workerMinLines ?? WORKER_MIN_LINES,
      settingsFor: (uri) => this.options.settingsFor(uri),
      startIndexing: (state) => this.startIndexing(state),
      configFor: (uri, file, settings) => this.configFor(uri, file, settings),
      lintNow: (file, uri, config) => this.runEngine(file, uri, config),
      publish: (state, uri, positions, config, version, result) => this.publish(state, uri, positions, config, version, result).entries.length,
      clear: (uri) => { this.clear(uri); },
      shownIn: (state) => [...this.linted.values()].map((linted) => linted.uri).filter((uri) => this.options.projects.locate(uri).state === state),
    };
    try {
      return await runWorkspaceCheck(host, progress, token);
    } finally {
      this.changed.fire(undefined);
    }
  }
}
