/* eslint-disable @typescript-eslint/no-non-null-assertion -- indexes are within bounds by construction */
/** Line index over a source string: line starts for \n, \r\n and \r. */
import type { LineIndex } from './ast.js';

function computeStarts(source: string): Int32Array {
  const starts: number[] = [0];
  const len = source.length;
  if (!source.includes('\r')) {
    let i = source.indexOf('\n');
    while (i >= 0) {
      starts.push(i + 1);
      i = source.indexOf('\n', i + 1);
    }
  } else {
    for (let p = 0; p < len; p++) {
      const c = source.charCodeAt(p);
      if (c === 10) starts.push(p + 1);
      else if (c === 13) {
        if (p + 1 < len && source.charCodeAt(p + 1) === 10) p++;
        starts.push(p + 1);
      }
    }
  }
  return Int32Array.from(starts);
}

/** Line starts are computed on first use: many parses never need a position. */
class LineIndexImpl implements LineIndex {
  private source: string;
  private startsCache: Int32Array | null = null;
  private readonly length: number;

  constructor(source: string) {
    this.source = source;
    this.length = source.length;
  }

  private get starts(): Int32Array {
    if (this.startsCache === null) {
      this.startsCache = computeStarts(this.source);
      this.source = '';
    }
    return this.startsCache;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  positionOf(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1]! };
  }

  offsetOf(line: number, column: number): number {
    const s = this.starts;
    const l = Math.min(Math.max(line, 1), s.length);
    return Math.min(s[l - 1]! + Math.max(column, 0), this.length);
  }

  lineStart(line: number): number {
    const s = this.starts;
    const l = Math.min(Math.max(line, 1), s.length);
    return s[l - 1]!;
  }
}

export function createLineIndex(source: string): LineIndex {
  return new LineIndexImpl(source);
}
