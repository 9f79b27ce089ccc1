/**
 * "Limit concurrency with asyncio.Semaphore" (AIO301–AIO303), run for real: each
 * fan-out program is fixed with a limit of 4, then run on CPython 3.8 and 3.13. At most
 * 4 coroutines may run at once, and the results keep their values (and their order,
 * for gather and for tasks awaited in order). The original must exceed the limit.
 */
import { describe, expect, it } from 'vitest';
import { applyRuleFixes, compiles, interpreters, readPrograms, runPython } from './programs';

const LIMIT = 4;
const pythons = interpreters();
const EXPECTED = Array.from({ length: 30 }, (_, i) => i * 2);

function parse(stdout: string): { peak: number; results: number[] } {
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { peak: number; results: number[] };
}

describe.skipIf(pythons.length === 0)('the Semaphore fix bounds concurrency on real CPython', () => {
  for (const program of readPrograms('fanout-')) {
    it(`${program.name} (${program.rule})`, async () => {
      const fixed = applyRuleFixes(program, { concurrencyLimit: LIMIT });
      expect(fixed.applied).toBeGreaterThan(0);
      expect(fixed.remaining).toBe(0);
      expect(fixed.text).toContain(`Semaphore(${LIMIT})`);
      const runs = await Promise.all(
        pythons.map(async ({ version, exe }) => ({
          version,
          valid: compiles(exe, fixed.text),
          before: await runPython(exe, [], program.name, program.text),
          after: await runPython(exe, [], program.name, fixed.text),
        })),
      );
      for (const { version, valid, before, after } of runs) {
        expect(valid, `valid Python ${version}`).toBe(true);
        expect(before.status, before.stderr).toBe(0);
        expect(parse(before.stdout).peak, `the original runs more than ${LIMIT} at once (${version})`).toBeGreaterThan(LIMIT);
        expect(after.status, after.stderr).toBe(0);
        const { peak, results } = parse(after.stdout);
        expect(peak, `peak concurrency on ${version}`).toBeLessThanOrEqual(LIMIT);
        expect(peak).toBeGreaterThan(0);
        if (program.fanout === 'ordered') expect(results).toEqual(EXPECTED);
        else expect([...results].sort((a, b) => a - b)).toEqual(EXPECTED);
      }
    });
  }
});
