/**
 * AIO203 coroutine-in-boolean-context: `if fetch():` tests the coroutine object,
 * which is always true; the coroutine itself never runs.
 */
import { defineRule } from './rule';
import { coroutinesOf, definitionOf } from './support/coroutines';
import { canInsertAwait, insertAwait } from './support/coroutines-edits';
import type { AnyExpr, AnyNode } from '../src/python/ast';
import type { SemanticModel } from '../src/analysis/types';

export const AIO203 = defineRule({
  meta: {
    code: 'AIO203',
    name: 'coroutine-in-boolean-context',
    aliases: [],
    defaultSeverity: 'error',
    fixApplicability: 'safe',
    summary: 'A coroutine is tested for truth (always true) instead of being awaited.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO203.md',
    locality: 'statement',
  },
  messages: {
    alwaysTrue: '`{name}(...)` returns a coroutine, which is always true here; the coroutine never runs. Did you mean `await {name}(...)`?',
  },
  check(ctx) {
    const { model } = ctx;
    const resolver = coroutinesOf(model, ctx.workspace, ctx.config, ctx.file);
    const candidates: AnyExpr[] = [...ctx.nodesToCheck('Call'), ...ctx.nodesToCheck('Attribute')];
    for (const expr of candidates) {
      if (!inBooleanContext(model, expr)) continue;
      if (model.isTypeCheckingOnly(expr)) continue;
      const coroutine = resolver.coroutineExpression(expr);
      if (!coroutine) continue;
      const isAsync = canInsertAwait(model, expr);
      ctx.report({
        node: expr,
        messageId: 'alwaysTrue',
        data: { name: coroutine.display },
        fix: isAsync ? { message: 'Add `await`', edits: [insertAwait(expr)] } : null,
        related: definitionOf(coroutine),
      });
    }
  },
});

/** The value of `expr` is only tested for truth. */
export function inBooleanContext(model: SemanticModel, expr: AnyNode): boolean {
  const parent = model.parentOf(expr);
  if (!parent) return false;
  switch (parent.nodeType) {
    case 'If':
    case 'While':
    case 'Assert':
    case 'IfExp':
      return parent.test === expr;
    case 'UnaryOp':
      return parent.op === 'Not';
    case 'comprehension':
      return parent.ifs.includes(expr as AnyExpr);
    case 'BoolOp': {
      const last = parent.values[parent.values.length - 1];
      return last !== expr || inBooleanContext(model, parent);
    }
    default:
      return false;
  }
}
