/**
 * Worker thread of the extension's Check Workspace (bundled to dist/workspace-worker.js): holds the
 * folder's files, lints the batches the host sends and answers each one. No `vscode` here: worker
 * threads do not get the API, and the engine needs none.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProject } from '../../engine/index';
import { importedModules } from './imports';
import type { BatchReply, BatchRequest, WorkerFileResult, WorkerSetup } from './protocol';

export class LintWorker {
  private readonly project: ReturnType<typeof createProject>;

  constructor(private readonly setup: WorkerSetup) {
    // one project for the whole check, its memory bounded the way the CLI's worker is: the least
    // recently used trees are dropped and rebuilt on demand, cross-file answers are kept
    this.project = createProject({ root: setup.root, maxResidentLines: setup.residentLines });
    for (const file of setup.files) this.project.setFile(file.path, file.text);
  }

  handle(request: BatchRequest): BatchReply {
    try {
      const results: WorkerFileResult[] = [];
      for (const item of request.items) {
        let result;
        if (item.config !== undefined) {
          const config = this.setup.configs[item.config];
          if (!config) throw new Error(`no configuration #${item.config}`);
          result = this.project.lint(item.path, config);
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
