/**
 * Worker thread of the extension's Check Workspace (bundled to dist/workspace-worker.js): holds the
 * folder's files, lints the batches the host sends and answers each one. No `vscode` here: worker
 * threads do not get the API, and the engine needs none.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProject } from '../../engine/index';
import { importedModules } from './imports';
import type { BatchReply, BatchRequest, WorkerFileResult, WorkerSetup } from './protocol';

/**
 * Text (UTF-16 code units) linted with one project before a fresh one is started: the workspace
 * index keeps every module it parsed, so starting over bounds the worker's memory (same trade as
 * the CLI's worker: shared modules are parsed once per chunk).
 */
const CHUNK_CHARS = 6_000_000;

export class LintWorker {
  private project: ReturnType<typeof createProject>;
  private linted = 0;
  private readonly sizes: Map<string, number>;

  constructor(private readonly setup: WorkerSetup) {
    this.sizes = new Map(setup.files.map((file) => [file.path, file.text.length]));
    this.project = this.freshProject();
  }

  private freshProject(): ReturnType<typeof createProject> {
    const project = createProject({ root: this.setup.root });
    for (const file of this.setup.files) project.setFile(file.path, file.text);
    return project;
  }

  handle(request: BatchRequest): BatchReply {
    try {
      const results: WorkerFileResult[] = [];
      for (const item of request.items) {
        if (this.linted > CHUNK_CHARS) {
          this.project = this.freshProject();
          this.linted = 0;
        }
        let result;
        if (item.config !== undefined) {
          const config = this.setup.configs[item.config];
          if (!config) throw new Error(`no configuration #${item.config}`);
          result = this.project.lint(item.path, config);
          this.linted += this.sizes.get(item.path) ?? 0;
        }
        results.push({ path: item.path, ...(result ? { result } : {}), imports: importedModules(this.project, item.path) ?? [] });
      }
      return { batch: request.batch, ok: true, results };
    } catch (error) {
      return { batch: request.batch, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
  }
}

const port = parentPort;
if (port) {
  const worker = new LintWorker(workerData as WorkerSetup);
  port.on('message', (request: BatchRequest) => {
    port.postMessage(worker.handle(request));
  });
}
