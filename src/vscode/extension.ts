/**
 * The extension's entry point. `activate` only creates objects and registers listeners, commands and
 * providers (every disposable in `context.subscriptions`); the first lint happens on the next turn of
 * the event loop, and the workspace is read in the background.
 */
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import { hashText } from '../cli/cache';
import { createProject, DEFAULT_RESIDENT_LINES } from '../engine/index';
import { fixUntilStable } from '../engine/apply-fixes';
import { registerProfiler } from './profiler/index';
import { AiolintCodeActionProvider, SHOW_DOCUMENTATION_COMMAND } from './code-actions';
import { bundledDocsUri, ruleDocsUrl } from './docs-link';
import { isLintable, Linter } from './linter';
import { ProjectConfigLocator, readThroughWorkspaceFs, type ProjectConfig } from './project-config';
import { Projects } from './projects';
import { explicitFrom, readEditorSettings, type EditorSettings } from './settings';
import { StatusItem } from './status';
import type { WorkspaceCheckResult } from './workspace-check/check';
import { FindingsCache, workspaceStorageStore } from './workspace-check/findings-cache';

export const CHECK_WORKSPACE_COMMAND = 'aiolint.checkWorkspace';
export const CLEAR_CACHE_COMMAND = 'aiolint.clearFindingsCache';

/** Finishes the findings cache's pending writes (set while active). */
let flushCache: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('aiolint', { log: true });
  context.subscriptions.push(log);

  const settingsFor = (uri: vscode.Uri): EditorSettings => readEditorSettings(explicitFrom(vscode.workspace.getConfiguration('aiolint', uri)));
  const configs = new ProjectConfigLocator(readThroughWorkspaceFs, (uri) => vscode.workspace.asRelativePath(uri, true));
  const configProblems = vscode.languages.createDiagnosticCollection('aiolint-config');
  const reportedProblems = new Set<string>();
  context.subscriptions.push(configProblems);

  /** A broken pyproject is shown once per problem: in the output, as a notification and in Problems. */
  const onConfigProblems = (config: ProjectConfig): void => {
    const file = config.configFile;
    if (!file) return;
    configProblems.set(file, config.diagnostics.map((problem) => {
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(problem.line - 1, Math.max(0, problem.column - 1), problem.line - 1, Number.MAX_SAFE_INTEGER),
        problem.message,
        problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'aiolint';
      return diagnostic;
    }));
    for (const problem of config.diagnostics) {
      const key = `${file.toString()}:${problem.line}:${problem.message}`;
      if (reportedProblems.has(key)) continue;
      reportedProblems.add(key);
      const where = `${problem.file}:${problem.line}`;
      log.warn(`${where}: ${problem.message}`);
      if (problem.severity === 'error') {
        void vscode.window.showWarningMessage(`aiolint: ${where}: ${problem.message}`, 'Open pyproject.toml').then((choice) => {
          if (choice) void vscode.window.showTextDocument(file, { selection: new vscode.Range(problem.line - 1, 0, problem.line - 1, 0) });
        });
      }
    }
  };

  // a bounded index: trees of modules nobody looked at lately are dropped and rebuilt on demand
  const projects = new Projects((root) => createProject({ root, maxResidentLines: DEFAULT_RESIDENT_LINES }));
  // no workspace storage (no folder open): the cache lives in memory only
  const cache = new FindingsCache(context.storageUri ? workspaceStorageStore(context.storageUri) : undefined, () => toolIdentity(context), log);
  flushCache = () => cache.flush();
  const linter = new Linter({
    projects, configs, readFile: readThroughWorkspaceFs, settingsFor, log, onConfigProblems, cache,
    workerScript: vscode.Uri.joinPath(context.extensionUri, 'dist', 'workspace-worker.js').fsPath,
    threads: availableParallelism(),
  });
  context.subscriptions.push(linter, new StatusItem(linter));

  const fixAll = async (document: vscode.TextDocument): Promise<string | undefined> => {
    const linted = await linter.lintDocument(document);
    if (!linted) return undefined;
    const file = projects.locate(document.uri);
    const original = document.getText();
    const result = fixUntilStable(file.state.project, file.path, original, linted.config, { unsafe: false });
    file.state.project.setFile(file.path, original); // the edit is not applied yet; the change event brings the new text
    return result.applied > 0 ? result.text : undefined;
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((document) => { linter.onDidOpen(document); }),
    vscode.workspace.onDidChangeTextDocument((event) => { linter.onDidChange(event); }),
    vscode.workspace.onDidSaveTextDocument((document) => { linter.onDidSave(document); }),
    vscode.workspace.onDidCloseTextDocument((document) => { linter.onDidClose(document); }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('aiolint')) {
        log.info('settings changed: checking again');
        void linter.relintAll();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      projects.retainFolders(vscode.workspace.workspaceFolders ?? []);
      void linter.relintAll();
    }),
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, new AiolintCodeActionProvider(linter, fixAll), AiolintCodeActionProvider.metadata),
    vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, () => checkWorkspace(linter)),
    vscode.commands.registerCommand(CLEAR_CACHE_COMMAND, () => clearFindingsCache(cache, log)),
    vscode.commands.registerCommand(SHOW_DOCUMENTATION_COMMAND, (code: unknown) => showDocumentation(context, code)),
  );

  // files changed outside the editor (git checkout, generators) and configuration files
  const pythonWatcher = vscode.workspace.createFileSystemWatcher('**/*.py');
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/pyproject.toml');
  const configChanged = (): void => {
    configs.invalidate();
    reportedProblems.clear();
    configProblems.clear();
    void linter.relintAll();
  };
  context.subscriptions.push(
    pythonWatcher, configWatcher,
    pythonWatcher.onDidChange((uri) => void linter.onDidChangeOnDisk(uri, false)),
    pythonWatcher.onDidCreate((uri) => void linter.onDidChangeOnDisk(uri, false)),
    pythonWatcher.onDidDelete((uri) => void linter.onDidChangeOnDisk(uri, true)),
    configWatcher.onDidChange(configChanged), configWatcher.onDidCreate(configChanged), configWatcher.onDidDelete(configChanged),
  );

  registerProfiler(context);

  // after activation: the documents already open, and the optional startup check
  setTimeout(() => {
    for (const document of vscode.workspace.textDocuments) if (isLintable(document)) linter.onDidOpen(document);
    const first = vscode.workspace.workspaceFolders?.[0];
    if (first && vscode.workspace.getConfiguration('aiolint', first.uri).get<boolean>('checkWorkspaceOnStartup') === true) {
      void checkWorkspace(linter);
    }
  }, 0);
}

export function deactivate(): Promise<void> | undefined {
  // everything is disposed through context.subscriptions; a findings cache still being written is awaited
  return flushCache?.();
}

/**
 * aiolint's version and the bundle's own hash: a cache written by another build is never used (a
 * development build changes without a version bump). Read once, in the background.
 */
async function toolIdentity(context: vscode.ExtensionContext): Promise<string> {
  const declared = (context.extension.packageJSON as { version?: unknown }).version;
  const version = typeof declared === 'string' ? declared : '0';
  try {
    const bundle = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'extension.js'));
    return `${version}+${hashText(new TextDecoder('utf-8').decode(bundle))}`;
  } catch {
    return version;
  }
}

async function checkWorkspace(linter: Linter): Promise<WorkspaceCheckResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'aiolint: checking workspace', cancellable: true },
    (progress, token) => linter.checkWorkspace(progress, token),
  );
  const fromCache = result.cached > 0 ? `, ${result.cached} from the cache` : '';
  const summary = `aiolint: ${result.findings} finding(s) in ${result.files} file(s)${fromCache}${result.cancelled ? ' (cancelled)' : ''}`;
  void vscode.window.setStatusBarMessage(summary, 10_000);
  if (result.findings > 0) void vscode.commands.executeCommand('workbench.panel.markers.view.focus');
  return result;
}

/** Empties the Check Workspace cache (memory and workspace storage); resolves to the documents deleted. */
async function clearFindingsCache(cache: FindingsCache, log: vscode.LogOutputChannel): Promise<number> {
  try {
    const removed = await cache.clear();
    log.info(`findings cache cleared (${removed} stored document(s) deleted); the next Check Workspace lints every file`);
    void vscode.window.setStatusBarMessage('aiolint: findings cache cleared', 5_000);
    return removed;
  } catch (error) {
    const message = `aiolint: could not clear the findings cache: ${error instanceof Error ? error.message : String(error)}`;
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return 0;
  }
}

async function showDocumentation(context: vscode.ExtensionContext, code: unknown): Promise<void> {
  if (typeof code !== 'string' || !/^[A-Z]+[0-9]+$/i.test(code)) return;
  const bundled = bundledDocsUri(context.extensionUri, code);
  try {
    await vscode.workspace.fs.stat(bundled);
    await vscode.commands.executeCommand('markdown.showPreview', bundled);
  } catch {
    await vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(code)));
  }
}
