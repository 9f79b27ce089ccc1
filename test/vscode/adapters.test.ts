/**
 * The editor adapters against the real engine and a small `vscode` stand-in: findings become
 * diagnostics with the right shape, the linter debounces per document, clears on close and
 * re-checks dependents, code actions offer and build the right edits, settings merge as documented.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as vscode from 'vscode';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import { createProject } from '../../src/engine/index';
import type { Finding } from '../../src/engine/findings';
import { AiolintCodeActionProvider, FIX_ALL_KIND } from '../../src/vscode/code-actions';
import { toDiagnostic } from '../../src/vscode/diagnostics';
import { Linter, TYPING_DEBOUNCE_MIN_MS, TYPING_DEBOUNCE_MS } from '../../src/vscode/linter';
import { addFileNoqa, addLineNoqa } from '../../src/vscode/noqa';
import { ProjectConfigLocator, readThroughWorkspaceFs } from '../../src/vscode/project-config';
import { Projects } from '../../src/vscode/projects';
import { mergeConfig, readEditorSettings } from '../../src/vscode/settings';
import { TextPositions } from '../../src/vscode/text-positions';
import { stubState, type StubFolder, type WorkspaceEdit } from '../support/vscode-stub';

const root = vscode.Uri.file('/ws');

/** A TextDocument over a mutable text. */
function makeDocument(relative: string, initial: string) {
  const uri = vscode.Uri.joinPath(root, relative);
  const state = { text: initial, version: 1, closed: false };
  const document = {
    uri, languageId: 'python', eol: vscode.EndOfLine.LF, isUntitled: false,
    get version() { return state.version; },
    get isClosed() { return state.closed; },
    getText: () => state.text,
    get lineCount() { return state.text.split('\n').length; },
    lineAt: (line: number) => {
      const positions = new TextPositions(state.text);
      const text = state.text.split('\n')[line] ?? '';
      const start = positions.offsetAt({ line, character: 0 });
      return { text, range: new vscode.Range(line, 0, line, text.length), rangeIncludingLineBreak: undefined, start };
    },
    positionAt: (offset: number) => { const p = new TextPositions(state.text).positionAt(offset); return new vscode.Position(p.line, p.character); },
    edit(text: string) { state.text = text; state.version++; },
    close() { state.closed = true; },
  };
  return document;
}

function setup(options: { now?: () => number } = {}) {
  stubState.reset();
  const folder = { uri: root, name: 'ws', index: 0 } as unknown as StubFolder; // the stub's Uri stands in for vscode's
  stubState.workspaceFolders = [folder];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const projects = new Projects((base) => createProject({ root: base }));
  const configs = new ProjectConfigLocator(readThroughWorkspaceFs, (uri) => uri.path);
  const onConfigProblems = vi.fn();
  const linter = new Linter({
    projects, configs, readFile: readThroughWorkspaceFs, log, onConfigProblems,
    settingsFor: () => readEditorSettings((key) => stubState.settings[key]),
    ...options,
  });
  return { linter, projects, log, onConfigProblems };
}

function diagnosticsOf(linter: Linter, uri: vscode.Uri) {
  return (linter.collection as unknown as { get(uri: vscode.Uri): vscode.Diagnostic[] | undefined }).get(uri) ?? [];
}

/** The provider reads only `diagnostics` and `only`. */
function actionContext(value: object): vscode.CodeActionContext {
  return value as unknown as vscode.CodeActionContext;
}

const sleepy = 'import time\n\n\nasync def handler():\n    time.sleep(1)\n';

describe('toDiagnostic', () => {
  const finding: Finding = {
    file: 'a.py', code: 'AIO120', name: 'transitive-blocking', aliases: [], severity: 'warning', message: 'blocks',
    start: 4, end: 9, fix: null,
    related: [{ file: 'b.py', start: 0, end: 3, line: 1, column: 0, message: 'defined here' }],
  };
  const positions = new TextPositions('abc\ndefghij\n');
  const related = { uriOf: (file: string) => vscode.Uri.joinPath(root, file), positionsOf: () => new TextPositions('def x(): pass\n') };

  it('has the source, a code linked to the rule page, the range and related locations', () => {
    const diagnostic = toDiagnostic(finding, positions, related);
    expect(diagnostic?.source).toBe('aiolint');
    expect(diagnostic?.code).toMatchObject({ value: 'AIO120' });
    expect(String((diagnostic?.code as { target: vscode.Uri }).target)).toBe('https://github.com/aiolint/aiolint/blob/main/rules/docs/AIO120.md');
    expect(diagnostic?.range).toEqual(new vscode.Range(1, 0, 1, 5));
    expect(diagnostic?.severity).toBe(vscode.DiagnosticSeverity.Warning);
    expect(diagnostic?.relatedInformation?.[0]?.location.uri.path).toBe('/ws/b.py');
    expect(diagnostic?.relatedInformation?.[0]?.location.range).toEqual(new vscode.Range(0, 0, 0, 3));
  });

  it('takes the severity from the configuration, and drops rules set to off', () => {
    expect(toDiagnostic(finding, positions, related, { AIO120: 'error' })?.severity).toBe(vscode.DiagnosticSeverity.Error);
    expect(toDiagnostic(finding, positions, related, { AIO120: 'off' })).toBeNull();
  });
});

describe('TextPositions', () => {
  it('counts \\r\\n, \\r and \\n as line breaks', () => {
    const positions = new TextPositions('a\r\nb\rc\nd');
    expect(positions.positionAt(3)).toEqual({ line: 1, character: 0 });
    expect(positions.positionAt(5)).toEqual({ line: 2, character: 0 });
    expect(positions.positionAt(8)).toEqual({ line: 3, character: 1 });
    expect(positions.offsetAt({ line: 2, character: 1 })).toBe(6);
  });
});

describe('noqa edits', () => {
  it('appends, merges into an existing noqa, and leaves silenced lines alone', () => {
    expect(addLineNoqa('    time.sleep(1)', 'AIO101')).toBe('    time.sleep(1)  # noqa: AIO101');
    expect(addLineNoqa('x = f()  # noqa: AIO201', 'AIO101')).toBe('x = f()  # noqa: AIO201, AIO101');
    expect(addLineNoqa('x = f()  # noqa:AIO101', 'AIO101')).toBe('x = f()  # noqa:AIO101');
    expect(addLineNoqa('x = f()  # noqa', 'AIO101')).toBe('x = f()  # noqa');
    expect(addLineNoqa('x = f()  # type: ignore', 'AIO101')).toBe('x = f()  # type: ignore  # noqa: AIO101');
  });

  it('puts the file-level directive after a shebang and coding line, or merges it', () => {
    expect(addFileNoqa(['#!/usr/bin/env python', '# -*- coding: utf-8 -*-', 'import time'], 'AIO101')).toEqual({ line: 2, newText: '# aiolint: noqa: AIO101', insert: true });
    expect(addFileNoqa(['# aiolint: noqa: AIO201', 'import time'], 'AIO101')).toEqual({ line: 0, newText: '# aiolint: noqa: AIO201, AIO101', insert: false });
    expect(addFileNoqa(['# aiolint: noqa: AIO101'], 'AIO101')).toBeNull();
  });

  it('produces comments the engine honours', () => {
    const project = createProject({ root: '/p' });
    const lines = sleepy.split('\n');
    lines[4] = addLineNoqa(lines[4] ?? '', 'AIO101');
    project.setFile('a.py', lines.join('\n'));
    expect(project.lint('a.py', { ...DEFAULT_CONFIG }).findings).toEqual([]);
    const change = addFileNoqa(sleepy.split('\n'), 'AIO101');
    project.setFile('b.py', `${change?.newText ?? ''}\n${sleepy}`);
    expect(project.lint('b.py', { ...DEFAULT_CONFIG }).findings).toEqual([]);
  });
});

describe('settings', () => {
  const file = { ignore: ['AIO405'], concurrencyLimit: 20, severity: { AIO101: 'error' as const } };

  it('uses only the settings the user set, and lets [tool.aiolint] win by default', () => {
    const editor = readEditorSettings((key) => ({ concurrencyLimit: 5, severity: { aio102: 'hint' } } as Record<string, unknown>)[key]);
    expect(editor.lint).toEqual({ concurrencyLimit: 5, severity: { AIO102: 'hint' } });
    const merged = mergeConfig(file, editor);
    expect(merged.concurrencyLimit).toBe(20);
    expect(merged.ignore).toEqual(['AIO405']);
    expect(merged.severity).toEqual({ AIO101: 'error', AIO102: 'hint' });
  });

  it('lets the editor win with editorFirst', () => {
    const editor = readEditorSettings((key) => ({ concurrencyLimit: 5, configurationPreference: 'editorFirst', severity: { AIO101: 'off' } } as Record<string, unknown>)[key]);
    const merged = mergeConfig(file, editor);
    expect(merged.concurrencyLimit).toBe(5);
    expect(merged.severity).toEqual({ AIO101: 'off' });
  });

  it('adds the editor\'s extendSelect / extendIgnore to the project file\'s selection', () => {
    const editor = readEditorSettings((key) => ({ extendSelect: ['AIO405'], extendIgnore: ['AIO105'] } as Record<string, unknown>)[key]);
    expect(editor.lint).toEqual({ extendSelect: ['AIO405'], extendIgnore: ['AIO105'] });
    const merged = mergeConfig({ extendSelect: ['AIO406'] }, editor);
    expect(merged.extendSelect).toEqual(['AIO405', 'AIO406']);
    expect(merged.extendIgnore).toEqual(['AIO105']);
    // a project file that sets `select` starts a new selection over the editor's extension
    expect(mergeConfig({ select: ['AIO1'] }, editor).extendSelect).toEqual([]);
  });

  it('reads extra blocking calls in both forms', () => {
    const editor = readEditorSettings((key) => (key === 'extraBlockingCalls' ? ['a.b -> c.d', { pattern: 'x.*.y' }, 3] : undefined));
    expect(editor.lint.blockingCalls).toEqual([{ pattern: 'a.b', replacement: 'c.d' }, { pattern: 'x.*.y' }]);
  });
});

describe('Linter', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); });
  afterEach(() => { vi.useRealTimers(); });

  it('publishes diagnostics on open and clears them on close', async () => {
    const { linter } = setup();
    const document = makeDocument('app.py', sleepy);
    stubState.textDocuments.push(document);
    await linter.lintDocument(document as unknown as vscode.TextDocument);
    expect(diagnosticsOf(linter, document.uri).map((d) => (d.code as { value: string }).value)).toEqual(['AIO101']);
    document.close();
    stubState.textDocuments = [];
    linter.onDidClose(document as unknown as vscode.TextDocument);
    await vi.waitFor(() => { expect(diagnosticsOf(linter, document.uri)).toEqual([]); });
  });

  it('debounces typing per document', async () => {
    const { linter } = setup();
    const document = makeDocument('app.py', 'import time\n');
    stubState.textDocuments.push(document);
    const spy = vi.spyOn(linter, 'lintDocument');
    for (const text of ['import time\nasync def f():\n', 'import time\nasync def f():\n    time.', sleepy]) {
      document.edit(text);
      linter.onDidChange({ document, contentChanges: [{}] } as unknown as vscode.TextDocumentChangeEvent);
      vi.advanceTimersByTime(TYPING_DEBOUNCE_MS - 50);
    }
    expect(spy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(spy).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => { expect(diagnosticsOf(linter, document.uri)).toHaveLength(1); });
  });

  it('re-checks sooner when the last check was fast, never sooner than the minimum nor later than the maximum', async () => {
    let clock = 0;
    let checkCost = 2;
    // each reading of the clock advances it by the cost: a check (two readings) takes `checkCost` ms
    const { linter } = setup({ now: () => (clock += checkCost) });
    const document = makeDocument('app.py', 'import time\n');
    stubState.textDocuments.push(document);
    const uri = document.uri;
    expect(linter.typingDelay(uri)).toBe(TYPING_DEBOUNCE_MS); // not measured yet
    await linter.lintDocument(document as unknown as vscode.TextDocument);
    expect(linter.typingDelay(uri)).toBe(TYPING_DEBOUNCE_MIN_MS); // a 2 ms check: the minimum
    const spy = vi.spyOn(linter, 'lintDocument');
    document.edit(sleepy);
    linter.onDidChange({ document, contentChanges: [{}] } as unknown as vscode.TextDocumentChangeEvent);
    vi.advanceTimersByTime(TYPING_DEBOUNCE_MIN_MS - 10);
    expect(spy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(spy).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => { expect(diagnosticsOf(linter, document.uri)).toHaveLength(1); });
    checkCost = 40; // a slow check: four times as long, up to the maximum
    await linter.lintDocument(document as unknown as vscode.TextDocument);
    expect(linter.typingDelay(uri)).toBe(160);
    checkCost = 500;
    await linter.lintDocument(document as unknown as vscode.TextDocument);
    expect(linter.typingDelay(uri)).toBe(TYPING_DEBOUNCE_MS);
  });

  it('does not lint while typing with run = onSave, and honours enable = false', async () => {
    const { linter } = setup();
    stubState.settings = { run: 'onSave' };
    const document = makeDocument('app.py', sleepy);
    const spy = vi.spyOn(linter, 'lintDocument');
    linter.onDidChange({ document, contentChanges: [{}] } as unknown as vscode.TextDocumentChangeEvent);
    vi.advanceTimersByTime(TYPING_DEBOUNCE_MS * 2);
    expect(spy).not.toHaveBeenCalled();
    stubState.settings = { enable: false };
    await linter.lintDocument(document as unknown as vscode.TextDocument);
    expect(diagnosticsOf(linter, document.uri)).toEqual([]);
  });

  it('re-checks an open file when a module it imports changes (AIO120 across files)', async () => {
    const { linter } = setup();
    const helper = makeDocument('pkg/util.py', 'def load():\n    return 1\n');
    const user = makeDocument('pkg/user.py', 'from pkg.util import load\n\n\nasync def handler():\n    load()\n');
    stubState.files.set(vscode.Uri.joinPath(root, 'pkg/__init__.py').toString(), '');
    stubState.textDocuments.push(helper, user);
    await linter.lintDocument(helper as unknown as vscode.TextDocument);
    await linter.lintDocument(user as unknown as vscode.TextDocument);
    expect(diagnosticsOf(linter, user.uri)).toEqual([]);
    helper.edit('import time\n\n\ndef load():\n    time.sleep(1)\n');
    await linter.lintDocument(helper as unknown as vscode.TextDocument);
    vi.advanceTimersByTime(1_000);
    await vi.waitFor(() => {
      const diagnostics = diagnosticsOf(linter, user.uri);
      expect(diagnostics.map((d) => (d.code as { value: string }).value)).toEqual(['AIO120']);
      expect(diagnostics[0]?.relatedInformation?.some((info) => info.location.uri.path === '/ws/pkg/util.py')).toBe(true);
    });
  });

  it('leaves importers alone when an edit stays inside what they cannot see', async () => {
    const { linter, projects } = setup();
    const helper = makeDocument('pkg/util.py', 'import time\n\n\ndef load():\n    time.sleep(1)\n\n\ndef other():\n    x = 1\n    print(x)\n');
    const user = makeDocument('pkg/user.py', 'from pkg.util import load\n\n\nasync def handler():\n    load()\n');
    stubState.files.set(vscode.Uri.joinPath(root, 'pkg/__init__.py').toString(), '');
    stubState.textDocuments.push(helper, user);
    await linter.lintDocument(helper as unknown as vscode.TextDocument);
    await linter.lintDocument(user as unknown as vscode.TextDocument);
    expect(diagnosticsOf(linter, user.uri).map((d) => (d.code as { value: string }).value)).toEqual(['AIO120']);
    await linter.startIndexing(projects.locate(helper.uri).state); // (it re-checks open files when done)
    const spy = vi.spyOn(linter, 'lintDocument');
    // a body edit the importer cannot observe: no re-check of user.py
    helper.edit(helper.getText().replace('x = 1', 'x = 2'));
    await linter.lintDocument(helper as unknown as vscode.TextDocument);
    vi.advanceTimersByTime(1_000);
    expect(spy.mock.calls.map((call) => call[0].uri.path)).toEqual(['/ws/pkg/util.py']);
    // the helper stops blocking: user.py is re-checked and its AIO120 goes
    helper.edit(helper.getText().replace('    time.sleep(1)', '    return 0'));
    await linter.lintDocument(helper as unknown as vscode.TextDocument);
    vi.advanceTimersByTime(1_000);
    await vi.waitFor(() => { expect(diagnosticsOf(linter, user.uri)).toEqual([]); });
  });

  it('reports a broken pyproject.toml and lints with defaults', async () => {
    const { linter, onConfigProblems } = setup();
    stubState.files.set(vscode.Uri.joinPath(root, 'pyproject.toml').toString(), '[tool.aiolint]\nselect = [\n');
    const document = makeDocument('app.py', sleepy);
    await linter.lintDocument(document as unknown as vscode.TextDocument);
    expect(onConfigProblems).toHaveBeenCalled();
    const problem = (onConfigProblems.mock.calls[0]?.[0] as { diagnostics: { line: number; message: string }[] }).diagnostics[0];
    expect(problem?.message).toMatch(/invalid TOML/);
    expect(problem?.line).toBeGreaterThan(0);
    expect(diagnosticsOf(linter, document.uri)).toHaveLength(1);
  });
});

describe('code actions', () => {
  it('offers the fix (preferred), noqa for line and file, and the documentation', async () => {
    const { linter } = setup();
    const document = makeDocument('app.py', sleepy);
    stubState.textDocuments.push(document);
    await linter.lintDocument(document as unknown as vscode.TextDocument);
    const diagnostics = diagnosticsOf(linter, document.uri);
    const provider = new AiolintCodeActionProvider(linter, () => Promise.resolve(undefined));
    const actions = await provider.provideCodeActions(document as unknown as vscode.TextDocument, new vscode.Range(4, 6, 4, 6), actionContext({ diagnostics, only: undefined }));
    expect(actions.map((a) => a.title)).toEqual(['Replace with `await asyncio.sleep(...)`', 'Disable AIO101 for this line', 'Disable AIO101 for this file', 'Show documentation for AIO101']);
    expect(actions[0]?.isPreferred).toBe(true);
    const lineEdit = (actions[1]?.edit as unknown as WorkspaceEdit).edits[0];
    expect(lineEdit?.newText).toBe('    time.sleep(1)  # noqa: AIO101');
    expect(actions[3]?.command).toMatchObject({ command: 'aiolint.showDocumentation', arguments: ['AIO101'] });
  });

  it('offers a rule\'s alternative fix after its main fix, never preferred (AIO302 worker pool)', async () => {
    const { linter } = setup();
    const spawner = 'import asyncio\n\n\nasync def main(items):\n    ts = []\n    for i in items:\n        ts.append(asyncio.create_task(work(i)))\n    await asyncio.gather(*ts)\n';
    const document = makeDocument('spawn.py', spawner);
    stubState.textDocuments.push(document);
    await linter.lintDocument(document as unknown as vscode.TextDocument);
    const diagnostics = diagnosticsOf(linter, document.uri);
    const provider = new AiolintCodeActionProvider(linter, () => Promise.resolve(undefined));
    const actions = await provider.provideCodeActions(document as unknown as vscode.TextDocument, new vscode.Range(6, 20, 6, 20), actionContext({ diagnostics, only: undefined }));
    const titles = actions.map((a) => a.title);
    expect(titles[0]).toBe('Limit concurrency with asyncio.Semaphore (unsafe fix)');
    expect(titles[1]).toMatch(/^Process with a bounded asyncio\.Queue worker pool .*\(unsafe fix\)$/);
    expect(titles[2]).toBe('Disable AIO302 for this line');
    expect(actions[1]?.isPreferred).toBe(false);
    const edits = (actions[1]?.edit as unknown as WorkspaceEdit).edits;
    expect(edits.map((e) => e.newText)).toContain('queue.put_nowait(');
  });

  it('answers source.fixAll.aiolint with one edit', async () => {
    const { linter } = setup();
    const document = makeDocument('app.py', sleepy);
    const provider = new AiolintCodeActionProvider(linter, () => Promise.resolve(sleepy.replace('time.sleep(1)', 'await asyncio.sleep(1)')));
    const actions = await provider.provideCodeActions(document as unknown as vscode.TextDocument, new vscode.Range(0, 0, 0, 0), actionContext({ diagnostics: [], only: FIX_ALL_KIND }));
    expect(actions).toHaveLength(1);
    expect(actions[0]?.kind?.value).toBe('source.fixAll.aiolint');
    expect((actions[0]?.edit as unknown as WorkspaceEdit).edits).toHaveLength(1);
  });
});
