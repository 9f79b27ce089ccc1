/**
 * Worker thread of `aiolint check` (bundled to dist/worker.js): registers every file of the
 * project it is given, lints its share, and answers with the results and each linted file's
 * imports (see parallel.ts for why every worker holds the whole project).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createProject } from '../engine/index';
import { RESIDENT_LINES } from './real-engine';
import type { WorkerFileResult, WorkerReply, WorkerRequest } from './parallel';

/**
 * Text (in UTF-16 code units, about 40 per line) a worker lints with one project before starting
 * a fresh one. The workspace index keeps every module it parsed; starting over bounds a worker's
 * memory to a chunk and the modules it reaches, at the price of parsing shared modules once per
 * chunk.
 */
const CHUNK_CHARS = 6_000_000;

function chunks(request: WorkerRequest): WorkerRequest['lint'][] {
  const sizes = new Map(request.files.map((file) => [file.registered, file.text.length]));
  const result: WorkerRequest['lint'][] = [];
  let current: WorkerRequest['lint'] = [];
  let size = 0;
  // in path order: files of one package reach the same modules, so a chunk parses them once
  const ordered = [...request.lint].sort((a, b) => (a.registered < b.registered ? -1 : a.registered > b.registered ? 1 : 0));
  for (const item of ordered) {
    const length = sizes.get(item.registered) ?? 0;
    if (current.length > 0 && size + length > CHUNK_CHARS) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += length;
  }
  if (current.length > 0) result.push(current);
  return result;
}

function run(request: WorkerRequest): WorkerFileResult[] {
  const results: WorkerFileResult[] = [];
  for (const chunk of chunks(request)) lintChunk(request, chunk, results);
  return results;
}

function lintChunk(request: WorkerRequest, chunk: WorkerRequest['lint'], results: WorkerFileResult[]): void {
  const project = createProject({ root: request.root, maxResidentLines: RESIDENT_LINES });
  for (const file of request.files) project.setFile(file.registered, file.text);
  for (const item of chunk) {
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
