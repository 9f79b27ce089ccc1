/**
 * Token kinds of the Python tokenizer, as small integers so the token stream can live in
 * typed arrays. Keywords get their own kinds (the tokenizer classifies them), soft keywords
 * (`match`, `case`, `type`, `_`) stay NAME and the parser checks their text.
 */
export const enum Tok {
  EndMarker = 0,
  Name,
  Number,
  /** a whole non-f string literal, prefix and quotes included */
  String,
  Newline,
  Indent,
  Dedent,
  /** prefix and opening quote of an f-string (or t-string, see `FStringStart` flags) */
  FStringStart,
  /** a literal chunk of an f-string, raw source (escapes and `{{` still undecoded) */
  FStringMiddle,
  FStringEnd,
  /** something the tokenizer could not make sense of (already reported) */
  ErrorToken,

  // punctuation
  LPar,
  RPar,
  LSqb,
  RSqb,
  LBrace,
  RBrace,
  Colon,
  Comma,
  Semi,
  Plus,
  Minus,
  Star,
  Slash,
  VBar,
  Amper,
  Less,
  Greater,
  Equal,
  Dot,
  Percent,
  EqEqual,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Tilde,
  Circumflex,
  LeftShift,
  RightShift,
  DoubleStar,
  PlusEqual,
  MinEqual,
  StarEqual,
  SlashEqual,
  PercentEqual,
  AmperEqual,
  VBarEqual,
  CircumflexEqual,
  LeftShiftEqual,
  RightShiftEqual,
  DoubleStarEqual,
  DoubleSlash,
  DoubleSlashEqual,
  At,
  AtEqual,
  RArrow,
  Ellipsis,
  ColonEqual,
  Exclamation,

  // keywords
  False,
  None,
  True,
  And,
  As,
  Assert,
  Async,
  Await,
  Break,
  Class,
  Continue,
  Def,
  Del,
  Elif,
  Else,
  Except,
  Finally,
  For,
  From,
  Global,
  If,
  Import,
  In,
  Is,
  Lambda,
  Nonlocal,
  Not,
  Or,
  Pass,
  Raise,
  Return,
  Try,
  While,
  With,
  Yield,
}

export const KEYWORDS: ReadonlyMap<string, Tok> = new Map<string, Tok>([
  ['False', Tok.False],
  ['None', Tok.None],
  ['True', Tok.True],
  ['and', Tok.And],
  ['as', Tok.As],
  ['assert', Tok.Assert],
  ['async', Tok.Async],
  ['await', Tok.Await],
  ['break', Tok.Break],
  ['class', Tok.Class],
  ['continue', Tok.Continue],
  ['def', Tok.Def],
  ['del', Tok.Del],
  ['elif', Tok.Elif],
  ['else', Tok.Else],
  ['except', Tok.Except],
  ['finally', Tok.Finally],
  ['for', Tok.For],
  ['from', Tok.From],
  ['global', Tok.Global],
  ['if', Tok.If],
  ['import', Tok.Import],
  ['in', Tok.In],
  ['is', Tok.Is],
  ['lambda', Tok.Lambda],
  ['nonlocal', Tok.Nonlocal],
  ['not', Tok.Not],
  ['or', Tok.Or],
  ['pass', Tok.Pass],
  ['raise', Tok.Raise],
  ['return', Tok.Return],
  ['try', Tok.Try],
  ['while', Tok.While],
  ['with', Tok.With],
  ['yield', Tok.Yield],
]);

/** Human-readable token names for error messages. */
export function tokenDescription(kind: Tok): string {
  switch (kind) {
    case Tok.EndMarker:
      return 'end of file';
    case Tok.Name:
      return 'name';
    case Tok.Number:
      return 'number';
    case Tok.String:
      return 'string';
    case Tok.Newline:
      return 'end of line';
    case Tok.Indent:
      return 'indent';
    case Tok.Dedent:
      return 'dedent';
    case Tok.FStringStart:
      return 'f-string';
    case Tok.FStringMiddle:
      return 'f-string text';
    case Tok.FStringEnd:
      return 'end of f-string';
    case Tok.ErrorToken:
      return 'invalid token';
    default:
      break;
  }
  const p = PUNCT_TEXT[kind];
  if (p !== undefined) return `'${p}'`;
  for (const [text, k] of KEYWORDS) if (k === kind) return `'${text}'`;
  return 'token';
}

const PUNCT_TEXT: Partial<Record<Tok, string>> = {
  [Tok.LPar]: '(',
  [Tok.RPar]: ')',
  [Tok.LSqb]: '[',
  [Tok.RSqb]: ']',
  [Tok.LBrace]: '{',
  [Tok.RBrace]: '}',
  [Tok.Colon]: ':',
  [Tok.Comma]: ',',
  [Tok.Semi]: ';',
  [Tok.Plus]: '+',
  [Tok.Minus]: '-',
  [Tok.Star]: '*',
  [Tok.Slash]: '/',
  [Tok.VBar]: '|',
  [Tok.Amper]: '&',
  [Tok.Less]: '<',
  [Tok.Greater]: '>',
  [Tok.Equal]: '=',
  [Tok.Dot]: '.',
  [Tok.Percent]: '%',
  [Tok.EqEqual]: '==',
  [Tok.NotEqual]: '!=',
  [Tok.LessEqual]: '<=',
  [Tok.GreaterEqual]: '>=',
  [Tok.Tilde]: '~',
  [Tok.Circumflex]: '^',
  [Tok.LeftShift]: '<<',
  [Tok.RightShift]: '>>',
  [Tok.DoubleStar]: '**',
  [Tok.PlusEqual]: '+=',
  [Tok.MinEqual]: '-=',
  [Tok.StarEqual]: '*=',
  [Tok.SlashEqual]: '/=',
  [Tok.PercentEqual]: '%=',
  [Tok.AmperEqual]: '&=',
  [Tok.VBarEqual]: '|=',
  [Tok.CircumflexEqual]: '^=',
  [Tok.LeftShiftEqual]: '<<=',
  [Tok.RightShiftEqual]: '>>=',
  [Tok.DoubleStarEqual]: '**=',
  [Tok.DoubleSlash]: '//',
  [Tok.DoubleSlashEqual]: '//=',
  [Tok.At]: '@',
  [Tok.AtEqual]: '@=',
  [Tok.RArrow]: '->',
  [Tok.Ellipsis]: '...',
  [Tok.ColonEqual]: ':=',
  [Tok.Exclamation]: '!',
};
