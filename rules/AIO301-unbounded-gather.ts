/**
 * AIO301 unbounded-gather: `asyncio.gather(*X)` where X has no fixed size — a
 * comprehension or generator over a non-constant iterable, `map(f, items)`, a list
 * filled by `append` in such a loop — and no semaphore bounds the coroutines.
 */
import { freshNameFacts } from './support/coroutines-edits';
import { defineRule } from './rule';
import { calleeName, fanoutOf, unguardedFanout } from './support/coroutines-concurrency';

export const AIO301 = defineRule({
  meta: {
    code: 'AIO301',
    name: 'unbounded-gather',
    aliases: [],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: '`asyncio.gather(*...)` over a collection of unbounded size runs everything at once.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO301.md',
    locality: 'statement',
  },
  messages: {
    unbounded: '`asyncio.gather` runs {source} all at once: with many items this opens as many connections, files or requests concurrently. Bound it with an `asyncio.Semaphore`.',
  },
  fileFacts: (ctx) => freshNameFacts(ctx.model),
  check(ctx) {
    const analysis = fanoutOf(ctx);
    for (const call of ctx.nodesToCheck('Call')) {
      if (calleeName(ctx, call) !== 'asyncio.gather') continue;
      if (ctx.model.isTypeCheckingOnly(call)) continue;
      for (const arg of call.args) {
        if (arg.nodeType !== 'Starred') continue;
        const fanout = unguardedFanout(analysis, arg.value);
        if (!fanout) continue;
        ctx.report({
          node: call,
          messageId: 'unbounded',
          data: { source: fanout.description },
          fix: analysis.semaphoreFix(fanout, ctx.source),
        });
        break;
      }
    }
  },
});
