import { describe, expect, it } from 'vitest';
import { childNodes, createLineIndex, decodePythonSource, nodeText, parentMap, parse, walk, type AnyNode } from '../../../src/python/index.js';
import { tokenize } from '../../../src/python/tokenizer.js';
import { Tok } from '../../../src/python/tokens.js';

describe('line index', () => {
  it('handles \\n, \\r\\n and \\r', () => {
    const li = createLineIndex('a\nb\r\nc\rd');
    expect(li.lineCount).toBe(4);
    expect(li.positionOf(0)).toEqual({ line: 1, column: 0 });
    expect(li.positionOf(2)).toEqual({ line: 2, column: 0 });
    expect(li.positionOf(5)).toEqual({ line: 3, column: 0 });
    expect(li.positionOf(7)).toEqual({ line: 4, column: 0 });
    expect(li.offsetOf(3, 0)).toBe(5);
    expect(li.lineStart(2)).toBe(2);
    expect(li.lineOf(100)).toBe(4);
  });
});

describe('decodePythonSource', () => {
  const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
  const ascii = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

  it('defaults to UTF-8 and reports undecodable bytes', () => {
    expect(decodePythonSource(new TextEncoder().encode('x = "é"'))).toEqual({ text: 'x = "é"' });
    const r = decodePythonSource(bytes(...ascii('x = "'), 0xe9, 0x22));
    expect('error' in r && r.error).toContain('utf-8');
  });

  it('honours a coding cookie on line 1 or 2', () => {
    expect(decodePythonSource(bytes(...ascii('# -*- coding: latin-1 -*-\nx = "'), 0xe9, 0x22))).toEqual({ text: '# -*- coding: latin-1 -*-\nx = "é"' });
    expect(decodePythonSource(bytes(...ascii('#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\nx = "'), 0x80, 0x22))).toEqual({
      text: '#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\nx = "€"',
    });
    // not on line 3, and not after code
    const late = decodePythonSource(bytes(...ascii('x = 1\n# coding: latin-1\n"'), 0xe9, 0x22));
    expect('error' in late).toBe(true);
    expect('error' in decodePythonSource(bytes(...ascii('# coding: no-such-codec\n')))).toBe(true);
  });

  it('skips a UTF-8 BOM', () => {
    expect(decodePythonSource(bytes(0xef, 0xbb, 0xbf, ...ascii('x')))).toEqual({ text: 'x' });
  });
});

describe('tokenizer', () => {
  const kinds = (src: string): number[] => {
    const { tokens } = tokenize(src);
    return Array.from(tokens.kinds.subarray(0, tokens.count));
  };

  it('emits NEWLINE, INDENT and DEDENT, none inside brackets or for blank lines', () => {
    expect(kinds('if x:\n\n  # c\n  y(\n1)\n')).toEqual([Tok.If, Tok.Name, Tok.Colon, Tok.Newline, Tok.Indent, Tok.Name, Tok.LPar, Tok.Number, Tok.RPar, Tok.Newline, Tok.Dedent, Tok.EndMarker]);
  });

  it('splits f-strings like CPython 3.12+', () => {
    expect(kinds('f"a{b!r:>{c}}d"')).toEqual([
      Tok.FStringStart,
      Tok.FStringMiddle,
      Tok.LBrace,
      Tok.Name,
      Tok.Exclamation,
      Tok.Name,
      Tok.Colon,
      Tok.FStringMiddle,
      Tok.LBrace,
      Tok.Name,
      Tok.RBrace,
      Tok.RBrace,
      Tok.FStringMiddle,
      Tok.FStringEnd,
      Tok.Newline,
      Tok.EndMarker,
    ]);
  });

  it('keeps comments beside the tokens', () => {
    const { comments } = tokenize('x = 1  # noqa: AIO101\n# end');
    expect(comments.map((c) => c.text)).toEqual(['# noqa: AIO101', '# end']);
    expect(comments[0]?.start).toBe(7);
  });
});

function first<T>(list: T[]): T {
  const [head] = list;
  if (head === undefined) throw new Error('empty list');
  return head;
}

describe('traversal', () => {
  const src = '@dec\ndef f(a, b=1, *, c=2):\n    return g(x, k=1, *y)\n';
  const r = parse(src);

  it('childNodes come in source order', () => {
    const f = first(r.module.body);
    expect(childNodes(f).map((n) => nodeText(r, n))).toEqual(['dec', 'a, b=1, *, c=2', 'return g(x, k=1, *y)']);
    const ret = first((f as { body: AnyNode[] }).body);
    const call = first(childNodes(ret));
    expect(childNodes(call).map((n) => nodeText(r, n))).toEqual(['g', 'x', 'k=1', '*y']);
  });

  it('walk visits every node once, parentMap finds parents', () => {
    const seen: string[] = [];
    walk(r.module, (n) => {
      seen.push(n.nodeType);
      return true;
    });
    expect(seen[0]).toBe('Module');
    expect(seen.filter((t) => t === 'Name').length).toBe(4);
    const parents = parentMap(r.module);
    expect(parentMap(r.module)).toBe(parents);
    const f = first(r.module.body);
    expect(parents.get(f)).toBe(r.module);
  });
});
