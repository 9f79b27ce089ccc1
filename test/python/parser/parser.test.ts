import { describe, expect, it } from 'vitest';
import { parse, type AnyExpr, type AnyStmt } from '../../../src/python/index.js';
import { EXPRESSIONS, STATEMENTS } from './cpython-expectations.js';
import { dump } from './dump.js';

function expr(src: string): AnyExpr {
  const r = parse(src);
  expect(r.errors).toEqual([]);
  const s = r.module.body[0];
  if (s?.nodeType !== 'Expr') throw new Error(`not an expression: ${src}`);
  return s.value;
}

function only<T>(list: T[]): T {
  const [first] = list;
  if (list.length !== 1 || first === undefined) throw new Error(`expected one element, got ${list.length}`);
  return first;
}

function stmts(src: string): AnyStmt[] {
  const r = parse(src);
  expect(r.errors).toEqual([]);
  return r.module.body;
}

describe('parser matches CPython 3.13 (recorded dumps)', () => {
  it.each(EXPRESSIONS)('expression %j', (src, expected) => {
    expect(dump(expr(src))).toBe(expected);
  });
  it.each(STATEMENTS)('statements %j', (src, expected) => {
    const body = stmts(src);
    const only = body.length === 1 ? body[0] : undefined;
    expect(only?.nodeType === 'Expr' ? dump(only.value) : '[' + body.map(dump).join(', ') + ']').toBe(expected);
  });
});

describe('positions', () => {
  const at = (src: string, node: { start: number; end: number }): string => src.slice(node.start, node.end);

  it('a rule spans from its first token, parentheses included', () => {
    const src = '(a + b) * c';
    const e = expr(src);
    expect(at(src, e)).toBe('(a + b) * c');
    if (e.nodeType !== 'BinOp') throw new Error('BinOp expected');
    expect(at(src, e.left)).toBe('a + b');
  });

  it('parenthesized tuples include their parentheses, bare ones do not', () => {
    const src = 'x = (1, 2); y = 1, 2,';
    const [a, b] = stmts(src);
    if (a?.nodeType !== 'Assign' || b?.nodeType !== 'Assign') throw new Error('Assign expected');
    expect(at(src, a.value)).toBe('(1, 2)');
    expect(at(src, b.value)).toBe('1, 2,');
  });

  it('a generator as sole argument takes the call parentheses', () => {
    const src = 'f(x for x in y)';
    const e = expr(src);
    if (e.nodeType !== 'Call') throw new Error('Call expected');
    expect(e.args.map((a) => at(src, a))).toEqual(['(x for x in y)']);
  });

  it('decorated definitions start at def; blocks end at their last token, `;` included', () => {
    const src = '@d\ndef f():\n    return 1;\n\n# trailing\n';
    const f = only(stmts(src));
    expect(at(src, f)).toBe('def f():\n    return 1;');
  });

  it('f-string parts: literal text, replacement fields, debug text, format specs', () => {
    const src = 'f"a{x!r:>{w}}b" "c" f"{y=}"';
    const e = expr(src);
    if (e.nodeType !== 'JoinedStr') throw new Error('JoinedStr expected');
    expect(e.values.map((v) => at(src, v))).toEqual(['a', '{x!r:>{w}}', 'b" "c" f"{y=', '{y=}']);
    const fv = e.values[1];
    if (fv?.nodeType !== 'FormattedValue' || fv.format_spec === null) throw new Error('format spec expected');
    expect(at(src, fv.format_spec)).toBe(':>{w}');
  });

  it('offsets skip a BOM and count UTF-16 units', () => {
    const src = '\uFEFFx = "é😀"; y';
    const r = parse(src);
    expect(r.errors).toEqual([]);
    const y = only(r.module.body.slice(1));
    expect(at(src, y)).toBe('y');
    expect(r.lines.positionOf(y.start)).toEqual({ line: 1, column: 12 });
  });
});

describe('soft keywords and newer syntax', () => {
  it('match/case/type/_ stay ordinary names outside their statements', () => {
    const body = stmts('match = case = type = _ = 1\nmatch.x(type)\nprint(match, case)\n');
    expect(body.map((s) => s.nodeType)).toEqual(['Assign', 'Expr', 'Expr']);
  });

  it('t-strings give TemplateStr with Interpolation (3.14)', () => {
    const src = 't"hi {name!r:>5} {x}"';
    const e = expr(src);
    expect(e.nodeType).toBe('TemplateStr');
    if (e.nodeType !== 'TemplateStr') return;
    const i = e.values[1];
    if (i?.nodeType !== 'Interpolation') throw new Error('Interpolation expected');
    expect(i.str).toBe('name');
    expect(i.conversion).toBe(114);
  });

  it('except without parentheses (3.14)', () => {
    const [t] = stmts('try:\n    pass\nexcept A, B:\n    pass\n');
    if (t?.nodeType !== 'Try') throw new Error('Try expected');
    expect(t.handlers[0]?.type?.nodeType).toBe('Tuple');
  });

  it('tabs and form feeds in indentation, CR and CRLF line ends', () => {
    expect(stmts('if x:\n\tif y:\n\t\tpass\n\telse:\n\f\t\tpass\n').length).toBe(1);
    const body = stmts('a = 1\r\nif a:\r    b = """x\r\ny"""\r\n');
    const inner = body[1];
    if (inner?.nodeType !== 'If') throw new Error('If expected');
    const assign = inner.body[0];
    if (assign?.nodeType !== 'Assign' || assign.value.nodeType !== 'Constant') throw new Error('Assign expected');
    expect(assign.value.value).toBe('x\ny');
  });

  it('line continuations', () => {
    const body = stmts('x = 1 + \\\n    2\nassert x, \\\n  "m"\n');
    expect(body.map((s) => s.nodeType)).toEqual(['Assign', 'Assert']);
  });
});
