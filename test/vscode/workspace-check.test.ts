/**
 * Check Workspace with the findings cache and worker threads, against the real engine and the
 * `vscode` stand-in: a second check serves every file from the cache with the same diagnostics;
 * an edit, or a change in a module a file imports, makes exactly the affected files lint again;
 * a corrupt or foreign cache document is ignored with a line in the log; the cache survives a
 * restart through its store; the worker-thread path gives the same diagnostics as the extension
 * host's, can be cancelled, and falls back to the host when a worker fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as vscode from 'vscode';
import { createProject } from '../../src/engine/index';
import { Linter } from '../../src/vscode/linter';
import { ProjectConfigLocator, readThroughWorkspaceFs } from '../../src/vscode/project-config';
import { Projects } from '../../src/vscode/projects';
import { readEditorSettings } from '../../src/vscode/settings';
import type { WorkspaceCheckResult } from '../../src/vscode/workspace-check/check';
import { describeCheck } from '../../src/vscode/workspace-check/check';
import { cacheFileName, FindingsCache, workspaceStorageStore, type CacheStore } from '../../src/vscode/workspace-check/findings-cache';
import { cutBatches } from '../../src/vscode/workspace-check/worker-pool';
import { stubState, type StubFolder } from '../support/vscode-stub';

const root = vscode.Uri.file('/ws');
const storage = vscode.Uri.file('/storage/aiolint');

// the stand-in's file system can read; the cache store also creates, writes, renames, lists and deletes
const directories = new Set<string>();
Object.assign(vscode.workspace.fs, {
  readDirectory: (uri: vscode.Uri): Promise<[string, vscode.FileType][]> => {
    if (!directories.has(uri.toString())) return Promise.reject(new vscode.FileSystemError(`not found: ${uri.toString()}`));
    const prefix = `${uri.toString()}/`;
    const names = [...stubState.files.keys()].filter((key) => key.startsWith(prefix) && !key.slice(prefix.length).includes('/'));
    return Promise.resolve(names.map((key) => [key.slice(prefix.length), vscode.FileType.File]));
  },
  delete: (uri: vscode.Uri): Promise<void> => {
    if (!stubState.files.delete(uri.toString())) return Promise.reject(new vscode.FileSystemError(`not found: ${uri.toString()}`));
    return Promise.resolve();
  },
  writeFile: (uri: vscode.Uri, bytes: Uint8Array): Promise<void> => {
    stubState.files.set(uri.toString(), new TextDecoder().decode(bytes));
    return Promise.resolve();
  },
  createDirectory: (uri: vscode.Uri): Promise<void> => {
    directories.add(uri.toString());
    return Promise.resolve();
  },
  rename: (from: vscode.Uri, to: vscode.Uri): Promise<void> => {
    const text = stubState.files.get(from.toString());
    if (text === undefined) return Promise.reject(new vscode.FileSystemError(`not found: ${from.toString()}`));
    stubState.files.delete(from.toString());
    stubState.files.set(to.toString(), text);
    return Promise.resolve();
  },
});

function write(relative: string, text: string): void {
  stubState.files.set(vscode.Uri.joinPath(root, relative).toString(), text);
}

/** A package whose modules call each other: app → service → util (blocking), plus independent modules. */
function writeProject(extra = 0, chained = true): void {
  write('pkg/__init__.py', '');
  write('pkg/util.py', 'import time\n\n\ndef load():\n    time.sleep(1)\n');
  write('pkg/service.py', 'from pkg.util import load\n\n\ndef fetch():\n    return load()\n');
  write('pkg/app.py', 'import asyncio\n\nfrom pkg.service import fetch\n\n\nasync def handler():\n    fetch()\n    asyncio.sleep(1)\n');
  write('pkg/clean.py', 'import asyncio\n\n\nasync def ok():\n    await asyncio.sleep(1)\n');
  for (let i = 0; i < extra; i++) {
    write(`gen/mod${String(i).padStart(3, '0')}.py`, generatedModule(i, chained));
  }
}

/** A module of some size with a finding or two, importing its neighbour when `chained`. */
function generatedModule(i: number, chained: boolean): string {
  const neighbour = chained ? `from gen.mod${String(Math.max(0, i - 1)).padStart(3, '0')} import helper_0 as previous` : 'from json import loads as previous';
  const lines = ['import asyncio', 'import time', '', neighbour, ''];
  for (let f = 0; f < 12; f++) {
    lines.push(`def helper_${f}(x):`, `    total = x + ${f}`, '    for n in range(3):', '        total += n', '    return total', '', '');
    lines.push(`async def task_${f}(x):`, `    await asyncio.sleep(0)`, `    return helper_${f}(x)`, '', '');
  }
  lines.push('async def slow():', '    time.sleep(1)', '    previous(1)', '');
  return lines.join('\n');
}

interface Harness {
  linter: Linter;
  log: { info: ReturnType<typeof vi.fn>; warn: ReturnType<typeof vi.fn>; error: ReturnType<typeof vi.fn> };
  /** a check, and the cache's writes it started */
  check: (token?: vscode.CancellationToken) => Promise<WorkspaceCheckResult>;
  cache: FindingsCache;
}

function harness(options: { store?: CacheStore | undefined; tool?: string; workerScript?: string; threads?: number; workerMinLines?: number } = {}): Harness {
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const cache = new FindingsCache(options.store, () => Promise.resolve(options.tool ?? '1.0.0+test'), log);
  const linter = new Linter({
    projects: new Projects((base) => createProject({ root: base })),
    configs: new ProjectConfigLocator(readThroughWorkspaceFs, (uri) => uri.path),
    readFile: readThroughWorkspaceFs,
    log,
    onConfigProblems: vi.fn(),
    settingsFor: () => readEditorSettings((key) => stubState.settings[key]),
    cache,
    ...(options.workerScript === undefined ? {} : { workerScript: options.workerScript }),
    threads: options.threads ?? 1,
    workerMinLines: options.workerMinLines ?? 1_000_000,
  });
  const progress = { report: vi.fn() };
  const check = async (token = neverCancelled): Promise<WorkspaceCheckResult> => {
    const result = await linter.checkWorkspace(progress, token);
    await cache.flush();
    return result;
  };
  return { linter, log, check, cache };
}

const neverCancelled = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) } as unknown as vscode.CancellationToken;

/** A token that can be cancelled from the test. */
function cancellable(): { token: vscode.CancellationToken; cancel: () => void } {
  const listeners: (() => void)[] = [];
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => {
      listeners.push(listener);
      return { dispose: () => { listeners.splice(listeners.indexOf(listener), 1); } };
    },
  };
  return {
    token: token as unknown as vscode.CancellationToken,
    cancel: () => {
      token.isCancellationRequested = true;
      for (const listener of [...listeners]) listener();
    },
  };
}

/** Every diagnostic the linter shows, as comparable text. */
function shown(linter: Linter): string[] {
  const entries = (linter.collection as unknown as { entries: Map<string, vscode.Diagnostic[]> }).entries;
  return [...entries].flatMap(([uri, diagnostics]) => diagnostics.map((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    const related = (d.relatedInformation ?? []).map((info) => `${info.location.uri.path}:${info.location.range.start.line}`).join(',');
    return `${uri}:${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(code)} ${d.message} [${related}]`;
  })).sort();
}

function codesIn(linter: Linter, relative: string): string[] {
  const file = linter.lintedFile(vscode.Uri.joinPath(root, relative));
  return (file?.entries ?? []).map((entry) => entry.finding.code).sort();
}

function memoryStore(): CacheStore & { documents: Map<string, Uint8Array>; writes: number } {
  const documents = new Map<string, Uint8Array>();
  const store = {
    documents,
    writes: 0,
    read: (name: string) => Promise.resolve(documents.get(name)),
    write: (name: string, bytes: Uint8Array) => { store.writes++; documents.set(name, bytes); return Promise.resolve(); },
    removeAll: () => { const count = documents.size; documents.clear(); return Promise.resolve(count); },
    describe: (name: string) => `memory:${name}`,
  };
  return store;
}

beforeEach(() => {
  stubState.reset();
  directories.clear();
  const folder = { uri: root, name: 'ws', index: 0 } as unknown as StubFolder; // the stub's Uri stands in for vscode's
  stubState.workspaceFolders = [folder];
});

describe('the findings cache', () => {
  it('serves an unchanged workspace from the cache with the same diagnostics', async () => {
    writeProject();
    const store = memoryStore();
    const { linter, check } = harness({ store });
    const cold = await check();
    expect(cold).toMatchObject({ files: 5, cached: 0, linted: 5, cancelled: false });
    expect(codesIn(linter, 'pkg/app.py')).toEqual(['AIO120', 'AIO201']);
    const first = shown(linter);
    expect(first.length).toBeGreaterThanOrEqual(2);
    const warm = await check();
    expect(warm).toMatchObject({ files: 5, cached: 5, linted: 0, findings: cold.findings, lines: cold.lines });
    expect(shown(linter)).toEqual(first);
    expect(linter.counts(undefined)).toMatchObject({ workspace: warm.findings, files: new Set(first.map((line) => line.split(':')[1])).size });
    // nothing changed: the stored document is not written again
    expect(store.writes).toBe(1);
  });

  it('lints an edited file again, and only what depends on it', async () => {
    writeProject();
    const { linter, check } = harness({ store: memoryStore() });
    await check();
    write('pkg/clean.py', 'import time\n\n\nasync def ok():\n    time.sleep(1)\n');
    await linter.onDidChangeOnDisk(vscode.Uri.joinPath(root, 'pkg/clean.py'), false);
    const after = await check();
    // nothing imports clean.py: the other four come from the cache
    expect(after).toMatchObject({ files: 5, cached: 4, linted: 1 });
    expect(codesIn(linter, 'pkg/clean.py')).toEqual(['AIO101']);
  });

  it('lints a file again when a module it reaches through imports changed, though its own text did not', async () => {
    writeProject();
    const { linter, check } = harness({ store: memoryStore() });
    await check();
    expect(codesIn(linter, 'pkg/app.py')).toContain('AIO120');
    // util.load stops blocking: app.py's AIO120 (through service.fetch) must go, though app.py is unchanged
    write('pkg/util.py', 'def load():\n    return 1\n');
    await linter.onDidChangeOnDisk(vscode.Uri.joinPath(root, 'pkg/util.py'), false);
    const after = await check();
    // util, service (imports util) and app (imports service) are linted; __init__ and clean are not
    expect(after).toMatchObject({ files: 5, cached: 2, linted: 3 });
    expect(codesIn(linter, 'pkg/app.py')).toEqual(['AIO201']);
  });

  it('lints again when the configuration changed', async () => {
    writeProject();
    const { linter, check } = harness({ store: memoryStore() });
    await check();
    stubState.settings['ignore'] = ['AIO201'];
    const after = await check();
    expect(after.cached).toBe(0);
    expect(codesIn(linter, 'pkg/app.py')).toEqual(['AIO120']);
  });

  it('survives a restart through the store, and works without one', async () => {
    writeProject();
    const store = memoryStore();
    const first = harness({ store });
    await first.check();
    expect(store.documents.size).toBe(1);
    const restarted = harness({ store });
    const warm = await restarted.check();
    expect(warm).toMatchObject({ files: 5, cached: 5, linted: 0 });
    expect(shown(restarted.linter)).toEqual(shown(first.linter));

    const memoryOnly = harness({ store: undefined });
    expect((await memoryOnly.check()).cached).toBe(0);
    expect((await memoryOnly.check()).cached).toBe(5);
    expect((await harness({ store: undefined }).check()).cached).toBe(0);
  });

  it('ignores a corrupt cache document with a line in the log, and rewrites it', async () => {
    writeProject();
    const store = memoryStore();
    await harness({ store }).check();
    const [name] = [...store.documents.keys()];
    if (name === undefined) throw new Error('nothing stored');
    store.documents.set(name, new TextEncoder().encode('{"format": 1, "tool": "1.0.0+te'));
    const { linter, log, check } = harness({ store });
    const result = await check();
    expect(result).toMatchObject({ files: 5, cached: 0, linted: 5 });
    expect(log.info.mock.calls.map(([line]) => String(line)).join('\n')).toMatch(/ignoring the findings cache memory:findings-[0-9a-f]+\.json: it is not valid JSON/);
    expect(log.warn).not.toHaveBeenCalled();
    expect(log.error).not.toHaveBeenCalled();
    expect(codesIn(linter, 'pkg/app.py')).toEqual(['AIO120', 'AIO201']);
    expect(JSON.parse(new TextDecoder().decode(store.documents.get(name)))).toMatchObject({ format: 1, tool: '1.0.0+test' });
    // a document of the right shape with malformed records keeps the good ones
    const document = JSON.parse(new TextDecoder().decode(store.documents.get(name))) as { files: Record<string, unknown> };
    document.files['pkg/clean.py'] = { content: 42 };
    store.documents.set(name, new TextEncoder().encode(JSON.stringify(document)));
    const partial = harness({ store });
    expect(await partial.check()).toMatchObject({ cached: 4, linted: 1 });
    expect(partial.log.info.mock.calls.map(([line]) => String(line)).join('\n')).toMatch(/ignored 1 malformed record/);
  });

  it('ignores a cache written by another aiolint build', async () => {
    writeProject();
    const store = memoryStore();
    await harness({ store, tool: '1.0.0+old' }).check();
    const { log, check } = harness({ store, tool: '1.0.1+new' });
    expect(await check()).toMatchObject({ cached: 0, linted: 5 });
    expect(log.info.mock.calls.map(([line]) => String(line)).join('\n')).toMatch(/written by aiolint 1\.0\.0\+old, this is 1\.0\.1\+new/);
  });

  it('keeps its documents in workspace storage through vscode.workspace.fs', async () => {
    writeProject();
    const first = harness({ store: workspaceStorageStore(storage) });
    await first.check();
    const stored = stubState.files.get(vscode.Uri.joinPath(storage, cacheFileName(root.toString())).toString());
    expect(stored).toBeDefined();
    expect(directories.has(storage.toString())).toBe(true);
    // no temporary file is left behind
    expect([...stubState.files.keys()].filter((key) => key.endsWith('.tmp'))).toEqual([]);
    expect(await harness({ store: workspaceStorageStore(storage) }).check()).toMatchObject({ cached: 5, linted: 0 });
  });

  it('Clear Findings Cache forgets memory and storage: the next check lints every file', async () => {
    writeProject();
    const store = workspaceStorageStore(storage);
    const { check, cache } = harness({ store });
    await check();
    expect(await check()).toMatchObject({ cached: 5, linted: 0 });
    // a stray file in the storage folder is not the cache's to delete
    stubState.files.set(vscode.Uri.joinPath(storage, 'notes.txt').toString(), 'keep me');
    expect(await cache.clear()).toBe(1);
    expect(stubState.files.has(vscode.Uri.joinPath(storage, cacheFileName(root.toString())).toString())).toBe(false);
    expect(stubState.files.has(vscode.Uri.joinPath(storage, 'notes.txt').toString())).toBe(true);
    expect(await check()).toMatchObject({ cached: 0, linted: 5 });
    // a restart finds the new document, not the deleted one
    expect(await harness({ store }).check()).toMatchObject({ cached: 5, linted: 0 });
    // clearing a cache that was never written is not an error
    expect(await new FindingsCache(workspaceStorageStore(vscode.Uri.file('/nowhere')), () => Promise.resolve('t'), { info: vi.fn(), warn: vi.fn(), error: vi.fn() }).clear()).toBe(0);
  });

  it('logs files, lines, time and cache hits for each check', async () => {
    writeProject();
    const { log, check } = harness({ store: memoryStore() });
    await check();
    const warm = await check();
    const lines = log.info.mock.calls.map(([line]) => String(line)).filter((line) => line.startsWith('workspace check'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(describeCheck(warm));
    expect(lines[1]).toMatch(/^workspace check: 5 files, \d+ lines, \d+ findings in \d+ ms \(listing files \d+ ms\); 5 from the cache, 0 linted$/);
    expect(lines[0]).toMatch(/0 from the cache, 5 linted on the extension host$/);
  });

  it('checks the text of open editors, not the file on disk', async () => {
    writeProject();
    const uri = vscode.Uri.joinPath(root, 'pkg/clean.py');
    const text = 'import time\n\n\nasync def ok():\n    time.sleep(1)\n';
    stubState.textDocuments = [{ uri, languageId: 'python', version: 7, isClosed: false, isUntitled: false, getText: () => text }];
    const { linter, check } = harness({ store: memoryStore() });
    await check();
    expect(codesIn(linter, 'pkg/clean.py')).toEqual(['AIO101']);
    expect(linter.lintedFile(uri)?.version).toBe(7);
    expect((await check()).cached).toBe(5);
    expect(linter.lintedFile(uri)?.version).toBe(7);
  });

  it('a new check supersedes a running one', async () => {
    writeProject();
    const { check } = harness({ store: memoryStore() });
    const [first, second] = await Promise.all([check(), check()]);
    expect(first.cancelled).toBe(true);
    expect(second).toMatchObject({ cancelled: false, files: 5 });
  });

  it('after a workspace check, a settings change checks the closed files again (from the cache where it can)', async () => {
    writeProject();
    const { linter, log, check } = harness({ store: memoryStore() });
    await check();
    expect(codesIn(linter, 'pkg/app.py')).toEqual(['AIO120', 'AIO201']);
    stubState.settings['ignore'] = ['AIO201'];
    await linter.relintAll();
    expect(codesIn(linter, 'pkg/app.py')).toEqual(['AIO120']);
    stubState.settings['ignore'] = [];
    await linter.relintAll();
    // a whole workspace check (the cache keeps one configuration's results per file: all linted again)
    expect(log.info.mock.calls.map(([line]) => String(line)).at(-1)).toMatch(/^workspace check: 5 files, .* 0 from the cache, 5 linted on the extension host$/);
    expect(codesIn(linter, 'pkg/app.py')).toEqual(['AIO120', 'AIO201']);
    stubState.settings['enable'] = false;
    await linter.relintAll();
    expect(shown(linter)).toEqual([]);
  });

  it('drops the results of files no longer checked', async () => {
    writeProject();
    const { linter, check } = harness({ store: memoryStore() });
    await check();
    expect(codesIn(linter, 'pkg/app.py')).not.toEqual([]);
    stubState.settings['exclude'] = ['pkg/app.py'];
    expect(await check()).toMatchObject({ files: 4 });
    expect(linter.lintedFile(vscode.Uri.joinPath(root, 'pkg/app.py'))).toBeUndefined();
    expect(linter.counts(undefined)).toEqual({ file: 0, workspace: 0, files: 0 });
  });

  it('cuts batches of similar weight in order', () => {
    const items = [{ lines: 500 }, { lines: 10 }, { lines: 10 }, { lines: 700 }, { lines: 5 }];
    expect(cutBatches(items, 400)).toEqual([[items[0]], [items[1], items[2], items[3]], [items[4]]]);
  });
});

describe('Check Workspace on worker threads', () => {
  let scratch: string;
  let workerScript: string;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'aiolint-worker-'));
    workerScript = path.join(scratch, 'workspace-worker.js');
    await esbuild.build({
      entryPoints: [path.join(import.meta.dirname, '../../src/vscode/workspace-check/lint-worker.ts')],
      outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
    });
  });

  afterAll(() => { rmSync(scratch, { recursive: true, force: true }); });

  it('gives the same diagnostics as the extension host, then serves them from the cache', async () => {
    writeProject(40);
    const onHost = harness({ store: undefined });
    const hostResult = await onHost.check();
    expect(hostResult).toMatchObject({ threads: 0, linted: 45 });
    const onWorkers = harness({ store: memoryStore(), workerScript, threads: 2, workerMinLines: 0 });
    const cold = await onWorkers.check();
    expect(onWorkers.log.warn).not.toHaveBeenCalled();
    expect(cold).toMatchObject({ files: 45, linted: 45, cached: 0, threads: 2, findings: hostResult.findings });
    expect(shown(onWorkers.linter)).toEqual(shown(onHost.linter));
    expect(codesIn(onWorkers.linter, 'gen/mod007.py')).toEqual(['AIO101']);
    const warm = await onWorkers.check();
    expect(warm).toMatchObject({ files: 45, cached: 45, linted: 0, threads: 0 });
    expect(shown(onWorkers.linter)).toEqual(shown(onHost.linter));
  });

  it('stops when cancelled, keeps what was shown, and the next check finishes the job', async () => {
    // modules that import nothing of the project: whatever batch answers first, its files get cache keys
    // (a file that reaches a module the cancelled check never saw cannot have one)
    writeProject(120, false);
    const { linter, log, check } = harness({ store: memoryStore(), workerScript, threads: 2, workerMinLines: 0 });
    const { token, cancel } = cancellable();
    // cancel as soon as the first results are shown
    const subscription = linter.onDidChangeFindings(() => { cancel(); });
    const cancelled = await check(token);
    subscription.dispose();
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.threads).toBe(2);
    expect(cancelled.files).toBeGreaterThan(0);
    expect(cancelled.files).toBeLessThan(cancelled.planned);
    expect(log.info.mock.calls.map(([line]) => String(line)).join('\n')).toMatch(/workspace check \(cancelled\): \d+ of 125 files/);
    const shownAfterCancel = shown(linter).length;
    expect(shownAfterCancel).toBeGreaterThan(0);
    const rest = await check();
    expect(rest).toMatchObject({ cancelled: false, files: 125 });
    // what the cancelled check finished is not linted again
    expect(rest.cached).toBe(cancelled.files);
    expect(rest.linted).toBe(125 - cancelled.files);
  });

  it('stops a running check when the extension is deactivated', async () => {
    writeProject(120, false);
    const { linter, check } = harness({ store: memoryStore(), workerScript, threads: 2, workerMinLines: 0 });
    const subscription = linter.onDidChangeFindings(() => { linter.dispose(); });
    const result = await check();
    subscription.dispose();
    expect(result.cancelled).toBe(true);
    expect(result.files).toBeLessThan(result.planned);
  });

  it('falls back to the extension host when a worker fails', async () => {
    writeProject(10);
    const broken = path.join(scratch, 'broken-worker.js');
    writeFileSync(broken, 'throw new Error("worker cannot start");\n');
    const { linter, log, check } = harness({ store: undefined, workerScript: broken, threads: 2, workerMinLines: 0 });
    const result = await check();
    expect(result).toMatchObject({ files: 15, linted: 15, threads: 0 });
    expect(String(log.warn.mock.calls[0]?.[0])).toMatch(/on worker threads failed, continuing on the extension host: worker cannot start/);
    expect(codesIn(linter, 'pkg/app.py')).toEqual(['AIO120', 'AIO201']);
  });
});
