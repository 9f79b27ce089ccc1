/**
 * The profiler's part of the extension: commands, the panel, runtime diagnostics.
 * Owned by the profiler panel work; the extension's `activate` calls this once.
 */
import type * as vscode from 'vscode';

export function registerProfiler(context: vscode.ExtensionContext): void {
  void context;
}
