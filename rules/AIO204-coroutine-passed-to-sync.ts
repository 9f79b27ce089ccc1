/**
 * AIO204 coroutine-passed-to-sync: a coroutine handed to something that cannot
 * await it — `print(fetch())`, `str()`, `len()`, `json.dumps()`, logging calls,
 * f-string fields, `%` formatting. The value used is the coroutine object's repr.
 */
import { defineRule } from './rule';
import { coroutinesOf, definitionOf, normaliseName } from './support/coroutines';
import { canInsertAwait, insertAwait } from './support/coroutines-edits';
import { LOGGER_METHODS, SYNC_CONSUMERS } from './knowledge/coroutines';
import type { AnyExpr, Call } from '../src/python/ast';
import type { SemanticModel } from '../src/analysis/types';

export const AIO204 = defineRule({
  meta: {
    code: 'AIO204',
    name: 'coroutine-passed-to-sync',
    aliases: [],
    defaultSeverity: 'error',
    fixApplicability: 'safe',
    summary: 'A coroutine is passed to a function that cannot await it (print, str, len, logging, f-strings).',
    enabledByDefault: true,
    docs: 'rules/docs/AIO204.md',
    locality: 'statement',
  },
  messages: {
    passed: '`{name}(...)` returns a coroutine, and `{consumer}` cannot await it: it gets the coroutine object, and the coroutine never runs. Add `await`.',
  },
  check(ctx) {
    const { model } = ctx;
    const resolver = coroutinesOf(model, ctx.workspace, ctx.config, ctx.file);
    const candidates: AnyExpr[] = [...ctx.nodesToCheck('Call'), ...ctx.nodesToCheck('Attribute')];
    for (const expr of candidates) {
      const consumer = syncConsumerOf(model, expr);
      if (!consumer) continue;
      if (model.isTypeCheckingOnly(expr)) continue;
      const coroutine = resolver.coroutineExpression(expr);
      if (!coroutine) continue;
      const isAsync = canInsertAwait(model, expr);
      ctx.report({
        node: expr,
        messageId: 'passed',
        data: { name: coroutine.display, consumer },
        fix: isAsync ? { message: 'Add `await`', edits: [insertAwait(expr)] } : null,
        related: definitionOf(coroutine),
      });
    }
  },
});

/** What synchronous consumer receives `expr` directly, for the message; null when none. */
function syncConsumerOf(model: SemanticModel, expr: AnyExpr): string | null {
  let parent = model.parentOf(expr);
  if (parent?.nodeType === 'keyword') parent = model.parentOf(parent);
  if (!parent) return null;
  if (parent.nodeType === 'FormattedValue' && parent.value === expr) return 'an f-string';
  if (parent.nodeType === 'BinOp' && parent.op === 'Mod' && parent.right === expr && isStringLiteral(parent.left)) return '`%` formatting';
  if (parent.nodeType === 'Tuple') {
    const outer = model.parentOf(parent);
    if (outer?.nodeType === 'BinOp' && outer.op === 'Mod' && outer.right === parent && isStringLiteral(outer.left)) return '`%` formatting';
    return null;
  }
  if (parent.nodeType !== 'Call' || parent.func === expr) return null;
  return consumerName(model, parent);
}

function consumerName(model: SemanticModel, call: Call): string | null {
  const func = call.func;
  let qualified: string | null = null;
  try {
    qualified = model.resolveCall(call).qualifiedName;
  } catch {
    qualified = null;
  }
  if (qualified) {
    const name = normaliseName(qualified);
    if (SYNC_CONSUMERS.has(name)) return `${name}()`;
    if (name.startsWith('logging.') && LOGGER_METHODS.has(name.slice(name.lastIndexOf('.') + 1))) return `${name}()`;
  }
  if (func.nodeType === 'Attribute') {
    // "...".format(...)
    if (func.attr === 'format' && isStringLiteral(func.value)) return '`str.format`';
    // logger.info(...), log.warning(...), logging.getLogger(...).error(...)
    if (LOGGER_METHODS.has(func.attr)) {
      const receiver = func.value;
      const type = safeTypeOf(model, receiver);
      if (type === 'logging.Logger' || type === 'logging.LoggerAdapter') return `${model.textOf(func)}()`;
      if (receiver.nodeType === 'Call' && model.qualifiedName(receiver.func) === 'logging.getLogger') return `${model.textOf(func)}()`;
      const text = model.textOf(receiver);
      if (/(^|\.)_?(log|logger|LOG|LOGGER|logging)$/.test(text)) return `${text}.${func.attr}()`;
    }
  }
  return null;
}

function safeTypeOf(model: SemanticModel, expr: AnyExpr): string | null {
  try {
    return model.typeOf(expr);
  } catch {
    return null;
  }
}

function isStringLiteral(expr: AnyExpr): boolean {
  return (expr.nodeType === 'Constant' && typeof expr.value === 'string') || expr.nodeType === 'JoinedStr';
}
