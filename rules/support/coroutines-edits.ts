/**
 * Text-edit helpers for the coroutine, concurrency and hygiene fixes: statement
 * lookup, indentation, fresh names, `import asyncio` when missing.
 */
import type { AnyNode, AnyStmt, Module } from '../../src/python/ast';
import type { Scope, SemanticModel } from '../../src/analysis/types';
import type { TextEdit } from '../../src/engine/findings';
import { nodesOfTypeWithin } from './nodes-in-range';
import { statementFacts } from './statement-facts';

const STATEMENT_TYPES: ReadonlySet<string> = new Set([
  'AnnAssign', 'Assert', 'Assign', 'AsyncFor', 'AsyncFunctionDef', 'AsyncWith', 'AugAssign', 'Break', 'ClassDef', 'Continue',
  'Delete', 'Expr', 'For', 'FunctionDef', 'Global', 'If', 'Import', 'ImportFrom', 'Match', 'Nonlocal', 'Pass', 'Raise',
  'Return', 'Try', 'TryStar', 'TypeAlias', 'While', 'With',
]);

export function isStatement(node: AnyNode): node is AnyStmt {
  return STATEMENT_TYPES.has(node.nodeType);
}

/** The innermost statement containing `node` (the node itself when it is one). */
export function statementOf(model: SemanticModel, node: AnyNode): AnyStmt | null {
  let current: AnyNode | null = node;
  while (current && !isStatement(current)) current = model.parentOf(current);
  return current;
}

/** Offset of the start of the line containing `offset`. */
export function lineStartOf(source: string, offset: number): number {
  let i = offset;
  while (i > 0 && source[i - 1] !== '\n' && source[i - 1] !== '\r') i--;
  return i;
}

/** Offset just past the end of the line containing `offset` (after its line break). */
export function nextLineStart(source: string, offset: number): number {
  let i = offset;
  while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
  if (source[i] === '\r' && source[i + 1] === '\n') return i + 2;
  return i < source.length ? i + 1 : i;
}

/** The line break style of the file. */
export function newlineOf(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n';
}

/** The whitespace before `node` on its line, or null when something else precedes it there. */
export function indentationOf(source: string, node: { start: number }): string | null {
  const start = lineStartOf(source, node.start);
  const prefix = source.slice(start, node.start);
  return /^[ \t]*$/.test(prefix) ? prefix : null;
}

/** The statement is alone on its lines: only whitespace before it and a comment at most after it. */
export function standsAlone(source: string, stmt: { start: number; end: number }): boolean {
  if (indentationOf(source, stmt) === null) return false;
  let i = stmt.end;
  while (i < source.length && (source[i] === ' ' || source[i] === '\t')) i++;
  return i >= source.length || source[i] === '\n' || source[i] === '\r' || source[i] === '#';
}

/** One level of indentation as the file writes it (the first indented line), four spaces by default. */
export function indentUnitOf(source: string): string {
  const match = /\n([ \t]+)\S/.exec(source);
  const unit = match?.[1];
  if (!unit) return '    ';
  return unit.startsWith('\t') ? '\t' : unit.length <= 8 ? unit : '    ';
}

const namesCache = new WeakMap<SemanticModel, Set<string>>();

/** Every name bound or read anywhere in the file (a cheap, safe over-approximation for fresh names). */
function namesInFile(model: SemanticModel): Set<string> {
  const cached = namesCache.get(model);
  if (cached) return cached;
  const names = new Set<string>();
  namesCache.set(model, names);
  for (const scope of model.scopes) for (const name of scope.bindings.keys()) names.add(name);
  for (const name of model.nodesOfType('Name')) names.add(name.id);
  for (const attr of model.nodesOfType('Attribute')) names.add(attr.attr);
  return names;
}

/**
 * The bases fixes pick fresh names from. Which of `base`, `base_1`, … are free depends on every
 * name in the file, so a rule whose fixes pick names gives `freshNameFacts` as its `fileFacts`.
 */
const FRESH_NAME_BASES: ReadonlySet<string> = new Set(['semaphore', 'limited', 'aw', 'queue', 'errors', 'worker', 'workers', 'running', 'background_tasks', 'task']);

/** The names in the file a fresh name could collide with (`base` or `base_<n>` for the bases above), sorted. */
export const freshNameFacts = statementFacts(freshNamesIn);

/** The fresh-name candidates namesInFile finds in one statement's slice: its names, attributes, and what its code binds. */
function freshNamesIn(model: SemanticModel, start: number, end: number): string[] {
  const found: string[] = [];
  const consider = (name: string): void => {
    if (FRESH_NAME_BASES.has(name) || (isDigit(name.charCodeAt(name.length - 1)) && FRESH_NAME_BASES.has(name.replace(/_\d+$/, '')))) found.push(name);
  };
  for (const scope of model.scopes) {
    scope.bindings.forEach((bindings, name) => {
      for (const binding of bindings) {
        if (binding.node.start >= start && binding.node.start < end) {
          consider(name);
          return;
        }
      }
    });
  }
  for (const name of nodesOfTypeWithin(model, 'Name', start, end)) consider(name.id);
  for (const attr of nodesOfTypeWithin(model, 'Attribute', start, end)) consider(attr.attr);
  return found;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `base`, or `base_1`, `base_2`, … whichever no code in the file uses. */
export function freshName(model: SemanticModel, base: string, taken: ReadonlySet<string> = new Set()): string {
  if (!FRESH_NAME_BASES.has(base)) throw new Error(`freshName: add '${base}' to FRESH_NAME_BASES`);
  const used = namesInFile(model);
  if (!used.has(base) && !taken.has(base)) return base;
  for (let i = 1; ; i++) {
    const candidate = `${base}_${i}`;
    if (!used.has(candidate) && !taken.has(candidate)) return candidate;
  }
}

/** The name the module `asyncio` is bound to at module level (`asyncio`, or its alias), or null. */
export function asyncioNameAt(model: SemanticModel, at: AnyNode): string | null {
  for (const [name, bindings] of model.moduleScope.bindings) {
    if (bindings.some((b) => b.kind === 'import' && b.importedName === 'asyncio' && !b.typeCheckingOnly)) {
      const resolved = model.lookup(name, at);
      if (resolved?.kind === 'import' && resolved.importedName === 'asyncio') return name;
    }
  }
  return null;
}

/**
 * The name to write for the `asyncio` module at `at`, and the edit adding
 * `import asyncio` when the file does not import it. Null when `asyncio` is bound
 * to something else there (no safe spelling).
 */
export function asyncioReference(model: SemanticModel, source: string, at: AnyNode): { name: string; edits: TextEdit[] } | null {
  const existing = asyncioNameAt(model, at);
  if (existing) return { name: existing, edits: [] };
  if (model.lookup('asyncio', at) !== null) return null;
  const offset = importInsertionOffset(model.parse.module, source);
  return { name: 'asyncio', edits: [{ start: offset, end: offset, content: `import asyncio${newlineOf(source)}` }] };
}

/** Where a new top-level import goes: after the docstring, `__future__` imports and the leading imports. */
export function importInsertionOffset(module: Module, source: string): number {
  let offset = 0;
  for (const [i, stmt] of module.body.entries()) {
    const isDocstring = i === 0 && stmt.nodeType === 'Expr' && stmt.value.nodeType === 'Constant' && typeof stmt.value.value === 'string';
    if (isDocstring || stmt.nodeType === 'Import' || stmt.nodeType === 'ImportFrom') {
      offset = nextLineStart(source, stmt.end);
      continue;
    }
    break;
  }
  return offset;
}

/** Offset just after the leading imports (for module-level helper definitions), plus the text to insert before. */
export function afterImportsOffset(module: Module, source: string): number {
  return importInsertionOffset(module, source);
}

/** The function scope enclosing `node` (skipping comprehensions), or null at module/class level. */
export function functionScopeOf(model: SemanticModel, node: AnyNode): Scope | null {
  let scope: Scope | null = model.scopeOf(node);
  while (scope && scope.kind === 'comprehension') scope = scope.parent;
  return scope?.kind === 'function' ? scope : null;
}

/** An edit inserting `await ` before `node`. */
export function insertAwait(node: { start: number }): TextEdit {
  return { start: node.start, end: node.start, content: 'await ' };
}

/** The edit removing the `async ` keyword that starts the statement, or null. */
export function removeAsyncKeyword(source: string, stmt: { start: number }): TextEdit | null {
  const match = /^async[ \t]+/.exec(source.slice(stmt.start, stmt.start + 32));
  return match ? { start: stmt.start, end: stmt.start + match[0].length, content: '' } : null;
}

/**
 * `await` may be inserted at `node`: it runs in async context and not inside a generator
 * expression (an `await` there turns it into an async generator, which `sum()`, `list()`
 * or `print(*...)` cannot consume). The first iterable of a generator expression is
 * evaluated outside it, so it is fine.
 */
export function canInsertAwait(model: SemanticModel, node: AnyNode): boolean {
  if (!model.isAsyncContext(node)) return false;
  let child: AnyNode = node;
  let viaIter = false; // the path went through a comprehension's `iter`
  let parent = model.parentOf(node);
  while (parent && parent.nodeType !== 'AsyncFunctionDef') {
    if (parent.nodeType === 'comprehension') viaIter = parent.iter === child;
    if (parent.nodeType === 'GeneratorExp' && !(child === parent.generators[0] && viaIter)) return false;
    child = parent;
    parent = model.parentOf(parent);
  }
  return true;
}
