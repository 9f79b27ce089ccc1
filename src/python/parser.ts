/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison, @typescript-eslint/no-unsafe-enum-assignment, @typescript-eslint/no-non-null-assertion --
   token kinds live in a Uint8Array (plain numbers compared with Tok members), and hot loops
   index typed arrays within bounds, where noUncheckedIndexedAccess would add checks */
/**
 * Error-tolerant recursive-descent parser for Python 3 (up to 3.14 syntax), producing
 * CPython-shaped ASTs (see ast.ts). Binary operators use precedence climbing; the few places
 * where Python's PEG grammar needs more than one token of lookahead (`match`, parenthesized
 * `with` items) backtrack over the token array.
 *
 * Node positions follow CPython: a node spans from the first token its grammar rule consumed
 * (so `(a).b` starts at the parenthesis) to the end of the last one.
 *
 * Errors throw a `SyntaxFailure` that the statement loop catches: the error is recorded and
 * parsing resumes at the next logical line.
 */
import type * as A from './ast.js';
import * as N from './nodes.js';
import { bytesValue, decodeBytes, decodeNumber, decodeStr, Prefix, PREFIX_LENGTH_SHIFT, prefixFlags, type DecodeProblem } from './literals.js';
import type { Tokens } from './tokenizer.js';
import { Tok, tokenDescription } from './tokens.js';

type E = A.AnyExpr;
type S = A.AnyStmt;

/** Thrown to unwind to the statement loop; deliberately not an Error (no stack capture: trials throw often). */
class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

const ELLIPSIS: A.EllipsisValue = Object.freeze({ pyType: 'ellipsis' as const });

/** Precedence levels of `climb` (higher binds tighter). */
const enum Prec {
  Or = 1,
  And,
  Not,
  Compare,
  BitOr,
  BitXor,
  BitAnd,
  Shift,
  Arith,
  Term,
}

/** Precedence of a token as an infix operator; 0 = not one. */
const PREC = new Uint8Array(256);
const BIN_OP: A.Operator[] = [];
function defBin(k: Tok, prec: Prec, op: A.Operator): void {
  PREC[k] = prec;
  BIN_OP[k] = op;
}
defBin(Tok.VBar, Prec.BitOr, 'BitOr');
defBin(Tok.Circumflex, Prec.BitXor, 'BitXor');
defBin(Tok.Amper, Prec.BitAnd, 'BitAnd');
defBin(Tok.LeftShift, Prec.Shift, 'LShift');
defBin(Tok.RightShift, Prec.Shift, 'RShift');
defBin(Tok.Plus, Prec.Arith, 'Add');
defBin(Tok.Minus, Prec.Arith, 'Sub');
defBin(Tok.Star, Prec.Term, 'Mult');
defBin(Tok.Slash, Prec.Term, 'Div');
defBin(Tok.DoubleSlash, Prec.Term, 'FloorDiv');
defBin(Tok.Percent, Prec.Term, 'Mod');
defBin(Tok.At, Prec.Term, 'MatMult');
PREC[Tok.Or] = Prec.Or;
PREC[Tok.And] = Prec.And;
for (const k of [Tok.EqEqual, Tok.NotEqual, Tok.Less, Tok.LessEqual, Tok.Greater, Tok.GreaterEqual, Tok.In, Tok.Is, Tok.Not]) PREC[k] = Prec.Compare;

const AUG_OP: (A.Operator | undefined)[] = [];
AUG_OP[Tok.PlusEqual] = 'Add';
AUG_OP[Tok.MinEqual] = 'Sub';
AUG_OP[Tok.StarEqual] = 'Mult';
AUG_OP[Tok.AtEqual] = 'MatMult';
AUG_OP[Tok.SlashEqual] = 'Div';
AUG_OP[Tok.PercentEqual] = 'Mod';
AUG_OP[Tok.AmperEqual] = 'BitAnd';
AUG_OP[Tok.VBarEqual] = 'BitOr';
AUG_OP[Tok.CircumflexEqual] = 'BitXor';
AUG_OP[Tok.LeftShiftEqual] = 'LShift';
AUG_OP[Tok.RightShiftEqual] = 'RShift';
AUG_OP[Tok.DoubleStarEqual] = 'Pow';
AUG_OP[Tok.DoubleSlashEqual] = 'FloorDiv';

const CMP_OP: (A.CmpOperator | undefined)[] = [];
CMP_OP[Tok.EqEqual] = 'Eq';
CMP_OP[Tok.NotEqual] = 'NotEq';
CMP_OP[Tok.Less] = 'Lt';
CMP_OP[Tok.LessEqual] = 'LtE';
CMP_OP[Tok.Greater] = 'Gt';
CMP_OP[Tok.GreaterEqual] = 'GtE';
CMP_OP[Tok.In] = 'In';
CMP_OP[Tok.Is] = 'Is';

/** Tokens that can start an expression. */
const STARTS_EXPR = new Uint8Array(256);
for (const k of [
  Tok.Name,
  Tok.Number,
  Tok.String,
  Tok.FStringStart,
  Tok.LPar,
  Tok.LSqb,
  Tok.LBrace,
  Tok.Minus,
  Tok.Plus,
  Tok.Tilde,
  Tok.Star,
  Tok.Ellipsis,
  Tok.False,
  Tok.None,
  Tok.True,
  Tok.Await,
  Tok.Lambda,
  Tok.Not,
  Tok.Yield,
]) {
  STARTS_EXPR[k] = 1;
}

const MAX_NESTING = 250;

/** bigint values of small int literals, shared (bigints are immutable) */
const SMALL_INTS: bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));

export interface ParserOutput {
  module: A.Module;
  errors: A.ParseError[];
}

export class Parser {
  private readonly src: string;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly flags: Uint8Array;
  private readonly last: number;
  private pos = 0;
  private nesting = 0;
  readonly errors: A.ParseError[];
  private readonly problems: DecodeProblem[] = [];
  /** whether the last `plainString` had a lowercase `u` prefix */
  private lastU = false;

  constructor(src: string, tokens: Tokens, errors: A.ParseError[]) {
    this.src = src;
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.flags = tokens.flags;
    this.last = tokens.count - 1;
    this.errors = errors;
  }

  // ---------------------------------------------------------------- token helpers

  private tok(): Tok {
    return this.kinds[this.pos] as Tok;
  }
  private peek(k: number): Tok {
    const i = this.pos + k;
    return i <= this.last ? (this.kinds[i] as Tok) : Tok.EndMarker;
  }
  private next(): void {
    if (this.pos < this.last) this.pos++;
  }
  private start(): number {
    return this.starts[this.pos]!;
  }
  private prevEnd(): number {
    return this.pos > 0 ? this.ends[this.pos - 1]! : 0;
  }
  /** The text of the NAME token at `pos` (NFKC-normalized like CPython's). */
  private value(): string {
    const i = this.pos;
    const text = this.src.slice(this.starts[i], this.ends[i]);
    return this.flags[i] === 0 ? text : text.normalize('NFKC');
  }
  /** Is the token at `pos` the soft keyword `word`? */
  private isSoft(word: string): boolean {
    const i = this.pos;
    return this.kinds[i] === Tok.Name && this.ends[i]! - this.starts[i]! === word.length && this.src.startsWith(word, this.starts[i]);
  }

  private fail(message: string): never {
    const i = this.pos;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- see SyntaxFailure
    throw new SyntaxFailure(message, this.starts[i]!, Math.max(this.ends[i]!, this.starts[i]!));
  }
  private failAt(message: string, start: number, end: number): never {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- see SyntaxFailure
    throw new SyntaxFailure(message, start, end);
  }
  private unexpected(): never {
    const k = this.tok();
    if (k === Tok.Indent) this.fail('unexpected indent');
    if (k === Tok.Newline || k === Tok.EndMarker) this.fail('invalid syntax: unexpected end of line');
    this.fail(`invalid syntax: unexpected ${tokenDescription(k)}`);
  }
  private expect(kind: Tok): void {
    if (this.kinds[this.pos] !== kind) {
      const k = this.tok();
      if (kind === Tok.Colon) this.fail("expected ':'");
      if (kind === Tok.RPar || kind === Tok.RSqb || kind === Tok.RBrace) this.fail(`expected ${tokenDescription(kind)}, found ${tokenDescription(k)}`);
      this.fail(`invalid syntax: expected ${tokenDescription(kind)}, found ${tokenDescription(k)}`);
    }
    this.next();
  }
  private expectName(): string {
    if (this.kinds[this.pos] !== Tok.Name) {
      this.fail(`invalid syntax: expected a name, found ${tokenDescription(this.tok())}`);
    }
    const v = this.value();
    this.next();
    return v;
  }

  // ---------------------------------------------------------------- module and statements

  parseModule(): A.Module {
    const body: S[] = [];
    this.statements(body, false);
    return N.mkModule(0, this.src.length, body);
  }

  /** Statements until DEDENT (inBlock) or ENDMARKER, with error recovery. */
  private statements(out: S[], inBlock: boolean): void {
    for (;;) {
      const k = this.tok();
      if (k === Tok.EndMarker) return;
      if (k === Tok.Dedent) {
        if (inBlock) return;
        // stray dedent at top level (after an inconsistent unindent): skip
        this.next();
        continue;
      }
      if (k === Tok.Indent) {
        this.record('unexpected indent', this.start(), this.start());
        this.next();
        this.statements(out, true);
        if (this.tok() === Tok.Dedent) this.next();
        continue;
      }
      if (k === Tok.Newline) {
        // empty statement left over by recovery
        this.next();
        continue;
      }
      const before = this.pos;
      const nesting = this.nesting;
      try {
        this.statement(out);
      } catch (e) {
        if (!(e instanceof SyntaxFailure)) throw e;
        this.record(e.message, e.start, e.end);
        this.nesting = nesting;
        this.recover(out);
      }
      if (this.pos === before && this.tok() !== Tok.EndMarker && this.tok() !== Tok.Dedent) this.next();
    }
  }

  private record(message: string, start: number, end: number): void {
    const errs = this.errors;
    const prev = errs[errs.length - 1];
    if (prev?.start === start && prev.message === message) return;
    errs.push({ message, start, end });
  }

  /** Skip to the end of the logical line; an indented block after it is parsed in place. */
  private recover(out: S[]): void {
    for (;;) {
      const k = this.tok();
      if (k === Tok.EndMarker || k === Tok.Dedent || k === Tok.Indent) break;
      this.next();
      if (k === Tok.Newline) break;
    }
    if (this.tok() === Tok.Indent) {
      this.next();
      this.statements(out, true);
      if (this.tok() === Tok.Dedent) this.next();
    }
  }

  private statement(out: S[]): void {
    switch (this.tok()) {
      case Tok.Def:
        out.push(this.funcDef(this.start(), []));
        return;
      case Tok.Class:
        out.push(this.classDef([]));
        return;
      case Tok.If:
        out.push(this.ifStmt());
        return;
      case Tok.While:
        out.push(this.whileStmt());
        return;
      case Tok.For:
        out.push(this.forStmt(this.start(), false));
        return;
      case Tok.Try:
        out.push(this.tryStmt());
        return;
      case Tok.With:
        out.push(this.withStmt(this.start(), false));
        return;
      case Tok.At:
        out.push(this.decorated());
        return;
      case Tok.Async: {
        const start = this.start();
        const n = this.peek(1);
        if (n === Tok.Def) {
          out.push(this.funcDef(start, []));
          return;
        }
        if (n === Tok.For) {
          this.next();
          out.push(this.forStmt(start, true));
          return;
        }
        if (n === Tok.With) {
          this.next();
          out.push(this.withStmt(start, true));
          return;
        }
        break;
      }
      case Tok.Name:
        if (this.isSoft('match')) {
          const m = this.tryMatch();
          if (m !== null) {
            out.push(m);
            return;
          }
        }
        break;
      default:
        break;
    }
    this.simpleStatements(out);
  }

  private simpleStatements(out: S[]): void {
    for (;;) {
      out.push(this.simpleStatement());
      if (this.tok() === Tok.Semi) {
        this.next();
        if (this.tok() === Tok.Newline) break;
        continue;
      }
      break;
    }
    const k = this.tok();
    if (k === Tok.Newline) this.next();
    else if (k !== Tok.EndMarker) this.unexpected();
  }

  private simpleStatement(): S {
    const start = this.start();
    switch (this.tok()) {
      case Tok.Pass:
        this.next();
        return N.mkPass(start, this.prevEnd());
      case Tok.Break:
        this.next();
        return N.mkBreak(start, this.prevEnd());
      case Tok.Continue:
        this.next();
        return N.mkContinue(start, this.prevEnd());
      case Tok.Return: {
        this.next();
        const value = this.startsExpression() ? this.starExpressions() : null;
        return N.mkReturn(start, this.prevEnd(), value);
      }
      case Tok.Import:
        return this.importStmt();
      case Tok.From:
        return this.fromImport();
      case Tok.Raise: {
        this.next();
        let exc: E | null = null;
        let cause: E | null = null;
        if (this.startsExpression()) {
          exc = this.expression();
          if (this.tok() === Tok.From) {
            this.next();
            cause = this.expression();
          }
        }
        return N.mkRaise(start, this.prevEnd(), exc, cause);
      }
      case Tok.Global:
      case Tok.Nonlocal: {
        const isGlobal = this.tok() === Tok.Global;
        this.next();
        const names = [this.expectName()];
        while (this.tok() === Tok.Comma) {
          this.next();
          names.push(this.expectName());
        }
        return isGlobal ? N.mkGlobal(start, this.prevEnd(), names) : N.mkNonlocal(start, this.prevEnd(), names);
      }
      case Tok.Del: {
        this.next();
        const targets: E[] = [];
        for (;;) {
          const t = this.starTarget();
          this.setContext(t, 'Del');
          targets.push(t);
          if (this.tok() !== Tok.Comma) break;
          this.next();
          if (this.tok() === Tok.Newline || this.tok() === Tok.Semi) break;
        }
        return N.mkDelete(start, this.prevEnd(), targets);
      }
      case Tok.Assert: {
        this.next();
        const test = this.expression();
        let msg: E | null = null;
        if (this.tok() === Tok.Comma) {
          this.next();
          msg = this.expression();
        }
        return N.mkAssert(start, this.prevEnd(), test, msg);
      }
      case Tok.Name:
        if (this.isSoft('type') && this.peek(1) === Tok.Name && (this.peek(2) === Tok.Equal || this.peek(2) === Tok.LSqb)) {
          return this.typeAlias();
        }
        break;
      default:
        break;
    }
    return this.expressionStatement();
  }

  private expressionStatement(): S {
    const start = this.start();
    const first = this.tok() === Tok.Yield ? this.yieldExpr() : this.starExpressions();
    const k = this.tok();
    if (k === Tok.Equal) {
      const targets: E[] = [first];
      let value: E;
      for (;;) {
        this.next();
        const v = this.tok() === Tok.Yield ? this.yieldExpr() : this.starExpressions();
        if (this.tok() === Tok.Equal) {
          targets.push(v);
          continue;
        }
        value = v;
        break;
      }
      for (const t of targets) this.setContext(t, 'Store');
      return N.mkAssign(start, this.prevEnd(), targets, value);
    }
    if (k === Tok.Colon) {
      const t = first.nodeType;
      if (t !== 'Name' && t !== 'Attribute' && t !== 'Subscript') {
        this.failAt(t === 'Tuple' ? 'only single target (not tuple) can be annotated' : t === 'List' ? 'only single target (not list) can be annotated' : 'illegal target for annotation', first.start, first.end);
      }
      this.setContext(first, 'Store');
      this.next();
      const annotation = this.expression();
      let value: E | null = null;
      if (this.tok() === Tok.Equal) {
        this.next();
        value = this.tok() === Tok.Yield ? this.yieldExpr() : this.starExpressions();
      }
      const simple = t === 'Name' && this.src.charCodeAt(start) !== 40 /* ( */ ? 1 : 0;
      return N.mkAnnAssign(start, this.prevEnd(), first, annotation, value, simple);
    }
    const aug = AUG_OP[k];
    if (aug !== undefined) {
      const t = first.nodeType;
      if (t !== 'Name' && t !== 'Attribute' && t !== 'Subscript') {
        this.failAt(`'${describeExpr(first)}' is an illegal expression for augmented assignment`, first.start, first.end);
      }
      this.setContext(first, 'Store');
      this.next();
      const value = this.tok() === Tok.Yield ? this.yieldExpr() : this.starExpressions();
      return N.mkAugAssign(start, this.prevEnd(), first, aug, value);
    }
    return N.mkExpr(start, this.prevEnd(), first);
  }

  private startsExpression(): boolean {
    return STARTS_EXPR[this.kinds[this.pos]!] === 1;
  }

  /** Set `ctx` on an assignment/deletion target, validating it. */
  private setContext(node: E, ctx: A.ExprContext): void {
    switch (node.nodeType) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        node.ctx = ctx;
        return;
      case 'Starred':
        if (ctx === 'Del') this.failAt('cannot delete starred', node.start, node.end);
        node.ctx = ctx;
        this.setContext(node.value, ctx);
        return;
      case 'Tuple':
      case 'List':
        node.ctx = ctx;
        for (const e of node.elts) this.setContext(e, ctx);
        return;
      default:
        this.failAt(`cannot ${ctx === 'Del' ? 'delete' : 'assign to'} ${describeExpr(node)}`, node.start, node.end);
    }
  }

  private importStmt(): S {
    const start = this.start();
    this.next();
    const names: A.Alias[] = [];
    for (;;) {
      const s = this.start();
      const name = this.dottedName();
      let asname: string | null = null;
      if (this.tok() === Tok.As) {
        this.next();
        asname = this.expectName();
      }
      names.push(N.mkAlias(s, this.prevEnd(), name, asname));
      if (this.tok() !== Tok.Comma) break;
      this.next();
    }
    return N.mkImport(start, this.prevEnd(), names);
  }

  private dottedName(): string {
    let name = this.expectName();
    while (this.tok() === Tok.Dot) {
      this.next();
      name += '.' + this.expectName();
    }
    return name;
  }

  private fromImport(): S {
    const start = this.start();
    this.next();
    let level = 0;
    for (;;) {
      const k = this.tok();
      if (k === Tok.Dot) level++;
      else if (k === Tok.Ellipsis) level += 3;
      else break;
      this.next();
    }
    let module: string | null = null;
    if (this.tok() !== Tok.Import) module = this.dottedName();
    else if (level === 0) this.fail('invalid syntax: expected a module name');
    this.expect(Tok.Import);
    const names: A.Alias[] = [];
    if (this.tok() === Tok.Star) {
      const s = this.start();
      this.next();
      names.push(N.mkAlias(s, this.prevEnd(), '*', null));
      return N.mkImportFrom(start, this.prevEnd(), module, names, level);
    }
    const paren = this.tok() === Tok.LPar;
    if (paren) this.next();
    for (;;) {
      const s = this.start();
      const name = this.expectName();
      let asname: string | null = null;
      if (this.tok() === Tok.As) {
        this.next();
        asname = this.expectName();
      }
      names.push(N.mkAlias(s, this.prevEnd(), name, asname));
      if (this.tok() !== Tok.Comma) break;
      this.next();
      if (paren && this.tok() === Tok.RPar) break;
      if (!paren && this.tok() === Tok.Newline) this.fail('trailing comma not allowed without surrounding parentheses');
    }
    if (paren) this.expect(Tok.RPar);
    return N.mkImportFrom(start, this.prevEnd(), module, names, level);
  }

  private typeAlias(): S {
    const start = this.start();
    this.next(); // `type`
    const ns = this.start();
    const id = this.expectName();
    const name = N.mkName(ns, this.prevEnd(), id, 'Store');
    const typeParams = this.tok() === Tok.LSqb ? this.typeParams() : [];
    this.expect(Tok.Equal);
    const value = this.expression();
    return N.mkTypeAlias(start, this.prevEnd(), name, typeParams, value);
  }

  // ---------------------------------------------------------------- blocks and compound statements

  /** `':' block` — the colon is expected here. */
  private block(): S[] {
    this.expect(Tok.Colon);
    return this.blockAfterColon();
  }

  private blockAfterColon(): S[] {
    const body: S[] = [];
    if (this.tok() === Tok.Newline) {
      this.next();
      if (this.tok() !== Tok.Indent) {
        this.record('expected an indented block', this.start(), this.start());
        return body;
      }
      this.next();
      if (++this.nesting > MAX_NESTING) this.fail('too many statically nested blocks');
      this.statements(body, true);
      this.nesting--;
      if (this.tok() === Tok.Dedent) this.next();
      return body;
    }
    this.simpleStatements(body);
    return body;
  }

  /** End of the last token consumed that is not NEWLINE/INDENT/DEDENT (CPython's end of a block). */
  private blockEnd(): number {
    let i = this.pos - 1;
    const kinds = this.kinds;
    while (i > 0) {
      const k = kinds[i];
      if (k !== Tok.Newline && k !== Tok.Indent && k !== Tok.Dedent) break;
      i--;
    }
    return i >= 0 ? this.ends[i]! : 0;
  }

  private decorated(): S {
    const decorators: E[] = [];
    while (this.tok() === Tok.At) {
      this.next();
      decorators.push(this.namedExpression());
      this.expect(Tok.Newline);
    }
    const k = this.tok();
    if (k === Tok.Def || (k === Tok.Async && this.peek(1) === Tok.Def)) return this.funcDef(this.start(), decorators);
    if (k === Tok.Class) return this.classDef(decorators);
    this.fail('invalid syntax: expected a function or class definition after decorators');
  }

  private funcDef(start: number, decorators: E[]): S {
    const isAsync = this.tok() === Tok.Async;
    if (isAsync) this.next();
    this.next(); // def
    const name = this.expectName();
    let typeParams: A.AnyTypeParam[] = [];
    let args = N.mkArguments(this.start(), this.start(), [], [], null, [], [], null, []);
    let returns: E | null = null;
    let body: S[];
    try {
      if (this.tok() === Tok.LSqb) typeParams = this.typeParams();
      this.expect(Tok.LPar);
      args = this.parameters(Tok.RPar, true);
      this.expect(Tok.RPar);
      if (this.tok() === Tok.RArrow) {
        this.next();
        returns = this.expression();
      }
      this.expect(Tok.Colon);
    } catch (e) {
      // a broken header keeps its definition and body, so the body keeps its scope
      body = this.afterBrokenHeader(e);
      const end = this.blockEnd();
      return isAsync ? N.mkAsyncFunctionDef(start, end, name, args, body, decorators, returns, typeParams) : N.mkFunctionDef(start, end, name, args, body, decorators, returns, typeParams);
    }
    body = this.blockAfterColon();
    const end = this.blockEnd();
    return isAsync ? N.mkAsyncFunctionDef(start, end, name, args, body, decorators, returns, typeParams) : N.mkFunctionDef(start, end, name, args, body, decorators, returns, typeParams);
  }

  private classDef(decorators: E[]): S {
    const start = this.start();
    this.next();
    const name = this.expectName();
    let typeParams: A.AnyTypeParam[] = [];
    let bases: E[] = [];
    let keywords: A.Keyword[] = [];
    let body: S[];
    try {
      if (this.tok() === Tok.LSqb) typeParams = this.typeParams();
      if (this.tok() === Tok.LPar) {
        const call = this.callArguments(start, N.mkName(start, start, '', 'Load'));
        bases = call.args;
        keywords = call.keywords;
      }
      this.expect(Tok.Colon);
    } catch (e) {
      body = this.afterBrokenHeader(e);
      return N.mkClassDef(start, this.blockEnd(), name, bases, keywords, body, decorators, typeParams);
    }
    body = this.blockAfterColon();
    return N.mkClassDef(start, this.blockEnd(), name, bases, keywords, body, decorators, typeParams);
  }

  /** Record a header error, skip the rest of the header line and parse the indented block after it. */
  private afterBrokenHeader(e: unknown): S[] {
    if (!(e instanceof SyntaxFailure)) throw e;
    this.record(e.message, e.start, e.end);
    for (;;) {
      const k = this.tok();
      if (k === Tok.EndMarker || k === Tok.Indent || k === Tok.Dedent) break;
      this.next();
      if (k === Tok.Newline) break;
    }
    const body: S[] = [];
    if (this.tok() === Tok.Indent) {
      this.next();
      this.statements(body, true);
      if (this.tok() === Tok.Dedent) this.next();
    }
    return body;
  }

  private typeParams(): A.AnyTypeParam[] {
    this.expect(Tok.LSqb);
    const out: A.AnyTypeParam[] = [];
    while (this.tok() !== Tok.RSqb) {
      const start = this.start();
      const k = this.tok();
      if (k === Tok.Star || k === Tok.DoubleStar) {
        this.next();
        const name = this.expectName();
        let def: E | null = null;
        if (this.tok() === Tok.Equal) {
          this.next();
          def = k === Tok.Star && this.tok() === Tok.Star ? this.starExpression() : this.expression();
        }
        out.push(k === Tok.Star ? N.mkTypeVarTuple(start, this.prevEnd(), name, def) : N.mkParamSpec(start, this.prevEnd(), name, def));
      } else {
        const name = this.expectName();
        let bound: E | null = null;
        let def: E | null = null;
        if (this.tok() === Tok.Colon) {
          this.next();
          bound = this.expression();
        }
        if (this.tok() === Tok.Equal) {
          this.next();
          def = this.expression();
        }
        out.push(N.mkTypeVar(start, this.prevEnd(), name, bound, def));
      }
      if (this.tok() !== Tok.Comma) break;
      this.next();
    }
    if (out.length === 0) this.fail('type parameter list cannot be empty');
    this.expect(Tok.RSqb);
    return out;
  }

  /** Parameters of a def (closer `)`, annotations allowed) or lambda (closer `:`). */
  private parameters(closer: Tok, annotations: boolean): A.Arguments {
    const start = this.start();
    const posonly: A.Arg[] = [];
    let args: A.Arg[] = [];
    const defaults: E[] = [];
    let vararg: A.Arg | null = null;
    const kwonly: A.Arg[] = [];
    const kwDefaults: (E | null)[] = [];
    let kwarg: A.Arg | null = null;
    let seenStar = false;
    let seenSlash = false;
    while (this.tok() !== closer) {
      const k = this.tok();
      if (kwarg !== null) this.fail('arguments cannot follow var-keyword argument');
      if (k === Tok.Slash) {
        if (seenSlash) this.fail("/ may appear only once");
        if (seenStar) this.fail('/ must be ahead of *');
        if (args.length === 0) this.fail('at least one argument must precede /');
        seenSlash = true;
        for (const a of args) posonly.push(a);
        args = [];
        this.next();
      } else if (k === Tok.Star) {
        if (seenStar) this.fail('* argument may appear only once');
        seenStar = true;
        this.next();
        if (this.tok() !== Tok.Comma && this.tok() !== closer) {
          vararg = this.param(annotations, true);
        } else if (this.tok() === closer || this.peek(1) === closer) {
          this.fail('named arguments must follow bare *');
        }
      } else if (k === Tok.DoubleStar) {
        this.next();
        kwarg = this.param(annotations, false);
      } else {
        const p = this.param(annotations, false);
        let def: E | null = null;
        if (this.tok() === Tok.Equal) {
          this.next();
          def = this.expression();
        }
        if (seenStar) {
          kwonly.push(p);
          kwDefaults.push(def);
        } else {
          args.push(p);
          if (def !== null) defaults.push(def);
          else if (defaults.length > 0) this.failAt('parameter without a default follows parameter with a default', p.start, p.end);
        }
      }
      if (this.tok() !== Tok.Comma) break;
      this.next();
    }
    if (seenStar && vararg === null && kwonly.length === 0) this.failAt('named arguments must follow bare *', start, this.prevEnd());
    return N.mkArguments(start, this.prevEnd(), posonly, args, vararg, kwonly, kwDefaults, kwarg, defaults);
  }

  private param(annotations: boolean, star: boolean): A.Arg {
    const start = this.start();
    const name = this.expectName();
    let annotation: E | null = null;
    if (annotations && this.tok() === Tok.Colon) {
      this.next();
      annotation = star && this.tok() === Tok.Star ? this.starExpression() : this.expression();
    }
    return N.mkArg(start, this.prevEnd(), name, annotation);
  }

  private ifStmt(): S {
    const start = this.start();
    this.next(); // if / elif
    const test = this.namedExpression();
    const body = this.block();
    let orelse: S[] = [];
    const k = this.tok();
    if (k === Tok.Elif) {
      orelse = [this.ifStmt()];
    } else if (k === Tok.Else) {
      this.next();
      orelse = this.block();
    }
    return N.mkIf(start, this.blockEnd(), test, body, orelse);
  }

  private whileStmt(): S {
    const start = this.start();
    this.next();
    const test = this.namedExpression();
    const body = this.block();
    let orelse: S[] = [];
    if (this.tok() === Tok.Else) {
      this.next();
      orelse = this.block();
    }
    return N.mkWhile(start, this.blockEnd(), test, body, orelse);
  }

  private forStmt(start: number, isAsync: boolean): S {
    this.next(); // for
    const target = this.starTargets();
    this.setContext(target, 'Store');
    this.expect(Tok.In);
    const iter = this.starExpressions();
    const body = this.block();
    let orelse: S[] = [];
    if (this.tok() === Tok.Else) {
      this.next();
      orelse = this.block();
    }
    const end = this.blockEnd();
    return isAsync ? N.mkAsyncFor(start, end, target, iter, body, orelse) : N.mkFor(start, end, target, iter, body, orelse);
  }

  private withStmt(start: number, isAsync: boolean): S {
    this.next(); // with
    let items: A.WithItem[] | null = null;
    if (this.tok() === Tok.LPar && this.tokenAfterGroup(this.pos) === Tok.Colon) {
      // `with (a as b, c):` — try the parenthesized form first, as CPython does
      const save = this.pos;
      const nerr = this.errors.length;
      const nesting = this.nesting;
      try {
        this.next();
        const list: A.WithItem[] = [];
        while (this.tok() !== Tok.RPar) {
          list.push(this.withItem());
          if (this.tok() !== Tok.Comma) break;
          this.next();
        }
        this.expect(Tok.RPar);
        if (this.tok() !== Tok.Colon || list.length === 0) this.fail('not parenthesized with items');
        items = list;
      } catch (e) {
        if (!(e instanceof SyntaxFailure)) throw e;
        this.pos = save;
        this.errors.length = nerr;
        this.nesting = nesting;
        items = null;
      }
    }
    if (items === null) {
      items = [this.withItem()];
      while (this.tok() === Tok.Comma) {
        this.next();
        items.push(this.withItem());
      }
    }
    const body = this.block();
    const end = this.blockEnd();
    return isAsync ? N.mkAsyncWith(start, end, items, body) : N.mkWith(start, end, items, body);
  }

  /** Kind of the token after the bracket group starting at token `i`. */
  private tokenAfterGroup(i: number): Tok {
    let depth = 0;
    const kinds = this.kinds;
    for (; i < this.last; i++) {
      const k = kinds[i]!;
      if (k === Tok.LPar || k === Tok.LSqb || k === Tok.LBrace) depth++;
      else if (k === Tok.RPar || k === Tok.RSqb || k === Tok.RBrace) {
        depth--;
        if (depth === 0) return kinds[i + 1] as Tok;
      } else if (k === Tok.Newline || k === Tok.EndMarker) return Tok.EndMarker;
    }
    return Tok.EndMarker;
  }

  private withItem(): A.WithItem {
    const start = this.start();
    const expr = this.expression();
    let vars: E | null = null;
    if (this.tok() === Tok.As) {
      this.next();
      vars = this.starTarget();
      this.setContext(vars, 'Store');
      const k = this.tok();
      if (k !== Tok.Comma && k !== Tok.RPar && k !== Tok.Colon) this.unexpected();
    }
    return N.mkWithItem(start, this.prevEnd(), expr, vars);
  }

  private tryStmt(): S {
    const start = this.start();
    this.next();
    const body = this.block();
    const handlers: A.ExceptHandler[] = [];
    let star = false;
    while (this.tok() === Tok.Except) {
      const hs = this.start();
      this.next();
      if (this.tok() === Tok.Star) {
        star = true;
        this.next();
      }
      let type: E | null = null;
      let name: string | null = null;
      if (this.tok() !== Tok.Colon) {
        const ts = this.start();
        type = this.expression();
        if (this.tok() === Tok.Comma) {
          // PEP 758 (3.14): `except A, B:` without parentheses
          const elts = [type];
          while (this.tok() === Tok.Comma) {
            this.next();
            elts.push(this.expression());
          }
          type = N.mkTuple(ts, this.prevEnd(), elts, 'Load');
        }
        if (this.tok() === Tok.As) {
          this.next();
          name = this.expectName();
        }
      }
      const hbody = this.block();
      handlers.push(N.mkExceptHandler(hs, this.blockEnd(), type, name, hbody));
    }
    let orelse: S[] = [];
    let finalbody: S[] = [];
    if (this.tok() === Tok.Else) {
      if (handlers.length === 0) this.fail("expected 'except' or 'finally' block");
      this.next();
      orelse = this.block();
    }
    if (this.tok() === Tok.Finally) {
      this.next();
      finalbody = this.block();
    }
    if (handlers.length === 0 && finalbody.length === 0) this.fail("expected 'except' or 'finally' block");
    const end = this.blockEnd();
    return star ? N.mkTryStar(start, end, body, handlers, orelse, finalbody) : N.mkTry(start, end, body, handlers, orelse, finalbody);
  }

  // ---------------------------------------------------------------- match statement

  /** `match` at the start of a statement: a match statement, or null to parse it as an expression. */
  private tryMatch(): S | null {
    const n = this.peek(1);
    if (!(STARTS_EXPR[n] === 1 || n === Tok.Star) || n === Tok.Lambda || n === Tok.Yield || n === Tok.Not) {
      if (n !== Tok.Not) return null;
    }
    const save = this.pos;
    const nerr = this.errors.length;
    const nesting = this.nesting;
    const start = this.start();
    let subject: E;
    try {
      this.next();
      subject = this.subjectExpr();
      if (this.tok() !== Tok.Colon || this.peek(1) !== Tok.Newline) this.fail('not a match statement');
    } catch (e) {
      if (!(e instanceof SyntaxFailure)) throw e;
      this.pos = save;
      this.errors.length = nerr;
      this.nesting = nesting;
      return null;
    }
    this.next(); // :
    this.next(); // NEWLINE
    if (this.tok() !== Tok.Indent) {
      this.record('expected an indented block', this.start(), this.start());
      return N.mkMatch(start, this.prevEnd(), subject, []);
    }
    this.next();
    const cases: A.MatchCase[] = [];
    while (this.tok() !== Tok.Dedent && this.tok() !== Tok.EndMarker) {
      if (!this.isSoft('case')) {
        try {
          this.fail("expected 'case' block");
        } catch (e) {
          if (!(e instanceof SyntaxFailure)) throw e;
          this.record(e.message, e.start, e.end);
          const junk: S[] = [];
          this.recover(junk);
          continue;
        }
      }
      try {
        cases.push(this.caseBlock());
      } catch (e) {
        if (!(e instanceof SyntaxFailure)) throw e;
        this.record(e.message, e.start, e.end);
        const junk: S[] = [];
        this.recover(junk);
      }
    }
    if (this.tok() === Tok.Dedent) this.next();
    return N.mkMatch(start, this.blockEnd(), subject, cases);
  }

  private subjectExpr(): E {
    const start = this.start();
    const first = this.starNamedExpression();
    if (this.tok() !== Tok.Comma) {
      if (first.nodeType === 'Starred') this.failAt('invalid syntax', first.start, first.end);
      return first;
    }
    const elts = [first];
    while (this.tok() === Tok.Comma) {
      this.next();
      if (this.tok() === Tok.Colon) break;
      elts.push(this.starNamedExpression());
    }
    return N.mkTuple(start, this.prevEnd(), elts, 'Load');
  }

  private caseBlock(): A.MatchCase {
    const start = this.start();
    this.next(); // case
    const pattern = this.patterns();
    let guard: E | null = null;
    if (this.tok() === Tok.If) {
      this.next();
      guard = this.namedExpression();
    }
    const body = this.block();
    return N.mkMatchCase(start, this.blockEnd(), pattern, guard, body);
  }

  /** `patterns`: an open sequence pattern (`case a, b:`) or a single pattern. */
  private patterns(): A.AnyPattern {
    const start = this.start();
    const first = this.maybeStarPattern();
    if (this.tok() !== Tok.Comma) {
      if (first.nodeType === 'MatchStar') return N.mkMatchSequence(start, this.prevEnd(), [first]);
      return first;
    }
    const list = [first];
    while (this.tok() === Tok.Comma) {
      this.next();
      if (this.tok() === Tok.Colon || this.tok() === Tok.If) break;
      list.push(this.maybeStarPattern());
    }
    return N.mkMatchSequence(start, this.prevEnd(), list);
  }

  private maybeStarPattern(): A.AnyPattern {
    if (this.tok() === Tok.Star) {
      const start = this.start();
      this.next();
      const name = this.expectName();
      return N.mkMatchStar(start, this.prevEnd(), name === '_' ? null : name);
    }
    return this.pattern();
  }

  /** `pattern`: or_pattern ['as' NAME] */
  private pattern(): A.AnyPattern {
    const start = this.start();
    const or = this.orPattern();
    if (this.tok() === Tok.As) {
      this.next();
      const ns = this.start();
      const name = this.expectName();
      if (name === '_') this.failAt("cannot use '_' as a target", ns, this.prevEnd());
      return N.mkMatchAs(start, this.prevEnd(), or, name);
    }
    return or;
  }

  private orPattern(): A.AnyPattern {
    const start = this.start();
    const first = this.closedPattern();
    if (this.tok() !== Tok.VBar) return first;
    const list = [first];
    while (this.tok() === Tok.VBar) {
      this.next();
      list.push(this.closedPattern());
    }
    return N.mkMatchOr(start, this.prevEnd(), list);
  }

  private closedPattern(): A.AnyPattern {
    const start = this.start();
    const k = this.tok();
    switch (k) {
      case Tok.None:
      case Tok.True:
      case Tok.False:
        this.next();
        return N.mkMatchSingleton(start, this.prevEnd(), k === Tok.None ? null : k === Tok.True);
      case Tok.Number:
      case Tok.Minus: {
        const v = this.signedNumberPattern();
        return N.mkMatchValue(start, this.prevEnd(), v);
      }
      case Tok.String:
      case Tok.FStringStart: {
        const v = this.strings();
        if (v.nodeType !== 'Constant') this.failAt('patterns may only match literals and attribute lookups', v.start, v.end);
        return N.mkMatchValue(start, this.prevEnd(), v);
      }
      case Tok.Name: {
        const id = this.value();
        this.next();
        if (this.tok() !== Tok.Dot && this.tok() !== Tok.LPar) {
          return N.mkMatchAs(start, this.prevEnd(), null, id === '_' ? null : id);
        }
        let cls: E = N.mkName(start, this.prevEnd(), id, 'Load');
        while (this.tok() === Tok.Dot) {
          this.next();
          const attr = this.expectName();
          cls = N.mkAttribute(start, this.prevEnd(), cls, attr, 'Load');
        }
        if (this.tok() !== Tok.LPar) return N.mkMatchValue(start, this.prevEnd(), cls);
        return this.classPattern(start, cls);
      }
      case Tok.LPar: {
        this.next();
        if (this.tok() === Tok.RPar) {
          this.next();
          return N.mkMatchSequence(start, this.prevEnd(), []);
        }
        const first = this.maybeStarPattern();
        if (this.tok() === Tok.RPar && first.nodeType !== 'MatchStar') {
          this.next();
          return first; // group pattern
        }
        const list = [first];
        while (this.tok() === Tok.Comma) {
          this.next();
          if (this.tok() === Tok.RPar) break;
          list.push(this.maybeStarPattern());
        }
        this.expect(Tok.RPar);
        return N.mkMatchSequence(start, this.prevEnd(), list);
      }
      case Tok.LSqb: {
        this.next();
        const list: A.AnyPattern[] = [];
        while (this.tok() !== Tok.RSqb) {
          list.push(this.maybeStarPattern());
          if (this.tok() !== Tok.Comma) break;
          this.next();
        }
        this.expect(Tok.RSqb);
        return N.mkMatchSequence(start, this.prevEnd(), list);
      }
      case Tok.LBrace:
        return this.mappingPattern();
      default:
        this.unexpected();
    }
  }

  private signedNumberPattern(): E {
    const start = this.start();
    let left: E;
    if (this.tok() === Tok.Minus) {
      this.next();
      const n = this.numberAtom();
      left = N.mkUnaryOp(start, this.prevEnd(), 'USub', n);
    } else {
      left = this.numberAtom();
    }
    const k = this.tok();
    if (k === Tok.Plus || k === Tok.Minus) {
      this.next();
      const right = this.numberAtom();
      return N.mkBinOp(start, this.prevEnd(), left, k === Tok.Plus ? 'Add' : 'Sub', right);
    }
    return left;
  }

  private numberAtom(): E {
    if (this.tok() !== Tok.Number) this.unexpected();
    return this.number();
  }

  private mappingPattern(): A.AnyPattern {
    const start = this.start();
    this.next(); // {
    const keys: E[] = [];
    const patterns: A.AnyPattern[] = [];
    let rest: string | null = null;
    while (this.tok() !== Tok.RBrace) {
      if (this.tok() === Tok.DoubleStar) {
        this.next();
        rest = this.expectName();
      } else {
        if (rest !== null) this.fail('invalid syntax');
        keys.push(this.mappingKey());
        this.expect(Tok.Colon);
        patterns.push(this.pattern());
      }
      if (this.tok() !== Tok.Comma) break;
      this.next();
    }
    this.expect(Tok.RBrace);
    return N.mkMatchMapping(start, this.prevEnd(), keys, patterns, rest);
  }

  private mappingKey(): E {
    const start = this.start();
    const k = this.tok();
    if (k === Tok.None || k === Tok.True || k === Tok.False) {
      this.next();
      return N.mkConstant(start, this.prevEnd(), k === Tok.None ? null : k === Tok.True, null);
    }
    if (k === Tok.Number || k === Tok.Minus) return this.signedNumberPattern();
    if (k === Tok.String || k === Tok.FStringStart) return this.strings();
    if (k === Tok.Name) {
      let e: E = N.mkName(start, this.ends[this.pos]!, this.value(), 'Load');
      this.next();
      if (this.tok() !== Tok.Dot) this.fail('mapping pattern keys may only match literals and attribute lookups');
      while (this.tok() === Tok.Dot) {
        this.next();
        const attr = this.expectName();
        e = N.mkAttribute(start, this.prevEnd(), e, attr, 'Load');
      }
      return e;
    }
    this.unexpected();
  }

  private classPattern(start: number, cls: E): A.AnyPattern {
    this.next(); // (
    const patterns: A.AnyPattern[] = [];
    const kwdAttrs: string[] = [];
    const kwdPatterns: A.AnyPattern[] = [];
    while (this.tok() !== Tok.RPar) {
      if (this.tok() === Tok.Name && this.peek(1) === Tok.Equal) {
        kwdAttrs.push(this.value());
        this.next();
        this.next();
        kwdPatterns.push(this.pattern());
      } else {
        if (kwdAttrs.length > 0) this.fail('positional patterns follow keyword patterns');
        patterns.push(this.pattern());
      }
      if (this.tok() !== Tok.Comma) break;
      this.next();
    }
    this.expect(Tok.RPar);
    return N.mkMatchClass(start, this.prevEnd(), cls, patterns, kwdAttrs, kwdPatterns);
  }

  // ---------------------------------------------------------------- targets

  /** star_targets: one target or a tuple of them (without brackets). */
  private starTargets(): E {
    const start = this.start();
    const first = this.starTarget();
    if (this.tok() !== Tok.Comma) return first;
    const elts = [first];
    while (this.tok() === Tok.Comma) {
      this.next();
      const k = this.tok();
      if (k === Tok.In || k === Tok.Equal || k === Tok.Newline) break;
      elts.push(this.starTarget());
    }
    return N.mkTuple(start, this.prevEnd(), elts, 'Store');
  }

  private starTarget(): E {
    if (this.tok() === Tok.Star) {
      const start = this.start();
      this.next();
      const value = this.starTarget();
      return N.mkStarred(start, this.prevEnd(), value, 'Store');
    }
    return this.climb(Prec.BitOr);
  }

  // ---------------------------------------------------------------- expressions

  /** star_expressions: an expression or an unbracketed tuple (with `*` items). */
  private starExpressions(): E {
    const start = this.start();
    const first = this.starExpression();
    if (this.tok() !== Tok.Comma) return first;
    const elts = [first];
    while (this.tok() === Tok.Comma) {
      this.next();
      if (!this.startsExpression()) break;
      elts.push(this.starExpression());
    }
    return N.mkTuple(start, this.prevEnd(), elts, 'Load');
  }

  private starExpression(): E {
    if (this.tok() === Tok.Star) {
      const start = this.start();
      this.next();
      const value = this.climb(Prec.BitOr);
      return N.mkStarred(start, this.prevEnd(), value, 'Load');
    }
    return this.expression();
  }

  private starNamedExpression(): E {
    if (this.tok() === Tok.Star) {
      const start = this.start();
      this.next();
      const value = this.climb(Prec.BitOr);
      return N.mkStarred(start, this.prevEnd(), value, 'Load');
    }
    return this.namedExpression();
  }

  private namedExpression(): E {
    if (this.kinds[this.pos] === Tok.Name && this.peek(1) === Tok.ColonEqual) {
      const start = this.start();
      const target = N.mkName(start, this.ends[this.pos]!, this.value(), 'Store');
      this.next();
      this.next();
      const value = this.expression();
      return N.mkNamedExpr(start, this.prevEnd(), target, value);
    }
    const e = this.expression();
    if (this.tok() === Tok.ColonEqual) this.failAt(`cannot use assignment expressions with ${describeExpr(e)}`, e.start, e.end);
    return e;
  }

  /** expression: conditional expression or lambda */
  private expression(): E {
    if (this.kinds[this.pos] === Tok.Lambda) return this.lambda();
    if (++this.nesting > MAX_NESTING) this.fail('too many nested parentheses');
    const start = this.start();
    const body = this.disjunction();
    if (this.kinds[this.pos] === Tok.If) {
      this.next();
      const test = this.disjunction();
      if (this.tok() !== Tok.Else) this.fail("expected 'else' after 'if' expression");
      this.next();
      const orelse = this.expression();
      this.nesting--;
      return N.mkIfExp(start, this.prevEnd(), test, body, orelse);
    }
    this.nesting--;
    return body;
  }

  private lambda(): E {
    const start = this.start();
    this.next();
    const args = this.parameters(Tok.Colon, false);
    this.expect(Tok.Colon);
    const body = this.expression();
    return N.mkLambda(start, this.prevEnd(), args, body);
  }

  /** disjunction: or / and / not / comparisons / binary operators */
  private disjunction(): E {
    return this.climb(Prec.Or);
  }

  /**
   * Everything from `or` down to the binary operators by precedence climbing, one call level
   * per operand instead of one per grammar rule. Operands of `not` and unary operators nest
   * (and count towards MAX_NESTING) as the grammar's rules do.
   */
  private climb(minPrec: number): E {
    const kinds = this.kinds;
    const start = this.starts[this.pos]!;
    let left: E;
    if (kinds[this.pos] === Tok.Not && minPrec <= Prec.Not) {
      this.next();
      if (++this.nesting > MAX_NESTING) this.fail('too many nested expressions');
      const operand = this.climb(Prec.Not);
      this.nesting--;
      left = N.mkUnaryOp(start, this.prevEnd(), 'Not', operand);
    } else {
      left = this.factor();
    }
    for (;;) {
      const k = kinds[this.pos]!;
      const prec = PREC[k]!;
      if (prec < minPrec || prec === 0) return left;
      if (prec >= Prec.BitOr) {
        this.next();
        const right = this.climb(prec + 1);
        left = N.mkBinOp(start, this.prevEnd(), left, BIN_OP[k]!, right);
      } else if (prec === Prec.Compare) {
        let op = this.cmpOp();
        if (op === undefined) return left; // `not` without `in`
        const ops: A.CmpOperator[] = [];
        const comparators: E[] = [];
        while (op !== undefined) {
          ops.push(op);
          comparators.push(this.climb(Prec.BitOr));
          op = this.cmpOp();
        }
        left = N.mkCompare(start, this.prevEnd(), left, ops, comparators);
      } else {
        // and / or: one BoolOp for a run of the same operator
        const values = [left];
        while (kinds[this.pos] === k) {
          this.next();
          values.push(this.climb(prec + 1));
        }
        left = N.mkBoolOp(start, this.prevEnd(), k === Tok.Or ? 'Or' : 'And', values);
      }
    }
  }

  /** Consume a comparison operator (including `not in` / `is not`). */
  private cmpOp(): A.CmpOperator | undefined {
    const k = this.kinds[this.pos]!;
    if (k === Tok.Not) {
      if (this.peek(1) !== Tok.In) return undefined;
      this.next();
      this.next();
      return 'NotIn';
    }
    const op = CMP_OP[k];
    if (op === undefined) return undefined;
    this.next();
    if (op === 'Is' && this.kinds[this.pos] === Tok.Not) {
      this.next();
      return 'IsNot';
    }
    return op;
  }

  private factor(): E {
    const k = this.kinds[this.pos];
    if (k === Tok.Minus || k === Tok.Plus || k === Tok.Tilde) {
      const start = this.start();
      this.next();
      if (++this.nesting > MAX_NESTING) this.fail('too many nested expressions');
      const operand = this.factor();
      this.nesting--;
      return N.mkUnaryOp(start, this.prevEnd(), k === Tok.Minus ? 'USub' : k === Tok.Plus ? 'UAdd' : 'Invert', operand);
    }
    return this.power();
  }

  private power(): E {
    const start = this.start();
    let left: E;
    if (this.kinds[this.pos] === Tok.Await) {
      this.next();
      const value = this.primary();
      left = N.mkAwait(start, this.prevEnd(), value);
    } else {
      left = this.primary();
    }
    if (this.kinds[this.pos] === Tok.DoubleStar) {
      this.next();
      const right = this.factor();
      return N.mkBinOp(start, this.prevEnd(), left, 'Pow', right);
    }
    return left;
  }

  private primary(): E {
    const start = this.start();
    let e = this.atom();
    for (;;) {
      const k = this.kinds[this.pos];
      if (k === Tok.Dot) {
        this.next();
        const attr = this.expectName();
        e = N.mkAttribute(start, this.prevEnd(), e, attr, 'Load');
      } else if (k === Tok.LPar) {
        e = this.callArguments(start, e);
      } else if (k === Tok.LSqb) {
        this.next();
        const slice = this.slices();
        this.expect(Tok.RSqb);
        e = N.mkSubscript(start, this.prevEnd(), e, slice, 'Load');
      } else {
        return e;
      }
    }
  }

  /** `(` arguments `)` after `func`; the call spans from `start`. */
  private callArguments(start: number, func: E): A.Call {
    const open = this.start();
    this.next(); // (
    const args: E[] = [];
    const keywords: A.Keyword[] = [];
    if (++this.nesting > MAX_NESTING) this.fail('too many nested parentheses');
    while (this.kinds[this.pos] !== Tok.RPar) {
      const k = this.kinds[this.pos];
      const s = this.start();
      if (k === Tok.Star) {
        this.next();
        const value = this.expression();
        args.push(N.mkStarred(s, this.prevEnd(), value, 'Load'));
      } else if (k === Tok.DoubleStar) {
        this.next();
        const value = this.expression();
        keywords.push(N.mkKeyword(s, this.prevEnd(), null, value));
      } else if (k === Tok.Name && this.peek(1) === Tok.Equal) {
        const arg = this.value();
        this.next();
        this.next();
        const value = this.expression();
        keywords.push(N.mkKeyword(s, this.prevEnd(), arg, value));
      } else {
        const e = this.namedExpression();
        const n = this.kinds[this.pos];
        if (n === Tok.For || (n === Tok.Async && this.peek(1) === Tok.For)) {
          const generators = this.comprehensions();
          if (args.length > 0 || keywords.length > 0 || this.kinds[this.pos] !== Tok.RPar) {
            this.failAt('Generator expression must be parenthesized', e.start, this.prevEnd());
          }
          this.next();
          this.nesting--;
          const g = N.mkGeneratorExp(open, this.prevEnd(), e, generators);
          return N.mkCall(start, this.prevEnd(), func, [g], keywords);
        }
        if (n === Tok.Equal) this.fail('expression cannot contain assignment, perhaps you meant "=="?');
        if (keywords.length > 0 && keywords[keywords.length - 1]!.arg === null) {
          this.failAt('positional argument follows keyword argument unpacking', e.start, e.end);
        }
        if (keywords.length > 0) this.failAt('positional argument follows keyword argument', e.start, e.end);
        args.push(e);
      }
      if (this.kinds[this.pos] !== Tok.Comma) break;
      this.next();
    }
    this.expect(Tok.RPar);
    this.nesting--;
    return N.mkCall(start, this.prevEnd(), func, args, keywords);
  }

  /** Subscript contents: one slice or a tuple of them. */
  private slices(): E {
    const start = this.start();
    if (++this.nesting > MAX_NESTING) this.fail('too many nested parentheses');
    const first = this.slice();
    if (this.kinds[this.pos] !== Tok.Comma) {
      this.nesting--;
      if (first.nodeType === 'Starred') return N.mkTuple(start, this.prevEnd(), [first], 'Load');
      return first;
    }
    const elts = [first];
    while (this.kinds[this.pos] === Tok.Comma) {
      this.next();
      if (this.kinds[this.pos] === Tok.RSqb) break;
      elts.push(this.slice());
    }
    this.nesting--;
    return N.mkTuple(start, this.prevEnd(), elts, 'Load');
  }

  private slice(): E {
    const start = this.start();
    const k = this.kinds[this.pos];
    if (k === Tok.Star) {
      this.next();
      const value = this.climb(Prec.BitOr);
      return N.mkStarred(start, this.prevEnd(), value, 'Load');
    }
    let lower: E | null = null;
    if (k !== Tok.Colon) {
      lower = this.namedExpression();
      if (this.kinds[this.pos] !== Tok.Colon) return lower;
    }
    this.next(); // :
    let upper: E | null = null;
    let step: E | null = null;
    let n = this.kinds[this.pos];
    if (n !== Tok.Colon && n !== Tok.Comma && n !== Tok.RSqb) upper = this.expression();
    if (this.kinds[this.pos] === Tok.Colon) {
      this.next();
      n = this.kinds[this.pos];
      if (n !== Tok.Comma && n !== Tok.RSqb) step = this.expression();
    }
    return N.mkSlice(start, this.prevEnd(), lower, upper, step);
  }

  private atom(): E {
    const start = this.start();
    const k = this.kinds[this.pos]!;
    switch (k) {
      case Tok.Name: {
        const id = this.value();
        this.next();
        return N.mkName(start, this.prevEnd(), id, 'Load');
      }
      case Tok.Number:
        return this.number();
      case Tok.String:
      case Tok.FStringStart:
        return this.strings();
      case Tok.None:
        this.next();
        return N.mkConstant(start, this.prevEnd(), null, null);
      case Tok.True:
        this.next();
        return N.mkConstant(start, this.prevEnd(), true, null);
      case Tok.False:
        this.next();
        return N.mkConstant(start, this.prevEnd(), false, null);
      case Tok.Ellipsis:
        this.next();
        return N.mkConstant(start, this.prevEnd(), ELLIPSIS, null);
      case Tok.LPar:
        return this.parenthesized();
      case Tok.LSqb:
        return this.listDisplay();
      case Tok.LBrace:
        return this.braceDisplay();
      default:
        return this.unexpected();
    }
  }

  private number(): E {
    const start = this.start();
    const end = this.ends[this.pos]!;
    const src = this.src;
    let v: A.ConstantValue | null;
    // fast path: a short decimal integer without leading zero or underscore
    let n = 0;
    let i = start;
    if (end - start < 16 && (src.charCodeAt(start) !== 48 || end - start === 1)) {
      for (; i < end; i++) {
        const d = src.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
      }
    }
    if (i === end) v = n < SMALL_INTS.length ? SMALL_INTS[n]! : BigInt(n);
    else v = decodeNumber(src.slice(start, end));
    if (v === null) this.fail('invalid number literal');
    this.next();
    return N.mkConstant(start, end, v, null);
  }

  private parenthesized(): E {
    const start = this.start();
    this.next(); // (
    if (++this.nesting > MAX_NESTING) this.fail('too many nested parentheses');
    const k = this.kinds[this.pos];
    if (k === Tok.RPar) {
      this.next();
      this.nesting--;
      return N.mkTuple(start, this.prevEnd(), [], 'Load');
    }
    if (k === Tok.Yield) {
      const y = this.yieldExpr();
      this.expect(Tok.RPar);
      this.nesting--;
      return y;
    }
    const first = this.starNamedExpression();
    const n = this.kinds[this.pos];
    if (n === Tok.For || (n === Tok.Async && this.peek(1) === Tok.For)) {
      if (first.nodeType === 'Starred') this.failAt('iterable unpacking cannot be used in comprehension', first.start, first.end);
      const generators = this.comprehensions();
      this.expect(Tok.RPar);
      this.nesting--;
      return N.mkGeneratorExp(start, this.prevEnd(), first, generators);
    }
    if (n === Tok.Comma) {
      const elts = [first];
      while (this.kinds[this.pos] === Tok.Comma) {
        this.next();
        if (this.kinds[this.pos] === Tok.RPar) break;
        elts.push(this.starNamedExpression());
      }
      this.expect(Tok.RPar);
      this.nesting--;
      return N.mkTuple(start, this.prevEnd(), elts, 'Load');
    }
    this.expect(Tok.RPar);
    this.nesting--;
    if (first.nodeType === 'Starred') this.failAt('cannot use starred expression here', first.start, first.end);
    return first;
  }

  private listDisplay(): E {
    const start = this.start();
    this.next(); // [
    if (++this.nesting > MAX_NESTING) this.fail('too many nested parentheses');
    if (this.kinds[this.pos] === Tok.RSqb) {
      this.next();
      this.nesting--;
      return N.mkList(start, this.prevEnd(), [], 'Load');
    }
    const first = this.starNamedExpression();
    const n = this.kinds[this.pos];
    if (n === Tok.For || (n === Tok.Async && this.peek(1) === Tok.For)) {
      if (first.nodeType === 'Starred') this.failAt('iterable unpacking cannot be used in comprehension', first.start, first.end);
      const generators = this.comprehensions();
      this.expect(Tok.RSqb);
      this.nesting--;
      return N.mkListComp(start, this.prevEnd(), first, generators);
    }
    const elts = [first];
    while (this.kinds[this.pos] === Tok.Comma) {
      this.next();
      if (this.kinds[this.pos] === Tok.RSqb) break;
      elts.push(this.starNamedExpression());
    }
    this.expect(Tok.RSqb);
    this.nesting--;
    return N.mkList(start, this.prevEnd(), elts, 'Load');
  }

  private braceDisplay(): E {
    const start = this.start();
    this.next(); // {
    if (++this.nesting > MAX_NESTING) this.fail('too many nested parentheses');
    const k = this.kinds[this.pos];
    if (k === Tok.RBrace) {
      this.next();
      this.nesting--;
      return N.mkDict(start, this.prevEnd(), [], []);
    }
    if (k === Tok.DoubleStar) {
      const r = this.dictRest(start, [], []);
      this.nesting--;
      return r;
    }
    const firstTok = this.pos;
    const first = this.starNamedExpression();
    if (this.kinds[this.pos] === Tok.Colon) {
      if (first.nodeType === 'Starred' || (first.nodeType === 'NamedExpr' && this.kinds[firstTok] !== Tok.LPar)) this.failAt('invalid syntax', first.start, first.end);
      this.next();
      const value = this.expression();
      const n = this.kinds[this.pos];
      if (n === Tok.For || (n === Tok.Async && this.peek(1) === Tok.For)) {
        const generators = this.comprehensions();
        this.expect(Tok.RBrace);
        this.nesting--;
        return N.mkDictComp(start, this.prevEnd(), first, value, generators);
      }
      const keys: (E | null)[] = [first];
      const values: E[] = [value];
      if (this.kinds[this.pos] === Tok.Comma) {
        this.next();
        const r = this.dictRest(start, keys, values);
        this.nesting--;
        return r;
      }
      this.expect(Tok.RBrace);
      this.nesting--;
      return N.mkDict(start, this.prevEnd(), keys, values);
    }
    const n = this.kinds[this.pos];
    if (n === Tok.For || (n === Tok.Async && this.peek(1) === Tok.For)) {
      if (first.nodeType === 'Starred') this.failAt('iterable unpacking cannot be used in comprehension', first.start, first.end);
      const generators = this.comprehensions();
      this.expect(Tok.RBrace);
      this.nesting--;
      return N.mkSetComp(start, this.prevEnd(), first, generators);
    }
    const elts = [first];
    while (this.kinds[this.pos] === Tok.Comma) {
      this.next();
      if (this.kinds[this.pos] === Tok.RBrace) break;
      elts.push(this.starNamedExpression());
    }
    this.expect(Tok.RBrace);
    this.nesting--;
    return N.mkSet(start, this.prevEnd(), elts);
  }

  /** Remaining `key: value` / `**mapping` items of a dict display, then `}`. */
  private dictRest(start: number, keys: (E | null)[], values: E[]): E {
    while (this.kinds[this.pos] !== Tok.RBrace) {
      if (this.kinds[this.pos] === Tok.DoubleStar) {
        this.next();
        keys.push(null);
        values.push(this.climb(Prec.BitOr));
      } else {
        keys.push(this.expression());
        this.expect(Tok.Colon);
        values.push(this.expression());
      }
      if (this.kinds[this.pos] !== Tok.Comma) break;
      this.next();
    }
    if (this.kinds[this.pos] === Tok.For && keys.length === 1 && keys[0] === null) this.fail('dict unpacking cannot be used in dict comprehension');
    this.expect(Tok.RBrace);
    return N.mkDict(start, this.prevEnd(), keys, values);
  }

  private comprehensions(): A.Comprehension[] {
    const out: A.Comprehension[] = [];
    for (;;) {
      const start = this.start();
      let isAsync = 0;
      if (this.kinds[this.pos] === Tok.Async) {
        isAsync = 1;
        this.next();
      }
      if (this.kinds[this.pos] !== Tok.For) break;
      this.next();
      const target = this.starTargets();
      this.setContext(target, 'Store');
      this.expect(Tok.In);
      const iter = this.disjunction();
      const ifs: E[] = [];
      while (this.kinds[this.pos] === Tok.If) {
        this.next();
        ifs.push(this.disjunction());
      }
      out.push(N.mkComprehension(start, this.prevEnd(), target, iter, ifs, isAsync));
      const k = this.kinds[this.pos];
      if (!(k === Tok.For || (k === Tok.Async && this.peek(1) === Tok.For))) break;
    }
    return out;
  }

  private yieldExpr(): E {
    const start = this.start();
    this.next(); // yield
    if (this.kinds[this.pos] === Tok.From) {
      this.next();
      const value = this.expression();
      return N.mkYieldFrom(start, this.prevEnd(), value);
    }
    const value = this.startsExpression() ? this.starExpressions() : null;
    return N.mkYield(start, this.prevEnd(), value);
  }

  // ---------------------------------------------------------------- strings

  /** One or more adjacent string/f-string/t-string literals, merged like CPython. */
  private strings(): E {
    const first = this.pos;
    const start = this.start();
    // fast path: one plain string
    if (this.kinds[this.pos] === Tok.String && this.peek(1) !== Tok.String && this.peek(1) !== Tok.FStringStart) {
      const end = this.ends[this.pos]!;
      const value = this.plainString(this.pos, start, end);
      this.next();
      return N.mkConstant(start, end, value, this.lastU ? 'u' : null);
    }
    // scan ahead: any f/t-string? any bytes?
    let hasF = false;
    let hasT = false;
    let i = first;
    let depth = 0;
    for (; i <= this.last; i++) {
      const k = this.kinds[i]!;
      if (depth === 0 && k !== Tok.String && k !== Tok.FStringStart) break;
      if (k === Tok.FStringStart) {
        if (depth === 0) {
          if ((prefixFlags(this.src, this.starts[i]!) & Prefix.T) !== 0) hasT = true;
          else hasF = true;
        }
        depth++;
      } else if (k === Tok.FStringEnd) depth--;
    }
    if (!hasF && !hasT) {
      let value = '';
      let bytes = false;
      let strs = false;
      let u = false;
      let bv = '';
      for (let j = first; j < i; j++) {
        const s = this.starts[j]!;
        const e = this.ends[j]!;
        const v = this.plainString(j, s, e);
        if (j === first) u = this.lastU;
        if (typeof v === 'string') {
          strs = true;
          value += v;
        } else {
          bytes = true;
          bv += v.value;
        }
      }
      this.pos = i;
      if (bytes && strs) this.failAt('cannot mix bytes and nonbytes literals', start, this.prevEnd());
      return N.mkConstant(start, this.prevEnd(), bytes ? bytesValue(bv) : value, u ? 'u' : null);
    }
    if (hasF && hasT) this.failAt('cannot mix t-string literals with string or bytes literals', start, this.ends[i - 1]!);
    // JoinedStr / TemplateStr: merge adjacent literal parts
    const values: E[] = [];
    const acc: PendingText = { text: '', start: -1, end: -1, u: false };
    while (this.kinds[this.pos] === Tok.String || this.kinds[this.pos] === Tok.FStringStart) {
      const s = this.start();
      if (this.kinds[this.pos] === Tok.String) {
        const e = this.ends[this.pos]!;
        const v = this.plainString(this.pos, s, e);
        if (typeof v !== 'string') this.failAt('cannot mix bytes and nonbytes literals', s, e);
        if (hasT) this.failAt('cannot mix t-string literals with string or bytes literals', s, e);
        addText(acc, v, s, e, this.lastU);
        this.next();
      } else {
        this.fstring(values, acc, hasT);
      }
    }
    flushText(acc, values);
    return hasT ? N.mkTemplateStr(start, this.prevEnd(), values) : N.mkJoinedStr(start, this.prevEnd(), values);
  }

  /** The value of the STRING token at `tok` (spanning start..end); its `u` prefix goes to `lastU`. */
  private plainString(tok: number, start: number, end: number): string | A.BytesValue {
    const src = this.src;
    const prefix = prefixFlags(src, start);
    this.lastU = (prefix & Prefix.U) !== 0;
    const q = start + (prefix >> PREFIX_LENGTH_SHIFT);
    const quote = src.charCodeAt(q);
    const triple = end - q >= 6 && src.charCodeAt(q + 1) === quote && src.charCodeAt(q + 2) === quote;
    const ql = triple ? 3 : 1;
    let bodyEnd = end - ql;
    // an unterminated literal (already reported by the tokenizer) has no closing quote
    if (bodyEnd < q + ql || src.charCodeAt(bodyEnd) !== quote) bodyEnd = end;
    const raw = (prefix & Prefix.Raw) !== 0;
    if ((prefix & Prefix.Bytes) === 0) {
      // the tokenizer saw no backslash and no \r: nothing to decode
      if (this.flags[tok] === 0) return src.slice(q + ql, bodyEnd);
    }
    const problems = this.problems;
    problems.length = 0;
    let value: string | A.BytesValue;
    if ((prefix & Prefix.Bytes) !== 0) value = bytesValue(decodeBytes(src, q + ql, bodyEnd, raw, problems));
    else value = decodeStr(src, q + ql, bodyEnd, raw, false, problems);
    // a bad escape is reported, and the literal kept with the escape as written
    for (const p of problems) this.record(p.message, p.start, p.end);
    return value;
  }

  /** An f-string (or t-string) starting at FSTRING_START; parts go to `values` via `acc`. */
  private fstring(values: E[], acc: PendingText, isT: boolean): void {
    const raw = (prefixFlags(this.src, this.start()) & Prefix.Raw) !== 0;
    this.next(); // FSTRING_START
    for (;;) {
      const k = this.kinds[this.pos];
      if (k === Tok.FStringMiddle) {
        const s = this.start();
        const e = this.ends[this.pos]!;
        addText(acc, this.middleText(s, e, raw), s, e, false);
        this.next();
      } else if (k === Tok.LBrace) {
        const field = this.replacementField(raw, isT, values, acc);
        flushText(acc, values);
        values.push(field);
      } else break;
    }
    this.expect(Tok.FStringEnd);
  }

  private middleText(s: number, e: number, raw: boolean): string {
    const problems = this.problems;
    problems.length = 0;
    const text = decodeStr(this.src, s, e, raw, true, problems);
    // a bad escape is reported, and the literal kept with the escape as written
    for (const p of problems) this.record(p.message, p.start, p.end);
    return text;
  }

  /** `{ expr [=] [!conv] [:spec] }`. A `=` adds the expression text to `acc`. */
  private replacementField(raw: boolean, isT: boolean, values: E[], acc: PendingText): E {
    const start = this.start();
    const exprStart = this.ends[this.pos]!;
    this.next(); // {
    if (++this.nesting > MAX_NESTING) this.fail('too many nested f-strings');
    const k = this.kinds[this.pos];
    if (k === Tok.RBrace) this.fail("f-string: valid expression required before '}'");
    const value = k === Tok.Yield ? this.yieldExpr() : this.starExpressions();
    const exprEnd = this.prevEnd();
    let conversion = -1;
    let debug = false;
    if (this.kinds[this.pos] === Tok.Equal) {
      this.next();
      debug = true;
      const textEnd = this.start();
      addText(acc, debugText(this.src.slice(exprStart, textEnd)), exprStart, textEnd, false);
    }
    if (this.kinds[this.pos] === Tok.Exclamation) {
      this.next();
      const c = this.kinds[this.pos] === Tok.Name ? this.value() : '';
      if (c !== 's' && c !== 'r' && c !== 'a') this.fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      conversion = c.charCodeAt(0);
      this.next();
    }
    let spec: E | null = null;
    if (this.kinds[this.pos] === Tok.Colon) {
      const specStart = this.start();
      this.next();
      const specValues: E[] = [];
      const specAcc: PendingText = { text: '', start: -1, end: -1, u: false };
      let middles = 0;
      for (;;) {
        const t = this.kinds[this.pos];
        if (t === Tok.FStringMiddle) {
          middles++;
          const s = this.start();
          const e = this.ends[this.pos]!;
          addText(specAcc, this.middleText(s, e, raw), s, e, false);
          this.next();
        } else if (t === Tok.LBrace) {
          const field = this.replacementField(raw, isT, specValues, specAcc);
          flushText(specAcc, specValues);
          specValues.push(field);
        } else break;
      }
      if (middles > 1 && specValues.length === 0 && specAcc.text !== '') {
        // CPython quirk: a spec made of several literal tokens (split after `\N{...}`) and no
        // replacement field becomes a bare Constant
        spec = N.mkConstant(specAcc.start, specAcc.end, specAcc.text, null);
      } else {
        flushText(specAcc, specValues);
        spec = N.mkJoinedStr(specStart, this.start(), specValues);
      }
    }
    if (this.kinds[this.pos] !== Tok.RBrace) {
      this.fail(this.kinds[this.pos] === Tok.FStringEnd ? "f-string: expecting '}'" : "f-string: expecting '=', or '!', or ':', or '}'");
    }
    this.next();
    this.nesting--;
    if (debug && conversion === -1 && spec === null) conversion = 114; // 'r'
    if (isT) {
      return N.mkInterpolation(start, this.prevEnd(), value, this.src.slice(exprStart, exprEnd), conversion, spec);
    }
    return N.mkFormattedValue(start, this.prevEnd(), value, conversion, spec);
  }
}

interface PendingText {
  text: string;
  start: number;
  end: number;
  u: boolean;
}

function addText(acc: PendingText, text: string, start: number, end: number, u: boolean): void {
  if (acc.start < 0) {
    acc.start = start;
    acc.u = u;
    acc.text = text;
  } else {
    acc.text += text;
  }
  acc.end = end;
}

function flushText(acc: PendingText, values: E[]): void {
  if (acc.start < 0) return;
  if (acc.text !== '') values.push(N.mkConstant(acc.start, acc.end, acc.text, acc.u ? 'u' : null));
  acc.start = -1;
  acc.text = '';
  acc.u = false;
}

/** The text a `{expr=}` field shows: source text with line breaks normalized and comments removed. */
function debugText(text: string): string {
  let s = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (!s.includes('#')) return s;
  let out = '';
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (quote !== '') {
      if (c === '\\') {
        out += c + s.charAt(i + 1);
        i++;
        continue;
      }
      if (s.startsWith(quote, i)) {
        out += quote;
        i += quote.length - 1;
        quote = '';
        continue;
      }
      out += c;
    } else if (c === '"' || c === "'") {
      quote = s.startsWith(c + c + c, i) ? c + c + c : c;
      out += quote;
      i += quote.length - 1;
    } else if (c === '#') {
      while (i + 1 < s.length && s.charAt(i + 1) !== '\n') i++;
    } else {
      out += c;
    }
  }
  s = out;
  return s;
}

function describeExpr(e: E): string {
  switch (e.nodeType) {
    case 'Call':
      return 'function call';
    case 'Constant':
      return e.value === null || typeof e.value === 'boolean' ? e.value === null ? 'None' : e.value ? 'True' : 'False' : 'literal';
    case 'BinOp':
    case 'UnaryOp':
    case 'BoolOp':
      return 'expression';
    case 'Compare':
      return 'comparison';
    case 'Lambda':
      return 'lambda';
    case 'IfExp':
      return 'conditional expression';
    case 'NamedExpr':
      return 'named expression';
    case 'Await':
      return 'await expression';
    case 'Yield':
    case 'YieldFrom':
      return 'yield expression';
    case 'JoinedStr':
      return 'f-string expression';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'GeneratorExp':
      return 'generator expression';
    case 'Tuple':
      return 'tuple';
    case 'List':
      return 'list';
    case 'Starred':
      return 'starred';
    default:
      return 'expression';
  }
}
