/**
 * Every fix of the coroutine, concurrency and hygiene families, run for real: the
 * fixed program must print what its header expects on CPython 3.8 and 3.13, and the
 * original must not (unless the fix only modernises: `# original: same`).
 */
import { describe, expect, it } from 'vitest';
import { applyRuleFixes, interpreters, readPrograms, runPython } from './programs';

const pythons = interpreters();

describe.skipIf(pythons.length === 0)('fixes run correctly on real CPython', () => {
  for (const program of readPrograms('fix-')) {
    it(`${program.name} (${program.rule})`, async () => {
      const fixed = applyRuleFixes(program);
      expect(fixed.applied, 'at least one fix applied').toBeGreaterThan(0);
      expect(fixed.remaining, `no ${program.rule} finding left after fixing`).toBe(0);
      const expected = program.expect.join('\n') + '\n';
      const runs = await Promise.all(
        pythons.map(async ({ version, exe }) => ({
          version,
          after: await runPython(exe, program.flags, program.name, fixed.text),
          before: await runPython(exe, program.flags, program.name, program.text),
        })),
      );
      let originalDiffered = false;
      for (const { version, after, before } of runs) {
        expect({ version, status: after.status, stdout: after.stdout, stderr: after.status === 0 ? '' : after.stderr }).toEqual({ version, status: 0, stdout: expected, stderr: '' });
        if (before.status !== 0 || before.stdout !== expected) originalDiffered = true;
      }
      if (!program.originalSame) expect(originalDiffered, 'the original program behaves differently (the test can fail)').toBe(true);
    });
  }
});
