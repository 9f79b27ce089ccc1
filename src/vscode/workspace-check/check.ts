/**
 * aiolint: Check Workspace. For each workspace folder: list its Python files, make sure the
 * folder's project holds them all (open editors' text wins), serve every file whose cache key
 * matches from the findings cache, lint the rest (on worker threads when there is enough to do,
 * else on the extension host in short slices), show every result as it arrives, and remember the
 * results for the next check. Cancelling keeps what was shown.
 */
import * as vscode from 'vscode';
import { dependencyKeys, hashText, type KeyInput } from '../../cli/cache';
import type { ResolvedConfig } from '../../engine/config';
import type { FileLintResult } from '../../engine/project';
import { isLintable } from '../lintable';
import type { ReadUri } from '../project-config';
import type { ProjectFile, ProjectState, Projects } from '../projects';
import type { EditorSettings } from '../settings';
import type { TextPositions } from '../text-positions';
import { listPythonFiles, relativePath } from '../workspace-files';
import type { CachedFile, FindingsCache } from './findings-cache';
import { importedModules } from './imports';
import { lintOnWorkers, type PoolItem } from './worker-pool';

/** Below this many lines to lint, starting worker threads costs more than it saves. */
export const WORKER_MIN_LINES = 5_000;
/** Lines one worker thread is worth starting for. */
const LINES_PER_THREAD = 2_500;
/** The extension host works at most this long before it lets other work run. */
const SLICE_MS = 15;
/** Files read at once while filling the project. */
const READ_BATCH = 25;

export interface WorkspaceCheckResult {
  /** files checked (from the cache or linted) */
  files: number;
  /** of these, served from the cache */
  cached: number;
  /** of these, linted */
  linted: number;
  /** the files the check set out to do (more than `files` when cancelled) */
  planned: number;
  lines: number;
  findings: number;
  /** worker threads used (0: linted on the extension host, or nothing to lint) */
  threads: number;
  durationMs: number;
  /** of which listing the files (the search service) */
  listingMs: number;
  /** where the time went, in ms: listing, reading and planning, cache keys, results from the cache, linting, remembering */
  phases: Record<'listing' | 'preparing' | 'keys' | 'cached' | 'linting' | 'remembering', number>;
  cancelled: boolean;
}

export interface CheckLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** What the check needs from the linter. */
export interface CheckHost {
  readonly projects: Projects;
  readonly readFile: ReadUri;
  readonly log: CheckLogger;
  readonly cache: FindingsCache | undefined;
  /** the bundled worker; undefined: lint on the extension host */
  readonly workerScript: string | undefined;
  /** worker threads at most (the machine's cores) */
  readonly threads: number;
  readonly workerMinLines: number;
  settingsFor(uri: vscode.Uri): EditorSettings;
  startIndexing(state: ProjectState): Promise<void>;
  configFor(uri: vscode.Uri, file: ProjectFile, settings: EditorSettings): Promise<ResolvedConfig>;
  /** lints on this thread; undefined when the engine failed (the host logs it) */
  lintNow(file: ProjectFile, uri: vscode.Uri, config: ResolvedConfig): FileLintResult | undefined;
  /** shows a result; returns how many diagnostics it made */
  publish(state: ProjectState, uri: vscode.Uri, positions: TextPositions, config: ResolvedConfig, version: number | undefined, result: FileLintResult): number;
  clear(uri: vscode.Uri): void;
  /** the files of a folder that have results shown */
  shownIn(state: ProjectState): vscode.Uri[];
}

interface Target {
  uri: vscode.Uri;
  path: string;
  positions: TextPositions;
  config: ResolvedConfig;
  version: number | undefined;
}

type Progress = vscode.Progress<{ message?: string; increment?: number }>;

/** Reports progress in whole files, at most a few times a second. */
class ProgressTracker {
  private done = 0;
  private reported = 0;
  private lastReport = 0;

  constructor(private readonly progress: Progress, private readonly total: number) {}

  step(count: number, where: string): void {
    this.done += count;
    const now = Date.now();
    if (now - this.lastReport < 100 && this.done < this.total) return;
    this.lastReport = now;
    this.progress.report({ message: `${this.done}/${this.total} ${where}`, increment: ((this.done - this.reported) * 100) / Math.max(this.total, 1) });
    this.reported = this.done;
  }
}

/** Yields to the event loop when this slice of work has run long enough. */
class Slicer {
  private sliceStart = performance.now();

  async maybeYield(): Promise<void> {
    if (performance.now() - this.sliceStart < SLICE_MS) return;
    // setImmediate, not a timer: pending I/O and messages run, without a timer's delay on a busy host
    await new Promise((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}

export async function checkWorkspace(host: CheckHost, progress: Progress, token: vscode.CancellationToken): Promise<WorkspaceCheckResult> {
  const started = performance.now();
  const result: WorkspaceCheckResult = { files: 0, cached: 0, linted: 0, planned: 0, lines: 0, findings: 0, threads: 0, durationMs: 0, listingMs: 0, cancelled: false,
    phases: { listing: 0, preparing: 0, keys: 0, cached: 0, linting: 0, remembering: 0 } };
  progress.report({ message: 'listing Python files…' });
  const plans: { folder: vscode.WorkspaceFolder; files: vscode.Uri[] }[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const settings = host.settingsFor(folder.uri);
    if (!settings.enable) continue;
    const files = await listPythonFiles(folder, { exclude: settings.lint.exclude ?? [], token, readFile: host.readFile });
    plans.push({ folder, files });
  }
  result.planned = plans.reduce((sum, plan) => sum + plan.files.length, 0);
  result.listingMs = Math.round(performance.now() - started);
  result.phases.listing = result.listingMs;
  const tracker = new ProgressTracker(progress, result.planned);
  for (const plan of plans) {
    if (token.isCancellationRequested) break;
    await checkFolder(host, plan.folder, plan.files, result, tracker, token);
  }
  result.cancelled = isCancelled(token);
  result.durationMs = Math.round(performance.now() - started);
  host.log.info(describeCheck(result));
  return result;
}

/** The output channel's line for a check (what `aiolint check --stats` prints, in one line). */
export function describeCheck(result: WorkspaceCheckResult): string {
  const where = result.linted === 0 ? '' : result.threads > 0 ? ` on ${result.threads} worker thread(s)` : ' on the extension host';
  return `workspace check${result.cancelled ? ' (cancelled)' : ''}: ${result.files}${result.cancelled ? ` of ${result.planned}` : ''} files, `
    + `${result.lines} lines, ${result.findings} findings in ${result.durationMs} ms (listing files ${result.listingMs} ms); `
    + `${result.cached} from the cache, ${result.linted} linted${where}`;
}

async function checkFolder(
  host: CheckHost,
  folder: vscode.WorkspaceFolder,
  files: readonly vscode.Uri[],
  result: WorkspaceCheckResult,
  tracker: ProgressTracker,
  token: vscode.CancellationToken,
): Promise<void> {
  let phaseStart = performance.now();
  const phase = (name: keyof WorkspaceCheckResult['phases']): void => {
    const now = performance.now();
    result.phases[name] += Math.round(now - phaseStart);
    phaseStart = now;
  };
  const state = host.projects.ofFolder(folder);
  await host.startIndexing(state);
  await readMissing(host, state, files, token);
  // open editors hold the text the user sees: check that, not the file on disk
  const openDocuments = new Map<string, vscode.TextDocument>();
  for (const document of vscode.workspace.textDocuments) {
    if (!isLintable(document) || document.isClosed) continue;
    const path = relativePath(folder.uri, document.uri);
    if (path === undefined) continue;
    host.projects.setText({ state, path }, document.getText());
    openDocuments.set(path, document);
  }

  const targets = await planTargets(host, state, files, openDocuments);
  phase('preparing');
  if (token.isCancellationRequested) return;
  // files no longer listed (excluded, ignored, deleted) and not open lose their results
  const listed = new Set(targets.map((target) => target.uri.toString()));
  for (const uri of host.shownIn(state)) {
    const path = relativePath(folder.uri, uri);
    if (!listed.has(uri.toString()) && (path === undefined || !openDocuments.has(path))) host.clear(uri);
  }
  const cache = host.cache ? await host.cache.folder(state.key) : undefined;
  const tool = host.cache ? await host.cache.tool : '';
  // one configuration object per distinct configuration: the workers get each once
  const salts = new Map<string, string>();
  for (const target of targets) salts.set(target.path, `${tool}\0${JSON.stringify(target.config)}`);
  const salt = (path: string): string => salts.get(path) ?? '';
  // the texts the keys are computed from (typing during the check changes the project's)
  const snapshot = new Map(state.texts);
  const inputs: KeyInput[] = [...snapshot].map(([path, positions]) => {
    const content = hashText(positions.text);
    return { registered: path, content, imports: cache?.importsOf(path, content) };
  });
  const keysBefore = cache ? dependencyKeys(inputs, salt) : new Map<string, string>();
  phase('keys');

  const outcomes = new Map<string, FileLintResult>();
  const foundImports = new Map<string, string[]>();
  const show = (target: Target, lintResult: FileLintResult): void => {
    result.findings += host.publish(state, target.uri, target.positions, target.config, target.version, lintResult);
    result.files++;
    result.lines += target.positions.lineCount;
    tracker.step(1, folder.name);
  };

  const slicer = new Slicer();
  const misses: Target[] = [];
  for (const target of targets) {
    const key = keysBefore.get(target.path);
    const cached = key === undefined ? undefined : cache?.lookup(target.path, key);
    if (cached) {
      outcomes.set(target.path, cached);
      show(target, cached);
      result.cached++;
      await slicer.maybeYield();
    } else {
      misses.push(target);
    }
  }

  const missed = new Set(misses.map((target) => target.path));
  const unknownImports = cache ? inputs.filter((input) => !input.imports && !missed.has(input.registered)).map((input) => input.registered) : [];
  phase('cached');
  await lintMisses(host, state, snapshot, folder, misses, unknownImports, token, {
    linted(target, lintResult, imports) {
      // a result of text that changed meanwhile is shown, but not remembered under the old text's key
      if (snapshot.get(target.path) === target.positions) outcomes.set(target.path, lintResult);
      if (imports) foundImports.set(target.path, imports);
      show(target, lintResult);
      result.linted++;
    },
    imported(path, imports) { foundImports.set(path, imports); },
    threads(count) { result.threads = Math.max(result.threads, count); },
  });

  phase('linting');
  if (cache && host.cache) {
    // when every file's imports were known before, the keys are those computed then
    const allKnownBefore = inputs.every((input) => input.imports !== undefined);
    for (const input of inputs) {
      if (input.imports) continue;
      input.imports = foundImports.get(input.registered);
      if (!input.imports && !isCancelled(token) && state.texts.has(input.registered)) {
        input.imports = importedModules(state.project, input.registered);
        await slicer.maybeYield();
      }
    }
    const keysAfter = allKnownBefore ? keysBefore : dependencyKeys(inputs, salt);
    const records = new Map<string, CachedFile>();
    for (const input of inputs) {
      if (!input.imports) {
        // not seen this time (cancelled): keep what was known
        const previous = cache.recordOf(input.registered);
        if (previous) records.set(input.registered, previous);
        continue;
      }
      const key = keysAfter.get(input.registered);
      const known = outcomes.get(input.registered) ?? (key === undefined ? undefined : cache.lookup(input.registered, key));
      const record: CachedFile = { content: input.content, imports: [...input.imports] };
      records.set(input.registered, key !== undefined && known ? { ...record, key, result: known } : record);
    }
    // written in the background: the diagnostics are all shown already
    if (cache.replaceAll(records)) void host.cache.save(cache);
    phase('remembering');
  }
}

/** Read afresh each time (a narrowed `token.isCancellationRequested` would not see a cancellation after an await). */
function isCancelled(token: vscode.CancellationToken): boolean {
  return token.isCancellationRequested;
}

/** Makes sure the project holds every listed file (the background index may not have read it yet). */
async function readMissing(host: CheckHost, state: ProjectState, files: readonly vscode.Uri[], token: vscode.CancellationToken): Promise<void> {
  const missing = files.filter((uri) => {
    const path = state.folder ? relativePath(state.folder.uri, uri) : undefined;
    return path !== undefined && !state.texts.has(path);
  });
  for (let i = 0; i < missing.length && !token.isCancellationRequested; i += READ_BATCH) {
    await Promise.all(missing.slice(i, i + READ_BATCH).map(async (uri) => {
      const text = await host.readFile(uri);
      const file = host.projects.locate(uri);
      if (text !== undefined && !file.state.texts.has(file.path)) host.projects.setText(file, text);
    }));
  }
}

async function planTargets(host: CheckHost, state: ProjectState, files: readonly vscode.Uri[], openDocuments: ReadonlyMap<string, vscode.TextDocument>): Promise<Target[]> {
  const targets: Target[] = [];
  const configs = new Map<string, ResolvedConfig>();
  // resource-scoped settings resolve per workspace folder: read once, not once per file
  let folderSettings: EditorSettings | undefined;
  for (const uri of files) {
    const file = host.projects.locate(uri);
    if (file.state !== state) continue;
    folderSettings ??= host.settingsFor(state.folder?.uri ?? uri);
    const settings = folderSettings;
    if (!settings.enable) {
      host.clear(uri);
      continue;
    }
    const positions = state.texts.get(file.path);
    if (!positions) continue;
    const resolved = await host.configFor(uri, file, settings);
    const json = JSON.stringify(resolved);
    let config = configs.get(json);
    if (!config) {
      config = resolved;
      configs.set(json, config);
    }
    const document = openDocuments.get(file.path);
    const version = document && !document.isClosed && document.getText() === positions.text ? document.version : undefined;
    targets.push({ uri, path: file.path, positions, config, version });
  }
  return targets;
}

interface LintSink {
  linted(target: Target, result: FileLintResult, imports: string[] | undefined): void;
  /** the imports of a file that was not linted (asked for the cache keys) */
  imported(path: string, imports: string[]): void;
  threads(count: number): void;
}

async function lintMisses(
  host: CheckHost,
  state: ProjectState,
  /** the texts the check started from (what workers get, so their results match the cache keys) */
  texts: ReadonlyMap<string, TextPositions>,
  folder: vscode.WorkspaceFolder,
  misses: readonly Target[],
  unknownImports: readonly string[],
  token: vscode.CancellationToken,
  sink: LintSink,
): Promise<void> {
  const done = new Set<string>();
  const lines = misses.reduce((sum, target) => sum + target.positions.lineCount, 0);
  const script = host.workerScript;
  if (script !== undefined && misses.length >= 2 && lines >= host.workerMinLines && host.threads >= 1) {
    const byPath = new Map(misses.map((target) => [target.path, target]));
    const items: PoolItem[] = [
      ...misses.map((target) => ({ path: target.path, config: target.config, lines: target.positions.lineCount })),
      ...unknownImports.map((path) => ({ path, config: undefined, lines: Math.ceil((texts.get(path)?.lineCount ?? 0) / 4) })),
    ];
    const threads = Math.min(host.threads, Math.max(1, Math.ceil(lines / LINES_PER_THREAD)));
    try {
      const outcome = await lintOnWorkers({
        script,
        root: state.base.path,
        files: [...texts].map(([path, positions]) => ({ path, text: positions.text })),
        items,
        threads,
        token,
        onResults(results) {
          for (const item of results) {
            const target = byPath.get(item.path);
            if (target && item.result) {
              done.add(item.path);
              sink.linted(target, item.result, item.imports);
            } else {
              sink.imported(item.path, item.imports);
            }
          }
        },
      });
      sink.threads(outcome.threads);
      return;
    } catch (error) {
      host.log.warn(`checking ${folder.name} on worker threads failed, continuing on the extension host: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const slicer = new Slicer();
  for (const target of misses) {
    if (token.isCancellationRequested) return;
    if (done.has(target.path)) continue;
    // the text may have changed while the check waited (typing): lint and show what the project holds now
    const positions = state.texts.get(target.path);
    if (!positions) continue;
    const current = positions === target.positions ? target : { ...target, positions, version: undefined };
    const lintResult = host.lintNow({ state, path: target.path }, target.uri, target.config);
    if (lintResult) sink.linted(current, lintResult, importedModules(state.project, target.path));
    await slicer.maybeYield();
  }
}
