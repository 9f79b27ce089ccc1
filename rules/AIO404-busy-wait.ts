/**
 * AIO404 busy-wait: `while not cond: await asyncio.sleep(...)` — polling a condition with
 * sleeps wakes the loop for nothing and reacts late. An `asyncio.Event` (or Condition)
 * wakes the waiter exactly when the condition changes.
 */
import { defineRule } from './rule';
import { normaliseName } from './support/coroutines';
import { SLEEP_FUNCTIONS } from './knowledge/coroutines';
import type { AnyStmt, While } from '../src/python/ast';
import type { SemanticModel } from '../src/analysis/types';

export const AIO404 = defineRule({
  meta: {
    code: 'AIO404',
    name: 'busy-wait',
    aliases: ['ASYNC110'],
    defaultSeverity: 'warning',
    fixApplicability: null,
    summary: 'A loop that polls a condition with `await asyncio.sleep(...)`.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO404.md',
    locality: 'statement',
  },
  messages: {
    polling: 'This loop polls with `{sleep}(...)`: it wakes up for nothing and reacts late. Wait on an `asyncio.Event` (set it where the condition changes) instead.',
  },
  check(ctx) {
    const { model } = ctx;
    for (const loop of ctx.nodesToCheck('While')) {
      if (!model.isAsyncContext(loop) || model.isTypeCheckingOnly(loop)) continue;
      const sleep = pollingSleep(model, loop);
      if (!sleep) continue;
      ctx.report({ node: { start: loop.start, end: loop.test.end }, messageId: 'polling', data: { sleep } });
    }
  },
});

/** The sleep the loop polls with, or null when the loop is not a polling loop. */
function pollingSleep(model: SemanticModel, loop: While): string | null {
  if (loop.orelse.length > 0) return null;
  const isTrue = loop.test.nodeType === 'Constant' && (loop.test.value === true || loop.test.value === 1n);
  const body = loop.body;
  if (!isTrue) {
    // while <cond>: await sleep(...)
    if (body.length !== 1) return null;
    return sleepOf(model, body[0]);
  }
  // while True: if <cond>: break / await sleep(...)   (either order)
  if (body.length !== 2) return null;
  const [a, b] = body;
  if (isBreakIf(a)) return sleepOf(model, b);
  if (isBreakIf(b)) return sleepOf(model, a);
  return null;
}

function isBreakIf(stmt: AnyStmt | undefined): boolean {
  return stmt?.nodeType === 'If' && stmt.orelse.length === 0 && stmt.body.length === 1 && stmt.body[0]?.nodeType === 'Break';
}

function sleepOf(model: SemanticModel, stmt: AnyStmt | undefined): string | null {
  if (stmt?.nodeType !== 'Expr' || stmt.value.nodeType !== 'Await' || stmt.value.value.nodeType !== 'Call') return null;
  const call = stmt.value.value;
  let name: string | null = null;
  try {
    name = model.resolveCall(call).qualifiedName ?? model.qualifiedName(call.func);
  } catch {
    name = null;
  }
  if (!name) return null;
  const normal = normaliseName(name);
  return SLEEP_FUNCTIONS.has(normal) ? normal.replace('asyncio.tasks.', 'asyncio.') : null;
}
