import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/python/index.js';

const names = (src: string): string[] =>
  parse(src).module.body.map((s) => ('name' in s && typeof s.name === 'string' ? s.name : s.nodeType));

describe('error recovery', () => {
  it('records the error and keeps the statements around it', () => {
    const r = parse('a = 1\nb = = 2\nc = 3\n');
    expect(r.errors.length).toBe(1);
    expect(r.errors.map((e) => r.lines.lineOf(e.start))).toEqual([2]);
    expect(r.module.body.map((s) => s.nodeType)).toEqual(['Assign', 'Assign']);
  });

  it('an unclosed bracket does not swallow the following definitions', () => {
    const src = 'x = foo(1,\n\ndef f():\n    return 2\n\nclass C:\n    pass\n';
    const r = parse(src);
    expect(r.errors[0]?.message).toContain('never closed');
    expect(names(src)).toEqual(['f', 'C']);
  });

  it('an unclosed bracket inside a function stops at the next statement keyword', () => {
    const src = 'def f():\n    x = [1, 2\n    return x\n\ndef g():\n    pass\n';
    const r = parse(src);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(names(src)).toEqual(['f', 'g']);
  });

  it('an unterminated string or f-string ends at the line end', () => {
    expect(names('x = "abc\ndef f(): pass\n')).toEqual(['Assign', 'f']);
    expect(parse('x = "abc\ndef f(): pass\n').errors[0]?.message).toContain('unterminated');
    for (const src of ['x = f"abc{y\ndef f(): pass\n', 'x = f"abc\ndef f(): pass\n', 'print(f"{x\ndef f(): pass\n']) {
      expect(parse(src).errors.length).toBeGreaterThan(0);
      expect(names(src).at(-1)).toBe('f');
    }
    expect(parse('x = """abc\n').errors[0]?.message).toContain('unterminated');
  });

  it('a broken block header keeps the block body', () => {
    const r = parse('if x ==:\n    y = 1\nz = 2\n');
    expect(r.errors.length).toBe(1);
    expect(r.module.body.map((s) => s.nodeType)).toEqual(['Assign', 'Assign']);
  });

  it('a missing indented block and an unexpected indent are reported', () => {
    const r1 = parse('def f():\nx = 1\n');
    expect(r1.errors[0]?.message).toContain('indented block');
    expect(r1.module.body.map((s) => s.nodeType)).toEqual(['FunctionDef', 'Assign']);
    const r2 = parse('x = 1\n    y = 2\nz = 3\n');
    expect(r2.errors[0]?.message).toContain('unexpected indent');
    expect(r2.module.body.length).toBe(3);
  });

  it('half-written code in an editor', () => {
    const src = 'async def main():\n    await asyncio.sleep(\n\nasync def other():\n    x = await \n    return x.\n';
    const r = parse(src);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(names(src)).toEqual(['main', 'other']);
  });

  it('deep nesting is an error, not a crash', () => {
    const r = parse('x = ' + '('.repeat(5000) + ')'.repeat(5000) + '\ny = 1\n');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.module.body.at(-1)?.nodeType).toBe('Assign');
    expect(parse('x = ' + '-'.repeat(20000) + '1').errors.length).toBeGreaterThan(0);
    expect(parse('x = ' + 'not '.repeat(20000) + '1').errors.length).toBeGreaterThan(0);
  });

  it('never throws on junk', () => {
    const pieces = ['(', ')', '[', ']', '{', '}', ':', '\n', '    ', 'def', 'f"', '{', '"', "'''", 'x', '=', 'lambda', '*', '**', ',', 'match', 'case', '\\', '#', 'async', '@', '\t', '\r'];
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      let src = '';
      const n = rand(60);
      for (let k = 0; k < n; k++) src += (pieces[rand(pieces.length)] ?? '') + (rand(3) === 0 ? ' ' : '');
      expect(() => parse(src)).not.toThrow();
    }
  });
});

describe('broken definition headers', () => {
  it('keep the function or class and its body', () => {
    const r = parse('async def f(a, = 1):\n    await g()\n\nclass C(:\n    x = 1\n');
    expect(r.errors.length).toBeGreaterThanOrEqual(2);
    const [f, c] = r.module.body;
    expect(f?.nodeType).toBe('AsyncFunctionDef');
    expect(c?.nodeType).toBe('ClassDef');
    if (f?.nodeType !== 'AsyncFunctionDef' || c?.nodeType !== 'ClassDef') return;
    expect(f.name).toBe('f');
    expect(f.body.map((s) => s.nodeType)).toEqual(['Expr']);
    expect(c.body.map((s) => s.nodeType)).toEqual(['Assign']);
  });
});

describe('errors CPython reports that are easy to miss', () => {
  it.each(['def f(*, **kwargs): pass', 'lambda *, **k: 0', 'def f(*): pass', 'def f(a=1, b): pass', 'f(**k, a)', 'x = 0777', 'if x:\n\tpass\n        pass\n'])('%j', (src) => {
    expect(parse(src).errors.length).toBeGreaterThan(0);
  });
});

describe('backslash continuations in the indentation (as CPython 3.13 reports them)', () => {
  // CPython counts a continuation as indentation: the first backslash's column is the line's
  // indentation unless it is 0, and then the continued line's column counts.
  const firstError = (src: string): string | undefined => parse(src).errors[0]?.message;

  it('a backslash alone at column 0 before an indented line is an unexpected indent', () => {
    const r = parse('x = 1\n\\\n    y = 2\n');
    expect(r.errors.map((e) => e.message)).toEqual(['unexpected indent']);
    expect(r.lines.lineOf(r.errors[0]?.start ?? -1)).toBe(3);
  });

  it('after a backslash at column 0 the continued line decides the block', () => {
    const r = parse('if x:\n    a = 1\n\\\n\\\n    b = 2\nc = 3\n');
    expect(r.errors).toEqual([]);
    const first = r.module.body[0];
    expect(first?.nodeType === 'If' ? first.body.length : -1).toBe(2);
    expect(r.module.body.length).toBe(2);
    expect(parse('if x:\n    a = 1\n\\\ny = 2\n').module.body.map((s) => s.nodeType)).toEqual(['If', 'Assign']);
  });

  it('a continued line that matches no indentation level, or mixes tabs, is reported', () => {
    expect(firstError('if x:\n    a = 1\n\\\n  y = 2\n')).toContain('unindent does not match');
    expect(firstError('if x:\n    a = 1\n\\\n  \\\n    b = 2\n')).toContain('unindent does not match');
    expect(firstError('if x:\n    a = 1\n  \\\n    b = 2\n')).toContain('unindent does not match');
    expect(firstError('if x:\n\ta = 1\n\\\n        b = 2\n')).toContain('inconsistent use of tabs and spaces');
  });

  it('a backslash at a nonzero column still gives the indentation', () => {
    expect(firstError('x = 1\n    \\\ny = 2\n')).toBe('unexpected indent');
  });

  it('a blank or comment line after the continuation is still blank', () => {
    expect(parse('x = 1\n\\\n    # c\ny = 2\n').errors).toEqual([]);
    expect(parse('x = 1\n\\\n\ny = 2\n').errors).toEqual([]);
  });

  it('a continuation at the end of the file is an unexpected EOF', () => {
    expect(firstError('x = 1\n\\\n')).toBe('unexpected EOF while parsing');
    expect(firstError('x = 1\n\\')).toBe('unexpected EOF while parsing');
    expect(firstError('x = 1 + \\\n')).toBe('unexpected EOF while parsing');
  });
});
