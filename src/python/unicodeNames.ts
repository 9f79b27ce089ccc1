/* eslint-disable @typescript-eslint/no-non-null-assertion -- indexes are within bounds by construction */
/**
 * Unicode character names for `\N{...}` escapes. Node has no name database, so we resolve
 * algorithmic names (CJK ideographs, Hangul syllables) by rule and the rest from a compact table.
 */
import { NAME_CODES, NAME_WORDS } from './unicodeNameTable.js';

let table: Map<string, number> | undefined;

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$';

function loadTable(): Map<string, number> {
  const words = NAME_WORDS.split(' ');
  const m = new Map<string, number>();
  let cp = -1;
  for (const entry of NAME_CODES.split(',')) {
    const colon = entry.indexOf(':');
    let p = 0;
    if (colon >= 0) {
      cp = parseInt(entry.slice(0, colon), 16);
      p = colon + 1;
    } else {
      cp++;
    }
    const parts: string[] = [];
    for (; p + 1 < entry.length; p += 2) {
      parts.push(words[DIGITS.indexOf(entry.charAt(p)) * 64 + DIGITS.indexOf(entry.charAt(p + 1))] ?? '');
    }
    m.set(parts.join(' '), cp);
  }
  return m;
}

const JAMO_L = ['G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H'];
const JAMO_V = ['A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WEO', 'WE', 'WI', 'YU', 'EU', 'YI', 'I'];
const JAMO_T = ['', 'G', 'GG', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B', 'BS', 'S', 'SS', 'NG', 'J', 'C', 'K', 'T', 'P', 'H'];

/** Code point for a Unicode name (case-insensitive, like CPython), or undefined. */
export function lookupUnicodeName(rawName: string): number | undefined {
  const name = rawName.toUpperCase();
  const cjk = /^CJK UNIFIED IDEOGRAPH-([0-9A-F]{4,5})$/.exec(name);
  if (cjk) return parseInt(cjk[1]!, 16);
  if (name.startsWith('HANGUL SYLLABLE ')) {
    const rest = name.slice(16);
    for (let l = 0; l < JAMO_L.length; l++) {
      const ls = JAMO_L[l]!;
      if (!rest.startsWith(ls)) continue;
      for (let v = 0; v < JAMO_V.length; v++) {
        const vs = JAMO_V[v]!;
        if (!rest.startsWith(vs, ls.length)) continue;
        const t = JAMO_T.indexOf(rest.slice(ls.length + vs.length));
        if (t >= 0) return 0xac00 + (l * 21 + v) * 28 + t;
      }
    }
  }
  table ??= loadTable();
  return table.get(name);
}
