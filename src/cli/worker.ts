/**
 * Worker thread of `aiolint check` (bundled to dist/worker.js): registers every file of the
 * project it is given, lints its share, and answers with the results and each linted file's
 * imports (see parallel.ts for why every worker holds the whole project).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProject } from '../engine/index';
import type { WorkerFileResult, WorkerReply, WorkerRequest } from './parallel';

function run(request: WorkerRequest): WorkerFileResult[] {
  const project = createProject({ root: request.root });
  for (const file of request.files) project.setFile(file.registered, file.text);
  const results: WorkerFileResult[] = [];
  for (const item of request.lint) {
    const config = request.configs[item.config];
    if (!config) throw new Error(`no configuration #${item.config}`);
    const result = project.lint(item.registered, config);
    let imports: string[] = [];
    try {
      imports = [...(project.workspace.modelOf(item.registered)?.importedModules ?? [])];
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
