/**
 * The status bar item: findings in the active file and in the workspace; a click opens Problems.
 * Shown while a Python editor is active or while there are findings to count.
 */
import * as vscode from 'vscode';
import type { Linter } from './linter';

export function statusText(file: number, workspace: number): string {
  if (workspace === 0) return '$(check) aiolint';
  return `$(warning) aiolint: ${file} in file, ${workspace} in workspace`;
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aiolint.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly linter: Linter) {
    this.item.name = 'aiolint';
    this.item.command = { title: 'Show Problems', command: 'workbench.panel.markers.view.focus' };
    this.subscriptions.push(
      linter.onDidChangeFindings(() => { this.update(); }),
      vscode.window.onDidChangeActiveTextEditor(() => { this.update(); }),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const counts = this.linter.counts(editor?.document.uri);
    this.item.text = statusText(counts.file, counts.workspace);
    this.item.tooltip = `aiolint: ${counts.file} finding(s) in this file, ${counts.workspace} in ${counts.files} file(s) of the workspace. Click to open the Problems panel.`;
    if (editor?.document.languageId === 'python' || counts.workspace > 0) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
