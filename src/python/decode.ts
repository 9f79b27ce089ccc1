/* eslint-disable @typescript-eslint/no-non-null-assertion -- indexes are within bounds by construction */
/**
 * Bytes → text for Python source files: UTF-8 BOM, PEP 263 coding cookie on line 1 or 2,
 * default UTF-8. Uses TextDecoder (no Node-only APIs).
 */

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/** Python codec names → WHATWG encoding labels where they differ. */
const ALIASES: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  'latin-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'iso-8859-1': 'iso-8859-1',
  iso8859_1: 'iso-8859-1',
  'iso-latin-1': 'iso-8859-1',
  l1: 'iso-8859-1',
  ascii: 'ascii',
  'us-ascii': 'ascii',
  cp1252: 'windows-1252',
  'windows-1252': 'windows-1252',
};

function normalizeEncodingName(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf-8' || n.startsWith('utf-8-')) return n === 'utf-8-sig' ? 'utf-8-sig' : 'utf-8';
  if (n === 'latin-1' || n.startsWith('latin-1-') || n === 'iso-8859-1' || n.startsWith('iso-8859-1-') || n === 'iso-latin-1' || n.startsWith('iso-latin-1-')) return 'latin-1';
  return n;
}

/** Decode a Python source file. */
export function decodePythonSource(bytes: Uint8Array): { text: string } | { error: string } {
  let offset = 0;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) offset = 3;
  const cookie = findCookie(bytes, offset);
  let encoding = 'utf-8';
  if (cookie !== null) {
    const norm = normalizeEncodingName(cookie);
    if (bom && norm !== 'utf-8' && norm !== 'utf-8-sig') return { error: `encoding problem: ${cookie} with BOM` };
    encoding = norm;
  }
  const label = ALIASES[encoding] ?? encoding;
  if (encoding === 'ascii' || label === 'ascii') {
    for (let i = offset; i < bytes.length; i++) {
      if (bytes[i]! >= 0x80) return { error: `'ascii' codec can't decode byte 0x${bytes[i]!.toString(16)} in position ${i}: ordinal not in range(128)` };
    }
    return { text: latin1(bytes, offset) };
  }
  if (label === 'iso-8859-1') return { text: latin1(bytes, offset) };
  if (label === 'windows-1252') return cp1252(bytes, offset);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    return { error: `unknown encoding: ${cookie ?? encoding}` };
  }
  try {
    return { text: decoder.decode(bytes.subarray(offset)) };
  } catch {
    const at = firstInvalidUtf8(bytes, offset);
    return { error: label === 'utf-8' ? `(unicode error) 'utf-8' codec can't decode byte 0x${(bytes[at] ?? 0).toString(16)} in position ${at}: invalid start byte` : `file is not valid ${cookie ?? encoding}` };
  }
}

/** ISO-8859-1 is exactly bytes → code points (TextDecoder's 'latin1' is really cp1252). */
function latin1(bytes: Uint8Array, offset: number): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = offset; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, Math.min(bytes.length, i + CHUNK))));
  }
  return out;
}

/** cp1252 high half 0x80–0x9F (0 = undefined in Python's codec); done by hand because some
 *  TextDecoder builds decode 'windows-1252' as ISO-8859-1. */
const CP1252 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function cp1252(bytes: Uint8Array, offset: number): { text: string } | { error: string } {
  let out = '';
  for (let i = offset; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 && b < 0xa0) {
      const c = CP1252[b - 0x80]!;
      if (c === 0) return { error: `'charmap' codec can't decode byte 0x${b.toString(16)} in position ${i}: character maps to <undefined>` };
      out += String.fromCharCode(c);
    } else out += String.fromCharCode(b);
  }
  return { text: out };
}

function findCookie(bytes: Uint8Array, offset: number): string | null {
  // the cookie counts on line 1, or on line 2 if line 1 is blank or a comment
  let p = offset;
  for (let line = 0; line < 2; line++) {
    let e = p;
    while (e < bytes.length && bytes[e] !== 0x0a && bytes[e] !== 0x0d) e++;
    let text = '';
    for (let i = p; i < e && i - p < 400; i++) text += String.fromCharCode(bytes[i]!);
    const m = COOKIE.exec(text);
    if (m) return m[1]!;
    const trimmed = text.replace(/^[ \t\f]+/, '');
    if (trimmed !== '' && !trimmed.startsWith('#')) return null;
    if (e < bytes.length && bytes[e] === 0x0d && bytes[e + 1] === 0x0a) e++;
    p = e + 1;
    if (p > bytes.length) break;
  }
  return null;
}

function firstInvalidUtf8(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 0 : (b & 0xe0) === 0xc0 ? 1 : (b & 0xf0) === 0xe0 ? 2 : (b & 0xf8) === 0xf0 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}
