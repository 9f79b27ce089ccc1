/**
 * AIO205 await-non-awaitable: `await time.sleep(1)`, `await requests.get(u)`, `await`
 * of a project function that is plain `def` and returns nothing awaitable. The call
 * runs (blocking the loop) and then `await` raises TypeError on its result.
 */
import { defineRule } from './rule';
import { coroutinesOf } from './support/coroutines';
import type { Await, Call } from '../src/python/ast';
import type { TextEdit } from '../src/engine/findings';

/** blocking families whose calls may legitimately return an awaitable object (queue items, future results) */
const MAY_RETURN_AWAITABLES: ReadonlySet<string> = new Set(['AIO108', 'AIO109']);

export const AIO205 = defineRule({
  meta: {
    code: 'AIO205',
    name: 'await-non-awaitable',
    aliases: [],
    defaultSeverity: 'error',
    fixApplicability: 'unsafe',
    summary: '`await` on the result of a synchronous call (TypeError at run time).',
    enabledByDefault: true,
    docs: 'rules/docs/AIO205.md',
    locality: 'statement',
  },
  messages: {
    library: '`{name}(...)` is synchronous: it runs to completion (blocking the event loop) and `await` then raises TypeError on its result.{hint}',
    project: '`{name}(...)` is a plain `def` that returns nothing awaitable: `await` raises TypeError on its result.',
  },
  check(ctx) {
    const { model, knowledge } = ctx;
    const resolver = coroutinesOf(model, ctx.workspace, ctx.config, ctx.file);
    for (const node of ctx.nodesToCheck('Await')) {
      const call = unwrap(node);
      if (!call) continue;
      if (model.isTypeCheckingOnly(node)) continue;
      const target = resolver.target(call);
      let qualified: string | null = null;
      try {
        qualified = model.resolveCall(call).qualifiedName;
      } catch {
        qualified = null;
      }
      const blocking = qualified ? knowledge.blockingCalls.get(qualified) : undefined;
      const isBlocking = blocking !== undefined && !MAY_RETURN_AWAITABLES.has(blocking.code);
      const isSync = target?.info.sync === true;
      if (!isBlocking && !isSync) continue;
      if (target?.info.awaitable) continue;
      const name = target?.display ?? qualified ?? model.textOf(call.func);
      const fix = removeAwait(ctx.source, node, call);
      ctx.report({
        node,
        messageId: target?.project ? 'project' : 'library',
        data: { name, hint: blocking ? ` Use ${blocking.replacement} instead.` : '' },
        fix: fix ? { message: 'Remove `await`', edits: [fix] } : null,
        related: target?.project ? [{ file: target.project.file, start: target.project.node.start, end: target.project.node.args.start, message: `\`${target.project.name}\` is a plain \`def\`` }] : [],
      });
    }
  },
});

function unwrap(node: Await): Call | null {
  return node.value.nodeType === 'Call' ? node.value : null;
}

/** Deletes `await` and the whitespace after it. */
function removeAwait(source: string, node: Await, call: Call): TextEdit | null {
  const between = source.slice(node.start, call.start);
  if (!/^await\s*\(?\s*$/.test(between) && !/^await\s+$/.test(between)) return null;
  const match = /^await\s*/.exec(between);
  return match ? { start: node.start, end: node.start + match[0].length, content: '' } : null;
}
