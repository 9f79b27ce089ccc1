/**
 * Lints a folder's files on worker threads so the extension host stays responsive. Each worker gets
 * the whole folder once, then batches of files (in path order, so a batch's files reach the same
 * modules), one more each time it answers one, with one batch always queued so it never waits for
 * this thread: the load balances itself and every answered batch is shown at once.
 * Cancelling terminates the workers; what was answered before stays answered.
 */
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { ResolvedConfig } from '../../engine/config';
import type { BatchItem, BatchReply, BatchRequest, WorkerFileResult, WorkerSetup } from './protocol';
import { workerResidentLines } from '../../engine/lint-project';

export interface PoolItem {
  path: string;
  /** undefined: only the file's imports are wanted */
  config: ResolvedConfig | undefined;
  /** the file's size in lines, to cut batches of similar weight */
  lines: number;
}

export interface PoolInput {
  /** the bundled worker (dist/workspace-worker.js) */
  script: string;
  root: string;
  files: { path: string; text: string }[];
  items: readonly PoolItem[];
  threads: number;
  token: vscode.CancellationToken;
  /** called for every answered batch, in the order they arrive */
  onResults(results: WorkerFileResult[]): void;
}

export interface PoolOutcome {
  cancelled: boolean;
  /** workers started */
  threads: number;
}

/** Lines per batch: small enough for steady progress and balance, big enough that messages are few. */
export function batchLines(totalLines: number, threads: number): number {
  return Math.max(300, Math.min(4_000, Math.ceil(totalLines / (threads * 8))));
}

/** Cuts `items` (kept in order) into batches of about `lines` lines each. */
export function cutBatches<T extends { lines: number }>(items: readonly T[], lines: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let weight = 0;
  for (const item of items) {
    current.push(item);
    weight += item.lines + 20;
    if (weight >= lines) {
      batches.push(current);
      current = [];
      weight = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Rejects when a worker fails (the caller lints what was not answered itself). */
export function lintOnWorkers(input: PoolInput): Promise<PoolOutcome> {
  const configs: ResolvedConfig[] = [];
  const configIndex = new Map<ResolvedConfig, number>();
  const toItem = (item: PoolItem): BatchItem => {
    if (!item.config) return { path: item.path };
    let index = configIndex.get(item.config);
    if (index === undefined) {
      index = configs.length;
      configs.push(item.config);
      configIndex.set(item.config, index);
    }
    return { path: item.path, config: index };
  };
  const ordered = [...input.items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const totalLines = ordered.reduce((sum, item) => sum + item.lines, 0);
  const threads = Math.max(1, Math.min(input.threads, ordered.length));
  const batches: BatchRequest[] = cutBatches(ordered, batchLines(totalLines, threads)).map((items, batch) => ({ batch, items: items.map(toItem) }));
  const setup: WorkerSetup = { root: input.root, files: input.files, configs, residentLines: workerResidentLines(threads) };

  return new Promise<PoolOutcome>((resolve, reject) => {
    if (batches.length === 0 || input.token.isCancellationRequested) {
      resolve({ cancelled: input.token.isCancellationRequested, threads: 0 });
      return;
    }
    const workers: Worker[] = [];
    let next = 0;
    let answered = 0;
    let settled = false;
    const finish = (outcome: PoolOutcome | Error): void => {
      if (settled) return;
      settled = true;
      cancellation.dispose();
      for (const worker of workers) void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const cancellation = input.token.onCancellationRequested(() => { finish({ cancelled: true, threads: workers.length }); });
    const feed = (worker: Worker): void => {
      const batch = batches[next];
      if (batch === undefined) return;
      next++;
      worker.postMessage(batch);
    };
    const started = Math.min(threads, batches.length);
    for (let i = 0; i < started; i++) {
      let worker: Worker;
      try {
        worker = new Worker(input.script, { workerData: setup });
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      workers.push(worker);
      worker.on('message', (reply: BatchReply) => {
        if (settled) return;
        if (!reply.ok) {
          finish(new Error(`a workspace-check worker failed: ${reply.message}`));
          return;
        }
        answered++;
        try {
          input.onResults(reply.results);
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (input.token.isCancellationRequested) finish({ cancelled: true, threads: started });
        else if (answered === batches.length) finish({ cancelled: false, threads: started });
        else feed(worker);
      });
      worker.once('error', (error) => { finish(error); });
      worker.once('exit', (code) => {
        if (!settled) finish(new Error(`a workspace-check worker exited with code ${code} before answering`));
      });
      // two batches in flight: the worker starts the next one without waiting for this thread
      feed(worker);
      feed(worker);
    }
  });
}
