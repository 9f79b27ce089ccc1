import type * as vscode from 'vscode';

/** Python documents we lint: real files and virtual ones, not diff views, output or notebook cells. */
export function isLintable(document: vscode.TextDocument): boolean {
  return document.languageId === 'python' && !['git', 'output', 'vscode-notebook-cell', 'gitfs', 'conflictResolution'].includes(document.uri.scheme);
}
