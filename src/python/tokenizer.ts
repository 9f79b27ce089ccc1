/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison, @typescript-eslint/no-non-null-assertion --
   token kinds live in a Uint8Array (plain numbers compared with Tok members), and hot loops
   index typed arrays within bounds, where noUncheckedIndexedAccess would add checks */
/**
 * Python tokenizer: one pass over the char codes of the source, producing the whole token
 * stream into typed arrays (kind, start, end, flags).
 *
 * Follows CPython 3.12+'s tokenizer: INDENT/DEDENT/NEWLINE, implicit line joining inside
 * brackets, backslash continuations, f-strings and t-strings split into
 * FSTRING_START / FSTRING_MIDDLE / replacement-field tokens / FSTRING_END (PEP 701).
 *
 * It never throws: problems are reported through `errors` and tokenization goes on.
 * Recovery for unclosed brackets: a line starting with a keyword that can never occur
 * inside brackets (`def`, `class`, `return`, ...) closes all open brackets.
 */
import type { Comment, ParseError } from './ast.js';
import { KEYWORDS, Tok } from './tokens.js';

/** The token stream. Arrays may be longer than `count`. */
export interface Tokens {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** for a NAME token, 1 when it has non-ASCII characters (its text needs NFKC normalization,
   *  like CPython does); for a STRING token, 1 when its body holds a backslash or a \r (it
   *  needs decoding); else 0. The parser slices names from the source when it uses them. */
  flags: Uint8Array;
  count: number;
}

const enum Ch {
  Tab = 9,
  LF = 10,
  FF = 12,
  CR = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Percent = 37,
  Amp = 38,
  SQuote = 39,
  LPar = 40,
  RPar = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D1 = 49,
  D7 = 55,
  D9 = 57,
  Colon = 58,
  Semi = 59,
  Less = 60,
  Equal = 61,
  Greater = 62,
  At = 64,
  UA = 65,
  UB = 66,
  UE = 69,
  UF = 70,
  UJ = 74,
  UN = 78,
  UO = 79,
  UR = 82,
  UT = 84,
  UU = 85,
  UX = 88,
  UZ = 90,
  LSqb = 91,
  Backslash = 92,
  RSqb = 93,
  Caret = 94,
  Underscore = 95,
  LA = 97,
  LB = 98,
  LE = 101,
  LF_ = 102,
  LJ = 106,
  LN = 110,
  LO = 111,
  LR = 114,
  LT = 116,
  LU = 117,
  LX = 120,
  LZ = 122,
  LBrace = 123,
  Bar = 124,
  RBrace = 125,
  Tilde = 126,
}

/** Keywords that can never appear inside brackets: seeing one at the start of a line
 *  inside brackets means a bracket was left open. */
const RECOVERY_KEYWORDS = new Set([
  'def',
  'class',
  'return',
  'import',
  'raise',
  'pass',
  'break',
  'continue',
  'del',
  'global',
  'nonlocal',
  'assert',
  'try',
  'except',
  'finally',
  'while',
  'with',
  'elif',
]);

const enum Mode {
  /** literal text of an f-string */
  Literal,
  /** the expression of a replacement field */
  Field,
  /** literal text of a format spec */
  Spec,
}

interface FFrame {
  mode: Mode;
  /** bracket depth right after the field's `{` (Field and Spec frames) */
  depth: number;
  /** the f-string this frame belongs to */
  str: FString;
}

interface FString {
  quote: number;
  triple: boolean;
  raw: boolean;
  /** bracket depth when the f-string started */
  depth: number;
}

const ID_START = /^[\p{ID_Start}_]$/u;
const ID_CONTINUE = /^[\p{ID_Continue}\u00B7\u0387\u1369-\u1371\u19DA]$/u;

const enum Cls {
  /** invalid characters */
  Other,
  Space,
  Ident,
  Digit,
  Quote,
  Hash,
  Newline,
  Backslash,
  Punct,
}

/** What an ASCII character can start (identifiers include string prefixes). */
const CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  let k = Cls.Other;
  if ((c >= Ch.LA && c <= Ch.LZ) || (c >= Ch.UA && c <= Ch.UZ) || c === Ch.Underscore) k = Cls.Ident;
  else if (c >= Ch.D0 && c <= Ch.D9) k = Cls.Digit;
  else if (c === Ch.Space || c === Ch.Tab || c === Ch.FF) k = Cls.Space;
  else if (c === Ch.DQuote || c === Ch.SQuote) k = Cls.Quote;
  else if (c === Ch.Hash) k = Cls.Hash;
  else if (c === Ch.LF || c === Ch.CR) k = Cls.Newline;
  else if (c === Ch.Backslash) k = Cls.Backslash;
  else if ('()[]{}:,;+-*/|&<>=.%~^@!'.includes(String.fromCharCode(c))) k = Cls.Punct;
  CHAR_CLASS[c] = k;
}

/** 1 for the letters a string prefix can start with */
const PREFIX_LETTER = new Uint8Array(128);
for (const l of 'rRbBuUfFtT') PREFIX_LETTER[l.charCodeAt(0)] = 1;

function isQuote(c: number): boolean {
  return c === Ch.DQuote || c === Ch.SQuote;
}

/** 1 for the characters a string literal's scan must look at */
const STRING_STOP = new Uint8Array(128);
STRING_STOP[Ch.DQuote] = STRING_STOP[Ch.SQuote] = STRING_STOP[Ch.Backslash] = STRING_STOP[Ch.LF] = STRING_STOP[Ch.CR] = 1;

/** 1 for the ASCII characters that can continue an identifier */
const ASCII_ID = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= Ch.LA && c <= Ch.LZ) || (c >= Ch.UA && c <= Ch.UZ) || c === Ch.Underscore || (c >= Ch.D0 && c <= Ch.D9)) ASCII_ID[c] = 1;
}

function isAsciiIdStart(c: number): boolean {
  return (c >= Ch.LA && c <= Ch.LZ) || (c >= Ch.UA && c <= Ch.UZ) || c === Ch.Underscore;
}
function isAsciiIdChar(c: number): boolean {
  return (c >= Ch.LA && c <= Ch.LZ) || (c >= Ch.UA && c <= Ch.UZ) || c === Ch.Underscore || (c >= Ch.D0 && c <= Ch.D9);
}
function isDigit(c: number): boolean {
  return c >= Ch.D0 && c <= Ch.D9;
}
function isHexDigit(c: number): boolean {
  return (c >= Ch.D0 && c <= Ch.D9) || (c >= Ch.LA && c <= Ch.LF_) || (c >= Ch.UA && c <= Ch.UF);
}

export class Tokenizer {
  private readonly src: string;
  private readonly len: number;
  private pos: number;
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private flags: Uint8Array;
  private count = 0;
  /** open brackets: char code and offset */
  private readonly brackets: number[] = [];
  private readonly bracketPos: number[] = [];
  private readonly indents: number[] = [0];
  private readonly altIndents: number[] = [0];
  private readonly frames: FFrame[] = [];
  private lineHasTokens = false;
  private atLineStart = true;
  /** indentation column of the current logical line */
  private logicalIndent = 0;
  /** indentation of the logical line where the outermost open bracket was opened */
  private openerIndent = 0;
  /** offset where the current logical line starts (after its indentation) */
  private logicalStart = 0;
  /** `logicalStart` of the line where the outermost open bracket was opened */
  private openerLineStart = 0;
  /** Recovery mode for files with bracket errors: a line indented less than the line that
   *  opened the outermost bracket (or as much, when it starts a statement) closes all brackets. */
  private readonly aggressive: boolean;
  /** whether the source has a \r anywhere (else only \n ends lines) */
  private readonly hasCR: boolean;
  /** set on any bracket or f-string nesting error: the caller re-tokenizes aggressively */
  bracketTrouble = false;
  readonly errors: ParseError[] = [];
  readonly comments: Comment[] = [];

  constructor(src: string, startOffset: number, aggressive: boolean, endOffset = src.length) {
    this.aggressive = aggressive;
    this.hasCR = src.includes('\r');
    this.src = src;
    this.len = endOffset;
    this.pos = startOffset;
    const cap = Math.max(64, ((endOffset - startOffset) >> 2) + 16);
    const pooled = pool;
    if (pooled !== null && pooled.kinds.length >= cap) {
      pool = null;
      this.kinds = pooled.kinds;
      this.starts = pooled.starts;
      this.ends = pooled.ends;
      this.flags = pooled.flags;
    } else {
      this.kinds = new Uint8Array(cap);
      this.starts = new Int32Array(cap);
      this.ends = new Int32Array(cap);
      this.flags = new Uint8Array(cap);
    }
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, start, end });
  }

  private bracketError(message: string, start: number, end: number): void {
    this.bracketTrouble = true;
    this.errors.push({ message, start, end });
  }

  private emit(kind: Tok, start: number, end: number): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
  }

  /** A NAME token; `nonAscii` when its text needs NFKC normalization. */
  private emitName(start: number, end: number, nonAscii: number): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = Tok.Name;
    this.starts[i] = start;
    this.ends[i] = end;
    this.flags[i] = nonAscii;
  }

  private grow(): void {
    const n = this.kinds.length * 2;
    const k = new Uint8Array(n);
    k.set(this.kinds);
    this.kinds = k;
    const s = new Int32Array(n);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(n);
    e.set(this.ends);
    this.ends = e;
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.flags = f;
  }

  tokenize(): Tokens {
    const src = this.src;
    const len = this.len;
    for (;;) {
      if (this.frames.length > 0) {
        const top = this.frames[this.frames.length - 1]!;
        if (top.mode !== Mode.Field) {
          this.scanFStringLiteral(top);
          continue;
        }
      } else if (this.atLineStart) {
        if (!this.lineStart()) continue;
      }
      // skip horizontal whitespace
      let p = this.pos;
      let c = p < len ? src.charCodeAt(p) : -1;
      while (c === Ch.Space || c === Ch.Tab || c === Ch.FF) c = ++p < len ? src.charCodeAt(p) : -1;
      if (c < 0) {
        this.pos = p;
        this.finish();
        break;
      }
      const start = p;
      const cls = c < 128 ? CHAR_CLASS[c]! : Cls.Ident;
      if (cls === Cls.Ident) {
        this.lineHasTokens = true;
        // (inline fast path: an ASCII identifier that is not a string prefix)
        if (c >= 128 || (PREFIX_LETTER[c] === 1 && ((start + 1 < len && isQuote(src.charCodeAt(start + 1))) || (start + 2 < len && isQuote(src.charCodeAt(start + 2)))))) {
          this.identifierOrString(start, c);
          continue;
        }
        p++;
        let d = 0;
        while (p < len && (d = src.charCodeAt(p)) < 128 && ASCII_ID[d] === 1) p++;
        if (d >= 128 && p < len) {
          this.unicodeIdentifier(start);
          continue;
        }
        this.pos = p;
        const kind = keywordAt(src, start, p - start, c);
        if (kind !== Tok.Name) this.emit(kind, start, p);
        else this.emitName(start, p, 0);
        continue;
      }
      if (cls === Cls.Punct) {
        this.lineHasTokens = true;
        // (inline fast path: the commonest one-character tokens)
        const n = start + 1 < len ? src.charCodeAt(start + 1) : 0;
        switch (c) {
          case Ch.Comma:
            this.emit(Tok.Comma, start, start + 1);
            this.pos = start + 1;
            continue;
          case Ch.Dot:
            if (n !== Ch.Dot && !isDigit(n)) {
              this.emit(Tok.Dot, start, start + 1);
              this.pos = start + 1;
              continue;
            }
            break;
          case Ch.Equal:
            if (n !== Ch.Equal) {
              this.emit(Tok.Equal, start, start + 1);
              this.pos = start + 1;
              continue;
            }
            break;
          case Ch.LPar:
            this.open(Tok.LPar, c, start);
            continue;
          case Ch.RPar:
            this.close(Tok.RPar, c, start);
            continue;
          case Ch.LSqb:
            this.open(Tok.LSqb, c, start);
            continue;
          case Ch.RSqb:
            this.close(Tok.RSqb, c, start);
            continue;
          default:
            break;
        }
        this.punctuation(start, c);
        continue;
      }
      if (cls === Cls.Newline) {
        this.newline(start, c);
        continue;
      }
      if (cls === Cls.Hash) {
        if (this.hasCR) {
          p = start + 1;
          while (p < len && (c = src.charCodeAt(p)) !== Ch.LF && c !== Ch.CR) p++;
        } else {
          p = src.indexOf('\n', start + 1);
          if (p < 0) p = len;
        }
        this.comments.push({ start, end: p, text: src.slice(start, p) });
        this.pos = p;
        continue;
      }
      if (cls === Cls.Digit) {
        this.lineHasTokens = true;
        this.number(start);
        continue;
      }
      if (cls === Cls.Quote) {
        this.lineHasTokens = true;
        this.string(start, start, false, false, false, false);
        continue;
      }
      if (cls === Cls.Backslash) {
        const n = start + 1 < len ? src.charCodeAt(start + 1) : -1;
        if (n === Ch.LF || n === Ch.CR) {
          this.pos = n === Ch.CR && start + 2 < len && src.charCodeAt(start + 2) === Ch.LF ? start + 3 : start + 2;
          // CPython: a continuation must be followed by another line
          if (this.pos >= len) this.error('unexpected EOF while parsing', start, start + 1);
        } else if (n === -1) {
          this.error('unexpected EOF while parsing', start, start + 1);
          this.pos = start + 1;
        } else {
          this.error('unexpected character after line continuation character', start, start + 1);
          this.pos = start + 1;
          this.emit(Tok.ErrorToken, start, start + 1);
        }
        continue;
      }
      // anything else: punctuation's error path
      this.lineHasTokens = true;
      this.punctuation(start, c);
    }
    return { kinds: this.kinds, starts: this.starts, ends: this.ends, flags: this.flags, count: this.count };
  }

  /**
   * At the start of a logical line (outside brackets): measure indentation and emit
   * INDENT/DEDENT when the line holds a token. Returns false when it consumed a blank line.
   */
  private lineStart(): boolean {
    const src = this.src;
    const len = this.len;
    // CPython also measures with tab size 1: both measures must order lines the same way
    let p = this.pos;
    // (fast path: indentation by spaces only)
    while (src.charCodeAt(p) === Ch.Space) p++;
    let col = p - this.pos;
    let alt = col;
    // Like CPython, backslash continuations are part of the indentation: the column of the first
    // backslash is the line's indentation, unless it is 0 (then the continued line's counts).
    let contCol = 0;
    while (p < len) {
      const c = src.charCodeAt(p);
      if (c === Ch.Space) {
        col++;
        alt++;
      } else if (c === Ch.Tab) {
        col = (col & ~7) + 8;
        alt++;
      } else if (c === Ch.FF) col = alt = 0;
      else if (c === Ch.Backslash) {
        const n = p + 1 < len ? src.charCodeAt(p + 1) : -1;
        if (n !== Ch.LF && n !== Ch.CR) break; // the main loop reports it
        if (contCol === 0) contCol = col;
        const after = n === Ch.CR && p + 2 < len && src.charCodeAt(p + 2) === Ch.LF ? p + 3 : p + 2;
        if (after >= len) this.error('unexpected EOF while parsing', p, p + 1);
        p = after;
        continue;
      } else break;
      p++;
    }
    if (contCol !== 0) col = alt = contCol;
    this.pos = p;
    if (p >= len) {
      this.atLineStart = false;
      return true;
    }
    const c = src.charCodeAt(p);
    if (c === Ch.Hash || c === Ch.LF || c === Ch.CR) {
      // blank or comment-only line: no indentation tokens
      this.atLineStart = false;
      return true;
    }
    // (a backslash continuation here still counts: CPython takes the indentation of the first
    // physical line of the logical line)
    this.atLineStart = false;
    this.logicalIndent = col;
    this.logicalStart = p;
    const indents = this.indents;
    const alts = this.altIndents;
    const cur = indents[indents.length - 1]!;
    if (col > cur) {
      if (alt <= alts[alts.length - 1]!) this.tabError(p);
      indents.push(col);
      alts.push(alt);
      this.emit(Tok.Indent, p - 0, p);
    } else if (col < cur) {
      while (indents.length > 1 && col < indents[indents.length - 1]!) {
        indents.pop();
        alts.pop();
        this.emit(Tok.Dedent, p, p);
      }
      if (col !== indents[indents.length - 1]) {
        this.error('unindent does not match any outer indentation level', this.lineStartOf(p), p);
        // treat the line as if at the enclosing level
      } else if (alt !== alts[alts.length - 1]) this.tabError(p);
    } else if (alt !== alts[alts.length - 1]) this.tabError(p);
    return true;
  }

  private tabError(p: number): void {
    this.error('inconsistent use of tabs and spaces in indentation', this.lineStartOf(p), p);
  }

  private lineStartOf(p: number): number {
    const src = this.src;
    while (p > 0) {
      const c = src.charCodeAt(p - 1);
      if (c === Ch.LF || c === Ch.CR) break;
      p--;
    }
    return p;
  }

  private newline(start: number, c: number): void {
    const src = this.src;
    const end = c === Ch.CR && start + 1 < this.len && src.charCodeAt(start + 1) === Ch.LF ? start + 2 : start + 1;
    this.pos = end;
    if (this.frames.length > 0) {
      // newline inside a replacement field: allowed (3.12+), but a statement keyword on the
      // next line means a single-quoted f-string was left open
      const top = this.frames[this.frames.length - 1]!;
      if (top.str.triple || !(this.lineStartsStatement(end) || (this.aggressive && this.dedentedLine(end)))) return;
      while (this.frames.length > 0) this.unterminatedFString(start);
    }
    if (this.brackets.length > 0) {
      if (this.lineStartsStatement(end) || (this.aggressive && (this.dedentedLine(end) || this.headerEnded(start)))) {
        const open = this.bracketPos[0]!;
        this.bracketError(`'${String.fromCharCode(this.brackets[0]!)}' was never closed`, open, open + 1);
        this.brackets.length = 0;
        this.bracketPos.length = 0;
        if (this.lineHasTokens) this.emit(Tok.Newline, start, end);
        this.lineHasTokens = false;
        this.atLineStart = true;
      }
      return;
    }
    if (this.lineHasTokens) this.emit(Tok.Newline, start, end);
    this.lineHasTokens = false;
    this.atLineStart = true;
  }

  /** Aggressive recovery: does the physical line ending at `nl` end a block header (`def f(a:`)
   *  whose bracket was left open? */
  private headerEnded(nl: number): boolean {
    const src = this.src;
    let p = nl - 1;
    while (p > this.openerLineStart && (src.charCodeAt(p) === Ch.Space || src.charCodeAt(p) === Ch.Tab)) p--;
    if (src.charCodeAt(p) !== Ch.Colon) return false;
    return /^(?:async\s+def|def|class|if|elif|while|for|async\s+for|with|async\s+with|except)\b/.test(src.slice(this.openerLineStart, this.openerLineStart + 16));
  }

  /** Aggressive recovery: does the physical line at `p` look like the next statement? */
  private dedentedLine(p: number): boolean {
    const src = this.src;
    const len = this.len;
    let col = 0;
    while (p < len) {
      const c = src.charCodeAt(p);
      if (c === Ch.Space) col++;
      else if (c === Ch.Tab) col = (col & ~7) + 8;
      else if (c === Ch.FF) col = 0;
      else break;
      p++;
    }
    if (p >= len) return false;
    const c = src.charCodeAt(p);
    if (c === Ch.Hash || c === Ch.LF || c === Ch.CR || c === Ch.Backslash) return false;
    if (c === Ch.RPar || c === Ch.RSqb || c === Ch.RBrace) return false;
    if (col < this.openerIndent) return true;
    if (col > this.openerIndent) return false;
    if (c === Ch.At) return true;
    if (!isAsciiIdStart(c)) return false;
    // same indentation: only an assignment (`name = ...`, `a.b += ...`) counts
    while (p < len && (isAsciiIdChar(src.charCodeAt(p)) || src.charCodeAt(p) === Ch.Dot)) p++;
    while (p < len && (src.charCodeAt(p) === Ch.Space || src.charCodeAt(p) === Ch.Tab)) p++;
    if (p >= len) return false;
    const d = src.charCodeAt(p);
    const e = p + 1 < len ? src.charCodeAt(p + 1) : 0;
    if (d === Ch.Equal) return e !== Ch.Equal;
    if (e === Ch.Equal) return d === Ch.Plus || d === Ch.Minus || d === Ch.Star || d === Ch.Slash || d === Ch.Percent || d === Ch.Bar || d === Ch.Amp || d === Ch.Caret || d === Ch.At;
    return false;
  }

  /** Inside brackets, at the start of a new physical line: does it start with a keyword that
   *  can only begin a statement? */
  private lineStartsStatement(p: number): boolean {
    const src = this.src;
    const len = this.len;
    while (p < len) {
      const c = src.charCodeAt(p);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.FF) p++;
      else break;
    }
    const s = p;
    while (p < len && src.charCodeAt(p) >= Ch.LA && src.charCodeAt(p) <= Ch.LZ) p++;
    if (p === s || p - s > 8) return false;
    if (p < len && isAsciiIdChar(src.charCodeAt(p))) return false;
    const word = src.slice(s, p);
    if (word === 'async') {
      // `async def` (but not `async for`, which comprehensions use)
      while (p < len && (src.charCodeAt(p) === Ch.Space || src.charCodeAt(p) === Ch.Tab)) p++;
      return src.startsWith('def', p) && !isAsciiIdChar(src.charCodeAt(p + 3));
    }
    return RECOVERY_KEYWORDS.has(word);
  }

  private unterminatedFString(at: number): void {
    // close every frame of the innermost single-quoted f-string
    let i = this.frames.length - 1;
    const str = this.frames[i]!.str;
    this.bracketError('unterminated f-string literal', at, at);
    while (i >= 0 && this.frames[i]!.str === str) i--;
    this.frames.length = i + 1;
    this.brackets.length = str.depth;
    this.bracketPos.length = str.depth;
    this.emit(Tok.FStringEnd, at, at);
  }

  private finish(): void {
    const len = this.len;
    if (this.frames.length > 0) {
      this.bracketError('unterminated f-string literal', len, len);
      while (this.frames.length > 0) {
        const str = this.frames[this.frames.length - 1]!.str;
        while (this.frames.length > 0 && this.frames[this.frames.length - 1]!.str === str) this.frames.pop();
        this.emit(Tok.FStringEnd, len, len);
      }
    }
    if (this.brackets.length > 0) {
      const open = this.bracketPos[0]!;
      this.bracketError(`'${String.fromCharCode(this.brackets[0]!)}' was never closed`, open, open + 1);
      this.brackets.length = 0;
      this.bracketPos.length = 0;
    }
    if (this.lineHasTokens) this.emit(Tok.Newline, len, len);
    while (this.indents.length > 1) {
      this.indents.pop();
      this.emit(Tok.Dedent, len, len);
    }
    this.emit(Tok.EndMarker, len, len);
  }

  private identifierOrString(start: number, c: number): void {
    const src = this.src;
    const len = this.len;
    // string prefix? (only r, b, u, f, t in either case can start one)
    const lc = c | 0x20;
    const q1 = start + 1 < len ? src.charCodeAt(start + 1) : 0;
    const q2 = start + 2 < len ? src.charCodeAt(start + 2) : 0;
    if ((lc === Ch.LR || lc === Ch.LB || lc === Ch.LU || lc === Ch.LF_ || lc === Ch.LT) && (q1 === Ch.DQuote || q1 === Ch.SQuote || q2 === Ch.DQuote || q2 === Ch.SQuote)) {
      let p = start;
      let raw = false;
      let bytes = false;
      let f = false;
      let t = false;
      let u = false;
      while (p < len && p - start < 3) {
        const d = src.charCodeAt(p) | 0x20;
        if (d === Ch.LR && !raw) raw = true;
        else if (d === Ch.LB && !bytes) bytes = true;
        else if (d === Ch.LF_ && !f) f = true;
        else if (d === Ch.LT && !t) t = true;
        else if (d === Ch.LU && !u) u = true;
        else break;
        p++;
      }
      if (p > start && p < len) {
        const q = src.charCodeAt(p);
        if ((q === Ch.DQuote || q === Ch.SQuote) && validPrefix(raw, bytes, f, t, u, p - start)) {
          this.string(start, p, raw, bytes, f, t);
          return;
        }
      }
    }
    if (c >= 128) {
      this.unicodeIdentifier(start);
      return;
    }
    let p = start + 1;
    let d = 0;
    while (p < len && (d = src.charCodeAt(p)) < 128 && ASCII_ID[d] === 1) p++;
    if (d >= 128 && p < len) {
      this.unicodeIdentifier(start);
      return;
    }
    this.pos = p;
    // (interning names in a shared cache was measured slower than slicing: the lookup and
    // the comparison cost more than the allocation)
    const kind = keywordAt(src, start, p - start, c);
    if (kind !== Tok.Name) this.emit(kind, start, p);
    else this.emitName(start, p, 0);
  }

  /** An identifier with non-ASCII characters (or an invalid character) at `start`. */
  private unicodeIdentifier(start: number): void {
    const src = this.src;
    const len = this.len;
    let p = start;
    const cp = src.codePointAt(start)!;
    if (cp >= 128) {
      if (!ID_START.test(String.fromCodePoint(cp))) {
        const w = cp > 0xffff ? 2 : 1;
        this.error(`invalid character '${String.fromCodePoint(cp)}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`, start, start + w);
        this.pos = start + w;
        this.emit(Tok.ErrorToken, start, start + w);
        return;
      }
      p = start + (cp > 0xffff ? 2 : 1);
    } else p = start + 1;
    let ascii = cp < 128;
    while (p < len) {
      const d = src.charCodeAt(p);
      if (d < 128) {
        if (ASCII_ID[d] !== 1) break;
        p++;
      } else {
        const e = src.codePointAt(p)!;
        if (!ID_CONTINUE.test(String.fromCodePoint(e))) break;
        ascii = false;
        p += e > 0xffff ? 2 : 1;
      }
    }
    this.pos = p;
    if (ascii) {
      // an ASCII identifier followed by a non-identifier non-ASCII character
      const kw = keywordAt(src, start, p - start, cp);
      if (kw !== Tok.Name) this.emit(kw, start, p);
      else this.emitName(start, p, 0);
      return;
    }
    this.emitName(start, p, 1);
  }

  private number(start: number): void {
    const src = this.src;
    const len = this.len;
    let p = start;
    const c = src.charCodeAt(p);
    if (c === Ch.D0 && p + 1 < len) {
      const n = src.charCodeAt(p + 1) | 0x20;
      if (n === Ch.LX || n === Ch.LO || n === Ch.LB) {
        p += 2;
        const s = p;
        while (p < len) {
          const d = src.charCodeAt(p);
          if (d === Ch.Underscore || (n === Ch.LX ? isHexDigit(d) : n === Ch.LO ? d >= Ch.D0 && d <= Ch.D7 : d === Ch.D0 || d === Ch.D1)) p++;
          else break;
        }
        if (p === s) this.error('invalid number literal', start, p);
        this.pos = p;
        this.emit(Tok.Number, start, p);
        return;
      }
    }
    while (p < len) {
      const d = src.charCodeAt(p);
      if (isDigit(d) || d === Ch.Underscore) p++;
      else break;
    }
    if (p < len && src.charCodeAt(p) === Ch.Dot) {
      p++;
      while (p < len) {
        const d = src.charCodeAt(p);
        if (isDigit(d) || d === Ch.Underscore) p++;
        else break;
      }
    }
    if (p < len && (src.charCodeAt(p) | 0x20) === Ch.LE) {
      let q = p + 1;
      if (q < len && (src.charCodeAt(q) === Ch.Plus || src.charCodeAt(q) === Ch.Minus)) q++;
      if (q < len && isDigit(src.charCodeAt(q))) {
        p = q;
        while (p < len) {
          const d = src.charCodeAt(p);
          if (isDigit(d) || d === Ch.Underscore) p++;
          else break;
        }
      }
    }
    if (p < len && (src.charCodeAt(p) | 0x20) === Ch.LJ) p++;
    this.pos = p;
    this.emit(Tok.Number, start, p);
  }

  /** A string literal starting at `start` (prefix) with its quote at `q`. */
  private string(start: number, q: number, raw: boolean, _bytes: boolean, f: boolean, t: boolean): void {
    const src = this.src;
    const len = this.len;
    const quote = src.charCodeAt(q);
    const triple = q + 2 < len && src.charCodeAt(q + 1) === quote && src.charCodeAt(q + 2) === quote;
    if (f || t) {
      const openEnd = triple ? q + 3 : q + 1;
      this.emit(Tok.FStringStart, start, openEnd);
      this.pos = openEnd;
      const str: FString = { quote, triple, raw, depth: this.brackets.length };
      this.frames.push({ mode: Mode.Literal, depth: this.brackets.length, str });
      return;
    }
    let p = triple ? q + 3 : q + 1;
    // whether the body holds a backslash or a \r: the parser decodes only those
    let decode = 0;
    for (;;) {
      if (p >= len) {
        this.error(triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal', start, p);
        break;
      }
      const c = src.charCodeAt(p);
      if (c >= 128 || STRING_STOP[c] === 0) {
        p++;
        continue;
      }
      if (c === quote) {
        if (!triple) {
          p++;
          break;
        }
        if (p + 2 < len && src.charCodeAt(p + 1) === quote && src.charCodeAt(p + 2) === quote) {
          p += 3;
          break;
        }
        p++;
      } else if (c === Ch.Backslash) {
        decode = 1;
        p += 2;
        if (p > len) p = len;
        else if (src.charCodeAt(p - 1) === Ch.CR && p < len && src.charCodeAt(p) === Ch.LF) p++;
      } else if (c === Ch.LF || c === Ch.CR) {
        if (!triple) {
          this.error('unterminated string literal', start, p);
          break;
        }
        if (c === Ch.CR) decode = 1;
        p++;
      } else {
        p++;
      }
    }
    this.pos = p;
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = Tok.String;
    this.starts[i] = start;
    this.ends[i] = p;
    this.flags[i] = decode;
  }

  /** Literal text of an f-string or of a format spec, up to a `{`, `}` or the closing quote. */
  private scanFStringLiteral(frame: FFrame): void {
    const src = this.src;
    const len = this.len;
    const str = frame.str;
    const inSpec = frame.mode === Mode.Spec;
    const start = this.pos;
    let p = start;
    for (;;) {
      if (p >= len) {
        this.emitMiddle(start, p);
        this.pos = p;
        if (inSpec) {
          this.frames.pop();
        }
        this.finishFramesAtEof();
        return;
      }
      const c = src.charCodeAt(p);
      if (c === Ch.Backslash) {
        if (p + 1 >= len) {
          p++;
          continue;
        }
        const n = src.charCodeAt(p + 1);
        if (n === Ch.LBrace || n === Ch.RBrace) {
          p++;
          continue;
        }
        if (!str.raw && n === Ch.UN && p + 2 < len && src.charCodeAt(p + 2) === Ch.LBrace) {
          let r = p + 3;
          while (r < len) {
            const d = src.charCodeAt(r);
            if (d === Ch.RBrace || d === str.quote || d === Ch.LF || d === Ch.CR) break;
            r++;
          }
          p = r < len && src.charCodeAt(r) === Ch.RBrace ? r + 1 : r;
          // CPython ends the FSTRING_MIDDLE token after a named escape (visible in format specs)
          this.emitMiddle(start, p);
          this.pos = p;
          return;
        }
        p += 2;
        if (n === Ch.CR && p < len && src.charCodeAt(p) === Ch.LF) p++;
        continue;
      }
      if (c === Ch.LBrace) {
        if (!inSpec && p + 1 < len && src.charCodeAt(p + 1) === Ch.LBrace) {
          p += 2;
          continue;
        }
        this.emitMiddle(start, p);
        this.emit(Tok.LBrace, p, p + 1);
        if (this.brackets.length === 0) {
          this.openerIndent = this.logicalIndent;
          this.openerLineStart = this.logicalStart;
        }
        this.brackets.push(Ch.LBrace);
        this.bracketPos.push(p);
        this.frames.push({ mode: Mode.Field, depth: this.brackets.length, str });
        this.pos = p + 1;
        return;
      }
      if (c === Ch.RBrace) {
        if (inSpec) {
          this.emitMiddle(start, p);
          this.emit(Tok.RBrace, p, p + 1);
          this.brackets.pop();
          this.bracketPos.pop();
          this.frames.pop();
          this.pos = p + 1;
          return;
        }
        if (p + 1 < len && src.charCodeAt(p + 1) === Ch.RBrace) {
          p += 2;
          continue;
        }
        this.error("f-string: single '}' is not allowed", p, p + 1);
        p++;
        continue;
      }
      if (c === str.quote && (!str.triple || (p + 2 < len && src.charCodeAt(p + 1) === c && src.charCodeAt(p + 2) === c))) {
        this.emitMiddle(start, p);
        if (inSpec) {
          this.error("f-string: expecting '}'", p, p);
          this.frames.pop();
          this.brackets.length = frame.depth - 1;
          this.bracketPos.length = frame.depth - 1;
          // the f-string's own frame (below) sees the quote next
          this.pos = p;
          const below = this.frames[this.frames.length - 1];
          if (below?.mode === Mode.Field) {
            this.frames.pop();
            this.brackets.length = below.depth - 1;
            this.bracketPos.length = below.depth - 1;
          }
          return;
        }
        const end = p + (str.triple ? 3 : 1);
        this.emit(Tok.FStringEnd, p, end);
        this.frames.pop();
        this.pos = end;
        return;
      }
      if ((c === Ch.LF || c === Ch.CR) && !str.triple) {
        this.emitMiddle(start, p);
        this.pos = p;
        this.unterminatedFString(p);
        return;
      }
      p++;
    }
  }

  private finishFramesAtEof(): void {
    // leave the rest to finish(): the main loop sees EOF next
    const top = this.frames[this.frames.length - 1];
    if (top !== undefined && top.mode !== Mode.Field) {
      // convert to a Field frame so the main loop reaches finish()
      top.mode = Mode.Field;
    }
  }

  private emitMiddle(start: number, end: number): void {
    if (end > start) this.emit(Tok.FStringMiddle, start, end);
  }

  private open(kind: Tok, c: number, start: number): void {
    if (this.brackets.length === 0) {
      this.openerIndent = this.logicalIndent;
      this.openerLineStart = this.logicalStart;
    }
    this.brackets.push(c);
    this.bracketPos.push(start);
    this.emit(kind, start, start + 1);
    this.pos = start + 1;
  }

  private close(kind: Tok, c: number, start: number): void {
    const b = this.brackets;
    const opener = c === Ch.RPar ? Ch.LPar : c === Ch.RSqb ? Ch.LSqb : Ch.LBrace;
    const frames = this.frames;
    const top = frames.length > 0 ? frames[frames.length - 1]! : undefined;
    if (top?.mode === Mode.Field && b.length === top.depth && c === Ch.RBrace) {
      // end of a replacement field
      b.pop();
      this.bracketPos.pop();
      frames.pop();
      this.emit(kind, start, start + 1);
      this.pos = start + 1;
      return;
    }
    const floor = top === undefined ? 0 : top.depth;
    if (b.length > floor) {
      if (b[b.length - 1] === opener) {
        b.pop();
        this.bracketPos.pop();
      } else {
        const open = b[b.length - 1]!;
        this.bracketError(`closing parenthesis '${String.fromCharCode(c)}' does not match opening parenthesis '${String.fromCharCode(open)}'`, start, start + 1);
        const idx = b.lastIndexOf(opener);
        if (idx >= floor) {
          b.length = idx;
          this.bracketPos.length = idx;
        }
      }
    } else {
      this.bracketError(`unmatched '${String.fromCharCode(c)}'`, start, start + 1);
    }
    this.emit(kind, start, start + 1);
    this.pos = start + 1;
  }

  private punctuation(start: number, c: number): void {
    const src = this.src;
    const len = this.len;
    const n = start + 1 < len ? src.charCodeAt(start + 1) : 0;
    let kind: Tok;
    let l = 1;
    switch (c) {
      case Ch.LPar:
        this.open(Tok.LPar, c, start);
        return;
      case Ch.LSqb:
        this.open(Tok.LSqb, c, start);
        return;
      case Ch.LBrace:
        this.open(Tok.LBrace, c, start);
        return;
      case Ch.RPar:
        this.close(Tok.RPar, c, start);
        return;
      case Ch.RSqb:
        this.close(Tok.RSqb, c, start);
        return;
      case Ch.RBrace:
        this.close(Tok.RBrace, c, start);
        return;
      case Ch.Colon: {
        const top = this.frames.length > 0 ? this.frames[this.frames.length - 1]! : undefined;
        if (top?.mode === Mode.Field && this.brackets.length === top.depth) {
          // start of a format spec
          this.emit(Tok.Colon, start, start + 1);
          this.pos = start + 1;
          top.mode = Mode.Spec;
          return;
        }
        if (n === Ch.Equal) {
          kind = Tok.ColonEqual;
          l = 2;
        } else kind = Tok.Colon;
        break;
      }
      case Ch.Comma:
        kind = Tok.Comma;
        break;
      case Ch.Semi:
        kind = Tok.Semi;
        break;
      case Ch.Plus:
        if (n === Ch.Equal) {
          kind = Tok.PlusEqual;
          l = 2;
        } else kind = Tok.Plus;
        break;
      case Ch.Minus:
        if (n === Ch.Equal) {
          kind = Tok.MinEqual;
          l = 2;
        } else if (n === Ch.Greater) {
          kind = Tok.RArrow;
          l = 2;
        } else kind = Tok.Minus;
        break;
      case Ch.Star:
        if (n === Ch.Star) {
          if (start + 2 < len && src.charCodeAt(start + 2) === Ch.Equal) {
            kind = Tok.DoubleStarEqual;
            l = 3;
          } else {
            kind = Tok.DoubleStar;
            l = 2;
          }
        } else if (n === Ch.Equal) {
          kind = Tok.StarEqual;
          l = 2;
        } else kind = Tok.Star;
        break;
      case Ch.Slash:
        if (n === Ch.Slash) {
          if (start + 2 < len && src.charCodeAt(start + 2) === Ch.Equal) {
            kind = Tok.DoubleSlashEqual;
            l = 3;
          } else {
            kind = Tok.DoubleSlash;
            l = 2;
          }
        } else if (n === Ch.Equal) {
          kind = Tok.SlashEqual;
          l = 2;
        } else kind = Tok.Slash;
        break;
      case Ch.Bar:
        if (n === Ch.Equal) {
          kind = Tok.VBarEqual;
          l = 2;
        } else kind = Tok.VBar;
        break;
      case Ch.Amp:
        if (n === Ch.Equal) {
          kind = Tok.AmperEqual;
          l = 2;
        } else kind = Tok.Amper;
        break;
      case Ch.Less:
        if (n === Ch.Less) {
          if (start + 2 < len && src.charCodeAt(start + 2) === Ch.Equal) {
            kind = Tok.LeftShiftEqual;
            l = 3;
          } else {
            kind = Tok.LeftShift;
            l = 2;
          }
        } else if (n === Ch.Equal) {
          kind = Tok.LessEqual;
          l = 2;
        } else if (n === Ch.Greater) {
          // `<>` only exists under barry_as_FLUFL
          kind = Tok.NotEqual;
          l = 2;
          this.error('invalid syntax', start, start + 2);
        } else kind = Tok.Less;
        break;
      case Ch.Greater:
        if (n === Ch.Greater) {
          if (start + 2 < len && src.charCodeAt(start + 2) === Ch.Equal) {
            kind = Tok.RightShiftEqual;
            l = 3;
          } else {
            kind = Tok.RightShift;
            l = 2;
          }
        } else if (n === Ch.Equal) {
          kind = Tok.GreaterEqual;
          l = 2;
        } else kind = Tok.Greater;
        break;
      case Ch.Equal:
        if (n === Ch.Equal) {
          kind = Tok.EqEqual;
          l = 2;
        } else kind = Tok.Equal;
        break;
      case Ch.Bang:
        if (n === Ch.Equal) {
          kind = Tok.NotEqual;
          l = 2;
        } else kind = Tok.Exclamation;
        break;
      case Ch.Dot:
        if (isDigit(n)) {
          this.number(start);
          return;
        }
        if (n === Ch.Dot && start + 2 < len && src.charCodeAt(start + 2) === Ch.Dot) {
          kind = Tok.Ellipsis;
          l = 3;
        } else kind = Tok.Dot;
        break;
      case Ch.Percent:
        if (n === Ch.Equal) {
          kind = Tok.PercentEqual;
          l = 2;
        } else kind = Tok.Percent;
        break;
      case Ch.Tilde:
        kind = Tok.Tilde;
        break;
      case Ch.Caret:
        if (n === Ch.Equal) {
          kind = Tok.CircumflexEqual;
          l = 2;
        } else kind = Tok.Circumflex;
        break;
      case Ch.At:
        if (n === Ch.Equal) {
          kind = Tok.AtEqual;
          l = 2;
        } else kind = Tok.At;
        break;
      default: {
        const cp = this.src.codePointAt(start)!;
        const w = cp > 0xffff ? 2 : 1;
        const shown = cp < 32 || cp === 127 ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(cp)}'`;
        this.error(`invalid character ${shown}`, start, start + w);
        this.emit(Tok.ErrorToken, start, start + w);
        this.pos = start + w;
        return;
      }
    }
    this.emit(kind, start, start + l);
    this.pos = start + l;
  }
}

/** For an ASCII letter, bit n is set when a keyword of length n starts with it. */
const KEYWORD_LENGTHS = new Uint16Array(128);
for (const word of KEYWORDS.keys()) {
  KEYWORD_LENGTHS[word.charCodeAt(0)]! |= 1 << word.length;
}

/** The keyword kind of the ASCII identifier at `start` (length `n`, first char `c`), or Tok.Name. */
function keywordAt(src: string, start: number, n: number, c: number): Tok {
  // (most identifiers leave here: no keyword has their first letter and length)
  if (n > 8 || ((KEYWORD_LENGTHS[c & 127]! >> n) & 1) === 0) return Tok.Name;
  let kw: Tok;
  let text: string;
  switch (c) {
    case 70: // F
      kw = Tok.False;
      text = 'False';
      break;
    case 78: // N
      kw = Tok.None;
      text = 'None';
      break;
    case 84: // T
      kw = Tok.True;
      text = 'True';
      break;
    case 97: // a
      if (n === 2) return src.charCodeAt(start + 1) === 115 ? Tok.As : Tok.Name;
      if (n === 3) {
        kw = Tok.And;
        text = 'and';
      } else if (n === 5) {
        kw = src.charCodeAt(start + 1) === 115 ? Tok.Async : Tok.Await;
        text = kw === Tok.Async ? 'async' : 'await';
      } else {
        kw = Tok.Assert;
        text = 'assert';
      }
      break;
    case 98: // b
      kw = Tok.Break;
      text = 'break';
      break;
    case 99: // c
      if (n === 5) {
        kw = Tok.Class;
        text = 'class';
      } else {
        kw = Tok.Continue;
        text = 'continue';
      }
      break;
    case 100: // d
      if (n !== 3) return Tok.Name;
      kw = src.charCodeAt(start + 2) === 102 ? Tok.Def : Tok.Del;
      text = kw === Tok.Def ? 'def' : 'del';
      break;
    case 101: // e
      if (n === 4) {
        kw = src.charCodeAt(start + 2) === 105 ? Tok.Elif : Tok.Else;
        text = kw === Tok.Elif ? 'elif' : 'else';
      } else {
        kw = Tok.Except;
        text = 'except';
      }
      break;
    case 102: // f
      if (n === 3) {
        kw = Tok.For;
        text = 'for';
      } else if (n === 4) {
        kw = Tok.From;
        text = 'from';
      } else {
        kw = Tok.Finally;
        text = 'finally';
      }
      break;
    case 103: // g
      kw = Tok.Global;
      text = 'global';
      break;
    case 105: // i
      if (n === 2) {
        const d = src.charCodeAt(start + 1);
        return d === 102 ? Tok.If : d === 110 ? Tok.In : d === 115 ? Tok.Is : Tok.Name;
      }
      kw = Tok.Import;
      text = 'import';
      break;
    case 108: // l
      kw = Tok.Lambda;
      text = 'lambda';
      break;
    case 110: // n
      if (n === 3) {
        kw = Tok.Not;
        text = 'not';
      } else {
        kw = Tok.Nonlocal;
        text = 'nonlocal';
      }
      break;
    case 111: // o
      if (n === 2 && src.charCodeAt(start + 1) === 114) return Tok.Or;
      return Tok.Name;
    case 112: // p
      kw = Tok.Pass;
      text = 'pass';
      break;
    case 114: // r
      if (n === 5) {
        kw = Tok.Raise;
        text = 'raise';
      } else {
        kw = Tok.Return;
        text = 'return';
      }
      break;
    case 116: // t
      kw = Tok.Try;
      text = 'try';
      break;
    case 119: // w
      if (n === 5) {
        kw = Tok.While;
        text = 'while';
      } else {
        kw = Tok.With;
        text = 'with';
      }
      break;
    case 121: // y
      kw = Tok.Yield;
      text = 'yield';
      break;
    default:
      return Tok.Name;
  }
  return text.length === n && src.startsWith(text, start) ? kw : Tok.Name;
}

function validPrefix(raw: boolean, bytes: boolean, f: boolean, t: boolean, u: boolean, n: number): boolean {
  if (u) return n === 1;
  if (n === 1) return true;
  // two letters: r combined with b, f or t
  return n === 2 && raw && (bytes || f || t);
}

/**
 * One set of token arrays kept for the next tokenization: allocating (and zeroing) them for
 * every file showed in profiles. Arrays only return here through `releaseTokens`, and only
 * up to a size, so a huge file does not pin its arrays.
 */
let pool: Tokens | null = null;
const POOL_MAX_TOKENS = 1 << 20;

/** Hand a token stream's arrays back for reuse; the caller must not use `tokens` afterwards. */
export function releaseTokens(tokens: Tokens): void {
  if (tokens.kinds.length <= POOL_MAX_TOKENS && (pool === null || pool.kinds.length < tokens.kinds.length)) pool = tokens;
}

/**
 * Tokenize `src` from `startOffset`. A file with bracket errors is tokenized a second time in
 * aggressive recovery mode (valid files never pay for it, and never see its heuristics).
 */
/**
 * Tokens of `src` from `startOffset` (a line start) to `endOffset` (a line end or the end of the
 * text; tokenizing stops there as at the end of the file), with offsets into the whole `src`.
 */
export function tokenize(src: string, startOffset = 0, endOffset = src.length): { tokens: Tokens; errors: ParseError[]; comments: Comment[] } {
  let t = new Tokenizer(src, startOffset, false, endOffset);
  let tokens = t.tokenize();
  if (t.bracketTrouble) {
    releaseTokens(tokens);
    t = new Tokenizer(src, startOffset, true, endOffset);
    tokens = t.tokenize();
  }
  return { tokens, errors: t.errors, comments: t.comments };
}
