/**
 * Linting one project on several worker threads (dist/worker.js).
 *
 * Design, chosen by measurement: every worker registers every file of the project (registering
 * only stores the text; the workspace index parses a module the first time something asks about
 * it) and lints its share of the files. Cross-file questions (is this imported function async,
 * does this helper block) make a worker parse the modules its share reaches, so commonly imported
 * modules are parsed once per worker; that duplication costs less than shipping parsed summaries
 * between threads, which the structured clone would have to copy anyway.
 * Shares are runs of files in path order balanced by line count: a package stays on one worker,
 * so the modules its files import are parsed by one worker rather than by every worker.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../engine/config';
import { DEFAULT_RESIDENT_LINES, workerResidentLines } from '../engine/lint-project';
import type { FileLintResult } from '../engine/project';

export interface WorkerRequest {
  root: string;
  /** every file of the project: registered path and text */
  files: { registered: string; text: string }[];
  /** what this worker lints, with an index into `configs` */
  lint: { registered: string; config: number }[];
  configs: ResolvedConfig[];
  /** the worker's share of RESIDENT_LINES: all workers together keep about what one project would */
  residentLines: number;
}

export interface WorkerFileResult {
  result: FileLintResult;
  /** the module names the file imports (for the cache keys) */
  imports: string[];
}

export type WorkerReply = { ok: true; results: WorkerFileResult[] } | { ok: false; message: string };

export interface ParallelInput {
  root: string;
  files: { registered: string; text: string; lines: number }[];
  lint: { registered: string; config: ResolvedConfig; lines: number }[];
}

/**
 * Lines of parsed and modelled files one project (the check's, or a worker's) keeps before it
 * drops the least recently used trees (rebuilt on demand; see the engine's constant).
 */
export const RESIDENT_LINES = DEFAULT_RESIDENT_LINES;

/** the bundled worker next to the bundled CLI */
export function workerScript(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  return path.join(here, 'worker.js');
}

/** Splits `items` into `count` shares of similar weight (greedy, heaviest first; deterministic). */
export function balance<T>(items: readonly T[], weight: (item: T) => number, count: number): T[][] {
  const shares: { items: T[]; weight: number }[] = Array.from({ length: count }, () => ({ items: [], weight: 0 }));
  const order = items.map((item, i) => ({ item, i, w: weight(item) })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (const { item, w } of order) {
    let lightest = shares[0] as { items: T[]; weight: number };
    for (const share of shares) if (share.weight < lightest.weight) lightest = share;
    lightest.items.push(item);
    lightest.weight += w;
  }
  return shares.map((share) => share.items).filter((share) => share.length > 0);
}

/**
 * Splits `items` into `count` runs of consecutive items of similar weight (deterministic). Given
 * items sorted by path, a package stays on one worker, so the modules its files import are
 * parsed by one worker instead of all of them.
 */
export function balanceContiguous<T>(items: readonly T[], weight: (item: T) => number, count: number): T[][] {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  const shares: T[][] = [];
  let current: T[] = [];
  let done = 0;
  for (const [i, item] of items.entries()) {
    current.push(item);
    done += weight(item);
    // close the share once it reaches its part of the total (the last share takes the rest), or
    // when the items left are too few to fill the shares still to come
    const left = items.length - i - 1;
    if (shares.length < count - 1 && (done >= (total * (shares.length + 1)) / count || left <= count - shares.length - 2)) {
      shares.push(current);
      current = [];
    }
  }
  if (current.length > 0) shares.push(current);
  return shares;
}

/** Lints `input.lint` on `jobs` workers; results by registered path. Rejects when a worker fails. */
export async function lintInWorkers(input: ParallelInput, jobs: number, script = workerScript()): Promise<Map<string, WorkerFileResult>> {
  const configs: ResolvedConfig[] = [];
  const configIndex = new Map<ResolvedConfig, number>();
  const indexOf = (config: ResolvedConfig): number => {
    let i = configIndex.get(config);
    if (i === undefined) {
      i = configs.length;
      configs.push(config);
      configIndex.set(config, i);
    }
    return i;
  };
  const byPath = [...input.lint].sort((a, b) => (a.registered < b.registered ? -1 : a.registered > b.registered ? 1 : 0));
  const shares = balanceContiguous(byPath, (item) => item.lines + 50, jobs);
  const files = input.files.map(({ registered, text }) => ({ registered, text }));
  const replies = await Promise.all(
    shares.map((share) => {
      const request: WorkerRequest = {
        root: input.root,
        files,
        lint: share.map((item) => ({ registered: item.registered, config: indexOf(item.config) })),
        configs,
        residentLines: workerResidentLines(shares.length),
      };
      return runWorker(script, request);
    }),
  );
  const results = new Map<string, WorkerFileResult>();
  for (const reply of replies) for (const item of reply) results.set(item.result.file, item);
  return results;
}

function runWorker(script: string, request: WorkerRequest): Promise<WorkerFileResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: request });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.results);
      else reject(new Error(`worker failed: ${reply.message}`));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`worker exited with code ${code} before answering`));
    });
  });
}
