/**
 * Writing a fixed file back exactly as it was stored: same encoding (the PEP 263 one the file
 * was decoded with, byte-order mark kept) and same line endings. A file whose encoding cannot
 * be reproduced byte for byte is never written: the caller reports it instead.
 */

/** `\r\n`, `\r` or `\n`: the file's first line break (Python files rarely mix them). */
export function detectLineEnding(text: string): '\r\n' | '\r' | '\n' {
  const match = /\r\n|\r|\n/.exec(text);
  return (match?.[0] as '\r\n' | '\r' | '\n' | undefined) ?? '\n';
}

/** Rewrites the line breaks of inserted text to the file's own. */
export function withLineEnding(content: string, eol: string): string {
  return content.replace(/\r\n|\r|\n/g, eol);
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/_/g, '-');
}

const UTF8 = new Set(['utf-8', 'utf8', 'u8', 'utf', 'utf-8-sig', 'cp65001']);
const LATIN1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'iso-latin-1', 'iso-ir-100', 'cp819', 'ibm819', '8859']);
const ASCII = new Set(['ascii', 'us-ascii', '646', 'us']);

/** Python's codec names for single-byte code pages → the WHATWG label TextDecoder knows. */
function whatwgLabel(name: string): string {
  const cp = /^(?:cp|windows-)(\d+)$/.exec(name);
  if (cp) return `windows-${cp[1] ?? ''}`;
  const iso = /^iso-?8859-(\d+)$/.exec(name);
  if (iso) return `iso-8859-${iso[1] ?? ''}`;
  if (name === 'koi8-r' || name === 'koi8-u' || name === 'mac-roman' || name === 'macintosh') return name === 'mac-roman' ? 'macintosh' : name;
  return name;
}

/**
 * Encodes `text` in `encoding` (Python codec name). Returns undefined when that cannot be done
 * byte-exactly (a character the encoding lacks, or a multi-byte legacy encoding we have no
 * encoder for).
 */
export function encodeSource(text: string, encoding: string): Uint8Array | undefined {
  const name = normalizeName(encoding);
  if (UTF8.has(name)) return new TextEncoder().encode(text);
  if (LATIN1.has(name) || ASCII.has(name)) {
    const limit = ASCII.has(name) ? 0x80 : 0x100;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= limit) return undefined;
      bytes[i] = code;
    }
    return bytes;
  }
  const table = singleByteTable(whatwgLabel(name));
  if (!table) return undefined;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = table.get(text.charCodeAt(i));
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

const tables = new Map<string, Map<number, number> | null>();

/** character → byte for a single-byte encoding TextDecoder supports; null when it is not one */
function singleByteTable(label: string): Map<number, number> | undefined {
  if (!tables.has(label)) {
    let table: Map<number, number> | null = null;
    try {
      const decoder = new TextDecoder(label, { fatal: true });
      table = new Map();
      for (let byte = 0; byte < 256; byte++) {
        let decoded: string;
        try {
          decoded = decoder.decode(new Uint8Array([byte]));
        } catch {
          continue; // byte undefined in this code page
        }
        if (decoded.length !== 1) {
          table = null; // not a single-byte encoding
          break;
        }
        if (!table.has(decoded.charCodeAt(0))) table.set(decoded.charCodeAt(0), byte);
      }
    } catch {
      table = null; // TextDecoder does not know the label
    }
    tables.set(label, table);
  }
  return tables.get(label) ?? undefined;
}

export interface StoredEncoding {
  /** Python codec name as the coding cookie gives it, 'utf-8' without one */
  encoding: string;
  /** the file starts with a UTF-8 byte-order mark (the decoded text does not) */
  bom: boolean;
}

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/**
 * How a file's bytes are stored (PEP 263: BOM, then a coding cookie on line 1, or on line 2
 * when line 1 is blank or a comment). Only used to write fixed text back; the caller checks
 * that the unchanged text re-encodes to the very same bytes before trusting it.
 */
export function storedEncodingOf(bytes: Uint8Array): StoredEncoding {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let position = bom ? 3 : 0;
  for (let line = 0; line < 2 && position < bytes.length; line++) {
    let end = position;
    while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
    const text = String.fromCharCode(...bytes.subarray(position, Math.min(end, position + 400)));
    const cookie = COOKIE.exec(text)?.[1];
    if (cookie !== undefined) return { encoding: cookie, bom };
    const trimmed = text.replace(/^[ \t\f]+/, '');
    if (trimmed !== '' && !trimmed.startsWith('#')) break;
    if (bytes[end] === 0x0d && bytes[end + 1] === 0x0a) end++;
    position = end + 1;
  }
  return { encoding: 'utf-8', bom };
}

/** `text` as the file stored it: encoding and BOM restored; undefined when that is impossible. */
export function encodeStored(text: string, stored: StoredEncoding): Uint8Array | undefined {
  const body = encodeSource(text, stored.encoding);
  if (!body || !stored.bom) return body;
  const bytes = new Uint8Array(body.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(body, 3);
  return bytes;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
