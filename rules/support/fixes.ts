/**
 * Building blocks for fixes: plain text edits computed from the model, never by
 * re-parsing. Every helper returns `null` when it cannot produce correct code, and
 * a rule then reports without a fix rather than with a wrong one.
 */
import type { TextEdit } from '../../src/engine/findings';
import type { AnyNode, AnyStmt, Call, Module } from '../../src/python/ast';
import type { SemanticModel } from '../../src/analysis/types';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function replaceRange(span: Span, content: string): TextEdit {
  return { start: span.start, end: span.end, content };
}

export function insertAt(offset: number, content: string): TextEdit {
  return { start: offset, end: offset, content };
}

export function deleteRange(span: Span): TextEdit {
  return { start: span.start, end: span.end, content: '' };
}

/** Python version as comparable numbers: '3.8' → [3, 8]. */
export function parseVersion(version: string): [number, number] {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!match) return [3, 8];
  return [Number(match[1]), Number(match[2] ?? 0)];
}

export function targetAtLeast(targetVersion: string, major: number, minor: number): boolean {
  const [ma, mi] = parseVersion(targetVersion);
  return ma > major || (ma === major && mi >= minor);
}

/** How to refer to a module at a place in the file, plus the import edit needed (if any). */
export interface ModuleReference {
  /** the name to write: 'asyncio', or the alias the file already uses ('aio') */
  readonly name: string;
  /** `import <module>` to add, or null when the module is already imported */
  readonly importEdit: TextEdit | null;
}

/**
 * How code at `at` can refer to top-level module `moduleName` ('asyncio', 'functools').
 * Uses an existing module-level `import asyncio [as aio]` if there is one; otherwise adds
 * `import asyncio` after the docstring and `from __future__` imports. Returns null when the
 * name is bound to something else where the fix goes (the fix would call the wrong thing).
 */
export function moduleReference(model: SemanticModel, at: AnyNode, moduleName: string): ModuleReference | null {
  const atSite = model.lookup(moduleName, at);
  if (atSite?.kind === 'import' && atSite.importedName === moduleName) return { name: moduleName, importEdit: null };
  // an alias imported at module level: `import asyncio as aio`
  for (const bindings of model.moduleScope.bindings.values()) {
    for (const binding of bindings) {
      if (binding.kind === 'import' && binding.importedName === moduleName && !binding.typeCheckingOnly) {
        const visible = model.lookup(binding.name, at);
        if (visible === binding) return { name: binding.name, importEdit: null };
      }
    }
  }
  // the plain name is taken by something else where the fix goes
  if (atSite !== null) return null;
  // a module-level binding of the name that is not visible at `at` yet (declared later) also conflicts
  if (model.moduleScope.bindings.has(moduleName)) return null;
  return { name: moduleName, importEdit: importInsertion(model, moduleName) };
}

function isDocstring(stmt: AnyStmt): boolean {
  return stmt.nodeType === 'Expr' && stmt.value.nodeType === 'Constant' && typeof stmt.value.value === 'string';
}

function isFutureImport(stmt: AnyStmt): boolean {
  return stmt.nodeType === 'ImportFrom' && stmt.module === '__future__' && (stmt.level ?? 0) === 0;
}

/** The edit that adds `import <module>` on its own line after the docstring and `__future__` imports. */
export function importInsertion(model: SemanticModel, moduleName: string): TextEdit {
  const module: Module = model.parse.module;
  const source = model.parse.source;
  const lines = model.parse.lines;
  const eol = detectEol(source);
  let index = 0;
  const body = module.body;
  if (body[0] && isDocstring(body[0])) index = 1;
  while (body[index] && isFutureImport(body[index] as AnyStmt)) index++;
  const next = body[index];
  if (next) {
    // before the next statement, at the start of its line
    const line = lines.lineOf(next.start);
    const offset = lines.lineStart(line);
    return insertAt(offset, `import ${moduleName}${eol}`);
  }
  const last = body[index - 1];
  if (!last) {
    // empty module (or only comments): after a leading shebang/encoding comment block
    let offset = 0;
    while (offset < source.length && source.startsWith('#', offset)) {
      const lineEnd = source.indexOf('\n', offset);
      if (lineEnd < 0) return insertAt(source.length, `${eol}import ${moduleName}${eol}`);
      offset = lineEnd + 1;
    }
    return insertAt(offset, `import ${moduleName}${eol}`);
  }
  // only a docstring / future imports: after the last of them (end of its line)
  const lastLine = lines.lineOf(last.end);
  const nextLineStart = lastLine < lines.lineCount ? lines.lineStart(lastLine + 1) : source.length;
  if (nextLineStart >= source.length && !source.endsWith('\n')) return insertAt(source.length, `${eol}import ${moduleName}${eol}`);
  return insertAt(nextLineStart, `import ${moduleName}${eol}`);
}

export function detectEol(source: string): string {
  const index = source.indexOf('\n');
  return index > 0 && source[index - 1] === '\r' ? '\r\n' : '\n';
}

/** Parents under which `await <call>` needs no parentheses around it. */
function awaitNeedsParens(model: SemanticModel, node: AnyNode): boolean {
  const parent = model.parentOf(node);
  if (!parent) return true;
  switch (parent.nodeType) {
    case 'Expr':
    case 'Assign':
    case 'AnnAssign':
    case 'AugAssign':
    case 'Return':
    case 'keyword':
    case 'List':
    case 'Tuple':
    case 'Set':
    case 'withitem':
      return false;
    case 'Call':
      return parent.func === node;
    default:
      return true;
  }
}

/** The call is inside a generator expression (within its function): `await` there would change its meaning. */
export function insideGeneratorExpression(model: SemanticModel, node: AnyNode): boolean {
  for (let current = model.parentOf(node); current; current = model.parentOf(current)) {
    switch (current.nodeType) {
      case 'GeneratorExp':
        return true;
      case 'FunctionDef':
      case 'AsyncFunctionDef':
      case 'Lambda':
      case 'ClassDef':
      case 'Module':
        return false;
      default:
        break;
    }
  }
  return false;
}

/**
 * Edits that turn `<call>` into `await <replacement>` keeping the argument text as
 * written: `time.sleep(x)` → `await asyncio.sleep(x)`. Parenthesised when the call is a
 * primary (`f().x` → `(await g()).x`). Null inside generator expressions.
 */
export function awaitReplacingCallee(model: SemanticModel, call: Call, newCallee: string): TextEdit[] | null {
  if (insideGeneratorExpression(model, call)) return null;
  const parens = awaitNeedsParens(model, call);
  const edits: TextEdit[] = [replaceRange({ start: call.start, end: call.func.end }, `${parens ? '(' : ''}await ${newCallee}`)];
  if (parens) edits.push(insertAt(call.end, ')'));
  return edits;
}

/** The source text of each argument of a call, as written: positional, `*xs`, `k=v`, `**kw`, in source order. */
export function argumentTexts(model: SemanticModel, call: Call): string[] {
  const parts: { start: number; text: string }[] = [];
  for (const arg of call.args) parts.push({ start: arg.start, text: model.textOf(arg) });
  for (const keyword of call.keywords) parts.push({ start: keyword.start, text: model.textOf(keyword) });
  parts.sort((a, b) => a.start - b.start);
  return parts.map((part) => part.text);
}

export interface ThreadFix {
  readonly edits: TextEdit[];
  /** the replacement as shown in the fix title */
  readonly title: string;
}

/**
 * Moves a blocking call to a worker thread: `fn(a, k=v)` → `await asyncio.to_thread(fn, a, k=v)`
 * (Python ≥ 3.9), or for older targets `await asyncio.get_running_loop().run_in_executor(None, fn, a)`
 * (with `functools.partial` when there are keyword arguments). Method calls keep their bound
 * receiver: `sess.get(u)` → `await asyncio.to_thread(sess.get, u)`. Adds `import asyncio`
 * (and `functools`) when missing. Null when the call cannot be moved correctly (generator
 * expressions, `asyncio` bound to something else, a callee that is itself a call expression
 * with side effects is fine — it is evaluated once either way).
 */
export function toThreadFix(model: SemanticModel, call: Call, targetVersion: string): ThreadFix | null {
  if (insideGeneratorExpression(model, call)) return null;
  const asyncio = moduleReference(model, call, 'asyncio');
  if (!asyncio) return null;
  const callee = model.textOf(call.func);
  const args = argumentTexts(model, call);
  const edits: TextEdit[] = [];
  let replacement: string;
  let title: string;
  if (targetAtLeast(targetVersion, 3, 9)) {
    replacement = `await ${asyncio.name}.to_thread(${[callee, ...args].join(', ')})`;
    title = `${asyncio.name}.to_thread`;
  } else if (call.keywords.length === 0) {
    replacement = `await ${asyncio.name}.get_running_loop().run_in_executor(${['None', callee, ...args].join(', ')})`;
    title = `loop.run_in_executor`;
  } else {
    const functools = moduleReference(model, call, 'functools');
    if (!functools) return null;
    replacement = `await ${asyncio.name}.get_running_loop().run_in_executor(None, ${functools.name}.partial(${[callee, ...args].join(', ')}))`;
    title = `loop.run_in_executor`;
    if (asyncio.importEdit) edits.push(asyncio.importEdit);
    if (functools.importEdit) edits.push(functools.importEdit);
  }
  if (awaitNeedsParens(model, call)) replacement = `(${replacement})`;
  if (asyncio.importEdit && !edits.includes(asyncio.importEdit)) edits.push(asyncio.importEdit);
  edits.push(replaceRange(call, replacement));
  return { edits: mergeInsertions(edits), title };
}

/** Two insertions at the same offset (import asyncio + import functools) become one edit, in order. */
export function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    const previous = result.find((e) => e.start === edit.start && e.end === edit.start && edit.start === edit.end);
    if (previous) {
      result[result.indexOf(previous)] = { ...previous, content: previous.content + edit.content };
    } else {
      result.push(edit);
    }
  }
  return result.sort((a, b) => a.start - b.start || a.end - b.end);
}
