/**
 * One profiling run at a time: chooses nothing itself (the commands do), spawns the target
 * under the probe, streams its output to an output channel, feeds the panel and the runtime
 * diagnostics, shows a status-bar item while live, and keeps the last profile for saving.
 */
import * as vscode from 'vscode';
import type { InterpreterChoice, ToPanelMessage } from '../../profiler/panel-messages';
import type { Profile } from '../../profiler/profile';
import { ProfilerSession, type ProfileTarget, type SessionEnd } from '../../profiler/session';
import type { ProfilerPanelHost } from './panel-host';
import type { RuntimeDiagnostics } from './runtime-diagnostics';
import { describeTarget } from './run-targets';
import { interpreterSourceText } from '../../profiler/panel-messages';

export const PROFILING_CONTEXT_KEY = 'aiolint.profiling';

export interface RunRequest {
  target: ProfileTarget;
  interpreter: InterpreterChoice;
  cwd: string;
  thresholdMs: number;
  /** for display: paths relative to this folder */
  displayRoot?: string;
}

/** The session's end status → the panel's words. */
export function panelEnd(end: SessionEnd): Extract<ToPanelMessage, { type: 'run-ended' }> {
  const status = end.status === 'finished' ? 'finished' : end.status === 'stopped' ? 'stopped' : end.status === 'error' ? 'failed' : 'crashed';
  const message = status === 'finished' ? (end.loopSeen ? null : 'The program never started an asyncio event loop.') : end.message;
  return { type: 'run-ended', status, exitCode: end.exitCode, message, profile: end.profile };
}

export class ProfilerController implements vscode.Disposable {
  private session: ProfilerSession | null = null;
  private readonly output = vscode.window.createOutputChannel('aiolint: Profiled Program');
  private readonly statusItem = vscode.window.createStatusBarItem('aiolint.profiler', vscode.StatusBarAlignment.Left, 50);
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  /** the last profile shown (live, final, or opened from disk) — what Save writes */
  lastProfile: Profile | null = null;

  constructor(
    private readonly panel: ProfilerPanelHost,
    private readonly diagnostics: RuntimeDiagnostics,
  ) {
    this.statusItem.name = 'aiolint profiler';
    this.statusItem.command = 'aiolint.profile.stop';
  }

  get running(): boolean {
    return this.session !== null;
  }

  async start(request: RunRequest): Promise<void> {
    if (this.session) {
      const choice = await vscode.window.showWarningMessage('A profiling run is live. Stop it and start a new one?', 'Stop and Restart');
      if (choice !== 'Stop and Restart') return;
      await this.stop();
    }
    const shorten = (file: string) => (request.displayRoot ? vscode.workspace.asRelativePath(file, false) : file);
    const targetText = describeTarget(request.target, shorten);
    this.diagnostics.clear();
    this.lastProfile = null;

    this.output.clear();
    this.output.appendLine(`[aiolint] profiling ${targetText}`);
    this.output.appendLine(`[aiolint] interpreter: ${request.interpreter.executable} (${interpreterSourceText(request.interpreter)})`);
    this.output.appendLine(`[aiolint] working directory: ${request.cwd}; blocks reported from ${request.thresholdMs} ms`);
    this.output.appendLine('');
    this.output.show(true);

    this.panel.reveal();
    this.panel.post({ type: 'run-started', run: { target: targetText, interpreter: request.interpreter, thresholdMs: request.thresholdMs, startedAt: Date.now() } });

    const session = new ProfilerSession({ python: request.interpreter.executable, target: request.target, cwd: request.cwd, thresholdMs: request.thresholdMs });
    this.session = session;
    const startedAt = Date.now();
    session.on('stdout', (text) => {
      this.output.append(text);
    });
    session.on('stderr', (text) => {
      this.output.append(text);
    });
    session.on('warning', (message) => {
      this.output.appendLine(`[aiolint] warning: ${message}`);
    });
    session.on('update', (profile) => {
      if (this.session !== session) return;
      this.lastProfile = profile;
      this.panel.post({ type: 'profile', profile, elapsedS: (Date.now() - startedAt) / 1000 });
      this.diagnostics.showThrottled(profile);
    });
    session.on('end', (end) => {
      this.onEnd(session, end);
    });
    this.showStatus(targetText, startedAt);
    void vscode.commands.executeCommand('setContext', PROFILING_CONTEXT_KEY, true);
    session.start();
  }

  async stop(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.statusItem.text = '$(loading~spin) Stopping profiler…';
    await session.stop();
  }

  private onEnd(session: ProfilerSession, end: SessionEnd): void {
    if (this.session !== session) return;
    this.session = null;
    this.hideStatus();
    void vscode.commands.executeCommand('setContext', PROFILING_CONTEXT_KEY, false);
    this.output.appendLine('');
    this.output.appendLine(`[aiolint] ${end.message}`);
    const message = panelEnd(end);
    this.panel.post(message);
    if (end.profile) {
      this.lastProfile = end.profile;
      this.diagnostics.show(end.profile);
    }
    const blocks = end.profile?.blocks.length ?? 0;
    const summary = blocks === 0 ? 'no blocking hot spots' : `${blocks} blocking hot spot${blocks === 1 ? '' : 's'}`;
    if (message.status === 'failed') {
      void vscode.window.showErrorMessage(`aiolint profiler: ${end.message}`, 'Show Output').then((choice) => {
        if (choice) this.output.show();
      });
    } else if (message.status === 'crashed') {
      void vscode.window.showWarningMessage(`aiolint profiler: ${end.message} (${summary}).`, 'Show Output').then((choice) => {
        if (choice) this.output.show();
      });
    } else {
      void vscode.window.setStatusBarMessage(`aiolint profiler: ${end.message}; ${summary}`, 8000);
    }
  }

  private showStatus(targetText: string, startedAt: number): void {
    const render = () => {
      const seconds = Math.round((Date.now() - startedAt) / 1000);
      this.statusItem.text = `$(pulse) Profiling ${seconds} s`;
    };
    render();
    this.statusItem.tooltip = `aiolint is profiling ${targetText}. Click to stop.`;
    this.statusItem.show();
    this.statusTimer = setInterval(render, 1000);
  }

  private hideStatus(): void {
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = null;
    this.statusItem.hide();
  }

  dispose(): void {
    void this.session?.stop();
    this.session = null;
    this.hideStatus();
    this.statusItem.dispose();
    this.output.dispose();
  }
}
