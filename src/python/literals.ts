/**
 * Decoding of Python literals: numbers and the bodies of string/bytes literals
 * (escape sequences exactly as CPython decodes them; line breaks normalized to \n).
 */
import type { BytesValue, ComplexValue, ConstantValue } from './ast.js';
import { lookupUnicodeName } from './unicodeNames.js';

/** Number token text → bigint (int), number (float) or complex. `null` when malformed. */
export function decodeNumber(text: string): ConstantValue | null {
  let s = text.includes('_') ? text.replace(/_/g, '') : text;
  const last = s.charCodeAt(s.length - 1) | 0x20;
  if (last === 106 /* j */) {
    s = s.slice(0, -1);
    const imag = Number(s);
    if (Number.isNaN(imag) || s === '') return null;
    const c: ComplexValue = { pyType: 'complex', imag };
    return c;
  }
  const c0 = s.charCodeAt(0);
  if (c0 === 48 && s.length > 1) {
    const k = s.charCodeAt(1) | 0x20;
    if (k === 120 || k === 111 || k === 98) {
      if (s.length === 2) return null;
      try {
        return BigInt(s);
      } catch {
        return null;
      }
    }
  }
  let isFloat = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 101 || c === 69) {
      isFloat = true;
      break;
    }
  }
  if (isFloat) {
    const v = Number(s);
    return Number.isNaN(v) ? null : v;
  }
  // decimal integer: leading zeros are only allowed for zero itself
  if (c0 === 48 && s.length > 1 && !/^0+$/.test(s)) return null;
  if (s.length < 16) return BigInt(Number(s));
  try {
    return BigInt(s);
  } catch {
    return null;
  }
}

export interface StringPrefix {
  raw: boolean;
  bytes: boolean;
  u: boolean;
  f: boolean;
  t: boolean;
  /** length of the prefix letters */
  length: number;
}

export function readPrefix(src: string, start: number): StringPrefix {
  const f = prefixFlags(src, start);
  return { raw: (f & Prefix.Raw) !== 0, bytes: (f & Prefix.Bytes) !== 0, u: (f & Prefix.U) !== 0, f: (f & Prefix.F) !== 0, t: (f & Prefix.T) !== 0, length: f >> PREFIX_LENGTH_SHIFT };
}

/** Bits of `prefixFlags` (the prefix length is above `PREFIX_LENGTH_SHIFT`). */
export const enum Prefix {
  Raw = 1,
  Bytes = 2,
  /** a lowercase `u` (the only prefix that gives kind 'u') */
  U = 4,
  F = 8,
  T = 16,
}
/** `prefixFlags(...) >> PREFIX_LENGTH_SHIFT` is the prefix length */
export const PREFIX_LENGTH_SHIFT = 8;

/** The string prefix at `start` as `Prefix` bits, without allocating. */
export function prefixFlags(src: string, start: number): number {
  let p = start;
  let flags = 0;
  for (;;) {
    const c = src.charCodeAt(p) | 0x20;
    if (c === 114) flags |= Prefix.Raw;
    else if (c === 98) flags |= Prefix.Bytes;
    else if (c === 117) flags = src.charCodeAt(p) === 117 ? flags | Prefix.U : flags & ~Prefix.U;
    else if (c === 102) flags |= Prefix.F;
    else if (c === 116) flags |= Prefix.T;
    else break;
    p++;
  }
  return flags | ((p - start) << PREFIX_LENGTH_SHIFT);
}

export interface DecodeProblem {
  message: string;
  start: number;
  end: number;
}

/**
 * Decode the body `src[start, end)` of a str literal (or f-string middle) — escapes unless raw,
 * line breaks normalized. `fstring` also turns `{{`/`}}` into single braces.
 */
export function decodeStr(src: string, start: number, end: number, raw: boolean, fstring: boolean, problems: DecodeProblem[] | null): string {
  // fast path: nothing to decode
  let i = start;
  for (; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 92 || c === 13 || (fstring && (c === 123 || c === 125))) break;
  }
  if (i === end) return src.slice(start, end);
  let out = src.slice(start, i);
  let chunk = i;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 13) {
      out += src.slice(chunk, i) + '\n';
      i += i + 1 < end && src.charCodeAt(i + 1) === 10 ? 2 : 1;
      chunk = i;
      continue;
    }
    if (fstring && (c === 123 || c === 125)) {
      // `{{` or `}}` → one brace
      out += src.slice(chunk, i + 1);
      i += i + 1 < end && src.charCodeAt(i + 1) === c ? 2 : 1;
      chunk = i;
      continue;
    }
    if (c !== 92) {
      i++;
      continue;
    }
    if (fstring && i + 1 < end) {
      const n = src.charCodeAt(i + 1);
      if (n === 123 || n === 125) {
        // `\{` in an f-string: the backslash stays, the brace is literal-brace syntax
        out += src.slice(chunk, i + 1);
        i++;
        chunk = i;
        continue;
      }
    }
    if (raw) {
      // a backslash only protects the next char from ending the literal; line breaks still normalize
      i += 2;
      if (i - 1 < end && src.charCodeAt(i - 1) === 13) {
        out += src.slice(chunk, i - 1) + '\n';
        if (i < end && src.charCodeAt(i) === 10) i++;
        chunk = i;
      }
      continue;
    }
    out += src.slice(chunk, i);
    const escStart = i;
    i++;
    if (i >= end) {
      out += '\\';
      chunk = i;
      break;
    }
    const e = src.charCodeAt(i);
    i++;
    switch (e) {
      case 10: // backslash-newline: line continuation inside the literal
        break;
      case 13:
        if (i < end && src.charCodeAt(i) === 10) i++;
        break;
      case 92:
        out += '\\';
        break;
      case 39:
        out += "'";
        break;
      case 34:
        out += '"';
        break;
      case 97:
        out += '\x07';
        break;
      case 98:
        out += '\b';
        break;
      case 102:
        out += '\f';
        break;
      case 110:
        out += '\n';
        break;
      case 114:
        out += '\r';
        break;
      case 116:
        out += '\t';
        break;
      case 118:
        out += '\v';
        break;
      case 120: {
        const v = hexValue(src, i, Math.min(end, i + 2), 2);
        if (v < 0) {
          problems?.push({ message: `(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape`, start: escStart, end: i });
          out += src.slice(escStart, i);
        } else {
          out += String.fromCharCode(v);
          i += 2;
        }
        break;
      }
      case 117:
      case 85: {
        const n = e === 117 ? 4 : 8;
        const v = hexValue(src, i, Math.min(end, i + n), n);
        if (v < 0 || v > 0x10ffff) {
          problems?.push({ message: `(unicode error) 'unicodeescape' codec can't decode bytes: ${v > 0x10ffff ? 'illegal Unicode character' : `truncated \\${e === 117 ? 'uXXXX' : 'UXXXXXXXX'} escape`}`, start: escStart, end: i });
          out += src.slice(escStart, i);
        } else {
          out += String.fromCodePoint(v);
          i += n;
        }
        break;
      }
      case 78: {
        // \N{NAME}
        let ok = false;
        if (i < end && src.charCodeAt(i) === 123) {
          const close = src.indexOf('}', i + 1);
          if (close > i + 1 && close < end) {
            const cp = lookupUnicodeName(src.slice(i + 1, close));
            if (cp !== undefined) {
              out += String.fromCodePoint(cp);
              i = close + 1;
              ok = true;
            } else {
              problems?.push({ message: `(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name`, start: escStart, end: close + 1 });
              out += src.slice(escStart, close + 1);
              i = close + 1;
              ok = true;
            }
          }
        }
        if (!ok) {
          problems?.push({ message: `(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape`, start: escStart, end: i });
          out += src.slice(escStart, i);
        }
        break;
      }
      default:
        if (e >= 48 && e <= 55) {
          let v = e - 48;
          let k = 1;
          while (k < 3 && i < end) {
            const d = src.charCodeAt(i);
            if (d < 48 || d > 55) break;
            v = v * 8 + (d - 48);
            i++;
            k++;
          }
          out += String.fromCharCode(v);
        } else {
          // unknown escape: kept as is (CPython warns)
          out += src.slice(escStart, i);
        }
    }
    chunk = i;
  }
  if (chunk < end) out += src.slice(chunk, end);
  return out;
}

/** Decode the body of a bytes literal; returns one char per byte. */
export function decodeBytes(src: string, start: number, end: number, raw: boolean, problems: DecodeProblem[] | null): string {
  let out = '';
  let chunk = start;
  let i = start;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c >= 128) {
      problems?.push({ message: 'bytes can only contain ASCII literal characters', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === 13) {
      out += src.slice(chunk, i) + '\n';
      i += i + 1 < end && src.charCodeAt(i + 1) === 10 ? 2 : 1;
      chunk = i;
      continue;
    }
    if (c !== 92) {
      i++;
      continue;
    }
    if (raw) {
      i += 2;
      if (i - 1 < end && src.charCodeAt(i - 1) === 13) {
        out += src.slice(chunk, i - 1) + '\n';
        if (i < end && src.charCodeAt(i) === 10) i++;
        chunk = i;
      }
      continue;
    }
    out += src.slice(chunk, i);
    const escStart = i;
    i++;
    if (i >= end) {
      out += '\\';
      chunk = i;
      break;
    }
    const e = src.charCodeAt(i);
    i++;
    switch (e) {
      case 10:
        break;
      case 13:
        if (i < end && src.charCodeAt(i) === 10) i++;
        break;
      case 92:
        out += '\\';
        break;
      case 39:
        out += "'";
        break;
      case 34:
        out += '"';
        break;
      case 97:
        out += '\x07';
        break;
      case 98:
        out += '\b';
        break;
      case 102:
        out += '\f';
        break;
      case 110:
        out += '\n';
        break;
      case 114:
        out += '\r';
        break;
      case 116:
        out += '\t';
        break;
      case 118:
        out += '\v';
        break;
      case 120: {
        const v = hexValue(src, i, Math.min(end, i + 2), 2);
        if (v < 0) {
          problems?.push({ message: `(value error) invalid \\x escape`, start: escStart, end: i });
          out += src.slice(escStart, i);
        } else {
          out += String.fromCharCode(v);
          i += 2;
        }
        break;
      }
      default:
        if (e >= 48 && e <= 55) {
          let v = e - 48;
          let k = 1;
          while (k < 3 && i < end) {
            const d = src.charCodeAt(i);
            if (d < 48 || d > 55) break;
            v = v * 8 + (d - 48);
            i++;
            k++;
          }
          out += String.fromCharCode(v & 0xff);
        } else {
          out += src.slice(escStart, i);
        }
    }
    chunk = i;
  }
  if (chunk < end) out += src.slice(chunk, end);
  return out;
}

function hexValue(src: string, from: number, to: number, n: number): number {
  if (to - from < n) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

export function bytesValue(value: string): BytesValue {
  return { pyType: 'bytes', value };
}
