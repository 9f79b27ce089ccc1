/**
 * AIO406 legacy-coroutine: `@asyncio.coroutine` generator-based coroutines. Deprecated
 * since 3.8 and removed in Python 3.11, where the decorator no longer exists and the
 * module fails to import.
 */
import { defineRule } from './rule';
import { normaliseName } from './support/coroutines';

export const AIO406 = defineRule({
  meta: {
    code: 'AIO406',
    name: 'legacy-coroutine',
    aliases: [],
    defaultSeverity: 'warning',
    fixApplicability: null,
    summary: '`@asyncio.coroutine` generator-based coroutine (removed in Python 3.11).',
    enabledByDefault: true,
    docs: 'rules/docs/AIO406.md',
    locality: 'statement',
  },
  messages: {
    legacy: '`@asyncio.coroutine` was removed in Python 3.11 (AttributeError at import). Write `async def` and replace `yield from` with `await`.',
  },
  check(ctx) {
    const { model } = ctx;
    const functions = [...ctx.nodesToCheck('FunctionDef'), ...ctx.nodesToCheck('AsyncFunctionDef')];
    for (const fn of functions) {
      for (const decorator of fn.decorator_list) {
        let name: string | null = null;
        try {
          name = model.qualifiedName(decorator);
        } catch {
          name = null;
        }
        if (name && (normaliseName(name) === 'asyncio.coroutine' || normaliseName(name) === 'asyncio.coroutines.coroutine')) {
          ctx.report({ node: decorator, messageId: 'legacy' });
        }
      }
    }
  },
});
