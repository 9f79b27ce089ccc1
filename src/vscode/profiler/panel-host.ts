/**
 * Hosts the profiler panel (webview): one panel, reused; typed messages both ways; messages
 * queued until the webview says `ready`; restored after a window reload by the serializer.
 */
import * as vscode from 'vscode';
import { parseFromPanelMessage, type FromPanelMessage, type ToPanelMessage } from '../../profiler/panel-messages';
import { makeNonce, panelHtml } from './panel-html';

export const PANEL_VIEW_TYPE = 'aiolint.profiler';

export type PanelMessageHandler = (message: Exclude<FromPanelMessage, { type: 'ready' }>) => void;

export class ProfilerPanelHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private ready = false;
  private queue: ToPanelMessage[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: PanelMessageHandler,
  ) {}

  private get mediaRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'media');
  }

  webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [this.mediaRoot], retainContextWhenHidden: true };
  }

  /** Show the panel (creating it if needed) beside the editor. */
  reveal(): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      'Event Loop Profile',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      this.webviewOptions(),
    );
    this.attach(panel);
  }

  /** Take over a panel VS Code restored after a reload (its webview state comes back by itself). */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    this.panel?.dispose();
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
    // a run cannot survive the reload of its extension host: say it ended
    const status = (state as { status?: unknown } | undefined)?.status;
    if (status === 'running' || status === 'starting') {
      this.post({ type: 'run-ended', status: 'stopped', exitCode: null, message: 'The run ended when the window was reloaded.', profile: null });
    }
  }

  post(message: ToPanelMessage): void {
    if (!this.panel) return;
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  get visible(): boolean {
    return this.panel !== null;
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'panel.css')).toString(),
    });
    const subscriptions: vscode.Disposable[] = [];
    subscriptions.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseFromPanelMessage(raw);
        if (!message) return;
        if (message.type === 'ready') {
          this.ready = true;
          for (const queued of this.queue.splice(0)) void webview.postMessage(queued);
          return;
        }
        this.onMessage(message);
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = null;
          this.ready = false;
          this.queue = [];
        }
        for (const s of subscriptions) s.dispose();
      }),
    );
    this.disposables.push(...subscriptions);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
