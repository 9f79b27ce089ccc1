/** How the CLI splits files between worker threads. */
import { describe, expect, it } from 'vitest';
import { balance, balanceContiguous, RESIDENT_LINES } from '../../src/cli/parallel';
import { workerResidentLines } from '../../src/engine/lint-project';

const weight = (item: { lines: number }): number => item.lines;

describe('balanceContiguous', () => {
  it('keeps consecutive files (one package) together in shares of similar weight', () => {
    const files = ['a/1', 'a/2', 'a/3', 'b/1', 'b/2', 'c/1', 'c/2', 'c/3'].map((path) => ({ path, lines: 100 }));
    const shares = balanceContiguous(files, weight, 2);
    expect(shares.map((share) => share.map((file) => file.path))).toEqual([
      ['a/1', 'a/2', 'a/3', 'b/1'],
      ['b/2', 'c/1', 'c/2', 'c/3'],
    ]);
    // every file exactly once, in order
    expect(shares.flat()).toEqual(files);
  });

  it('gives each share about its part of the weight, one share per file at most', () => {
    const files = Array.from({ length: 50 }, (_, i) => ({ lines: ((i * 37) % 17) * 40 + 10 }));
    const total = files.reduce((sum, file) => sum + file.lines, 0);
    const heaviest = Math.max(...files.map((file) => file.lines));
    for (const count of [2, 3, 4, 8]) {
      const shares = balanceContiguous(files, weight, count);
      expect(shares).toHaveLength(count);
      for (const share of shares) expect(Math.abs(share.reduce((sum, file) => sum + file.lines, 0) - total / count)).toBeLessThanOrEqual(heaviest);
    }
    expect(balanceContiguous(files.slice(0, 2), weight, 8)).toHaveLength(2);
    expect(balanceContiguous([], weight, 4)).toEqual([]);
  });

  it('balance (greedy, heaviest first) still splits by weight alone', () => {
    const shares = balance([{ lines: 5 }, { lines: 3 }, { lines: 3 }], weight, 2);
    expect(shares.map((share) => share.map((file) => file.lines))).toEqual([[5], [3, 3]]);
  });
});

describe('workerResidentLines', () => {
  it('shares the resident-lines budget between workers, with a floor', () => {
    expect(workerResidentLines(1)).toBe(RESIDENT_LINES);
    expect(workerResidentLines(2)).toBe(RESIDENT_LINES / 2);
    expect(workerResidentLines(2) * 2).toBeLessThanOrEqual(RESIDENT_LINES);
    expect(workerResidentLines(64)).toBe(25_000);
  });
});
