import { describe, expect, it } from 'vitest';
import { parse, type ConstantValue } from '../../../src/python/index.js';

function constant(src: string): ConstantValue {
  const r = parse(src);
  expect(r.errors).toEqual([]);
  const s = r.module.body[0];
  if (s?.nodeType !== 'Expr' || s.value.nodeType !== 'Constant') throw new Error(`not a constant: ${src}`);
  return s.value.value;
}

describe('numbers', () => {
  it.each([
    ['0', 0n],
    ['00', 0n],
    ['1_000_000', 1000000n],
    ['0xdead_BEEF', 0xdeadbeefn],
    ['0o777', 511n],
    ['0B1010', 10n],
    ['123456789012345678901234567890', 123456789012345678901234567890n],
  ])('int %s', (src, value) => {
    expect(constant(src)).toBe(value);
  });

  it.each([
    ['1.5', 1.5],
    ['1.', 1],
    ['.5', 0.5],
    ['1e10', 1e10],
    ['1_0.0_1e-1_0', 10.01e-10],
    ['1e400', Infinity],
    ['0.1', 0.1],
    ['2.2250738585072014e-308', 2.2250738585072014e-308],
  ])('float %s', (src, value) => {
    expect(constant(src)).toBe(value);
  });

  it('imaginary literals', () => {
    expect(constant('3j')).toEqual({ pyType: 'complex', imag: 3 });
    expect(constant('1.5e3J')).toEqual({ pyType: 'complex', imag: 1500 });
  });

  it('leading zeros and hex floats are errors', () => {
    expect(parse('x = 0777').errors.length).toBe(1);
    expect(parse('x = 0x1.5').errors.length).toBeGreaterThan(0);
  });
});

describe('strings', () => {
  it('escapes are decoded like CPython', () => {
    expect(constant(String.raw`'\a\b\f\n\r\t\v\\\'\"'`)).toBe('\x07\b\f\n\r\t\v\\\'"');
    expect(constant(String.raw`'\x41\101\u00e9\U0001F600'`)).toBe('AAé😀');
    expect(constant(String.raw`'\N{EM DASH}\N{latin small letter a}\N{CJK UNIFIED IDEOGRAPH-8000}'`)).toBe('—a\u8000');
    expect(constant(String.raw`'\q\8'`)).toBe('\\q\\8');
    expect(constant("'a\\\nb'")).toBe('ab');
  });

  it('raw strings keep backslashes', () => {
    expect(constant(String.raw`r'\n\''`)).toBe("\\n\\'");
    expect(constant(String.raw`R"\d+"`)).toBe('\\d+');
  });

  it('bytes hold one char per byte', () => {
    expect(constant(String.raw`b'\x00\xff\777a'`)).toEqual({ pyType: 'bytes', value: '\x00\xff\xffa' });
    expect(constant(String.raw`Rb'\x00'`)).toEqual({ pyType: 'bytes', value: '\\x00' });
    expect(parse("b'é'").errors.length).toBe(1);
  });

  it('implicit concatenation merges, u-prefix gives kind u', () => {
    const r = parse("u'a' 'b'\n'c' u'd'\n");
    const [a, b] = r.module.body;
    if (a?.nodeType !== 'Expr' || a.value.nodeType !== 'Constant' || b?.nodeType !== 'Expr' || b.value.nodeType !== 'Constant') throw new Error('constants expected');
    expect(a.value).toMatchObject({ value: 'ab', kind: 'u', start: 0, end: 8 });
    expect(b.value).toMatchObject({ value: 'cd', kind: null });
    expect(parse("b'a' 'b'").errors[0]?.message).toContain('bytes');
  });

  it('triple-quoted strings normalize line breaks', () => {
    expect(constant("'''a\r\nb\rc'''")).toBe('a\nb\nc');
  });

  it('bad escapes are reported', () => {
    expect(parse(String.raw`'\x4'`).errors.length).toBe(1);
    expect(parse(String.raw`'\N{NO SUCH NAME}'`).errors.length).toBe(1);
  });
});

describe('f-strings', () => {
  it('nested quotes, nested f-strings, doubled braces', () => {
    const r = parse(`f"{'a' + "b"}{f'{x:{y}}'}{{}}"`);
    expect(r.errors).toEqual([]);
  });

  it('errors in f-strings are reported', () => {
    expect(parse('f"{}"').errors.length).toBe(1);
    expect(parse('f"{x!z}"').errors.length).toBe(1);
    expect(parse('f"}"').errors.length).toBe(1);
  });
});
