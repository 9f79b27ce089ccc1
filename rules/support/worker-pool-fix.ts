/**
 * AIO302's second fix, "Process with a bounded asyncio.Queue worker pool", for the one shape it
 * can rewrite without guessing: a plain `for` loop (no `else`) whose body is exactly one
 * statement that spawns a task for a coroutine and either drops the task or appends it to a
 * local list whose only other use is a later `await asyncio.gather(*list)` statement whose
 * result is discarded. The spawn becomes `queue.put_nowait(<coroutine>)` — the coroutine
 * object is still created at the same point, with the same argument values — and after the
 * loop a fixed pool of `concurrency-limit` workers awaits them, the loop waits for the queue
 * to drain, the workers are cancelled, and the first exception (if any) is raised again.
 */
import type { AnyNode, AnyStmt, Call, For } from '../../src/python/ast';
import type { SemanticModel } from '../../src/analysis/types';
import type { TextEdit } from '../../src/engine/findings';
import type { RuleFix } from '../rule';
import { asyncioReference, freshName, indentationOf, indentUnitOf, newlineOf } from './coroutines-edits';
import { nodesOfTypeWithin } from './nodes-in-range';

const GATHER = new Set(['asyncio.gather', 'asyncio.tasks.gather']);

export const WORKER_POOL_MESSAGE =
  'Process with a bounded asyncio.Queue worker pool (waits for every item after the loop; ' +
  'completion order and exceptions change: all items run, then the first exception is raised)';

/**
 * The worker-pool rewrite of `spawn` (a `create_task` / `ensure_future` / `TaskGroup.create_task`
 * call), or null when its loop is not the supported shape.
 */
export function workerPoolFix(
  model: SemanticModel,
  source: string,
  spawn: Call,
  loop: AnyStmt,
  limit: number,
  qualified: (call: Call) => string | null,
): RuleFix | null {
  if (loop.nodeType !== 'For' || loop.orelse.length > 0 || loop.body.length !== 1) return null;
  if (!model.isAsyncContext(loop)) return null; // asyncio.Queue needs the running loop on 3.8/3.9
  const coroutine = spawn.args[0];
  if (spawn.args.length !== 1 || spawn.keywords.length > 0 || !coroutine || coroutine.nodeType === 'Starred') return null;
  const statement = loop.body[0] as AnyStmt;
  if (statement.nodeType !== 'Expr') return null;
  let replaced: { start: number; end: number };
  if (statement.value === spawn) {
    replaced = spawn;
  } else {
    const append = statement.value;
    if (append.nodeType !== 'Call' || append.func.nodeType !== 'Attribute' || append.func.attr !== 'append') return null;
    if (append.args.length !== 1 || append.args[0] !== spawn || append.keywords.length > 0) return null;
    if (append.func.value.nodeType !== 'Name') return null;
    if (!listOnlyGathered(model, loop, append.func.value.id, qualified)) return null;
    replaced = append;
  }
  // the generated code calls these builtins by name
  if (['range', 'list', 'Exception'].some((builtin) => model.lookup(builtin, loop) !== null)) return null;
  const indent = indentationOf(source, loop);
  if (indent === null) return null;
  const asyncio = asyncioReference(model, source, loop);
  if (!asyncio) return null;
  const taken = new Set<string>();
  const pick = (base: string): string => {
    const name = freshName(model, base, taken);
    taken.add(name);
    return name;
  };
  const queue = pick('queue');
  const errors = pick('errors');
  const worker = pick('worker');
  const workers = pick('workers');
  const running = pick('running');
  const nl = newlineOf(source);
  const unit = indentUnitOf(source);
  const count = Math.max(1, Math.floor(limit));
  const i1 = indent + unit;
  const i2 = i1 + unit;
  const i3 = i2 + unit;
  const before = `${indent}${queue}: ${asyncio.name}.Queue = ${asyncio.name}.Queue()${nl}`;
  const after =
    `${indent}${errors}: list = []${nl}${nl}` +
    `${indent}async def ${worker}():${nl}` +
    `${i1}while True:${nl}` +
    `${i2}aw = await ${queue}.get()${nl}` +
    `${i2}try:${nl}` +
    `${i3}await aw${nl}` +
    `${i2}except Exception as error:${nl}` +
    `${i3}${errors}.append(error)${nl}` +
    `${i2}finally:${nl}` +
    `${i3}${queue}.task_done()${nl}${nl}` +
    `${indent}${workers} = [${asyncio.name}.create_task(${worker}()) for _ in range(${count})]${nl}` +
    `${indent}try:${nl}` +
    `${i1}await ${queue}.join()${nl}` +
    `${indent}finally:${nl}` +
    `${i1}for ${running} in ${workers}:${nl}` +
    `${i2}${running}.cancel()${nl}` +
    `${i1}await ${asyncio.name}.gather(*${workers}, return_exceptions=True)${nl}` +
    `${indent}if ${errors}:${nl}` +
    `${i1}raise ${errors}[0]${nl}`;
  const loopStart = source.lastIndexOf('\n', loop.start - 1) + 1;
  const afterLoop = endOfLine(source, loop.end);
  if (afterLoop === null) return null;
  const edits: TextEdit[] = [
    ...asyncio.edits,
    { start: loopStart, end: loopStart, content: before },
    { start: replaced.start, end: coroutine.start, content: `${queue}.put_nowait(` },
    { start: coroutine.end, end: replaced.end, content: ')' },
    { start: afterLoop, end: afterLoop, content: after },
  ];
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return { applicability: 'unsafe', message: WORKER_POOL_MESSAGE, edits };
}

/** The offset just after the newline that ends the line holding `offset`, or null at end of file without one. */
function endOfLine(source: string, offset: number): number | null {
  const newline = source.indexOf('\n', offset);
  return newline < 0 ? null : newline + 1;
}

/**
 * `name` is a local list made empty before the loop and used only by the loop's append and by
 * one later `await asyncio.gather(*name)` statement whose value is dropped (the gather then
 * waits for nothing, so dropping the tasks from the list changes no result).
 */
function listOnlyGathered(model: SemanticModel, loop: For, name: string, qualified: (call: Call) => string | null): boolean {
  const scope = enclosingFunction(model, loop);
  if (!scope) return false;
  const uses = nodesOfTypeWithin(model, 'Name', scope.start, scope.end).filter((n) => n.id === name);
  let made = false;
  let gathered = false;
  let appended = false;
  for (const use of uses) {
    const parent = model.parentOf(use);
    if (parent?.nodeType === 'Assign' && parent.targets.length === 1 && parent.targets[0] === use && parent.end <= loop.start) {
      if (made || parent.value.nodeType !== 'List' || parent.value.elts.length > 0) return false;
      made = true;
      continue;
    }
    if (parent?.nodeType === 'Attribute' && parent.attr === 'append' && use.start >= loop.start && use.end <= loop.end && !appended) {
      appended = true;
      continue;
    }
    if (parent?.nodeType === 'Starred' && use.start >= loop.end && !gathered) {
      const call = model.parentOf(parent);
      if (call?.nodeType !== 'Call' || call.args.length !== 1 || call.keywords.length > 0) return false;
      const callee = qualified(call);
      if (!callee || !GATHER.has(callee)) return false;
      const awaited = model.parentOf(call);
      if (awaited?.nodeType !== 'Await' || model.parentOf(awaited)?.nodeType !== 'Expr') return false;
      gathered = true;
      continue;
    }
    return false;
  }
  return made && appended && gathered;
}

function enclosingFunction(model: SemanticModel, node: AnyNode): AnyNode | null {
  for (let current = model.parentOf(node); current; current = model.parentOf(current)) {
    if (current.nodeType === 'AsyncFunctionDef') return current;
    if (current.nodeType === 'FunctionDef' || current.nodeType === 'Lambda' || current.nodeType === 'ClassDef' || current.nodeType === 'Module') return null;
  }
  return null;
}
