/**
 * faulthandler's timed dump reads every thread's frames without the GIL and can crash the target when
 * it lands while Python code runs; the watchdog pauses it when the machine (not a GIL holder) kept it
 * from running. These check the decision with the load average and CPU figures given.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE, testedPythons } from './support';

const check = `
import os, sys
sys.path.insert(0, sys.argv[1])
from aiolint_probe.watchdog import _machine_starved
os.getloadavg = lambda: (9.0 * (os.cpu_count() or 1), 0.0, 0.0)
print(_machine_starved(1.0, 0.1), _machine_starved(1.0, 0.9))
os.getloadavg = lambda: (0.1, 0.0, 0.0)
print(_machine_starved(1.0, 0.1))
del os.getloadavg
print(_machine_starved(1.0, 0.1))
`;

for (const { label, exe } of testedPythons()) {
  describe.skipIf(!exe)(`faulthandler pause on CPython ${label}`, () => {
    it('pauses only when the process got little CPU on an overloaded machine', () => {
      const out = execFileSync(exe ?? '', ['-c', check, path.dirname(PROBE)], { encoding: 'utf8' });
      // starved + loaded / a GIL holder used the CPU / machine idle / no load average (Windows)
      expect(out.trim().split(/\r?\n/)).toEqual(['True False', 'False', 'False']);
    });
  });
}
