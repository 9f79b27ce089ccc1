/**
 * Parity with pyright's `reportUnusedCoroutine` on a corpus seeded with unawaited
 * coroutines (the AIO2xx fixtures and runtime programs): every line pyright reports must
 * be an AIO201 finding of ours. On real code, `scripts/compare-pyright.ts` does the same
 * for CPython's asyncio, its tests and installed asyncio libraries.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import { createProject } from '../../src/engine/index';

const FIXTURES = path.join(__dirname, 'fixtures');
const PROGRAMS = path.join(__dirname, 'runtime', 'programs');

/**
 * Where we deliberately differ (pyright falls back to the undecorated signature when a
 * decorator's type is unknown; we say nothing rather than guess):
 * - `functools.lru_cache` over an `async def` hands out one cached coroutine object, so it is
 *   not treated as a coroutine function;
 * - a decorator imported from a module we cannot see may return anything;
 * - `to_sync` returns `asyncio.run(fn(...))`: the decorated function is synchronous (pyright's
 *   fallback reports it because the wrapper's return type involves an unannotated parameter);
 * - code under `if TYPE_CHECKING:` never runs (rules.md: never flagged).
 */
const KNOWN_DIFFERENCES: readonly { file: string; text: string }[] = [
  { file: 'AIO201.py', text: 'cached()' },
  { file: 'AIO201.py', text: 'wrapped_unknown()' },
  { file: 'AIO201_wrappers.py', text: 'blocking_fetch()' },
  { file: 'AIO201.py', text: 'fetch("typing only")' },
];

/** Each entry is linted as one project: a fixture file, or a fixture folder with all its files. */
function corpus(): { root: string; files: string[] }[] {
  const projects: { root: string; files: string[] }[] = [];
  for (const entry of readdirSync(FIXTURES).filter((e) => e.startsWith('AIO2')).sort()) {
    const full = path.join(FIXTURES, entry);
    if (statSync(full).isDirectory()) {
      const files: string[] = [];
      const walk = (dir: string): void => {
        for (const e of readdirSync(dir)) {
          const f = path.join(dir, e);
          if (statSync(f).isDirectory()) walk(f);
          else if (e.endsWith('.py')) files.push(f);
        }
      };
      walk(full);
      projects.push({ root: full, files });
    } else if (entry.endsWith('.py')) projects.push({ root: FIXTURES, files: [full] });
  }
  for (const entry of readdirSync(PROGRAMS).filter((e) => e.startsWith('fix-AIO2'))) projects.push({ root: PROGRAMS, files: [path.join(PROGRAMS, entry)] });
  return projects;
}

function key(file: string, line: number): string {
  return `${path.relative(__dirname, file).split(path.sep).join('/')}:${line}`;
}

describe('pyright reportUnusedCoroutine parity', () => {
  it('every pyright finding is an AIO201 finding', { timeout: 180_000 }, () => {
    const projects = corpus();
    const ours = new Set<string>();
    for (const project of projects) {
      const lint = createProject({ root: project.root });
      for (const file of project.files) lint.setFile(path.relative(project.root, file).split(path.sep).join('/'), readFileSync(file, 'utf8'));
      for (const file of project.files) {
        const text = readFileSync(file, 'utf8');
        const result = lint.lint(path.relative(project.root, file).split(path.sep).join('/'), { ...DEFAULT_CONFIG, select: ['AIO201'] });
        for (const finding of result.findings) ours.add(key(file, text.slice(0, finding.start).split('\n').length));
      }
    }

    const dir = mkdtempSync(path.join(tmpdir(), 'aiolint-pyright-parity-'));
    const extraPaths = projects.filter((p) => p.root !== FIXTURES && p.root !== PROGRAMS).map((p) => p.root);
    writeFileSync(path.join(dir, 'pyrightconfig.json'), JSON.stringify({ pythonVersion: '3.13', typeCheckingMode: 'basic', reportUnusedCoroutine: 'error', extraPaths }));
    const pyright = path.join(__dirname, '..', '..', 'node_modules', 'pyright', 'index.js');
    const files = projects.flatMap((p) => p.files);
    const run = spawnSync(process.execPath, [pyright, '--outputjson', '-p', path.join(dir, 'pyrightconfig.json'), ...files], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(run.stdout) as { generalDiagnostics: { file: string; rule?: string; range: { start: { line: number } } }[] };
    const theirs = report.generalDiagnostics.filter((d) => d.rule === 'reportUnusedCoroutine');
    expect(theirs.length, 'pyright finds the seeded unawaited coroutines').toBeGreaterThan(20);

    const missed: string[] = [];
    const used = new Set<(typeof KNOWN_DIFFERENCES)[number]>();
    for (const d of theirs) {
      const line = d.range.start.line + 1;
      const text = (readFileSync(d.file, 'utf8').split('\n')[line - 1] ?? '').trim();
      const known = KNOWN_DIFFERENCES.find((k) => path.basename(d.file) === k.file && text.startsWith(k.text));
      if (known && !ours.has(key(d.file, line))) {
        used.add(known);
        continue;
      }
      if (!ours.has(key(d.file, line))) missed.push(`${key(d.file, line)}  ${text}`);
    }
    expect(missed).toEqual([]);
    expect(KNOWN_DIFFERENCES.filter((k) => !used.has(k)), 'stale known differences').toEqual([]);
  });
});
