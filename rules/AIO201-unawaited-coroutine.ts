/**
 * AIO201 unawaited-coroutine: a coroutine call used as a statement. The coroutine
 * object is created and dropped; its body never runs ("coroutine ... was never awaited").
 */
import { defineRule } from './rule';
import { coroutinesOf, definitionOf } from './support/coroutines';
import { insertAwait } from './support/coroutines-edits';

export const AIO201 = defineRule({
  meta: {
    code: 'AIO201',
    name: 'unawaited-coroutine',
    aliases: ['ASYNC105'],
    defaultSeverity: 'error',
    fixApplicability: 'safe',
    summary: 'A coroutine is called but never awaited, so its body never runs.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO201.md',
    locality: 'statement',
  },
  messages: {
    async: '`{name}(...)` returns a coroutine that is never awaited: its body never runs. Add `await`.',
    sync: '`{name}(...)` returns a coroutine that is never awaited: its body never runs. From synchronous code, run it with `asyncio.run(...)` or schedule it as a task.',
    property: '`{name}` is an async property: reading it creates a coroutine that is never awaited. Add `await`.',
  },
  check(ctx) {
    const { model } = ctx;
    const resolver = coroutinesOf(model, ctx.workspace, ctx.config, ctx.file);
    for (const stmt of ctx.nodesToCheck('Expr')) {
      const value = stmt.value;
      if (value.nodeType !== 'Call' && value.nodeType !== 'Attribute') continue;
      if (model.isTypeCheckingOnly(stmt)) continue;
      const target = resolver.coroutineExpression(value);
      if (!target) continue;
      const isAsync = model.isAsyncContext(stmt);
      ctx.report({
        node: value,
        messageId: value.nodeType === 'Attribute' ? 'property' : isAsync ? 'async' : 'sync',
        data: { name: target.display },
        fix: isAsync ? { message: 'Add `await`', edits: [insertAwait(value)] } : null,
        related: definitionOf(target),
      });
    }
  },
});

