/**
 * Runtime findings (AIO901–AIO903) as diagnostics, in their own collection so they never
 * mix with (or get cleared by) the static linter's. Where a static aiolint diagnostic is
 * already on the same line, the related information says so.
 */
import * as vscode from 'vscode';
import type { Profile } from '../../profiler/profile';
import { aiolintCode } from '../diagnostics';
import { runtimeFindings, staticRelated, type RuntimeFinding } from './runtime-findings';

export const RUNTIME_DIAGNOSTIC_SOURCE = 'aiolint profiler';

function lineRange(uri: vscode.Uri, line: number): vscode.Range {
  const zeroBased = line - 1;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document && zeroBased < document.lineCount) {
    const text = document.lineAt(zeroBased);
    return new vscode.Range(zeroBased, text.firstNonWhitespaceCharacterIndex, zeroBased, text.range.end.character);
  }
  // not open: the whole line (VS Code clamps the end column to the line's length)
  return new vscode.Range(zeroBased, 0, zeroBased, Number.MAX_SAFE_INTEGER);
}

function staticOnLine(uri: vscode.Uri, line: number): { code: string; message: string }[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.range.start.line <= line - 1 && d.range.end.line >= line - 1)
    .map((d) => ({ code: aiolintCode(d), message: d.message }))
    .filter((d): d is { code: string; message: string } => d.code !== undefined && !d.code.startsWith('AIO9'));
}

function toDiagnostic(finding: RuntimeFinding): { uri: vscode.Uri; diagnostic: vscode.Diagnostic } {
  const uri = vscode.Uri.file(finding.file);
  const diagnostic = new vscode.Diagnostic(
    lineRange(uri, finding.line),
    finding.message,
    finding.code === 'AIO901' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
  );
  diagnostic.source = RUNTIME_DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  const related = [...staticRelated(finding, staticOnLine(uri, finding.line)), ...finding.related];
  if (related.length > 0) {
    diagnostic.relatedInformation = related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.file), lineRange(vscode.Uri.file(r.file), r.line)), r.message),
    );
  }
  return { uri, diagnostic };
}

export class RuntimeDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiolint-runtime');
  private pending: { profile: Profile; where: string | undefined } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastShown = 0;

  constructor(private readonly throttleMs = 1000) {}

  /** Replace all runtime diagnostics with this profile's findings, now. */
  show(profile: Profile, where?: string): void {
    this.cancelPending();
    this.lastShown = Date.now();
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const finding of runtimeFindings(profile, where)) {
      const { uri, diagnostic } = toDiagnostic(finding);
      const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(diagnostic);
      byFile.set(uri.toString(), entry);
    }
    this.collection.clear();
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
  }

  /** Live updates: at most one refresh per throttle interval, the latest profile wins. */
  showThrottled(profile: Profile): void {
    this.pending = { profile, where: undefined };
    if (this.timer) return;
    const wait = Math.max(0, this.lastShown + this.throttleMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      const next = this.pending;
      this.pending = null;
      if (next) this.show(next.profile, next.where);
    }, wait);
  }

  clear(): void {
    this.cancelPending();
    this.collection.clear();
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  dispose(): void {
    this.cancelPending();
    this.collection.dispose();
  }
}
