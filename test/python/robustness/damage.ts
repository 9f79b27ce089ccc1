/**
 * Deterministic ways to damage Python source for the robustness tests: a seeded PRNG, a rough
 * lexer (token spans only, independent of the parser under test), and the damage kinds.
 */

/** mulberry32: small, fast, good enough for sampling. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

/** A seed from a file name, so every file gets its own but stable samples. */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export type RoughKind = 'name' | 'number' | 'string' | 'op' | 'open' | 'close';
export interface RoughToken {
  kind: RoughKind;
  start: number;
  end: number;
}

const OPERATORS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@='];
const NAME_START = /[\p{L}\p{Nl}_]/u;
const NAME_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

/**
 * Token spans of Python source, roughly: strings are whole tokens (an f-string with nested quotes
 * may be split, which does not matter here); comments, whitespace and line breaks are skipped.
 */
export function roughTokens(source: string): RoughToken[] {
  const tokens: RoughToken[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\f' || c === '\n' || c === '\r' || c === '\\' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i++;
      continue;
    }
    const prefix = /^[rRbBuUfFtT]{0,2}(['"])/.exec(source.slice(i, i + 4));
    if (prefix) {
      const start = i;
      const quote = prefix[1] ?? '"';
      i += prefix[0].length;
      const triple = source.startsWith(quote.repeat(2), i);
      if (triple) {
        i += 2;
        const close = quote.repeat(3);
        while (i < n && !source.startsWith(close, i)) i += source[i] === '\\' ? 2 : 1;
        i = Math.min(n, i + 3);
      } else {
        while (i < n && source[i] !== quote && source[i] !== '\n' && source[i] !== '\r') i += source[i] === '\\' ? 2 : 1;
        i = Math.min(n, i + 1);
      }
      tokens.push({ kind: 'string', start, end: i });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^(?:0[xXoObB][0-9a-fA-F_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)[jJ]?/.exec(source.slice(i, i + 200));
      const length = Math.max(1, m?.[0].length ?? 1);
      tokens.push({ kind: 'number', start: i, end: i + length });
      i += length;
      continue;
    }
    const char = String.fromCodePoint(source.codePointAt(i) ?? 0);
    if (NAME_START.test(char)) {
      const start = i;
      i += char.length;
      while (i < n) {
        const next = String.fromCodePoint(source.codePointAt(i) ?? 0);
        if (!NAME_PART.test(next)) break;
        i += next.length;
      }
      tokens.push({ kind: 'name', start, end: i });
      continue;
    }
    if ('([{'.includes(c)) tokens.push({ kind: 'open', start: i, end: i + 1 });
    else if (')]}'.includes(c)) tokens.push({ kind: 'close', start: i, end: i + 1 });
    else {
      const op = OPERATORS.find((o) => source.startsWith(o, i)) ?? char;
      tokens.push({ kind: 'op', start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    i++;
  }
  return tokens;
}

/** A damaged copy of a source and where the damage is, in the original's offsets. */
export interface Damage {
  text: string;
  /** offset in the original where the edit happens */
  at: number;
  /** characters removed from the original at `at` */
  removed: number;
  /** characters inserted at `at` */
  inserted: number;
  /** the damaged file must be invalid Python (so an error must be reported) */
  certainlyInvalid: boolean;
  label: string;
}

export function edit(source: string, at: number, removed: number, insert: string, certainlyInvalid: boolean, label: string): Damage {
  return { text: source.slice(0, at) + insert + source.slice(at + removed), at, removed, inserted: insert.length, certainlyInvalid, label };
}

/** Lines (as [start, end) offsets, end before the line break) of source[from, to). */
export function linesIn(source: string, from: number, to: number): [number, number][] {
  const lines: [number, number][] = [];
  let start = Math.max(source.lastIndexOf('\n', from - 1), source.lastIndexOf('\r', from - 1)) + 1;
  while (start < to) {
    let end = start;
    while (end < source.length && source[end] !== '\n' && source[end] !== '\r') end++;
    lines.push([start, end]);
    if (end >= source.length) break;
    start = end + (source[end] === '\r' && source[end + 1] === '\n' ? 2 : 1);
  }
  return lines;
}

/** Offsets covered by string tokens: used to keep edits out of strings. */
export function insideString(tokens: RoughToken[], offset: number): boolean {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (!t) return false;
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return t.kind === 'string' && offset > t.start;
  }
  return false;
}

/** Where damage goes: one top-level statement's range. */
export interface Span {
  start: number;
  end: number;
}

function tokensIn(tokens: RoughToken[], span: Span, kinds?: RoughKind[]): RoughToken[] {
  return tokens.filter((t) => t.start >= span.start && t.end <= span.end && (!kinds || kinds.includes(t.kind)));
}

/** Cuts at sampled points anywhere in the file. */
export function truncations(source: string, name: string, count = 3): Damage[] {
  const random = prng(seedOf(`${name}:truncate`));
  return Array.from({ length: count }, () => {
    const cut = Math.floor(random() * source.length);
    return edit(source, cut, source.length - cut, '', false, `truncated at ${cut}`);
  });
}

/** Token deletions and duplications inside `span`. */
export function tokenEdits(source: string, tokens: RoughToken[], span: Span, name: string, count = 5): Damage[] {
  const random = prng(seedOf(`${name}:tokens`));
  const inside = tokensIn(tokens, span);
  const damages: Damage[] = [];
  for (let sample = 0; sample < count; sample++) {
    const tok = pick(random, inside);
    if (!tok) break;
    const text = source.slice(tok.start, tok.end);
    damages.push(
      sample % 2 === 0
        ? edit(source, tok.start, tok.end - tok.start, '', false, `deleted ${JSON.stringify(text)} at ${tok.start}`)
        : edit(source, tok.end, 0, ` ${text}`, false, `duplicated ${JSON.stringify(text)} at ${tok.start}`),
    );
  }
  return damages;
}

/** Two opening brackets inserted and one closing bracket deleted inside `span`: surely invalid. */
export function bracketDamages(source: string, tokens: RoughToken[], span: Span, name: string): Damage[] {
  const random = prng(seedOf(`${name}:brackets`));
  const damages: Damage[] = [];
  const inside = tokensIn(tokens, span);
  for (let sample = 0; sample < 2; sample++) {
    const tok = pick(random, inside);
    const open = pick(random, ['(', '[', '{']) ?? '(';
    if (tok) damages.push(edit(source, tok.start, 0, open, true, `inserted ${open} at ${tok.start}`));
  }
  const close = pick(random, tokensIn(tokens, span, ['close']));
  if (close) damages.push(edit(source, close.start, 1, '', true, `deleted ${source[close.start] ?? ''} at ${close.start}`));
  return damages;
}

/** An unterminated string and an unterminated f-string appended to line ends inside `span`. */
export function stringDamages(source: string, tokens: RoughToken[], span: Span, name: string): Damage[] {
  const random = prng(seedOf(`${name}:strings`));
  // line ends outside strings and comments, on lines without quotes, comments or continuations
  const lineEnds = linesIn(source, span.start, span.end)
    .filter(([start, end]) => end > start && !/['"#\\]/.test(source.slice(start, end)) && source.slice(start, end).trim() !== '')
    .filter(([start]) => !insideString(tokens, start))
    .map(([, end]) => end);
  const ends = [pick(random, lineEnds), pick(random, lineEnds)].filter((e): e is number => e !== undefined);
  const inserts = ['"', ' + f"{x'];
  return ends.map((end, i) => {
    const insert = inserts[i % 2] ?? '"';
    return edit(source, end, 0, insert, true, `appended ${JSON.stringify(insert)} at ${end}`);
  });
}

/** A tab in place of four leading spaces on lines inside `span` (not its first line). */
export function indentDamages(source: string, tokens: RoughToken[], span: Span, name: string): Damage[] {
  const random = prng(seedOf(`${name}:indent`));
  const indented = linesIn(source, span.start, span.end)
    .slice(1)
    .filter(([start, end]) => end > start + 4 && source.startsWith('    ', start) && source.slice(start, end).trim() !== '')
    .filter(([start]) => !insideString(tokens, start))
    .map(([start]) => start);
  const damages: Damage[] = [];
  for (let sample = 0; sample < 2; sample++) {
    const start = pick(random, indented);
    if (start === undefined) break;
    damages.push(edit(source, start, 4, '\t', false, `tab for four spaces at ${start}`));
  }
  return damages;
}

/** Tokens that make plausible typos and half-typed code when inserted between two tokens. */
const VOCABULARY = [':', ',', '=', '*', '**', '.', '@', '->', ':=', ';', '(', ')', '[', ']', 'not', 'lambda', 'yield', 'await', 'async', 'if', 'else', 'in', 'is', 'for', 'return', 'def', 'x', '1', '"s"', 'f"{x}"', '\n', '\n    ', '\\\n'];

/** Random insertions of VOCABULARY tokens before tokens anywhere in the file. */
export function vocabularyInsertions(source: string, tokens: RoughToken[], name: string, count: number): Damage[] {
  const random = prng(seedOf(`${name}:vocabulary`));
  const damages: Damage[] = [];
  for (let sample = 0; sample < count; sample++) {
    const tok = pick(random, tokens);
    const word = pick(random, VOCABULARY);
    if (!tok || word === undefined) break;
    damages.push(edit(source, tok.start, 0, `${word} `, false, `inserted ${JSON.stringify(word)} at ${tok.start}`));
  }
  return damages;
}
