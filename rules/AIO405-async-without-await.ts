/**
 * AIO405 async-without-await (off by default): an `async def` that never awaits, never
 * uses `async for`/`async with` and never yields. It could be a plain function; callers
 * pay for a coroutine and may believe it yields to the loop when it does not.
 */
import { defineRule } from './rule';
import type { AnyNode, AnyStmt, AsyncFunctionDef } from '../src/python/ast';
import type { SemanticModel } from '../src/analysis/types';

export const AIO405 = defineRule({
  meta: {
    code: 'AIO405',
    name: 'async-without-await',
    aliases: ['ASYNC124', 'RUF029'],
    defaultSeverity: 'information',
    fixApplicability: null,
    summary: '`async def` that never awaits, uses `async for`/`async with`, or yields.',
    enabledByDefault: false,
    docs: 'rules/docs/AIO405.md',
    locality: 'statement',
  },
  messages: {
    noAwait: '`{name}` is `async def` but never awaits, uses `async for`/`async with` or yields: it could be a plain `def`.',
  },
  check(ctx) {
    const { model, source } = ctx;
    for (const fn of ctx.nodesToCheck('AsyncFunctionDef')) {
      // frameworks (routes, overrides, fixtures that take other fixtures) often require `async def`;
      // a pytest fixture with no parameters depends on nothing async and could be sync
      if (fn.decorator_list.length > 0 && !isParameterlessFixture(model, fn)) continue;
      if (model.scopeOf(fn).kind === 'class') continue; // methods implement interfaces
      if (isStub(fn.body)) continue;
      if (usesAsyncFeatures(fn)) continue;
      if (model.isTypeCheckingOnly(fn)) continue;
      const nameEnd = source.indexOf(fn.name, fn.start) + fn.name.length;
      ctx.report({ node: { start: fn.start, end: nameEnd > fn.start ? nameEnd : fn.end }, messageId: 'noAwait', data: { name: fn.name } });
    }
  },
});

function isParameterlessFixture(model: SemanticModel, fn: AsyncFunctionDef): boolean {
  const a = fn.args;
  if (a.posonlyargs.length + a.args.length + a.kwonlyargs.length > 0 || a.vararg || a.kwarg) return false;
  return fn.decorator_list.every((d) => {
    const callee = d.nodeType === 'Call' ? d.func : d;
    let name: string | null = null;
    try {
      name = model.qualifiedName(callee);
    } catch {
      name = null;
    }
    return name === 'pytest.fixture';
  });
}

/** Empty bodies (docstring, `pass`, `...`, `raise NotImplementedError`) are interface stubs. */
function isStub(body: readonly AnyStmt[]): boolean {
  return body.every(
    (s) =>
      s.nodeType === 'Pass' ||
      (s.nodeType === 'Expr' && s.value.nodeType === 'Constant') ||
      (s.nodeType === 'Raise' && s.exc !== null && /NotImplementedError/.test(s.exc.nodeType === 'Call' ? nameOf(s.exc.func) : nameOf(s.exc))),
  );
}

function nameOf(node: AnyNode): string {
  return node.nodeType === 'Name' ? node.id : node.nodeType === 'Attribute' ? node.attr : '';
}

/**
 * `await`, `async for`, `async with`, `yield` in the function's own body. Generator
 * expressions are their own scope except for their first iterable, so an `await` in
 * their element does not make the function need `async`; list/set/dict comprehensions
 * with `async for` or `await` do.
 */
function usesAsyncFeatures(fn: AsyncFunctionDef): boolean {
  let found = false;
  const visit = (node: AnyNode): void => {
    if (found) return;
    switch (node.nodeType) {
      case 'Await':
      case 'AsyncFor':
      case 'AsyncWith':
      case 'Yield':
      case 'YieldFrom':
        found = true;
        return;
      case 'FunctionDef':
      case 'AsyncFunctionDef':
      case 'Lambda':
      case 'ClassDef':
        // only their decorators and defaults run here
        if (node.nodeType !== 'Lambda') node.decorator_list.forEach(visit);
        if (node.nodeType !== 'ClassDef') {
          node.args.defaults.forEach(visit);
          node.args.kw_defaults.forEach((d) => {
            if (d) visit(d);
          });
        }
        return;
      case 'GeneratorExp': {
        const first = node.generators[0];
        if (first) visit(first.iter);
        return;
      }
      case 'comprehension':
        if (node.is_async) {
          found = true;
          return;
        }
        break;
      default:
        break;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) visit(item);
      } else if (isNode(value)) visit(value);
    }
  };
  fn.body.forEach(visit);
  return found;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { nodeType?: unknown }).nodeType === 'string';
}
