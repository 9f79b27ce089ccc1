/**
 * AIO401 get-event-loop-in-coroutine: `asyncio.get_event_loop()` inside a coroutine.
 * There is always a running loop there; `get_running_loop()` says so and never creates
 * a new loop by accident (get_event_loop's policy fallback is deprecated since 3.12).
 */
import { defineRule } from './rule';
import { normaliseName } from './support/coroutines';
import { asyncioReference } from './support/coroutines-edits';
import type { TextEdit } from '../src/engine/findings';

const GET_EVENT_LOOP: ReadonlySet<string> = new Set(['asyncio.get_event_loop', 'asyncio.events.get_event_loop']);

export const AIO401 = defineRule({
  meta: {
    code: 'AIO401',
    name: 'get-event-loop-in-coroutine',
    aliases: [],
    defaultSeverity: 'warning',
    fixApplicability: 'safe',
    summary: '`asyncio.get_event_loop()` in a coroutine: use `asyncio.get_running_loop()`.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO401.md',
    locality: 'statement',
  },
  messages: {
    useRunning: 'Inside a coroutine, use `asyncio.get_running_loop()`: `get_event_loop()` may create or return a different loop and is deprecated for this use.',
  },
  check(ctx) {
    const { model, source } = ctx;
    for (const call of ctx.nodesToCheck('Call')) {
      let name: string | null = null;
      try {
        name = model.resolveCall(call).qualifiedName ?? model.qualifiedName(call.func);
      } catch {
        name = null;
      }
      if (!name || !GET_EVENT_LOOP.has(normaliseName(name))) continue;
      if (!model.isAsyncContext(call) || model.isTypeCheckingOnly(call)) continue;
      if (call.args.length > 0 || call.keywords.length > 0) continue;
      let edits: TextEdit[] | null = null;
      const func = call.func;
      if (func.nodeType === 'Attribute' && func.attr === 'get_event_loop') {
        edits = [{ start: func.end - 'get_event_loop'.length, end: func.end, content: 'get_running_loop' }];
      } else if (func.nodeType === 'Name') {
        const asyncio = asyncioReference(model, source, call);
        if (asyncio) edits = [...asyncio.edits, { start: func.start, end: func.end, content: `${asyncio.name}.get_running_loop` }];
      }
      ctx.report({
        node: call,
        messageId: 'useRunning',
        fix: edits ? { message: 'Replace with `asyncio.get_running_loop()`', edits } : null,
      });
    }
  },
});
