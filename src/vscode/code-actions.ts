/**
 * Code actions on aiolint diagnostics: the rule's fix (preferred when safe), "Disable AIOxxx for this
 * line" (`# noqa: AIOxxx`, merged into an existing `# noqa`), "…for this file" (`# aiolint: noqa:`),
 * "Show documentation for AIOxxx"; and `source.fixAll.aiolint`, which applies every safe fix (the
 * kind `editor.codeActionsOnSave` asks for).
 */
import * as vscode from 'vscode';
import type { Fix } from '../engine/findings';
import { aiolintCode, rangeOf } from './diagnostics';
import type { LintedEntry, Linter } from './linter';
import { addFileNoqa, addLineNoqa } from './noqa';
import type { TextPositions } from './text-positions';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('aiolint');
export const SHOW_DOCUMENTATION_COMMAND = 'aiolint.showDocumentation';

/** Computes the text after every safe fix (repeated until nothing changes), or undefined when none applies. */
export type FixAll = (document: vscode.TextDocument) => Promise<string | undefined>;

export class AiolintCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly linter: Linter,
    private readonly fixAll: FixAll,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    if (context.only?.contains(FIX_ALL_KIND)) {
      const fixed = await this.fixAll(document);
      const action = new vscode.CodeAction('aiolint: Fix all safe problems', FIX_ALL_KIND);
      if (fixed !== undefined) action.edit = replaceDocumentEdit(document, fixed);
      actions.push(action);
      return actions;
    }
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return actions;

    const codes = new Set(context.diagnostics.map(aiolintCode).filter((code): code is string => code !== undefined));
    if (codes.size === 0) return actions;
    let linted = this.linter.lintedFile(document.uri);
    if (linted?.version !== document.version) linted = await this.linter.lintDocument(document);
    if (!linted) return actions;

    const entries = linted.entries.filter((entry) => codes.has(entry.finding.code) && entry.diagnostic.range.intersection(range) !== undefined);
    const noqaDone = new Set<string>();
    for (const entry of entries) {
      const fix = entry.finding.fix;
      if (fix) actions.push(fixAction(document, linted.positions, entry, fix));
      // alternatives (AIO302's worker pool) come after the main fix and are never preferred
      for (const alternative of entry.finding.alternatives ?? []) {
        const action = fixAction(document, linted.positions, entry, alternative);
        action.isPreferred = false;
        actions.push(action);
      }
    }
    for (const entry of entries) {
      const code = entry.finding.code;
      const line = entry.diagnostic.range.start.line;
      if (noqaDone.has(`${code}:${line}`)) continue;
      noqaDone.add(`${code}:${line}`);
      actions.push(lineNoqaAction(document, entry, line));
    }
    const filesDone = new Set<string>();
    for (const entry of entries) {
      const code = entry.finding.code;
      if (filesDone.has(code)) continue;
      filesDone.add(code);
      const fileAction = fileNoqaAction(document, entry);
      if (fileAction) actions.push(fileAction);
      const docs = new vscode.CodeAction(`Show documentation for ${code}`, vscode.CodeActionKind.QuickFix);
      docs.command = { title: docs.title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [code] };
      docs.diagnostics = [entry.diagnostic];
      actions.push(docs);
    }
    return actions;
  }
}

function fixAction(document: vscode.TextDocument, positions: TextPositions, entry: LintedEntry, fix: Fix): vscode.CodeAction {
  const unsafe = fix.applicability === 'unsafe';
  const action = new vscode.CodeAction(`${fix.message}${unsafe ? ' (unsafe fix)' : ''}`, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [entry.diagnostic];
  action.isPreferred = !unsafe;
  const edit = new vscode.WorkspaceEdit();
  for (const textEdit of fix.edits) edit.replace(document.uri, rangeOf(positions, textEdit.start, textEdit.end), textEdit.content);
  action.edit = edit;
  return action;
}

function lineNoqaAction(document: vscode.TextDocument, entry: LintedEntry, line: number): vscode.CodeAction {
  const code = entry.finding.code;
  const action = new vscode.CodeAction(`Disable ${code} for this line`, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [entry.diagnostic];
  const textLine = document.lineAt(line);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, textLine.range, addLineNoqa(textLine.text, code));
  action.edit = edit;
  return action;
}

function fileNoqaAction(document: vscode.TextDocument, entry: LintedEntry): vscode.CodeAction | undefined {
  const code = entry.finding.code;
  const lines: string[] = [];
  for (let i = 0; i < Math.min(document.lineCount, 200); i++) lines.push(document.lineAt(i).text);
  const change = addFileNoqa(lines, code);
  if (!change) return undefined;
  const action = new vscode.CodeAction(`Disable ${code} for this file`, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [entry.diagnostic];
  const edit = new vscode.WorkspaceEdit();
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  if (change.insert) edit.insert(document.uri, new vscode.Position(change.line, 0), `${change.newText}${eol}`);
  else edit.replace(document.uri, document.lineAt(change.line).range, change.newText);
  action.edit = edit;
  return action;
}

/** One edit covering only the part of the document that changed (keeps cursors and undo tidy). */
export function replaceDocumentEdit(document: vscode.TextDocument, newText: string): vscode.WorkspaceEdit {
  const oldText = document.getText();
  let prefix = 0;
  const shorter = Math.min(oldText.length, newText.length);
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    document.uri,
    new vscode.Range(document.positionAt(prefix), document.positionAt(oldText.length - suffix)),
    newText.slice(prefix, newText.length - suffix),
  );
  return edit;
}
