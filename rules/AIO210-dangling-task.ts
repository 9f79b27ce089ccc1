/**
 * AIO210 dangling-task: the task returned by `asyncio.create_task`, `asyncio.ensure_future`
 * or `loop.create_task` is thrown away. The event loop keeps only a weak reference to
 * running tasks, so the task can be garbage-collected before it finishes.
 * Covers RUF006's statement form and ASYNC300's "esoteric" ones (inside a discarded
 * list or generator, as a condition, as a `with` item).
 */
import { defineRule } from './rule';
import { coroutinesOf } from './support/coroutines';
import { TASK_SPAWNERS } from './knowledge/coroutines';
import {
  freshName,
  freshNameFacts,
  functionScopeOf,
  importInsertionOffset,
  indentationOf,
  newlineOf,
  standsAlone,
} from './support/coroutines-edits';
import type { AnyNode, Call, Expr } from '../src/python/ast';
import type { SemanticModel } from '../src/analysis/types';
import type { RuleFix } from './rule';
import type { CoroutineResolver } from './support/coroutines';

export const AIO210 = defineRule({
  meta: {
    code: 'AIO210',
    name: 'dangling-task',
    aliases: ['RUF006', 'ASYNC300'],
    defaultSeverity: 'warning',
    fixApplicability: 'unsafe',
    summary: 'The task from `create_task`/`ensure_future` is discarded and can be garbage-collected mid-flight.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO210.md',
    locality: 'statement',
  },
  messages: {
    dangling: 'The task returned by `{name}(...)` is not stored: the event loop keeps only a weak reference, so it can be garbage-collected before it finishes. Keep a reference (a set of background tasks) or use a `TaskGroup`.',
  },
  fileFacts: (ctx) => freshNameFacts(ctx.model),
  check(ctx) {
    const { model, source } = ctx;
    const resolver = coroutinesOf(model, ctx.workspace, ctx.config, ctx.file);
    const setNames = new Map<string, string>(); // one background-task set per file (freshName gives every fix the same one)
    for (const call of ctx.nodesToCheck('Call')) {
      const name = spawnerName(model, resolver, call);
      if (!name) continue;
      if (model.isTypeCheckingOnly(call)) continue;
      const statement = discardingStatement(model, call);
      if (statement === false) continue;
      ctx.report({
        node: call,
        messageId: 'dangling',
        data: { name },
        fix: statement ? keepReferenceFix(statement) : null,
      });
    }

    function keepReferenceFix(stmt: Expr): RuleFix | null {
      if (!standsAlone(source, stmt)) return null;
      const indent = indentationOf(source, stmt);
      if (indent === null) return null;
      const scope = functionScopeOf(model, stmt);
      if (!scope) return null; // module level: the module's globals already keep nothing alive; leave it to the user
      const nl = newlineOf(source);
      let setName = setNames.get('set');
      const edits = [];
      const existing = existingTaskSet(model);
      if (existing) setName = existing;
      if (!setName) {
        setName = freshName(model, 'background_tasks');
        setNames.set('set', setName);
      }
      if (!existing) {
        const offset = importInsertionOffset(model.parse.module, source);
        const before = offset > 0 ? nl : '';
        edits.push({ start: offset, end: offset, content: `${before}# strong references to running tasks: the event loop keeps only weak ones${nl}${setName} = set()${nl}${offset > 0 ? nl : ''}` });
      }
      const taskName = freshName(model, 'task');
      const callText = source.slice(stmt.value.start, stmt.value.end);
      edits.push({
        start: stmt.start,
        end: stmt.end,
        content: `${taskName} = ${callText}${nl}${indent}${setName}.add(${taskName})${nl}${indent}${taskName}.add_done_callback(${setName}.discard)`,
      });
      return { message: 'Keep a reference to the task until it is done', edits };
    }
  },
});

/** A module-level `name = set()` holding tasks already (from an earlier fix), or null. */
function existingTaskSet(model: SemanticModel): string | null {
  for (const [name, bindings] of model.moduleScope.bindings) {
    if (!/background_tasks/.test(name) || bindings.length !== 1) continue;
    const value = bindings[0]?.value;
    if (value?.nodeType === 'Call' && value.func.nodeType === 'Name' && value.func.id === 'set' && value.args.length === 0) return name;
  }
  return null;
}

/** The display name of a task-spawning call (`asyncio.create_task`, `loop.create_task`), or null. */
export function spawnerName(model: SemanticModel, resolver: CoroutineResolver, call: Call): string | null {
  const func = call.func;
  let qualified: string | null = null;
  try {
    qualified = model.resolveCall(call).qualifiedName;
  } catch {
    qualified = null;
  }
  if (qualified && TASK_SPAWNERS.has(qualified)) return model.textOf(func);
  if (func.nodeType === 'Attribute' && func.attr === 'create_task') {
    const receiverType = resolver.receiverClass(func.value, call);
    if (receiverType === 'asyncio.AbstractEventLoop') return model.textOf(func);
  }
  return null;
}

/**
 * Where the call's value goes: the expression statement that drops it (so the fix can
 * rewrite it), null when it is dropped in another way (inside a discarded list, as a
 * condition, as a `with` item), false when it is kept or used.
 */
function discardingStatement(model: SemanticModel, call: Call): Expr | null | false {
  let node: AnyNode = call;
  let direct = true;
  for (;;) {
    const parent = model.parentOf(node);
    if (!parent) return false;
    switch (parent.nodeType) {
      case 'Expr':
        return direct ? parent : null;
      case 'List':
      case 'Tuple':
      case 'Set':
      case 'Starred':
        direct = false;
        node = parent;
        continue;
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
        if (parent.elt !== node) return false;
        direct = false;
        node = parent;
        continue;
      case 'IfExp':
      case 'If':
      case 'While':
      case 'Assert':
        return parent.test === node ? null : false;
      case 'comprehension':
        return parent.ifs.includes(node) ? null : false;
      case 'UnaryOp':
        return parent.op === 'Not' ? null : false;
      case 'withitem':
        return parent.context_expr === node ? null : false;
      default:
        return false;
    }
  }
}
