/**
 * Messages between the extension host and the workspace-check worker threads (lint-worker.ts).
 * A worker receives the whole folder once (`workerData`), then lints batches on request and answers
 * each batch, so the host can show progress, balance work and stop early.
 */
import type { ResolvedConfig } from '../../engine/config';
import type { FileLintResult } from '../../engine/project';

export interface WorkerSetup {
  /** the folder's root path (`/` separators), as the host's project was created with */
  root: string;
  /** every file of the folder's project: path relative to the root and text */
  files: { path: string; text: string }[];
  /** the configurations batches refer to by index */
  configs: ResolvedConfig[];
  /** lines of parse trees the worker keeps (its share of the engine's budget: memory must not grow with the cores) */
  residentLines: number;
}

export interface BatchItem {
  path: string;
  /** index into `WorkerSetup.configs`; absent: only the file's imports are wanted (for the cache keys) */
  config?: number;
}

export interface BatchRequest {
  batch: number;
  items: BatchItem[];
}

export interface WorkerFileResult {
  path: string;
  /** absent when only the imports were asked for */
  result?: FileLintResult;
  /** the module names the file imports (absolute), for the cache keys */
  imports: string[];
}

export type BatchReply =
  | { batch: number; ok: true; results: WorkerFileResult[] }
  | { batch: number; ok: false; message: string };
