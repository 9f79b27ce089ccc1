/**
 * AIO403 swallowed-cancellation: in a coroutine, `except asyncio.CancelledError`,
 * `except BaseException` or a bare `except` whose body does not re-raise (or return) the
 * cancellation. The task then keeps running after `cancel()`, and `TaskGroup`, `timeout()`
 * and shutdown all wait on it. Exempt: awaiting a task you just cancelled yourself
 * (`t.cancel()` … `try: await t` `except CancelledError: …`), the documented idiom.
 */
import { nodesOfTypeWithin } from './support/nodes-in-range';
import { defineRule } from './rule';
import { normaliseName } from './support/coroutines';
import { CANCELLED_ERRORS } from './knowledge/coroutines';
import type { AnyExpr, AnyNode, AnyStmt, ExceptHandler, Try, TryStar } from '../src/python/ast';
import type { SemanticModel } from '../src/analysis/types';
import { forEachChild } from '../src/analysis/children';

export const AIO403 = defineRule({
  meta: {
    code: 'AIO403',
    name: 'swallowed-cancellation',
    aliases: ['ASYNC103', 'ASYNC104'],
    defaultSeverity: 'warning',
    fixApplicability: null,
    summary: 'Catching `CancelledError`/`BaseException` in a coroutine without re-raising it.',
    enabledByDefault: true,
    docs: 'rules/docs/AIO403.md',
    locality: 'statement',
  },
  messages: {
    swallowed: '{what} catches the task\'s cancellation and does not re-raise it: the task keeps running after `cancel()`, and timeouts, `TaskGroup` and shutdown wait for it. Re-raise with `raise` (after your cleanup).',
    replaced: 'This raises a different exception while handling {what}: the cancellation is lost. Re-raise it with `raise`.',
  },
  check(ctx) {
    const { model } = ctx;
    const tries: (Try | TryStar)[] = [...ctx.nodesToCheck('Try'), ...ctx.nodesToCheck('TryStar')];
    for (const tryNode of tries) {
      if (!model.isAsyncContext(tryNode) || model.isTypeCheckingOnly(tryNode)) continue;
      if (!hasAwaitPoint(tryNode.body)) continue; // cancellation is delivered at an await: none, nothing to swallow
      if (awaitsTaskItCancelled(model, tryNode)) continue;
      for (const handler of tryNode.handlers) {
        const caught = catchesCancellation(model, handler);
        if (!caught) continue;
        const outcome = outcomeOf(handler.body, handler.name);
        if (outcome.replaced) {
          ctx.report({ node: outcome.replaced, messageId: 'replaced', data: { what: caught.what }, peerCode: 'ASYNC104' });
        } else if ([...outcome.endings].some((e) => e !== 'reraises') && !passesOn(model, handler)) {
          ctx.report({ node: caught.node, messageId: 'swallowed', data: { what: caught.what }, peerCode: 'ASYNC103' });
        }
        break; // later broad handlers never see the cancellation this one caught
      }
    }
  },
});

const REPORTING_CALLS = /^(print|str|repr|format|debug|info|warning|warn|error|exception|critical|log|fail|assert\w*)$/;

/**
 * The handler hands the exception object on — stores it (`self.error = exc`), gives it to a
 * future or a retry state (`fut.set_exception(exc)`, `sys.exc_info()`) — for someone else to
 * re-raise, or explicitly acknowledges the cancellation (`task.uncancel()`). Logging it does
 * not count.
 */
function passesOn(model: SemanticModel, handler: ExceptHandler): boolean {
  const state = { passed: false };
  const visit = (node: AnyNode, reporting: boolean): void => {
    if (state.passed) return;
    if (node.nodeType === 'FunctionDef' || node.nodeType === 'AsyncFunctionDef' || node.nodeType === 'Lambda' || node.nodeType === 'ClassDef') return;
    let inReporting = reporting;
    if (node.nodeType === 'Call') {
      const callee = node.func.nodeType === 'Attribute' ? node.func.attr : node.func.nodeType === 'Name' ? node.func.id : '';
      if (model.textOf(node.func).endsWith('exc_info') && node.args.length === 0) state.passed = true;
      // `asyncio.current_task().uncancel()` (3.11+): the cancellation is acknowledged on purpose
      if (callee === 'uncancel') state.passed = true;
      inReporting = REPORTING_CALLS.test(callee);
    }
    if (node.nodeType === 'JoinedStr') inReporting = true;
    if (node.nodeType === 'Name' && handler.name !== null && node.id === handler.name && node.ctx === 'Load' && !inReporting) state.passed = true;
    forEachChild(node, (child) => { visit(child, inReporting); });
  };
  handler.body.forEach((stmt) => { visit(stmt, false); });
  return state.passed;
}

/** The handler catches the cancellation: the part of its type that does (for the report) and a description. */
function catchesCancellation(model: SemanticModel, handler: ExceptHandler): { node: { start: number; end: number }; what: string } | null {
  if (!handler.type) return { node: { start: handler.start, end: handler.start + 'except'.length }, what: 'A bare `except:`' };
  const types: AnyExpr[] = handler.type.nodeType === 'Tuple' ? handler.type.elts : [handler.type];
  for (const type of types) {
    let name: string | null = null;
    try {
      name = model.qualifiedName(type);
    } catch {
      name = null;
    }
    // builtin exception names the model does not list: an unbound `BaseException` is the builtin
    if (!name && type.nodeType === 'Name' && type.id === 'BaseException' && model.lookup(type.id, type) === null) name = 'BaseException';
    if (!name) continue;
    const normal = normaliseName(name);
    if (normal === 'BaseException') return { node: type, what: '`except BaseException`' };
    if (CANCELLED_ERRORS.has(normal)) return { node: type, what: `\`except ${model.textOf(type)}\`` };
  }
  return null;
}

/** How a statement (list) can end: re-raise, exit the handler otherwise, raise something else, or run on. */
type Ending = 'reraises' | 'exits' | 'break' | 'falls';

interface Outcome {
  readonly endings: ReadonlySet<Ending>;
  /** the first `raise` of a different exception */
  readonly replaced: AnyNode | null;
}

const FALLS: Outcome = { endings: new Set(['falls']), replaced: null };

/** Combines the alternative outcomes of branches. */
function union(...outcomes: Outcome[]): Outcome {
  const endings = new Set<Ending>();
  let replaced: AnyNode | null = null;
  for (const o of outcomes) {
    for (const e of o.endings) endings.add(e);
    replaced ??= o.replaced;
  }
  return { endings, replaced };
}

/** Every way the statement list can end, following its statements in order. */
function outcomeOf(body: readonly AnyStmt[], name: string | null): Outcome {
  const endings = new Set<Ending>();
  let replaced: AnyNode | null = null;
  for (const stmt of body) {
    const o = statementOutcome(stmt, name);
    replaced ??= o.replaced;
    for (const e of o.endings) if (e !== 'falls') endings.add(e);
    if (!o.endings.has('falls')) return { endings, replaced };
  }
  endings.add('falls');
  return { endings, replaced };
}

/** In a loop, `break`/`continue` only end the loop. */
function insideLoop(o: Outcome): Outcome {
  const endings = new Set<Ending>();
  for (const e of o.endings) endings.add(e === 'break' ? 'falls' : e);
  return { endings, replaced: o.replaced };
}

function statementOutcome(stmt: AnyStmt, name: string | null): Outcome {
  switch (stmt.nodeType) {
    case 'Raise':
      if (!stmt.exc) return { endings: new Set(['reraises']), replaced: null };
      if (name && stmt.exc.nodeType === 'Name' && stmt.exc.id === name) return { endings: new Set(['reraises']), replaced: null };
      return { endings: new Set(['exits']), replaced: stmt };
    case 'Return':
      if (name && stmt.value?.nodeType === 'Name' && stmt.value.id === name) return { endings: new Set(['reraises']), replaced: null };
      return { endings: new Set(['exits']), replaced: null };
    case 'Break':
    case 'Continue':
      return { endings: new Set(['break']), replaced: null };
    case 'If':
      return union(outcomeOf(stmt.body, name), stmt.orelse.length > 0 ? outcomeOf(stmt.orelse, name) : FALLS);
    case 'With':
    case 'AsyncWith':
      return outcomeOf(stmt.body, name);
    case 'Try':
    case 'TryStar': {
      const fin = outcomeOf(stmt.finalbody, name);
      if (stmt.finalbody.length > 0 && !fin.endings.has('falls')) return fin;
      const body = outcomeOf(stmt.body, name);
      const afterBody = body.endings.has('falls') && stmt.orelse.length > 0 ? outcomeOf(stmt.orelse, name) : body;
      return union(body, afterBody, ...stmt.handlers.map((h) => outcomeOf(h.body, name)));
    }
    case 'While': {
      const body = insideLoop(outcomeOf(stmt.body, name));
      const infinite = stmt.test.nodeType === 'Constant' && stmt.test.value === true;
      if (infinite && !containsBreak(stmt.body)) {
        const endings = new Set([...body.endings].filter((e) => e !== 'falls'));
        return endings.size > 0 ? { endings, replaced: body.replaced } : FALLS;
      }
      const after = containsBreak(stmt.body) ? FALLS : stmt.orelse.length > 0 ? outcomeOf(stmt.orelse, name) : FALLS;
      return union(withoutFalls(body), after);
    }
    case 'For':
    case 'AsyncFor': {
      const body = insideLoop(outcomeOf(stmt.body, name));
      const nonEmptyLiteral = (stmt.iter.nodeType === 'List' || stmt.iter.nodeType === 'Tuple' || stmt.iter.nodeType === 'Set') && stmt.iter.elts.length > 0;
      if (nonEmptyLiteral && !containsBreak(stmt.body) && !body.endings.has('falls')) return body;
      const after = containsBreak(stmt.body) ? FALLS : stmt.orelse.length > 0 ? outcomeOf(stmt.orelse, name) : FALLS;
      return union(withoutFalls(body), after);
    }
    case 'Match': {
      const cases = stmt.cases.map((c) => outcomeOf(c.body, name));
      const last = stmt.cases[stmt.cases.length - 1];
      const exhaustive = last !== undefined && last.guard === null && last.pattern.nodeType === 'MatchAs' && last.pattern.pattern === null;
      return exhaustive ? union(...cases) : union(...cases, FALLS);
    }
    default:
      return FALLS;
  }
}

function withoutFalls(o: Outcome): Outcome {
  return { endings: new Set([...o.endings].filter((e) => e !== 'falls')), replaced: o.replaced };
}

function containsBreak(body: readonly AnyStmt[]): boolean {
  let found = false;
  const walk = (stmts: readonly AnyStmt[]): void => {
    for (const s of stmts) {
      if (found) return;
      if (s.nodeType === 'Break') found = true;
      else if (s.nodeType === 'If') {
        walk(s.body);
        walk(s.orelse);
      } else if (s.nodeType === 'With' || s.nodeType === 'AsyncWith') walk(s.body);
      else if (s.nodeType === 'Try' || s.nodeType === 'TryStar') {
        walk(s.body);
        s.handlers.forEach((h) => { walk(h.body); });
        walk(s.orelse);
        walk(s.finalbody);
      } else if (s.nodeType === 'Match') s.cases.forEach((c) => { walk(c.body); });
      // nested loops own their breaks
    }
  };
  walk(body);
  return found;
}

/** The try body contains a point where a cancellation can arrive (await, async for/with), not counting nested scopes. */
function hasAwaitPoint(body: readonly AnyStmt[]): boolean {
  const stack: AnyNode[] = [...body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (node.nodeType === 'Await' || node.nodeType === 'AsyncWith' || node.nodeType === 'AsyncFor') return true;
    if (node.nodeType === 'comprehension' && node.is_async) return true;
    if (node.nodeType === 'FunctionDef' || node.nodeType === 'AsyncFunctionDef' || node.nodeType === 'Lambda' || node.nodeType === 'ClassDef') continue;
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) stack.push(item);
      } else if (isNode(value)) stack.push(value);
    }
  }
  return false;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { nodeType?: unknown }).nodeType === 'string';
}

/**
 * `task.cancel()` earlier in the same function, then `try: await task` — the documented
 * way to wait for a task you cancelled; swallowing its CancelledError is the point.
 */
function awaitsTaskItCancelled(model: SemanticModel, tryNode: Try | TryStar): boolean {
  const awaited = new Set<string>();
  const stack: AnyNode[] = [...tryNode.body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (node.nodeType === 'Await') {
      const value = node.value;
      if (value.nodeType === 'Name' || value.nodeType === 'Attribute' || value.nodeType === 'Subscript') awaited.add(model.textOf(value));
      // asyncio.wait_for(task, ...) / asyncio.gather(task, ...) on the cancelled task
      if (value.nodeType === 'Call') for (const arg of value.args) if (arg.nodeType === 'Name' || arg.nodeType === 'Attribute') awaited.add(model.textOf(arg));
    }
    if (node.nodeType === 'FunctionDef' || node.nodeType === 'AsyncFunctionDef' || node.nodeType === 'Lambda' || node.nodeType === 'ClassDef') continue;
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) stack.push(item);
      } else if (isNode(value)) stack.push(value);
    }
  }
  if (awaited.size === 0) return false;
  const fn = model.asyncFunctionOf(tryNode);
  if (!fn) return false;
  for (const call of nodesOfTypeWithin(model, 'Call', fn.start, tryNode.start)) {
    if (call.func.nodeType === 'Attribute' && call.func.attr === 'cancel' && awaited.has(model.textOf(call.func.value))) return true;
  }
  // the loop form: `for t in tasks: t.cancel()` then `try: await t` is rarer; also accept a cancel inside the try before the await
  for (const call of nodesOfTypeWithin(model, 'Call', tryNode.start, tryNode.end)) {
    if (call.func.nodeType === 'Attribute' && call.func.attr === 'cancel' && awaited.has(model.textOf(call.func.value))) return true;
  }
  return false;
}
