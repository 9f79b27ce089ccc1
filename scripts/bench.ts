/**
 * npm run bench -- <folder...> [--rounds N] [--unbundled]
 *
 * Lint throughput against ruff's WebAssembly build, in one process on one thread. Every `.py`
 * file under the folders is read and decoded once; then each round runs
 *   - ours: a fresh project, every file registered (the workspace index sees them all), every
 *     file linted with the default configuration (all default rules, cross-file facts included);
 *   - ruff-wasm: `Workspace.check` on every file with ASYNC, RUF006 and PLE1142 selected.
 * Ours is the esbuild bundle, as the CLI and the extension ship it (`--unbundled`: the sources
 * as tsx loads them, several times slower). A warm-up round of each comes first, then the measured rounds alternate between the two so
 * machine noise hits both alike. Throughput is the line count over the median round.
 * Last lines, exactly:
 *   `lint: <ours> klines/s, ruff-wasm: <theirs> klines/s, ratio <ours/theirs>`
 *   `peak memory: <MB> MB RSS (ours alone: <MB> MB)`
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PositionEncoding, Workspace as RuffWorkspace } from '@astral-sh/ruff-wasm-nodejs';
import { loadEngine, type EngineApi } from './support/bundled-engine.js';
import { countLines, median, pythonFiles } from './support/measure.js';

const RUFF_SELECT = ['ASYNC', 'RUF006', 'PLE1142'];

interface SourceFile {
  /** relative to the first folder's parent, `/` separators */
  registered: string;
  text: string;
  lines: number;
}

function usage(message: string): never {
  console.error(`${message}\nusage: npm run bench -- <folder...> [--rounds N] [--unbundled]`);
  process.exit(2);
}

function loadFiles(folders: string[], { decodePythonSource }: EngineApi): SourceFile[] {
  const files: SourceFile[] = [];
  for (const folder of folders) {
    // a package folder is registered under its own name (`asyncio/tasks.py`), so several folders
    // do not collide; a source root (a standard library, a project) relative to itself
    const isPackage = existsSync(path.join(folder, '__init__.py'));
    const base = isPackage ? path.dirname(path.resolve(folder)) : path.resolve(folder);
    for (const file of pythonFiles(folder)) {
      const decoded = decodePythonSource(readFileSync(file));
      if ('error' in decoded) continue;
      files.push({ registered: path.relative(base, file).split(path.sep).join('/'), text: decoded.text, lines: countLines(decoded.text) });
    }
  }
  return files;
}

/** Our full check; returns the number of findings (so the work cannot be optimised away). */
function runOurs({ createProject, DEFAULT_CONFIG }: EngineApi, files: readonly SourceFile[]): number {
  const project = createProject({});
  for (const file of files) project.setFile(file.registered, file.text);
  let findings = 0;
  for (const file of files) findings += project.lint(file.registered, DEFAULT_CONFIG).findings.length;
  return findings;
}

function runRuff(files: readonly SourceFile[]): number {
  const workspace = new RuffWorkspace({ lint: { select: RUFF_SELECT, preview: true } }, PositionEncoding.Utf16);
  let findings = 0;
  try {
    for (const file of files) {
      try {
        findings += (workspace.check(file.text) as unknown[]).length;
      } catch {
        // ruff refuses some files; the time spent still counts
      }
    }
  } finally {
    workspace.free();
  }
  return findings;
}

function timed(run: () => number): { ms: number; findings: number } {
  const start = performance.now();
  const findings = run();
  return { ms: performance.now() - start, findings };
}

function peakRssMb(): number {
  // maxRSS is in kilobytes
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let rounds = 3;
  let unbundled = false;
  const folders: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--rounds') rounds = Number(args[++i]);
    else if (arg === '--unbundled') unbundled = true;
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else folders.push(arg);
  }
  if (folders.length === 0) usage('expected at least one folder');
  if (!(rounds >= 1)) usage('--rounds takes a positive number');

  const engine = await loadEngine(unbundled);
  console.log(`ours: ${engine.description}`);
  const files = loadFiles(folders, engine);
  const lines = files.reduce((sum, file) => sum + file.lines, 0);
  console.log(`${files.length} files, ${lines} lines; ruff ${RuffWorkspace.version()} with ${RUFF_SELECT.join(', ')}; ${rounds} measured rounds after a warm-up`);

  // ours first, alone, so its own peak memory can be told apart from ruff's
  const warmOurs = timed(() => runOurs(engine, files));
  const oursPeak = peakRssMb();
  const warmRuff = timed(() => runRuff(files));
  console.log(`warm-up: ours ${warmOurs.ms.toFixed(0)} ms (${warmOurs.findings} findings), ruff-wasm ${warmRuff.ms.toFixed(0)} ms (${warmRuff.findings} findings)`);

  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const a = timed(() => runOurs(engine, files));
    const b = timed(() => runRuff(files));
    ours.push(a.ms);
    theirs.push(b.ms);
    console.log(`round ${round + 1}: ours ${a.ms.toFixed(0)} ms, ruff-wasm ${b.ms.toFixed(0)} ms`);
  }
  const oursKlines = lines / median(ours);
  const theirsKlines = lines / median(theirs);
  console.log(`lint: ${oursKlines.toFixed(1)} klines/s, ruff-wasm: ${theirsKlines.toFixed(1)} klines/s, ratio ${(oursKlines / theirsKlines).toFixed(2)}`);
  console.log(`peak memory: ${peakRssMb().toFixed(0)} MB RSS (ours alone: ${oursPeak.toFixed(0)} MB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
