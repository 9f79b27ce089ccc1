/**
 * The AIO201 "done when" check: on real asyncio code, every `reportUnusedCoroutine`
 * finding of pyright must also be an AIO201 finding of ours.
 *
 *   npx tsx scripts/compare-pyright.ts [--json out.json] [folder ...]
 *
 * Without folders it uses CPython 3.13's `Lib/asyncio` and `Lib/test/test_asyncio` (from
 * the pyenv interpreter) and, when the system Python has them, the aiohttp, httpx,
 * httpcore, anyio, redis and tornado packages. Each folder is linted as one workspace rooted at its parent (so the package's
 * own imports resolve), and checked by pyright with a generated configuration.
 * Prints per corpus: pyright's count, how many we match, what we miss, AIO201 findings
 * pyright does not have, and our other AIO2xx/AIO3xx counts (for review by hand).
 * Exits 1 when any pyright finding is missed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../src/engine/config';
import { createProject } from '../src/engine/index';
import { defaultPython, python } from '../test/support/pythons';
import { pythonFiles } from './support/measure';

interface Corpus {
  name: string;
  /** the folders to check (each a package or a directory of modules) */
  folders: string[];
  /** the workspace root the folders are registered under */
  root: string;
  /** let pyright import the package being checked (third-party code; the stdlib comes from typeshed) */
  importable?: boolean;
}

interface Location {
  file: string;
  line: number;
  text: string;
}

function pythonPath(exe: string, code: string): string | null {
  try {
    return execFileSync(exe, ['-c', code], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

function defaultCorpora(): Corpus[] {
  const corpora: Corpus[] = [];
  const py313 = python('3.13');
  const stdlib = py313 ? pythonPath(py313, 'import sysconfig; print(sysconfig.get_paths()["stdlib"])') : null;
  if (stdlib) {
    corpora.push({ name: 'CPython 3.13 Lib/asyncio', folders: [path.join(stdlib, 'asyncio')], root: stdlib });
    corpora.push({ name: 'CPython 3.13 Lib/test/test_asyncio', folders: [path.join(stdlib, 'test', 'test_asyncio'), path.join(stdlib, 'asyncio')], root: stdlib });
  }
  // Debian's python3-aiohttp / python3-httpx live with the system interpreter, which may not be first on PATH
  const candidates = [defaultPython(), ...(process.platform === 'win32' ? [] : ['/usr/bin/python3'])];
  for (const pkg of ['aiohttp', 'httpx', 'httpcore', 'anyio', 'redis', 'tornado']) {
    let dir: string | null = null;
    for (const exe of candidates) dir ??= pythonPath(exe, `import ${pkg}, os; print(os.path.dirname(${pkg}.__file__))`);
    if (dir) corpora.push({ name: `${pkg} (system Python)`, folders: [dir], root: path.dirname(dir), importable: true });
  }
  return corpora;
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

interface OurFindings {
  aio201: Location[];
  others: Map<string, Location[]>;
  files: number;
  ms: number;
}

function lintCorpus(corpus: Corpus, checked: readonly string[]): OurFindings {
  const project = createProject({ root: corpus.root });
  const texts = new Map<string, string>();
  for (const folder of corpus.folders) {
    for (const file of pythonFiles(folder)) {
      const rel = relative(corpus.root, file);
      const text = readFileSync(file, 'utf8');
      texts.set(rel, text);
      project.setFile(rel, text);
    }
  }
  const started = Date.now();
  const config = { ...DEFAULT_CONFIG, select: ['AIO2', 'AIO3'] };
  const aio201: Location[] = [];
  const others = new Map<string, Location[]>();
  for (const rel of checked) {
    const text = texts.get(rel);
    if (text === undefined) continue;
    const lines = text.split('\n');
    for (const finding of project.lint(rel, config).findings) {
      const line = text.slice(0, finding.start).split('\n').length;
      const location = { file: rel, line, text: (lines[line - 1] ?? '').trim() };
      if (finding.code === 'AIO201') aio201.push(location);
      else {
        const list = others.get(finding.code) ?? [];
        list.push(location);
        others.set(finding.code, list);
      }
    }
  }
  return { aio201, others, files: checked.length, ms: Date.now() - started };
}

function runPyright(corpus: Corpus, checkedFolder: string): Location[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'aiolint-pyright-'));
  const configFile = path.join(dir, 'pyrightconfig.json');
  // pyright ignores absolute `include` paths: the folder goes on the command line, the settings in the config
  // with the package importable, pyright sees its decorators' real types (tornado's `gen_test` runs the coroutine)
  const extraPaths = corpus.importable ? [corpus.root] : [];
  writeFileSync(configFile, JSON.stringify({ pythonVersion: '3.13', typeCheckingMode: 'basic', reportUnusedCoroutine: 'error', extraPaths }));
  const pyright = path.join(__dirname, '..', 'node_modules', 'pyright', 'index.js');
  const run = spawnSync(process.execPath, [pyright, '--outputjson', '-p', configFile, checkedFolder], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const report = JSON.parse(run.stdout) as { generalDiagnostics: { file: string; rule?: string; range: { start: { line: number } } }[] };
  const locations: Location[] = [];
  for (const d of report.generalDiagnostics) {
    if (d.rule !== 'reportUnusedCoroutine') continue;
    const rel = relative(corpus.root, d.file);
    const lines = readFileSync(d.file, 'utf8').split('\n');
    locations.push({ file: rel, line: d.range.start.line + 1, text: (lines[d.range.start.line] ?? '').trim() });
  }
  return locations;
}

function key(l: Location): string {
  return `${l.file}:${l.line}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const jsonIndex = args.indexOf('--json');
  const jsonOut = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;
  const folders = args.filter((a, i) => !a.startsWith('--') && (jsonIndex < 0 || i !== jsonIndex + 1));
  const corpora: Corpus[] =
    folders.length > 0 ? folders.map((f) => ({ name: f, folders: [path.resolve(f)], root: path.dirname(path.resolve(f)), importable: true })) : defaultCorpora();
  let missedTotal = 0;
  const summary: unknown[] = [];
  for (const corpus of corpora) {
    const checkedFolder = corpus.folders[0] ?? '';
    const checked = pythonFiles(checkedFolder).map((f) => relative(corpus.root, f));
    const ours = lintCorpus(corpus, checked);
    const theirs = runPyright(corpus, checkedFolder);
    const ourKeys = new Set(ours.aio201.map(key));
    const theirKeys = new Set(theirs.map(key));
    const missed = theirs.filter((l) => !ourKeys.has(key(l)));
    const onlyOurs = ours.aio201.filter((l) => !theirKeys.has(key(l)));
    missedTotal += missed.length;
    console.log(`\n## ${corpus.name}: ${ours.files} files, linted in ${ours.ms} ms`);
    console.log(`pyright reportUnusedCoroutine: ${theirs.length}; also AIO201: ${theirs.length - missed.length}; missed: ${missed.length}`);
    for (const m of missed) console.log(`  MISSED ${m.file}:${m.line}  ${m.text}`);
    console.log(`AIO201: ${ours.aio201.length}; not reported by pyright: ${onlyOurs.length}`);
    for (const o of onlyOurs) console.log(`  AIO201 only ${o.file}:${o.line}  ${o.text}`);
    for (const [code, list] of [...ours.others.entries()].sort()) {
      console.log(`${code}: ${list.length}`);
      for (const l of list) console.log(`  ${code} ${l.file}:${l.line}  ${l.text}`);
    }
    summary.push({ corpus: corpus.name, pyright: theirs.length, missed, aio201: ours.aio201.length, onlyOurs, others: Object.fromEntries(ours.others) });
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(summary, null, 2));
  process.exitCode = missedTotal > 0 ? 1 : 0;
}

main();
