/**
 * AIO202 coroutine-never-awaited: `c = fetch()` and `c` is never used again — not
 * awaited, returned, yielded, passed on or stored. Flow-insensitive: any read of
 * the variable anywhere in its scope (nested scopes included) counts as a use.
 */
import { nodesOfTypeWithin } from './support/nodes-in-range';
import { defineRule } from './rule';
import { coroutinesOf, definitionOf } from './support/coroutines';
import { insertAwait } from './support/coroutines-edits';
import type { AnyExpr, AnnAssign, Assign } from '../src/python/ast';
import type { Scope, SemanticModel } from '../src/analysis/types';

export const AIO202 = defineRule({
  meta: {
    code: 'AIO202',
    name: 'coroutine-never-awaited',
    aliases: [],
    defaultSeverity: 'error',
    fixApplicability: 'safe',
    summary: 'A coroutine is assigned to a variable that is never awaited or used.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO202.md',
    locality: 'statement',
  },
  messages: {
    neverAwaited: '`{variable}` holds the coroutine returned by `{name}(...)` but is never awaited or used: the coroutine never runs.',
  },
  check(ctx) {
    const { model } = ctx;
    const resolver = coroutinesOf(model, ctx.workspace, ctx.config, ctx.file);
    const statements: (Assign | AnnAssign)[] = [...ctx.nodesToCheck('Assign'), ...ctx.nodesToCheck('AnnAssign')];
    for (const stmt of statements) {
      const target = stmt.nodeType === 'Assign' ? (stmt.targets.length === 1 ? stmt.targets[0] : undefined) : stmt.target;
      const value: AnyExpr | null = stmt.value;
      if (!target || target.nodeType !== 'Name' || !value) continue;
      // the cheap structural tests first: resolving the value is the expensive part
      const scope = model.scopeOf(stmt);
      if (scope.kind !== 'function' && scope.kind !== 'lambda') continue; // module/class attributes may be read elsewhere
      if (scope.globals.has(target.id) || scope.nonlocals.has(target.id)) continue;
      if (value.nodeType !== 'Call' && value.nodeType !== 'Attribute') continue; // only these can be coroutines
      if (model.isTypeCheckingOnly(stmt)) continue;
      const coroutine = resolver.coroutineExpression(value);
      if (!coroutine) continue;
      if (isReadAnywhere(model, scope, target.id)) continue;
      const isAsync = model.isAsyncContext(stmt);
      ctx.report({
        node: stmt,
        messageId: 'neverAwaited',
        data: { variable: target.id, name: coroutine.display },
        fix: isAsync ? { message: 'Await the coroutine where it is assigned', edits: [insertAwait(value)] } : null,
        related: definitionOf(coroutine),
      });
    }
  },
});

/** Any load of `name` that resolves to a binding in `scope` (including from nested scopes, closures). */
function isReadAnywhere(model: SemanticModel, scope: Scope, name: string): boolean {
  for (const node of nodesOfTypeWithin(model, 'Name', scope.node.start, scope.node.end)) {
    if (node.id !== name || node.ctx === 'Store') continue;
    const binding = model.lookup(name, node);
    if (!binding || binding.scope === scope) return true;
  }
  return false;
}
