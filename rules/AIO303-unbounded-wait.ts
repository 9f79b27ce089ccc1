/**
 * AIO303 unbounded-wait: `asyncio.wait(X)` / `asyncio.as_completed(X)` where X has no
 * fixed size and no semaphore bounds the awaitables (as AIO301).
 */
import { freshNameFacts } from './support/coroutines-edits';
import { defineRule } from './rule';
import { calleeName, fanoutOf, unguardedFanout } from './support/coroutines-concurrency';

const WAITERS: ReadonlySet<string> = new Set(['asyncio.wait', 'asyncio.as_completed', 'asyncio.tasks.wait', 'asyncio.tasks.as_completed']);

export const AIO303 = defineRule({
  meta: {
    code: 'AIO303',
    name: 'unbounded-wait',
    aliases: [],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: '`asyncio.wait`/`as_completed` over a collection of unbounded size runs everything at once.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO303.md',
    locality: 'statement',
  },
  messages: {
    unbounded: '`{name}` runs {source} all at once: with many items this opens as many connections, files or requests concurrently. Bound it with an `asyncio.Semaphore`.',
  },
  fileFacts: (ctx) => freshNameFacts(ctx.model),
  check(ctx) {
    const analysis = fanoutOf(ctx);
    for (const call of ctx.nodesToCheck('Call')) {
      const name = calleeName(ctx, call);
      if (!name || !WAITERS.has(name)) continue;
      if (ctx.model.isTypeCheckingOnly(call)) continue;
      const first = call.args[0] ?? call.keywords.find((k) => k.arg === 'fs' || k.arg === 'aws')?.value;
      if (!first || first.nodeType === 'Starred') continue;
      const fanout = unguardedFanout(analysis, first);
      if (!fanout) continue;
      ctx.report({
        node: call,
        messageId: 'unbounded',
        data: { name: name.replace('asyncio.tasks.', 'asyncio.'), source: fanout.description },
        fix: analysis.semaphoreFix(fanout, ctx.source),
      });
    }
  },
});
