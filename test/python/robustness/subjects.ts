/**
 * The files the robustness tests damage: ~30 modules of the CPython 3.13 standard library (found
 * through pyenv at test time) and the parity corpus, each with its intact parse, its parse time
 * and a seeded choice of top-level definition to damage.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePythonSource, parse, type AnyStmt, type ParseResult } from '../../../src/python/index.js';
import { pythonFiles } from '../../../scripts/support/measure.js';
import { python } from '../../support/pythons.js';
import { pick, prng, roughTokens, seedOf, type RoughToken } from './damage.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const STDLIB_SAMPLE = 30;

function stdlibFiles(count: number): string[] {
  const exe = python('3.13');
  if (exe === null) throw new Error('CPython 3.13 from pyenv is needed to find the standard library sample');
  const stdlib = execFileSync(exe, ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  const candidates = readdirSync(stdlib)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => path.join(stdlib, f))
    .filter((f) => {
      const size = statSync(f).size;
      return size >= 4_000 && size <= 40_000;
    });
  const step = candidates.length / count;
  return Array.from({ length: Math.min(count, candidates.length) }, (_, i) => candidates[Math.floor(i * step)]).filter((f): f is string => f !== undefined);
}

export interface Subject {
  name: string;
  source: string;
  intact: ParseResult;
  intactMs: number;
  tokens: RoughToken[];
  /** a multi-line top-level def or class with statements after it, where damage goes */
  target: { index: number; stmt: AnyStmt } | null;
}

export function timed(text: string): { result: ParseResult; ms: number } {
  const started = performance.now();
  const result = parse(text);
  return { result, ms: performance.now() - started };
}

function load(file: string, base: string, timing: boolean): Subject | null {
  const decoded = decodePythonSource(readFileSync(file));
  if ('error' in decoded) return null;
  const source = decoded.text;
  if (timing) parse(source); // warm-up
  let best = timed(source);
  for (let i = 0; timing && i < 2; i++) {
    const again = timed(source);
    if (again.ms < best.ms) best = again;
  }
  const body = best.result.module.body;
  const random = prng(seedOf(path.basename(file)));
  const candidates = body
    .map((stmt, index) => ({ stmt, index }))
    .filter(({ stmt, index }) => {
      if (index >= body.length - 1) return false;
      if (stmt.nodeType !== 'FunctionDef' && stmt.nodeType !== 'AsyncFunctionDef' && stmt.nodeType !== 'ClassDef') return false;
      return source.slice(stmt.start, stmt.end).includes('\n') || source.slice(stmt.start, stmt.end).includes('\r');
    });
  return {
    name: path.relative(base, file),
    source,
    intact: best.result,
    intactMs: best.ms,
    tokens: roughTokens(source),
    target: pick(random, candidates) ?? null,
  };
}


/** Every subject, loaded once per test file; `timing`: measure the intact parse (best of three after a warm-up). */
export function loadSubjects(timing = true): Subject[] {
  const subjects: Subject[] = [];
  const stdlib = stdlibFiles(STDLIB_SAMPLE);
  const stdlibRoot = stdlib[0] ? path.dirname(stdlib[0]) : '';
  for (const file of stdlib) {
    const s = load(file, stdlibRoot, timing);
    if (s) subjects.push({ ...s, name: `stdlib/${s.name}` });
  }
  const corpusDir = path.join(here, '..', 'corpus');
  for (const file of pythonFiles(corpusDir)) {
    const s = load(file, corpusDir, timing);
    if (s) subjects.push({ ...s, name: `corpus/${s.name}` });
  }
  return subjects;
}
