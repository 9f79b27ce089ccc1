/**
 * Public API of the Python front end: `parse` (never throws), source decoding, line index,
 * tree traversal. Types are in ast.ts.
 */
import type { ParseResult } from './ast.js';
import { createLineIndex } from './lineIndex.js';
import { Parser } from './parser.js';
import { releaseTokens, tokenize } from './tokenizer.js';
import * as N from './nodes.js';

export type * from './ast.js';
export { createLineIndex } from './lineIndex.js';
export { decodePythonSource } from './decode.js';
export { childNodes, nodeText, parentMap, walk, type Visitor } from './walk.js';

/**
 * Parse Python source. Never throws: syntax errors are in `errors`, and the tree holds
 * everything that could be parsed. Offsets are into `source` (a leading BOM is skipped).
 */
export function parse(source: string): ParseResult {
  const startOffset = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const { tokens, errors, comments } = tokenize(source, startOffset);
  const parser = new Parser(source, tokens, errors);
  let module;
  try {
    module = parser.parseModule();
  } catch (e) {
    // a bug or a pathological input (stack overflow): report it rather than crash the host
    errors.push({ message: `internal parser error: ${e instanceof Error ? e.message : String(e)}`, start: 0, end: 0 });
    module = N.mkModule(0, source.length, []);
  }
  // the tree holds no reference to the token arrays
  releaseTokens(tokens);
  errors.sort((a, b) => a.start - b.start);
  return { module, comments, errors, lines: createLineIndex(source), source };
}
