/**
 * The parity run: for each file, CPython's tree (from the long-lived dumper, or the cache) and
 * ours, compared. CPython answers while we parse and compare: a few requests stay in flight.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodePythonSource, parse } from '../../src/python/index.js';
import { TreeComparer, type DumpHeader, type Mismatch } from './compare.js';
import { CPythonAst, DUMPER_SCRIPT } from './cpython.js';
import { countLines } from '../support/measure.js';

export interface FileOutcome {
  file: string;
  /** set when CPython's ast.parse rejects the file: it is left out of the count */
  skipped?: string;
  /** empty when identical */
  mismatches: Mismatch[];
  /** our parser threw, could not decode, or reported syntax errors on a file CPython accepts */
  failure?: string;
  lines: number;
}

export interface ParityOptions {
  python: string;
  files: string[];
  /** mismatches kept per file */
  limit?: number;
  /** folder for cached CPython dumps (keyed by interpreter version, dumper and file content); null: no cache */
  cacheDir?: string | null;
  /** CPython processes (each takes a core) */
  jobs?: number;
  onOutcome?: (outcome: FileOutcome) => void;
}

/** Every `.py` file under `root` (or `root` itself), sorted, symlinked folders not followed. */
/** Our side for one file: decode as Python does, parse, compare with CPython's tree. */
export function compareWithOurs(comparer: TreeComparer, bytes: Uint8Array, pyTree: unknown): Omit<FileOutcome, 'file'> {
  const decoded = decodePythonSource(bytes);
  if ('error' in decoded) return { mismatches: [], failure: `our decoder failed: ${decoded.error}`, lines: 0 };
  const lines = countLines(decoded.text);
  let result;
  try {
    result = parse(decoded.text);
  } catch (e) {
    return { mismatches: [], failure: `our parser threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, lines };
  }
  let mismatches: Mismatch[];
  try {
    mismatches = comparer.compare(pyTree, result);
  } catch (e) {
    return { mismatches: [], failure: `comparing failed: ${e instanceof Error ? e.message : String(e)}`, lines };
  }
  const firstError = result.errors[0];
  if (firstError) {
    const where = result.lines.positionOf(firstError.start);
    const failure = `our parser reported ${result.errors.length} syntax error(s) on a file CPython accepts; first at ${where.line}:${where.column + 1}: ${firstError.message}`;
    return { mismatches, failure, lines };
  }
  return { mismatches, lines };
}

class DumpCache {
  constructor(
    private readonly dir: string,
    private readonly salt: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  private file(bytes: Uint8Array): string {
    const key = createHash('sha1').update(this.salt).update(bytes).digest('hex');
    return path.join(this.dir, key.slice(0, 2), `${key}.json.gz`);
  }

  get(bytes: Uint8Array): string | null {
    const file = this.file(bytes);
    if (!existsSync(file)) return null;
    try {
      return gunzipSync(readFileSync(file)).toString('utf8');
    } catch {
      return null;
    }
  }

  put(bytes: Uint8Array, raw: string): void {
    const file = this.file(bytes);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, gzipSync(raw, { level: 1 }));
  }
}

interface Fetched {
  file: string;
  bytes: Uint8Array;
  answer: { tree: unknown } | { skip: string } | { error: string };
}

/** Compare every file; resolves to the outcomes in file order. Never throws for a bad file. */
export async function runParity(options: ParityOptions): Promise<FileOutcome[]> {
  const jobs = Math.max(1, options.jobs ?? 1);
  const first = new CPythonAst(options.python);
  const servers = [first, ...Array.from({ length: jobs - 1 }, () => new CPythonAst(options.python))];
  try {
    const header: DumpHeader = await first.header();
    await Promise.all(servers.map((s) => s.header()));
    const cache =
      options.cacheDir === null || options.cacheDir === undefined
        ? null
        : new DumpCache(path.join(options.cacheDir, header.python), `${header.python}\0${readFileSync(DUMPER_SCRIPT, 'utf8')}\0`);
    const comparer = new TreeComparer(header, options.limit ?? 5);
    let turn = 0;
    const fetch = async (file: string): Promise<Fetched> => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        return { file, bytes: new Uint8Array(), answer: { error: `cannot read: ${String(e)}` } };
      }
      const cached = cache?.get(bytes);
      if (cached) return { file, bytes, answer: JSON.parse(cached) as Fetched['answer'] };
      const server = servers[turn++ % servers.length] ?? first;
      try {
        const answer = await server.dumpFile(path.resolve(file));
        cache?.put(bytes, answer.raw);
        return { file, bytes, answer: 'tree' in answer ? { tree: answer.tree } : { skip: answer.skip } };
      } catch (e) {
        return { file, bytes, answer: { error: e instanceof Error ? e.message : String(e) } };
      }
    };
    const window = 8 * jobs;
    const inFlight: Promise<Fetched>[] = [];
    let next = 0;
    const outcomes: FileOutcome[] = [];
    const files = options.files;
    for (let i = 0; i < files.length; i++) {
      for (; next < files.length && next < i + window; next++) inFlight.push(fetch(files[next] ?? ''));
      const fetched = await (inFlight.shift() ?? fetch(files[i] ?? ''));
      let outcome: FileOutcome;
      if ('skip' in fetched.answer) outcome = { file: fetched.file, skipped: fetched.answer.skip, mismatches: [], lines: 0 };
      else if ('error' in fetched.answer) outcome = { file: fetched.file, mismatches: [], failure: `CPython side failed: ${fetched.answer.error}`, lines: 0 };
      else outcome = { file: fetched.file, ...compareWithOurs(comparer, fetched.bytes, fetched.answer.tree) };
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
    return outcomes;
  } finally {
    for (const server of servers) server.close();
  }
}

export function isIdentical(outcome: FileOutcome): boolean {
  return outcome.skipped === undefined && outcome.failure === undefined && outcome.mismatches.length === 0;
}
