/**
 * Findings → `vscode.Diagnostic`s: `source: 'aiolint'`, the code linked to the rule's page, the
 * severity the configuration gives, related locations (the AIO120 chain, the `async def` a missing
 * await refers to) resolved to their files.
 */
import * as vscode from 'vscode';
import type { Finding, Severity } from '../engine/findings';
import { ruleDocsUrl } from './docs-link';
import type { LineCharacter } from './text-positions';

export const DIAGNOSTIC_SOURCE = 'aiolint';

export interface PositionSource {
  positionAt(offset: number): LineCharacter;
}

export interface RelatedFileResolver {
  /** the file's URI, from the path the engine was given */
  uriOf(file: string): vscode.Uri;
  /** positions in that file's text, when the text is known */
  positionsOf(file: string): PositionSource | undefined;
}

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toVscodeSeverity(severity: Severity): vscode.DiagnosticSeverity {
  return severities[severity];
}

export function rangeOf(positions: PositionSource, start: number, end: number): vscode.Range {
  const from = positions.positionAt(start);
  const to = positions.positionAt(Math.max(start, end));
  return new vscode.Range(from.line, from.character, to.line, to.character);
}

/** The diagnostic for a finding, or null when the configuration turns its rule off. */
export function toDiagnostic(
  finding: Finding,
  positions: PositionSource,
  related: RelatedFileResolver,
  severityOverride: Readonly<Record<string, Severity | 'off'>> = {},
): vscode.Diagnostic | null {
  const override = severityOverride[finding.code];
  if (override === 'off') return null;
  const severity = override ?? finding.severity;
  const diagnostic = new vscode.Diagnostic(rangeOf(positions, finding.start, finding.end), finding.message, toVscodeSeverity(severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.code, target: vscode.Uri.parse(ruleDocsUrl(finding.code)) };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((location) => {
      const uri = related.uriOf(location.file);
      const known = related.positionsOf(location.file);
      const range = known
        ? rangeOf(known, location.start, location.end)
        : new vscode.Range(location.line - 1, location.column, location.line - 1, location.column);
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, range), location.message);
    });
  }
  return diagnostic;
}

/** The code of an aiolint diagnostic ('AIO101'), or undefined for other sources' diagnostics. */
export function aiolintCode(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  if (typeof code === 'string') return code;
  if (typeof code === 'object') return String(code.value);
  return undefined;
}
