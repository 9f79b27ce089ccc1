/**
 * Regression: a blocking line hit several times must be reported that many times, also when the
 * blocks come close together or one right after another block in the same step (the probe used to
 * fold the second block of a step into the first: demo/profile_me.py's sleep showed up 1× of 3).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/profiler/profile';
import { runProbe, testedPythons, type ProbeRun } from './support';

const PROGRAMS = path.join(import.meta.dirname, 'programs');
const PROGRAM = path.join(PROGRAMS, 'repeated_blocks.py');

function line(marker: string): number {
  const index = readFileSync(PROGRAM, 'utf8').split('\n').findIndex((l) => l.includes(`# ${marker}`));
  if (index < 0) throw new Error(`no marker ${marker}`);
  return index + 1;
}

function blockAt(profile: Profile, marker: string): Profile['blocks'][number] {
  const at = line(marker);
  const block = profile.blocks.find((b) => b.file === PROGRAM && b.line === at);
  const seen = JSON.stringify(profile.blocks.map((b) => [b.line, b.count, b.maxMs]));
  expect(block, `${marker} at line ${String(at)} in ${seen}`).toBeDefined();
  return block as Profile['blocks'][number];
}

for (const { label, exe } of testedPythons()) {
  describe.skipIf(!exe)(`repeated blocks on CPython ${label}`, () => {
    let run: ProbeRun;
    beforeAll(async () => {
      run = await runProbe(exe as string, [PROGRAM], { cwd: PROGRAMS });
    }, 60_000);

    it('runs the program unchanged', () => {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('repeated done\n');
    });

    it('counts three sleeps at one line separated by short awaits as three blocks', () => {
      const block = blockAt(run.profile, 'SLEEP-REPEAT');
      expect(block.count).toBe(3);
      // each is a 150 ms sleep: none merged with another, none cut short
      expect(block.totalMs / block.count).toBeGreaterThanOrEqual(100);
      expect(block.maxMs).toBeGreaterThanOrEqual(100);
      expect(block.maxMs).toBeLessThan(300);
    });

    it('reports a block that follows another in the same step at its own line', () => {
      const cpu = blockAt(run.profile, 'CPU');
      const sleep = blockAt(run.profile, 'AFTER-CPU');
      expect(cpu.count).toBe(3);
      expect(sleep.count).toBe(3);
      // durations are shared out by samples: bounds stay loose, but neither swallows the other
      for (const block of [cpu, sleep]) expect(block.totalMs / block.count).toBeGreaterThanOrEqual(50);
    });
  });
}
