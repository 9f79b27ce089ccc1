/* eslint-disable @typescript-eslint/no-non-null-assertion -- line-table and dump indexes are within bounds by construction */
/**
 * Compares our AST with CPython's, as dumped by pyast_dump.py: node kinds, every field CPython
 * has, constant values, and positions (CPython's lines are 1-based, its columns UTF-8 byte
 * offsets; ours are UTF-16 offsets into the source, converted here from the text itself rather
 * than through the parser's own line index, so that index is checked too).
 */
import type { ParseResult } from '../../src/python/index.js';

/** pyast_dump.py's first line: the interpreter version and, per node class, its fields. */
export interface DumpHeader {
  python: string;
  classes: [name: string, fields: string[], hasPositions: boolean][];
}

export interface Mismatch {
  /** like `body[3].value.args[0].col_offset` */
  path: string;
  expected: string;
  got: string;
  /** the 1-based line of the nearest enclosing node CPython gives a position */
  line: number | null;
  /** CPython node kind holding the field, and the field: a category for summaries */
  category: string;
}

/** A path in the tree as a linked list: strings are built only for the few mismatches printed. */
interface PathLink {
  parent: PathLink | null;
  segment: string | number;
}

function pathText(link: PathLink | null): string {
  const parts: (string | number)[] = [];
  for (let l = link; l; l = l.parent) parts.push(l.segment);
  parts.reverse();
  let text = '';
  for (const part of parts) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text || '<module>';
}

/** Offsets (UTF-16) → CPython positions (1-based line, UTF-8 byte column). */
export class Utf8Positions {
  private readonly lineStarts: number[] = [];
  /** per line: 0 unknown, 1 ASCII only, 2 has non-ASCII */
  private readonly lineKind: Uint8Array;
  private lastLine = 0;

  constructor(private readonly source: string) {
    // CPython's tokenizer breaks lines at \n, \r\n and \r only (not at \f, \v or U+2028).
    // A leading BOM is not part of line 1's columns.
    this.lineStarts.push(source.charCodeAt(0) === 0xfeff ? 1 : 0);
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (source.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
    this.lineKind = new Uint8Array(this.lineStarts.length);
  }

  /** 0-based line index of `offset` */
  private lineIndexOf(offset: number): number {
    const starts = this.lineStarts;
    let guess = this.lastLine;
    // trees are mostly visited in source order: try the last line and its neighbour first
    if (starts[guess]! <= offset && (guess + 1 >= starts.length || starts[guess + 1]! > offset)) return guess;
    guess++;
    if (guess < starts.length && starts[guess]! <= offset && (guess + 1 >= starts.length || starts[guess + 1]! > offset)) {
      this.lastLine = guess;
      return guess;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return lo;
  }

  line(offset: number): number {
    return this.lineIndexOf(offset) + 1;
  }

  column(offset: number): number {
    const index = this.lineIndexOf(offset);
    const start = this.lineStarts[index]!;
    if (offset <= start) return offset - start;
    let kind = this.lineKind[index]!;
    if (kind === 0) {
      const end = index + 1 < this.lineStarts.length ? this.lineStarts[index + 1]! : this.source.length;
      kind = 1;
      for (let i = start; i < end; i++) {
        if (this.source.charCodeAt(i) > 0x7f) {
          kind = 2;
          break;
        }
      }
      this.lineKind[index] = kind;
    }
    if (kind === 1) return offset - start;
    return utf8Length(this.source, start, offset);
  }
}

/** UTF-8 length of source[from, to); a lone surrogate counts 3 bytes (as CPython's surrogatepass would). */
export function utf8Length(source: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const next = source.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const POSITION_FIELDS = ['lineno', 'col_offset', 'end_lineno', 'end_col_offset'] as const;

type Tagged = { int: string } | { float: string } | { complex: string; real: string } | { bytes: string } | { ellipsis: 1 } | { other: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pythonFloat(repr: string): number {
  if (repr === 'inf') return Infinity;
  if (repr === '-inf') return -Infinity;
  if (repr === 'nan' || repr === '-nan') return NaN;
  return Number(repr);
}

function pythonInt(hex: string): bigint {
  return hex.startsWith('-') ? -BigInt(hex.slice(1)) : BigInt(hex);
}

/** Short display of a value for a mismatch line. */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) text = '(missing)';
  else if (typeof value === 'bigint') text = `${value}`;
  else if (typeof value === 'number') text = Number.isNaN(value) ? 'nan' : Object.is(value, -0) ? '-0.0' : String(value);
  else if (typeof value === 'string') text = JSON.stringify(value);
  else if (Array.isArray(value)) text = `[${value.length} items]`;
  else if (isRecord(value)) {
    if (typeof value.nodeType === 'string') text = `<${value.nodeType}>`;
    else if (value.pyType === 'bytes' && typeof value.value === 'string') text = `b${JSON.stringify(value.value)}`;
    else if (value.pyType === 'complex') text = `${show(value.imag)}j`;
    else if (value.pyType === 'ellipsis') text = 'Ellipsis';
    else text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  } else if (typeof value === 'boolean' || value === null) text = String(value);
  else text = typeof value;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function showExpected(value: unknown): string {
  if (isRecord(value)) {
    const t = value as Tagged;
    if ('int' in t) return pythonInt(t.int).toString();
    if ('float' in t) return t.float;
    if ('complex' in t) return `${t.complex}j`;
    if ('bytes' in t) return show({ pyType: 'bytes', value: t.bytes });
    if ('ellipsis' in t) return 'Ellipsis';
    if ('other' in t) return t.other;
  }
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  return show(value);
}

function sameConstant(expected: unknown, got: unknown): boolean {
  if (expected === null || typeof expected === 'boolean' || typeof expected === 'string') return expected === got;
  if (!isRecord(expected)) return false;
  const t = expected as Tagged;
  if ('int' in t) return typeof got === 'bigint' && got === pythonInt(t.int);
  if ('float' in t) return typeof got === 'number' && Object.is(got, pythonFloat(t.float));
  if ('complex' in t) {
    return isRecord(got) && got.pyType === 'complex' && typeof got.imag === 'number' && Object.is(got.imag, pythonFloat(t.complex)) && pythonFloat(t.real) === 0;
  }
  if ('bytes' in t) return isRecord(got) && got.pyType === 'bytes' && got.value === t.bytes;
  if ('ellipsis' in t) return isRecord(got) && got.pyType === 'ellipsis';
  return false;
}

/** A CPython node is an array whose first item is its class index; a list's first item never is a number. */
function isPyNode(value: unknown): value is unknown[] {
  return Array.isArray(value) && typeof value[0] === 'number';
}

export class TreeComparer {
  private readonly mismatches: Mismatch[] = [];
  private positions!: Utf8Positions;

  constructor(
    private readonly header: DumpHeader,
    private readonly limit: number,
  ) {}

  /** Compare a whole module; returns at most `limit` mismatches, in tree order. */
  compare(pyTree: unknown, result: ParseResult): Mismatch[] {
    this.mismatches.length = 0;
    this.positions = new Utf8Positions(result.source);
    try {
      this.node(pyTree, result.module, null, null);
    } catch (e) {
      if (!(e instanceof LimitReached)) throw e;
    }
    return [...this.mismatches];
  }

  private report(path: PathLink | null, expected: string, got: string, line: number | null, category: string): void {
    this.mismatches.push({ path: pathText(path), expected, got, line, category });
    if (this.mismatches.length >= this.limit) throw new LimitReached();
  }

  private node(py: unknown, ours: unknown, path: PathLink | null, line: number | null): void {
    const row = this.header.classes[(py as number[])[0]!];
    if (!row) throw new Error(`unknown class index in CPython dump: ${String((py as unknown[])[0])}`);
    const [kind, fields, hasPositions] = row;
    const pyNode = py as unknown[];
    if (!isRecord(ours) || ours.nodeType !== kind) {
      const got = isRecord(ours) && typeof ours.nodeType === 'string' ? ours.nodeType : show(ours);
      const at = hasPositions && typeof pyNode[1] === 'number' ? pyNode[1] : line;
      this.report(path === null ? { parent: null, segment: 'nodeType' } : path, kind, got, at, `node kind (CPython: ${kind}, ours: ${got})`);
      return;
    }
    let next = 1;
    if (hasPositions) {
      const lineno = pyNode[1];
      if (typeof lineno === 'number') line = lineno;
      const start = ours.start;
      const end = ours.end;
      if (typeof start !== 'number' || typeof end !== 'number') {
        this.report({ parent: path, segment: 'start' }, 'a position', `${show(start)}..${show(end)}`, line, `${kind}.position`);
      } else {
        const p = this.positions;
        const got = [p.line(start), p.column(start), p.line(end), p.column(end)];
        for (let i = 0; i < 4; i++) {
          const expected = pyNode[1 + i];
          if (typeof expected === 'number' && expected !== got[i]) {
            this.report({ parent: path, segment: POSITION_FIELDS[i]! }, String(expected), String(got[i]), line, `${kind}.${POSITION_FIELDS[i]!}`);
          }
        }
      }
      next = 5;
    }
    const isConstantHolder = kind === 'Constant' || kind === 'MatchSingleton';
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f]!;
      const expected = pyNode[next + f];
      const got = ours[field];
      const link: PathLink = { parent: path, segment: field };
      if (isConstantHolder && field === 'value') {
        if (!sameConstant(expected, got)) this.report(link, showExpected(expected), show(got), line, `${kind}.value`);
      } else {
        this.value(expected, got, link, line, kind, field);
      }
    }
  }

  private value(expected: unknown, got: unknown, path: PathLink, line: number | null, kind: string, field: string): void {
    if (isPyNode(expected)) {
      this.node(expected, got, path, line);
    } else if (Array.isArray(expected)) {
      if (!Array.isArray(got)) {
        this.report(path, `[${expected.length} items]`, show(got), line, `${kind}.${field}`);
        return;
      }
      const n = Math.min(expected.length, got.length);
      for (let i = 0; i < n; i++) this.value(expected[i], got[i], { parent: path, segment: i }, line, kind, field);
      if (expected.length !== got.length) {
        this.report({ parent: path, segment: 'length' }, String(expected.length), String(got.length), line, `${kind}.${field}.length`);
      }
    } else if (expected !== got) {
      // strings (names, operators, contexts), small ints (level, conversion, ...), None
      this.report(path, showExpected(expected), show(got), line, `${kind}.${field}`);
    }
  }
}

/** Thrown to stop the walk once enough mismatches are collected. */
class LimitReached extends Error {}
