import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { pyenvPythons } from './pythons';

describe('pyenvPythons', () => {
  it('finds interpreters that report the minor version they are filed under', () => {
    const pythons = pyenvPythons();
    expect(pythons.size).toBeGreaterThan(0);
    for (const [minor, exe] of pythons) {
      const reported = execFileSync(exe, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).trim();
      expect(reported).toBe(minor);
    }
  });
});
