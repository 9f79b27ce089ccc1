/**
 * The profiler's part of the extension: commands, the panel, runtime diagnostics.
 * `activate` calls `registerProfiler` once; everything created here is disposed with
 * the extension.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { looksLikeProfile } from '../../profiler/protocol';
import type { ProfileTarget } from '../../profiler/session';
import { ProfilerController, type RunRequest } from './controller';
import { chooseInterpreter } from './interpreter';
import { PANEL_VIEW_TYPE, ProfilerPanelHost } from './panel-host';
import { describeTarget, parseTargetCommandLine } from './run-targets';
import { RuntimeDiagnostics } from './runtime-diagnostics';

const LAST_RUN_KEY = 'aiolint.profile.lastRun';

function thresholdMs(resource: vscode.Uri | undefined): number {
  const value = vscode.workspace.getConfiguration('aiolint', resource).get<number>('profiler.thresholdMs', 50);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 50;
}

function workspaceFolderFor(uri: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
  return (uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined) ?? vscode.workspace.workspaceFolders?.[0];
}

/** Runs execute workspace code: only in trusted workspaces, said plainly otherwise. */
function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showErrorMessage('aiolint profiler runs your program, so it needs a trusted workspace. Trust this workspace to profile it (linting works without trust).');
  return false;
}

async function buildRequest(target: ProfileTarget, resource: vscode.Uri | undefined, cwd: string): Promise<RunRequest | null> {
  const interpreter = await chooseInterpreter(resource);
  if (!interpreter) {
    void vscode.window.showErrorMessage(
      'aiolint profiler: no Python interpreter found. Select one with the Python extension, set "aiolint.python.interpreter", or put python3 on PATH.',
    );
    return null;
  }
  return { target, interpreter, cwd, thresholdMs: thresholdMs(resource), displayRoot: workspaceFolderFor(resource)?.uri.fsPath ?? cwd };
}

function activePythonFile(uri?: vscode.Uri): vscode.Uri | undefined {
  if (uri?.scheme === 'file') return uri;
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'python' && document.uri.scheme === 'file' ? document.uri : undefined;
}

interface RememberedRun {
  label: string;
  commandLine: string;
}

export function registerProfiler(context: vscode.ExtensionContext): void {
  const diagnostics = new RuntimeDiagnostics();
  const panel = new ProfilerPanelHost(context.extensionUri, (message) => {
    switch (message.type) {
      case 'open-file':
        void openAt(message.file, message.line);
        return;
      case 'stop':
        void controller.stop();
        return;
      case 'save':
        void vscode.commands.executeCommand('aiolint.profile.save');
        return;
    }
  });
  const controller = new ProfilerController(panel, diagnostics);
  context.subscriptions.push(diagnostics, panel, controller);

  async function openAt(file: string, line: number): Promise<void> {
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const zeroBased = Math.min(Math.max(line - 1, 0), Math.max(document.lineCount - 1, 0));
      const position = new vscode.Position(zeroBased, document.lineAt(zeroBased).firstNonWhitespaceCharacterIndex);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    } catch (error) {
      void vscode.window.showWarningMessage(`aiolint profiler: cannot open ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function profileFile(uri: vscode.Uri): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document?.isDirty) await document.save();
    const folder = workspaceFolderFor(uri);
    const cwd = folder?.uri.fsPath ?? path.dirname(uri.fsPath);
    const request = await buildRequest({ kind: 'script', path: uri.fsPath, args: [] }, uri, cwd);
    if (request) await controller.start(request);
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('aiolint.profile.currentFile', async (uri?: vscode.Uri) => {
      if (!requireTrust()) return;
      const file = activePythonFile(uri);
      if (!file) {
        void vscode.window.showInformationMessage('aiolint profiler: open a Python file to profile it, or use "Profile Event Loop…".');
        return;
      }
      await profileFile(file);
    }),

    vscode.commands.registerCommand('aiolint.profile.run', async () => {
      if (!requireTrust()) return;
      const folder = workspaceFolderFor(vscode.window.activeTextEditor?.document.uri);
      const cwd = folder?.uri.fsPath;
      if (!cwd) {
        void vscode.window.showInformationMessage('aiolint profiler: open a folder to profile a module, tests or a command line.');
        return;
      }
      const remembered = context.workspaceState.get<RememberedRun>(LAST_RUN_KEY);
      const current = activePythonFile();
      type Item = vscode.QuickPickItem & { run: () => Promise<ProfileTarget | null> };
      const items: Item[] = [];
      if (remembered) {
        items.push({ label: `$(history) ${remembered.label}`, description: 'last run', run: () => Promise.resolve(parseTargetCommandLine(remembered.commandLine)) });
      }
      if (current) {
        items.push({ label: '$(file-code) Current file', description: vscode.workspace.asRelativePath(current), run: () => Promise.resolve({ kind: 'script', path: current.fsPath, args: [] }) });
      }
      items.push(
        {
          label: '$(package) Module (-m)…',
          description: 'python -m pkg.app args',
          run: async () => {
            const text = await vscode.window.showInputBox({ title: 'Profile a module', prompt: 'Module and arguments, as after python -m', placeHolder: 'pkg.app --port 8080' });
            return text ? parseTargetCommandLine(`-m ${text}`) : null;
          },
        },
        {
          label: '$(beaker) pytest…',
          description: 'run tests under the profiler',
          run: async () => {
            const picked = await vscode.window.showOpenDialog({ title: 'Tests to run under pytest', canSelectFiles: true, canSelectFolders: true, defaultUri: folder.uri, openLabel: 'Profile Tests' });
            const target = picked?.[0];
            return target ? { kind: 'module', module: 'pytest', args: [target.fsPath] } : null;
          },
        },
        {
          label: '$(terminal) Command line…',
          description: 'script.py args, or -m module args',
          run: async () => {
            const text = await vscode.window.showInputBox({ title: 'Profile a command line', prompt: 'A script and its arguments, or -m module and its arguments', value: remembered?.commandLine ?? '' });
            return text ? parseTargetCommandLine(text) : null;
          },
        },
      );
      const choice = await vscode.window.showQuickPick(items, { title: 'aiolint: Profile Event Loop', placeHolder: 'What to run under the profiler' });
      if (!choice) return;
      let target: ProfileTarget | null;
      try {
        target = await choice.run();
      } catch (error) {
        void vscode.window.showErrorMessage(`aiolint profiler: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (!target) return;
      const commandLine = describeTarget(target);
      await context.workspaceState.update(LAST_RUN_KEY, { label: describeTarget(target, (f) => vscode.workspace.asRelativePath(f)), commandLine } satisfies RememberedRun);
      const request = await buildRequest(target, folder.uri, cwd);
      if (request) await controller.start(request);
    }),

    vscode.commands.registerCommand('aiolint.profile.stop', async () => {
      if (!controller.running) {
        void vscode.window.setStatusBarMessage('aiolint profiler: nothing is being profiled', 4000);
        return;
      }
      await controller.stop();
    }),

    vscode.commands.registerCommand('aiolint.profile.save', async () => {
      const profile = controller.lastProfile;
      if (!profile) {
        void vscode.window.showInformationMessage('aiolint profiler: there is no profile to save yet.');
        return;
      }
      const folder = workspaceFolderFor(undefined);
      const uri = await vscode.window.showSaveDialog({
        title: 'Save Profile',
        filters: { 'Profile JSON': ['json'] },
        defaultUri: folder ? vscode.Uri.joinPath(folder.uri, 'event-loop-profile.json') : undefined,
      });
      if (!uri) return;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(profile, null, 2) + '\n'));
      void vscode.window.setStatusBarMessage(`aiolint profiler: saved ${vscode.workspace.asRelativePath(uri)}`, 5000);
    }),

    vscode.commands.registerCommand('aiolint.profile.openSaved', async (given?: vscode.Uri) => {
      const uri = given ?? (await vscode.window.showOpenDialog({ title: 'Open Saved Profile', filters: { 'Profile JSON': ['json'] }, canSelectMany: false }))?.[0];
      if (!uri) return;
      let profile: unknown;
      try {
        profile = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      } catch (error) {
        void vscode.window.showErrorMessage(`aiolint profiler: ${path.basename(uri.fsPath)} is not a readable profile: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (!looksLikeProfile(profile)) {
        void vscode.window.showErrorMessage(`aiolint profiler: ${path.basename(uri.fsPath)} is not an aiolint profile (written by "Save Profile…" or \`aiolint profile --out\`).`);
        return;
      }
      const name = path.basename(uri.fsPath);
      controller.lastProfile = profile;
      panel.reveal();
      panel.post({ type: 'saved-profile', profile, source: name, thresholdMs: thresholdMs(uri) });
      diagnostics.show(profile, `in the saved profile ${name}`);
    }),

    vscode.commands.registerCommand('aiolint.profile.clearFindings', () => {
      diagnostics.clear();
    }),

    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel(restored: vscode.WebviewPanel, state: unknown): Promise<void> {
        panel.restore(restored, state);
        return Promise.resolve();
      },
    }),
  );
}
