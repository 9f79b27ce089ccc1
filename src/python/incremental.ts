/**
 * Re-parsing one top-level statement after an edit inside it, instead of the whole file: what
 * keeps typing in a long module cheap. The edited statement's lines are tokenized and parsed on
 * their own (offsets into the whole new text), the statements after it keep their nodes, moved by
 * the change of length, and the module gets a new body. The result is the tree a full parse
 * gives (tests compare them on generated edits); whenever that cannot be guaranteed this answers
 * null and the caller parses the whole text.
 */
import type { AnyNode, AnyStmt, Comment, ParseResult } from './ast.js';
import { createLineIndex } from './lineIndex.js';
import * as N from './nodes.js';
import { Parser } from './parser.js';
import { releaseTokens, tokenize } from './tokenizer.js';
import { CHILD_FIELDS } from './walk.js';

/** An edit that the old tree places inside the slice of top-level statement `index`. */
export interface StatementEdit {
  /** the statement's index in the old module body */
  readonly index: number;
  /** first offset where the old and new texts differ */
  readonly changeStart: number;
  /** new length minus old length: offsets after the edit move by this much */
  readonly delta: number;
}

/** CHUNK code units are compared at a time (native string comparison), then one by one. */
const CHUNK = 256;

/** Lengths of the longest common prefix, and of the longest common suffix not overlapping it. */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix + CHUNK <= shorter && a.slice(prefix, prefix + CHUNK) === b.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < shorter && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + CHUNK <= shorter - prefix && a.slice(a.length - suffix - CHUNK, a.length - suffix) === b.slice(b.length - suffix - CHUNK, b.length - suffix)) suffix += CHUNK;
  while (suffix < shorter - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/**
 * The top-level statement an edit from `old`'s text to `text` stays in, judged on the old tree:
 * the changed region (between the common prefix and suffix) must lie in one statement's slice,
 * from the end of the statement before it (`sliceStart`) to its own end. Null when it does not,
 * or when the old text did not parse cleanly (error recovery can merge statements).
 */
export function locateStatementEdit(old: ParseResult, text: string): (StatementEdit & { readonly sliceStart: number }) | null {
  if (old.errors.length > 0) return null;
  const body = old.module.body;
  const { prefix, suffix } = commonEnds(old.source, text);
  const changedEnd = old.source.length - suffix;
  // the first statement ending at or after the change; the change must start after the one before it
  let low = 0;
  let high = body.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((body[mid] as AnyStmt).end < changedEnd) low = mid + 1;
    else high = mid;
  }
  if (!body[low]) return null;
  const sliceStart = low > 0 ? (body[low - 1] as AnyStmt).end : 0;
  if (prefix < sliceStart) return null;
  return { index: low, changeStart: prefix, delta: text.length - old.source.length, sliceStart };
}

/** A re-parsed top-level statement, ready to be put in the old tree's place (see `applyStatementSlice`). */
export interface StatementSlice {
  readonly index: number;
  readonly delta: number;
  readonly replacement: AnyStmt;
  /** the comments of the re-parsed lines */
  readonly comments: readonly Comment[];
  /** the re-parsed lines, in the new text */
  readonly parseStart: number;
  readonly parseEnd: number;
}

/**
 * The new text's parse, from `old` (the previous text's parse, which must have no errors) and the
 * edit; null when the edit reaches outside the statement's own lines or the statement does not
 * re-parse cleanly to exactly one statement ending where the old one did (moved by `delta`).
 * The statements after the edited one are moved in place: `old` must not be used afterwards.
 * `moveLater(after, delta)`, when given, must add `delta` to the offsets of every node of `old`
 * that starts after `after` (the old statement's end) instead of this walking the trees.
 */
export function reparseStatement(old: ParseResult, text: string, edit: StatementEdit, moveLater?: (after: number, delta: number) => void): ParseResult | null {
  const slice = parseStatementSlice(old, text, edit);
  return slice ? applyStatementSlice(old, text, slice, moveLater) : null;
}

/**
 * The first half of `reparseStatement`: parses the edited statement's lines of the new text,
 * changing nothing in `old` (so it can still be read, e.g. for what it showed before the edit).
 */
export function parseStatementSlice(old: ParseResult, text: string, edit: StatementEdit): StatementSlice | null {
  if (old.errors.length > 0) return null;
  const body = old.module.body;
  const { index, changeStart, delta } = edit;
  const statement = body[index];
  if (!statement) return null;
  // start at the line after the previous statement's last line (never inside a line: indentation)
  let parseStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (index > 0) {
    parseStart = lineAfter(text, (body[index - 1] as AnyStmt).end);
    if (parseStart < 0 || isContinued(text, parseStart)) return null;
  }
  if (changeStart < parseStart) return null;
  const newEnd = statement.end + delta;
  if (newEnd > text.length || newEnd < parseStart) return null;
  const after = lineAfter(text, newEnd);
  const parseEnd = after < 0 ? text.length : after;
  if (after >= 0 && isContinued(text, parseEnd)) return null;

  const { tokens, errors, comments } = tokenize(text, parseStart, parseEnd);
  let parsed: AnyStmt[];
  try {
    parsed = new Parser(text, tokens, errors).parseModule().body;
  } catch {
    return null;
  } finally {
    releaseTokens(tokens);
  }
  const replacement = parsed[0];
  if (errors.length > 0 || parsed.length !== 1 || !replacement || replacement.end !== newEnd) return null;
  return { index, delta, replacement, comments, parseStart, parseEnd };
}

/** The second half of `reparseStatement`: the new tree, with the statements after the edited one moved in place. */
export function applyStatementSlice(old: ParseResult, text: string, slice: StatementSlice, moveLater?: (after: number, delta: number) => void): ParseResult {
  const body = old.module.body;
  const { index, delta, replacement, comments, parseStart, parseEnd } = slice;
  const statement = body[index] as AnyStmt;
  if (delta !== 0) {
    // `moveLater` (a model's per-kind node lists) does it without walking the trees
    if (moveLater) moveLater(statement.end, delta);
    else for (let i = index + 1; i < body.length; i++) shiftTree(body[i] as AnyNode, delta);
  }
  const newBody = body.slice();
  newBody[index] = replacement;
  const oldParseEnd = parseEnd - delta;
  const newComments: Comment[] = [];
  for (const comment of old.comments) {
    if (comment.start < parseStart) newComments.push(comment);
    else if (comment.start >= oldParseEnd) {
      newComments.push(delta === 0 ? comment : { start: comment.start + delta, end: comment.end + delta, text: comment.text });
    }
  }
  // the slice's own comments go between the ones before and after it
  let insertAt = 0;
  while (insertAt < newComments.length && (newComments[insertAt] as Comment).start < parseStart) insertAt++;
  newComments.splice(insertAt, 0, ...comments);
  return { module: N.mkModule(0, text.length, newBody), comments: newComments, errors: [], lines: createLineIndex(text), source: text };
}

/** The offset just past the first line break at or after `offset`, or -1 when there is none. */
function lineAfter(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return i + 1;
    if (c === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
  }
  return -1;
}

/** The line ending just before `lineStart` follows a backslash: the lines are one logical line. */
function isContinued(text: string, lineStart: number): boolean {
  let i = lineStart - 1;
  if (text.charCodeAt(i) === 0x0a) i--;
  if (text.charCodeAt(i) === 0x0d) i--;
  return text.charCodeAt(i) === 0x5c;
}

/** Adds `delta` to the offsets of `root` and every node below it. */
function shiftTree(root: AnyNode, delta: number): void {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode & { start: number; end: number };
    node.start += delta;
    node.end += delta;
    const record = node as unknown as Record<string, unknown>;
    for (const field of CHILD_FIELDS[node.nodeType]) {
      const value = record[field];
      if (Array.isArray(value)) {
        for (const child of value as (AnyNode | null)[]) if (child) stack.push(child);
      } else if (value !== null && value !== undefined) {
        stack.push(value as AnyNode);
      }
    }
  }
}
