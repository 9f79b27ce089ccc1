/**
 * AIO302's "Process with a bounded asyncio.Queue worker pool" fix, run for real: each
 * `pool-` program is fixed with that alternative (not the Semaphore fix) at a limit of 4
 * and run on CPython 3.8 and 3.13. The original must run more than 4 at once; the fixed
 * one at most 4, and every item must still be processed (and a failing item's error
 * still raised, after the others ran).
 */
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../../src/engine/apply-fixes';
import { DEFAULT_CONFIG } from '../../../src/engine/config';
import { createProject } from '../../../src/engine/lint-project';
import { compiles, interpreters, readPrograms, runPython } from './programs';

const LIMIT = 4;
const pythons = interpreters();

function parse(stdout: string): { peak: number; results: number[]; error?: string } {
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { peak: number; results: number[]; error?: string };
}

function applyWorkerPool(name: string, text: string): string {
  const project = createProject({});
  project.setFile(name, text);
  const findings = project.lint(name, { ...DEFAULT_CONFIG, select: ['AIO302'], concurrencyLimit: LIMIT }).findings;
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  const pool = finding?.alternatives?.[0];
  if (!finding || !pool) throw new Error(`${name}: no worker-pool fix offered`);
  return applyFixes(text, [{ ...finding, fix: pool }], { unsafe: true }).text;
}

describe.skipIf(pythons.length === 0)('the worker-pool fix bounds concurrency on real CPython', () => {
  for (const program of readPrograms('pool-')) {
    it(program.name, async () => {
      const fixed = applyWorkerPool(program.name, program.text);
      expect(fixed).toContain(`for _ in range(${LIMIT})`);
      const runs = await Promise.all(
        pythons.map(async ({ version, exe }) => ({
          version,
          valid: compiles(exe, fixed),
          before: await runPython(exe, [], program.name, program.text),
          after: await runPython(exe, [], program.name, fixed),
        })),
      );
      const failing = program.name.includes('error');
      const expected = Array.from({ length: 30 }, (_, i) => i * 2).filter((v) => !failing || v !== 14);
      for (const { version, valid, before, after } of runs) {
        expect(valid, `valid Python ${version}`).toBe(true);
        expect(before.status, before.stderr).toBe(0);
        expect(parse(before.stdout).peak, `the original runs more than ${LIMIT} at once (${version})`).toBeGreaterThan(LIMIT);
        expect(after.status, after.stderr).toBe(0);
        const { peak, results, error } = parse(after.stdout);
        expect(peak, `peak concurrency on ${version}`).toBeLessThanOrEqual(LIMIT);
        expect(peak).toBeGreaterThan(0);
        expect([...results].sort((a, b) => a - b), `every item processed on ${version}`).toEqual(expected);
        if (failing) expect(error).toBe('item 7');
        expect(after.stderr, `no never-awaited or destroyed-pending warnings on ${version}`).not.toMatch(/never awaited|Task was destroyed/);
      }
    });
  }
});
