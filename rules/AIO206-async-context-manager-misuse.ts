/**
 * AIO206 async-context-manager-misuse: plain `with` on an async-only context manager
 * (`aiohttp.ClientSession()`, `asyncio.Lock`, `asyncio.timeout()`, project classes with
 * only `__aenter__`), or `async with` on a sync-only one (`open()`, `threading.Lock`,
 * project classes with only `__enter__`). Both fail at run time.
 */
import { defineRule } from './rule';
import { coroutinesOf } from './support/coroutines';
import { removeAsyncKeyword } from './support/coroutines-edits';
import type { AsyncWith, With } from '../src/python/ast';
import type { RuleFix } from './rule';
import type { CoroutineResolver } from './support/coroutines';

export const AIO206 = defineRule({
  meta: {
    code: 'AIO206',
    name: 'async-context-manager-misuse',
    aliases: ['E1701'],
    defaultSeverity: 'error',
    fixApplicability: 'safe',
    summary: '`with` on an async context manager, or `async with` on a sync one.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO206.md',
    locality: 'statement',
  },
  messages: {
    needsAsyncWith: '`{name}` is an async context manager: plain `with` fails at run time. Use `async with`.',
    needsWith: '`{name}` is a synchronous context manager: `async with` fails at run time. Use `with`.',
  },
  check(ctx) {
    const { model } = ctx;
    const resolver = coroutinesOf(model, ctx.workspace, ctx.config, ctx.file);
    for (const stmt of ctx.nodesToCheck('With')) check(stmt, 'async');
    for (const stmt of ctx.nodesToCheck('AsyncWith')) check(stmt, 'sync');

    function check(stmt: With | AsyncWith, wrongKind: 'async' | 'sync'): void {
      if (model.isTypeCheckingOnly(stmt)) return;
      const kinds = stmt.items.map((item) => resolver.contextKind(item.context_expr));
      const fix = fixFor(stmt, kinds, wrongKind, resolver);
      stmt.items.forEach((item, i) => {
        const kind = kinds[i];
        if (kind?.kind !== wrongKind) return;
        ctx.report({
          node: item,
          messageId: wrongKind === 'async' ? 'needsAsyncWith' : 'needsWith',
          data: { name: kind.display },
          fix,
        });
      });
    }

    function fixFor(stmt: With | AsyncWith, kinds: ReturnType<CoroutineResolver['contextKind']>[], wrongKind: 'async' | 'sync', _resolver: CoroutineResolver): RuleFix | null {
      // switching the statement switches every item: only when all of them are known to want it
      if (!kinds.every((k) => k?.kind === wrongKind)) return null;
      if (stmt.nodeType === 'With') {
        if (!model.isAsyncContext(stmt)) return null;
        return { message: 'Use `async with`', edits: [{ start: stmt.start, end: stmt.start, content: 'async ' }] };
      }
      const edit = removeAsyncKeyword(ctx.source, stmt);
      return edit ? { message: 'Use `with`', edits: [edit] } : null;
    }
  },
});
