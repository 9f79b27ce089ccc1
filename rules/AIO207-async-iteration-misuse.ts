/**
 * AIO207 async-iteration-misuse: plain `for` over an async iterable (project async
 * generators, known async iterators), or `async for` over a sync iterable. Both raise
 * TypeError at run time.
 */
import { defineRule } from './rule';
import { coroutinesOf } from './support/coroutines';
import { removeAsyncKeyword } from './support/coroutines-edits';
import type { AnyExpr, AsyncFor, Comprehension, For } from '../src/python/ast';

export const AIO207 = defineRule({
  meta: {
    code: 'AIO207',
    name: 'async-iteration-misuse',
    aliases: [],
    defaultSeverity: 'error',
    fixApplicability: 'safe',
    summary: '`for` over an async iterable, or `async for` over a sync one.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO207.md',
    locality: 'statement',
  },
  messages: {
    needsAsyncFor: '{name} is an async iterable: plain `for` raises TypeError. Use `async for`.',
    needsFor: '{name} is not an async iterable: `async for` raises TypeError. Use `for`.',
  },
  check(ctx) {
    const { model, source } = ctx;
    const resolver = coroutinesOf(model, ctx.workspace, ctx.config, ctx.file);
    for (const stmt of ctx.nodesToCheck('For')) checkLoop(stmt, 'async');
    for (const stmt of ctx.nodesToCheck('AsyncFor')) checkLoop(stmt, 'sync');
    for (const comp of ctx.nodesToCheck('comprehension')) checkComprehension(comp);

    function checkLoop(stmt: For | AsyncFor, wrongKind: 'async' | 'sync'): void {
      if (model.isTypeCheckingOnly(stmt)) return;
      const kind = resolver.iterableKind(stmt.iter);
      if (kind?.kind !== wrongKind) return;
      let fix = null;
      if (stmt.nodeType === 'For') {
        if (model.isAsyncContext(stmt)) fix = { message: 'Use `async for`', edits: [{ start: stmt.start, end: stmt.start, content: 'async ' }] };
      } else {
        const edit = removeAsyncKeyword(source, stmt);
        if (edit) fix = { message: 'Use `for`', edits: [edit] };
      }
      ctx.report({
        node: { start: stmt.start, end: stmt.iter.end },
        messageId: wrongKind === 'async' ? 'needsAsyncFor' : 'needsFor',
        data: { name: describe(stmt.iter, kind.display) },
        fix,
      });
    }

    function checkComprehension(comp: Comprehension): void {
      if (model.isTypeCheckingOnly(comp)) return;
      const wrongKind = comp.is_async ? 'sync' : 'async';
      const kind = resolver.iterableKind(comp.iter);
      if (kind?.kind !== wrongKind) return;
      let fix = null;
      const text = source.slice(comp.start, comp.start + 6);
      if (wrongKind === 'async' && text.startsWith('for') && model.isAsyncContext(comp)) {
        fix = { message: 'Use `async for`', edits: [{ start: comp.start, end: comp.start, content: 'async ' }] };
      } else if (wrongKind === 'sync') {
        const edit = removeAsyncKeyword(source, comp);
        if (edit) fix = { message: 'Use `for`', edits: [edit] };
      }
      ctx.report({
        node: { start: comp.start, end: comp.iter.end },
        messageId: wrongKind === 'async' ? 'needsAsyncFor' : 'needsFor',
        data: { name: describe(comp.iter, kind.display) },
        fix,
      });
    }

    function describe(iter: AnyExpr, display: string): string {
      if (display.startsWith('a ')) return display.charAt(0).toUpperCase() + display.slice(1);
      return iter.nodeType === 'Call' ? `\`${display}(...)\`` : `\`${display}\``;
    }
  },
});
