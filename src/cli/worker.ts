/**
 * Worker thread of `aiolint check` (bundled to dist/worker.js): registers every file of the
 * project it is given, lints its share, and answers with the results and each linted file's
 * imports (see parallel.ts for why every worker holds the whole project).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProject } from '../engine/index';
import type { WorkerFileResult, WorkerReply, WorkerRequest } from './parallel';

/**
 * Lints the worker's share with one project, in path order: files of one package reach the same
 * modules, which then stay resident while the trees of files already checked are dropped (the
 * project's `maxResidentLines` bounds the worker's memory).
 */
function run(request: WorkerRequest): WorkerFileResult[] {
  const project = createProject({ root: request.root, maxResidentLines: request.residentLines });
  for (const file of request.files) project.setFile(file.registered, file.text);
  const ordered = [...request.lint].sort((a, b) => (a.registered < b.registered ? -1 : a.registered > b.registered ? 1 : 0));
  const results: WorkerFileResult[] = [];
  for (const item of ordered) {
    const config = request.configs[item.config];
    if (!config) throw new Error(`no configuration #${item.config}`);
    const result = project.lint(item.registered, config);
    let imports: string[] = [];
    try {
      imports = [...(project.workspace.importsOf(item.registered) ?? [])];
    } catch {
      // the model could not be built: lint already reported it as an internal error
    }
    results.push({ result, imports });
  }
  return results;
}

if (parentPort) {
  let reply: WorkerReply;
  try {
    reply = { ok: true, results: run(workerData as WorkerRequest) };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort.postMessage(reply);
}
