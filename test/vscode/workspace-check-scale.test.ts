/**
 * Check Workspace at scale, for the figures in issue 7: cold (nothing cached) on the extension host
 * and on worker threads, warm (the session's memory cache) and after a restart (the stored cache).
 * Runs only when AIOLINT_SCALE_DIR names a folder of Python files (e.g. a copy of CPython's
 * Lib/asyncio and Lib/test/test_asyncio); prints the figures and checks that the warm checks serve
 * every file from the cache with the same diagnostics.
 *
 *   AIOLINT_SCALE_DIR=<folder> npx vitest run test/vscode/workspace-check-scale.test.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import * as vscode from 'vscode';
import { createProject } from '../../src/engine/index';
import { Linter } from '../../src/vscode/linter';
import { ProjectConfigLocator, readThroughWorkspaceFs } from '../../src/vscode/project-config';
import { Projects } from '../../src/vscode/projects';
import { readEditorSettings } from '../../src/vscode/settings';
import { FindingsCache, type CacheStore } from '../../src/vscode/workspace-check/findings-cache';
import { stubState, type StubFolder } from '../support/vscode-stub';

const source = process.env['AIOLINT_SCALE_DIR'];
const root = vscode.Uri.file('/ws');

function pythonFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return name === '__pycache__' ? [] : pythonFiles(full);
    return name.endsWith('.py') ? [full] : [];
  });
}

describe.skipIf(source === undefined)('Check Workspace at scale', () => {
  it('is much faster warm than cold, with the same diagnostics', async () => {
    const folder = source ?? '';
    stubState.reset();
    const workspaceFolder = { uri: root, name: 'ws', index: 0 } as unknown as StubFolder; // the stub's Uri stands in for vscode's
    stubState.workspaceFolders = [workspaceFolder];
    for (const file of pythonFiles(folder)) {
      stubState.files.set(vscode.Uri.joinPath(root, path.relative(folder, file).split(path.sep).join('/')).toString(), readFileSync(file, 'utf8'));
    }
    const scratch = mkdtempSync(path.join(tmpdir(), 'aiolint-scale-'));
    const workerScript = path.join(scratch, 'workspace-worker.js');
    await esbuild.build({
      entryPoints: [path.join(import.meta.dirname, '../../src/vscode/workspace-check/lint-worker.ts')],
      outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
    });
    const documents = new Map<string, Uint8Array>();
    const store: CacheStore = {
      read: (name) => Promise.resolve(documents.get(name)),
      write: (name, bytes) => { documents.set(name, bytes); return Promise.resolve(); },
      removeAll: () => { const count = documents.size; documents.clear(); return Promise.resolve(count); },
      describe: (name) => name,
    };
    const session = (workers: boolean) => {
      const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
      const cache = new FindingsCache(store, () => Promise.resolve('scale'), log);
      const linter = new Linter({
        projects: new Projects((base) => createProject({ root: base })),
        configs: new ProjectConfigLocator(readThroughWorkspaceFs, (uri) => uri.path),
        readFile: readThroughWorkspaceFs, log, onConfigProblems: vi.fn(),
        settingsFor: () => readEditorSettings((key) => stubState.settings[key]),
        cache,
        ...(workers ? { workerScript, threads: availableParallelism() } : {}),
      });
      const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) } as unknown as vscode.CancellationToken;
      /** a check, and the longest the event loop (the extension host's, here) waited during it */
      const check = async () => {
        const delay = monitorEventLoopDelay({ resolution: 10 });
        delay.enable();
        const result = await linter.checkWorkspace({ report() {} }, token);
        delay.disable();
        await cache.flush();
        return { ...result, maxDelayMs: Math.round(delay.max / 1e6) };
      };
      return { linter, log, check, clear: () => { cache.clearMemory(); documents.clear(); } };
    };
    const shown = (linter: Linter): number => (linter.collection as unknown as { entries: Map<string, unknown[]> }).entries.size;
    try {
      const host = session(false);
      const onHost = await host.check();
      host.clear();
      const workers = session(true);
      const cold = await workers.check();
      const warm = await workers.check();
      const restarted = session(true);
      const fromStore = await restarted.check();
      const figures = {
        load: loadavg().map((l) => l.toFixed(2)).join(' '),
        files: cold.files, lines: cold.lines, findings: cold.findings,
        coldHostMs: onHost.durationMs, coldWorkersMs: cold.durationMs, threads: cold.threads,
        maxEventLoopDelayMs: { coldHost: onHost.maxDelayMs, coldWorkers: cold.maxDelayMs, warm: warm.maxDelayMs, restart: fromStore.maxDelayMs },
        warmMs: warm.durationMs, restartMs: fromStore.durationMs,
        warmRatio: +(warm.durationMs / cold.durationMs).toFixed(3), restartRatio: +(fromStore.durationMs / cold.durationMs).toFixed(3),
        storedBytes: [...documents.values()].reduce((sum, bytes) => sum + bytes.length, 0),
      };
      console.log(JSON.stringify(figures, null, 2));
      expect(cold.findings).toBe(onHost.findings);
      expect(warm).toMatchObject({ cached: cold.files, linted: 0, findings: cold.findings });
      expect(fromStore).toMatchObject({ cached: cold.files, linted: 0, findings: cold.findings });
      expect(shown(restarted.linter)).toBe(shown(workers.linter));
      expect(warm.durationMs).toBeLessThan(cold.durationMs);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
