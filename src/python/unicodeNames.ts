/* eslint-disable @typescript-eslint/no-non-null-assertion -- indexes are within bounds by construction */
/**
 * Unicode character names for `\N{...}` escapes. Node has no name database, so we carry one
 * (generated from CPython's unicodedata by scripts/gen-unicode-names.py), decoded on first use;
 * Hangul syllable names are computed by rule.
 */
import { NAME_CODES, NAME_RANGES, NAME_WORDS } from './unicodeNameTable.js';

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$';

let table: Map<string, number> | undefined;
let ranges: Map<string, number[]> | undefined;

const DIGIT_VALUE = new Int8Array(128);
for (let i = 0; i < DIGITS.length; i++) DIGIT_VALUE[DIGITS.charCodeAt(i)] = i;

function digit(s: string, i: number): number {
  return DIGIT_VALUE[s.charCodeAt(i) & 127]!;
}

function loadTable(): Map<string, number> {
  const words = NAME_WORDS.split(' ');
  const m = new Map<string, number>();
  let cp = -1;
  let prev: string[] = [];
  for (const entry of NAME_CODES.split(',')) {
    const colon = entry.indexOf(':');
    let p = 0;
    if (colon >= 0) {
      cp = parseInt(entry.slice(0, colon), 16);
      p = colon + 1;
    } else {
      cp++;
    }
    const parts = prev.slice(0, digit(entry, p));
    p++;
    while (p < entry.length) {
      const d = digit(entry, p);
      let index: number;
      if (d < 40) {
        index = d;
        p += 1;
      } else if (d < 56) {
        index = 40 + (d - 40) * 64 + digit(entry, p + 1);
        p += 2;
      } else {
        index = 40 + 16 * 64 + (d - 56) * 4096 + digit(entry, p + 1) * 64 + digit(entry, p + 2);
        p += 3;
      }
      parts.push(words[index] ?? '');
    }
    m.set(parts.join(' '), cp);
    prev = parts;
  }
  return m;
}

function loadRanges(): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const item of NAME_RANGES.split(';')) {
    const eq = item.indexOf('=');
    const bounds: number[] = [];
    for (const run of item.slice(eq + 1).split(' ')) {
      const [a = '', b = a] = run.split('-');
      bounds.push(parseInt(a, 16), parseInt(b, 16));
    }
    m.set(item.slice(0, eq), bounds);
  }
  return m;
}

const JAMO_L = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const JAMO_V = ['A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WEO', 'WE', 'WI', 'YU', 'EU', 'YI', 'I'];
const JAMO_T = ['', 'G', 'GG', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B', 'BS', 'S', 'SS', 'NG', 'J', 'C', 'K', 'T', 'P', 'H'];

function hangul(rest: string): number | undefined {
  // the longest matching initial and medial jamo decide (CPython's rule)
  for (let l = JAMO_L.length - 1; l >= 0; l--) {
    const ls = JAMO_L[l]!;
    if (!rest.startsWith(ls)) continue;
    for (let v = JAMO_V.length - 1; v >= 0; v--) {
      const vs = JAMO_V[v]!;
      if (!rest.startsWith(vs, ls.length)) continue;
      const t = JAMO_T.indexOf(rest.slice(ls.length + vs.length));
      if (t >= 0) return 0xac00 + (l * 21 + v) * 28 + t;
    }
  }
  return undefined;
}

/** Code point for a Unicode name or alias (case-insensitive, like CPython), or undefined. */
export function lookupUnicodeName(rawName: string): number | undefined {
  const name = rawName.toUpperCase();
  if (name.startsWith('HANGUL SYLLABLE ')) {
    const cp = hangul(name.slice(16));
    if (cp !== undefined) return cp;
  }
  const dash = /^(.*)-([0-9A-F]{4,6})$/.exec(name);
  if (dash) {
    ranges ??= loadRanges();
    const bounds = ranges.get(dash[1]!);
    if (bounds !== undefined) {
      const cp = parseInt(dash[2]!, 16);
      for (let i = 0; i < bounds.length; i += 2) if (cp >= bounds[i]! && cp <= bounds[i + 1]!) return cp;
    }
  }
  table ??= loadTable();
  return table.get(name);
}
