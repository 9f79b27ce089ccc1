/**
 * AIO302 unbounded-task-spawn: `create_task` / `ensure_future` / `TaskGroup.create_task` /
 * `loop.create_task` inside a loop over a non-constant iterable (or `while True`) where
 * nothing in the loop waits (a semaphore, a queue, the task) — every item starts at once.
 */
import { freshNameFacts } from './support/coroutines-edits';
import { defineRule } from './rule';
import { normaliseName } from './support/coroutines';
import { fanoutOf, isCleanup } from './support/coroutines-concurrency';
import { functionScopeOf, statementOf } from './support/coroutines-edits';
import { loopWaits, type Fanout } from './support/coroutines-fanout';
import { workerPoolFix } from './support/worker-pool-fix';
import type { RuleFix } from './rule';
import type { AnyNode, Call } from '../src/python/ast';
import type { SemanticModel } from '../src/analysis/types';

const COLLECTORS: ReadonlySet<string> = new Set(['asyncio.gather', 'asyncio.wait', 'asyncio.as_completed']);

export const AIO302 = defineRule({
  meta: {
    code: 'AIO302',
    name: 'unbounded-task-spawn',
    aliases: [],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: 'Tasks are spawned in a loop over an unbounded iterable with nothing limiting how many run at once.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO302.md',
    locality: 'statement',
  },
  messages: {
    unbounded: '`{name}` in {loop} starts a new task on every iteration, all running at once: nothing in the loop limits how many run concurrently. Bound it with an `asyncio.Semaphore` (or a bounded `asyncio.Queue` worker pool).',
  },
  fileFacts: (ctx) => freshNameFacts(ctx.model),
  check(ctx) {
    const { model } = ctx;
    const analysis = fanoutOf(ctx);
    for (const call of ctx.nodesToCheck('Call')) {
      if (!analysis.isSpawner(call)) continue;
      if (model.isTypeCheckingOnly(call)) continue;
      const coroutine = call.args[0];
      if (!coroutine || coroutine.nodeType === 'Starred') continue;
      if (analysis.isGuarded(coroutine)) continue;
      if (isCleanup(coroutine)) continue; // closing every connection at once is the point
      const scope = functionScopeOf(model, call);
      const scopeNode = scope ? scope.node : model.moduleScope.node;
      let fanout: Fanout | null = null;
      let where: string | null = null;
      let workerPool: RuleFix | null = null;
      const comprehension = unboundedComprehensionAround(model, call, analysis);
      if (comprehension) {
        if (handedToCollector(model, comprehension.node)) continue; // AIO301/AIO303 report it there
        const anchor = statementOf(model, comprehension.node);
        if (!anchor) continue;
        where = comprehension.description;
        fanout = { description: where, elements: [call], mapCall: null, anchor, kind: 'comprehension' };
      } else {
        const loop = analysis.unboundedLoopAround(call, scopeNode);
        if (!loop) continue;
        const body = loop.loop.nodeType === 'For' || loop.loop.nodeType === 'AsyncFor' || loop.loop.nodeType === 'While' ? loop.loop.body : [];
        if (loopWaits(body, (c) => calleeQualified(model, c))) continue;
        where = loop.description;
        fanout = { description: where, elements: [call], mapCall: null, anchor: loop.loop, kind: 'list' };
        workerPool = workerPoolFix(model, ctx.source, call, loop.loop, ctx.config.concurrencyLimit, (c) => calleeQualified(model, c));
      }
      ctx.report({
        node: call,
        messageId: 'unbounded',
        data: { name: model.textOf(call.func), loop: where },
        fix: analysis.semaphoreFix(fanout, ctx.source),
        ...(workerPool ? { alternatives: [workerPool] } : {}),
      });
    }
  },
});

function calleeQualified(model: SemanticModel, call: Call): string | null {
  try {
    const name = model.resolveCall(call).qualifiedName ?? model.qualifiedName(call.func);
    return name ? normaliseName(name) : null;
  } catch {
    return null;
  }
}

/** The comprehension whose element (directly) spawns the task, when one of its loops is unbounded. */
function unboundedComprehensionAround(
  model: SemanticModel,
  call: Call,
  analysis: ReturnType<typeof fanoutOf>,
): { node: AnyNode; description: string } | null {
  const parent = model.parentOf(call);
  if (!parent) return null;
  if (parent.nodeType !== 'ListComp' && parent.nodeType !== 'SetComp' && parent.nodeType !== 'GeneratorExp' && parent.nodeType !== 'DictComp') return null;
  if (parent.nodeType === 'DictComp' ? parent.value !== call : parent.elt !== call) return null;
  const unbounded = parent.generators.find((g) => !analysis.isBoundedIterable(g.iter));
  if (!unbounded) return null;
  return { node: parent, description: `a comprehension over \`${model.textOf(unbounded.iter)}\`` };
}

/** The comprehension is the awaitables argument of gather / wait / as_completed. */
function handedToCollector(model: SemanticModel, comprehension: AnyNode): boolean {
  let parent = model.parentOf(comprehension);
  if (parent?.nodeType === 'Starred') parent = model.parentOf(parent);
  if (parent?.nodeType !== 'Call') return false;
  const name = calleeQualified(model, parent);
  return name !== null && COLLECTORS.has(name.replace('asyncio.tasks.', 'asyncio.'));
}
