/**
 * Fan-out analysis for AIO301–AIO303: is a collection of awaitables bounded (fixed
 * arguments, literals, small constant ranges, constant slices, one batch of a
 * batching loop) or not, is each coroutine guarded by a semaphore (followed across
 * the workspace, directly or through the wrapper applied to it), and the "Limit
 * concurrency with asyncio.Semaphore" fix.
 */
import { nodesOfTypeWithin } from './nodes-in-range';
import type { AnyExpr, AnyNode, AnyStmt, Call, Comprehension, Name } from '../../src/python/ast';
import type { FunctionInfo, SemanticModel, WorkspaceIndex } from '../../src/analysis/types';
import type { ResolvedConfig } from '../../src/engine/config';
import type { TextEdit } from '../../src/engine/findings';
import { SEMAPHORE_CLASSES, SLEEP_FUNCTIONS, TASK_SPAWNERS } from '../knowledge/coroutines';
import { coroutinesOf, normaliseName, visitStatements, type CoroutineResolver } from './coroutines';
import { asyncioReference, freshName, indentationOf, indentUnitOf, lineStartOf, newlineOf, statementOf } from './coroutines-edits';

/** A collection of awaitables with no fixed size, and what the fix needs to bound it. */
export interface Fanout {
  /** what makes it unbounded, for the message: 'a generator over `urls`' */
  readonly description: string;
  /** the awaitable expressions produced per item (comprehension element, appended value) */
  readonly elements: readonly AnyExpr[];
  /** the `map(f, items)` call when the collection is a map (the fix wraps each produced coroutine) */
  readonly mapCall: Call | null;
  /** the statement before which the semaphore goes (same function) */
  readonly anchor: AnyStmt;
  /** where the awaitables come from */
  readonly kind: 'comprehension' | 'map' | 'list';
}

/** An unbounded loop: its statement and a description for messages. */
export interface UnboundedLoop {
  readonly loop: AnyStmt;
  readonly description: string;
}

export class FanoutAnalysis {
  constructor(
    readonly model: SemanticModel,
    readonly workspace: WorkspaceIndex,
    readonly config: ResolvedConfig,
    readonly resolver: CoroutineResolver,
  ) {}

  // ── bounded iterables ──────────────────────────────────────────────────────

  /** The iterable has a fixed, small size (literal, constant range, constant slice, one batch). */
  isBoundedIterable(expr: AnyExpr, depth = 0): boolean {
    if (depth > 5) return false;
    switch (expr.nodeType) {
      case 'List':
      case 'Tuple':
      case 'Set':
        return expr.elts.every((e) => e.nodeType !== 'Starred' || this.isBoundedIterable(e.value, depth + 1));
      case 'Dict':
        return expr.keys.every((k) => k !== null);
      case 'Constant':
        return typeof expr.value === 'string';
      case 'JoinedStr':
        return true;
      case 'Subscript':
        return expr.slice.nodeType === 'Slice' && this.isConstantSlice(expr.slice);
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
      case 'DictComp':
        // as many items as its loops produce (conditions only drop some)
        return expr.generators.every((g) => this.isBoundedIterable(g.iter, depth + 1));
      case 'Call':
        return this.isBoundedCall(expr, depth);
      case 'Name':
        return this.isBoundedName(expr, depth);
      default:
        return false;
    }
  }

  private isBoundedCall(call: Call, depth: number): boolean {
    const name = this.qualified(call.func);
    if (name === 'range') {
      const values = call.args.map((a) => this.constantInt(a));
      if (values.some((v) => v === null) || values.length === 0 || call.keywords.length > 0) return false;
      const [a, b, step] = values.length === 1 ? [0n, values[0] ?? 0n, 1n] : [values[0] ?? 0n, values[1] ?? 0n, values[2] ?? 1n];
      if (step === 0n) return true;
      const length = step > 0n ? (b - a + step - 1n) / step : (a - b - step - 1n) / -step;
      return length <= BigInt(this.config.maxConstantFanout);
    }
    if (name === 'enumerate' || name === 'reversed' || name === 'sorted' || name === 'list' || name === 'tuple' || name === 'set') {
      const first = call.args[0];
      return first !== undefined && this.isBoundedIterable(first, depth + 1);
    }
    if (name === 'zip') return call.args.some((a) => this.isBoundedIterable(a, depth + 1));
    if (name === 'map') return call.args.slice(1).some((a) => this.isBoundedIterable(a, depth + 1));
    return false;
  }

  /** `items[:10]`, `items[2:5]`, `items[i:i + 10]` (a batch) */
  private isConstantSlice(slice: { lower: AnyExpr | null; upper: AnyExpr | null; step: AnyExpr | null }): boolean {
    const limit = BigInt(this.config.maxConstantFanout);
    if (slice.step && this.constantInt(slice.step) === null) return false;
    const upper = slice.upper;
    if (!upper) return false;
    const up = this.constantInt(upper);
    if (up !== null) {
      const low = slice.lower ? this.constantInt(slice.lower) : 0n;
      if (low === null) return false;
      return up >= 0n && up - (low >= 0n ? low : 0n) <= limit;
    }
    // items[i:i + N] with constant N (a batch)
    if (upper.nodeType === 'BinOp' && upper.op === 'Add' && slice.lower) {
      const lowerText = this.model.textOf(slice.lower);
      const left = this.model.textOf(upper.left);
      const right = this.model.textOf(upper.right);
      if (left === lowerText) return this.constantInt(upper.right) !== null || this.isConstantName(upper.right);
      if (right === lowerText) return this.constantInt(upper.left) !== null || this.isConstantName(upper.left);
    }
    return false;
  }

  private isBoundedName(name: Name, depth: number): boolean {
    const binding = this.model.lookup(name.id, name);
    if (!binding) return false;
    const all = binding.scope.bindings.get(name.id) ?? [binding];
    // `*args`: as many items as the call site writes out, like `gather(a(), b())`
    if (binding.kind === 'parameter') {
      const fn = binding.scope.node;
      return (fn.nodeType === 'FunctionDef' || fn.nodeType === 'AsyncFunctionDef') && fn.args.vararg === binding.node;
    }
    if (binding.kind === 'for-target') {
      // the batching idiom: `for batch in itertools.batched(items, 10)` / `chunked(items, 10)`
      const loop = this.forLoopOf(binding.node);
      if (loop?.iter.nodeType === 'Call') {
        const callee = this.qualified(loop.iter.func);
        if (callee && /(^|\.)(batched|chunked|ichunked|grouper|chunks|batches)$/.test(callee)) return true;
      }
      return false;
    }
    if (binding.kind !== 'assignment' || all.length !== 1 || !binding.value) return false;
    return this.isBoundedIterable(binding.value, depth + 1);
  }

  private forLoopOf(target: AnyNode): { iter: AnyExpr } | null {
    let node: AnyNode | null = target;
    for (let i = 0; i < 4 && node; i++) {
      node = this.model.parentOf(node);
      if (node?.nodeType === 'For' || node?.nodeType === 'AsyncFor' || node?.nodeType === 'comprehension') return node;
    }
    return null;
  }

  private constantInt(expr: AnyExpr): bigint | null {
    if (expr.nodeType === 'Constant' && typeof expr.value === 'bigint') return expr.value;
    if (expr.nodeType === 'UnaryOp' && expr.op === 'USub') {
      const inner = this.constantInt(expr.operand);
      return inner === null ? null : -inner;
    }
    if (expr.nodeType === 'Name') {
      const binding = this.model.lookup(expr.id, expr);
      const all = binding ? (binding.scope.bindings.get(expr.id) ?? []) : [];
      if (binding?.kind === 'assignment' && all.length === 1 && binding.value?.nodeType === 'Constant' && typeof binding.value.value === 'bigint') {
        return binding.value.value;
      }
    }
    return null;
  }

  private isConstantName(expr: AnyExpr): boolean {
    // `BATCH_SIZE` style constants: an upper-case name, or a name assigned once from a literal
    if (expr.nodeType !== 'Name') return false;
    return /^[A-Z][A-Z0-9_]*$/.test(expr.id) || this.constantInt(expr) !== null;
  }

  private qualified(expr: AnyExpr): string | null {
    try {
      const q = this.model.qualifiedName(expr);
      return q ? normaliseName(q) : null;
    } catch {
      return null;
    }
  }

  // ── unbounded collections ─────────────────────────────────────────────────

  /** The collection `expr` (a gather star-argument, a `wait` argument) is unbounded, or null. */
  unboundedCollection(expr: AnyExpr, depth = 0): Fanout | null {
    if (depth > 4) return null;
    switch (expr.nodeType) {
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp': {
        const unbounded = expr.generators.find((g) => !this.isBoundedIterable(g.iter));
        if (!unbounded) return null;
        const anchor = statementOf(this.model, expr);
        if (!anchor) return null;
        return { description: `a comprehension over \`${this.model.textOf(unbounded.iter)}\``, elements: [expr.elt], mapCall: null, anchor, kind: 'comprehension' };
      }
      case 'Call': {
        const name = this.qualified(expr.func);
        if (name === 'map' && expr.args.length >= 2 && expr.args.slice(1).every((a) => !this.isBoundedIterable(a))) {
          const anchor = statementOf(this.model, expr);
          if (!anchor) return null;
          return { description: `\`map\` over \`${this.model.textOf(expr.args[1] ?? expr)}\``, elements: [], mapCall: expr, anchor, kind: 'map' };
        }
        if ((name === 'list' || name === 'tuple' || name === 'set') && expr.args.length === 1 && expr.args[0]) return this.unboundedCollection(expr.args[0], depth + 1);
        return null;
      }
      case 'Name':
        return this.unboundedName(expr, depth);
      default:
        return null;
    }
  }

  /** `tasks = []` filled by `tasks.append(x)` in a loop over an unbounded iterable, or `tasks = [comprehension]`. */
  private unboundedName(name: Name, depth: number): Fanout | null {
    const binding = this.model.lookup(name.id, name);
    if (!binding || binding.kind !== 'assignment') return null;
    const all = binding.scope.bindings.get(name.id) ?? [binding];
    if (all.length !== 1 || !binding.value) return null;
    const value = binding.value;
    if (value.nodeType !== 'List' || value.elts.length > 0) return this.unboundedCollection(value, depth + 1);
    // an empty list: look for `name.append(x)` / `name += [x]` inside unbounded loops of the same scope
    const elements: AnyExpr[] = [];
    let loopDescription: string | null = null;
    // appends can only be in the binding's scope (or nested in it): the calls of that range alone
    const scopeNode = binding.scope.node;
    for (const call of nodesOfTypeWithin(this.model, 'Call', scopeNode.start, scopeNode.end)) {
      const func = call.func;
      if (func.nodeType !== 'Attribute' || func.value.nodeType !== 'Name' || func.value.id !== name.id) continue;
      if (func.attr !== 'append' || call.args.length !== 1) continue;
      const lookedUp = this.model.lookup(name.id, func.value);
      if (lookedUp !== binding) continue;
      const loop = this.unboundedLoopAround(call, binding.scope.node);
      if (!loop) return null; // appended outside an unbounded loop too: unknown size, stay quiet
      loopDescription ??= loop.description;
      const arg = call.args[0];
      if (arg) elements.push(arg);
    }
    if (!loopDescription || elements.length === 0) return null;
    const anchor = statementOf(this.model, binding.node);
    if (!anchor) return null;
    return { description: `a list filled in ${loopDescription}`, elements, mapCall: null, anchor, kind: 'list' };
  }

  /** The innermost loop around `node` within `scopeNode` when it is unbounded, or null. */
  unboundedLoopAround(node: AnyNode, scopeNode: AnyNode): UnboundedLoop | null {
    let child: AnyNode = node;
    let parent = this.model.parentOf(node);
    while (parent && parent !== scopeNode) {
      if (parent.nodeType === 'FunctionDef' || parent.nodeType === 'AsyncFunctionDef' || parent.nodeType === 'Lambda' || parent.nodeType === 'ClassDef') return null;
      if ((parent.nodeType === 'For' || parent.nodeType === 'AsyncFor') && parent.body.includes(child as AnyStmt)) {
        if (parent.nodeType === 'AsyncFor') return { loop: parent, description: `an \`async for\` loop over \`${this.model.textOf(parent.iter)}\`` };
        if (!this.isBoundedIterable(parent.iter)) return { loop: parent, description: `a loop over \`${this.model.textOf(parent.iter)}\`` };
        return null;
      }
      if (parent.nodeType === 'While' && parent.body.includes(child as AnyStmt)) {
        return isConstantTrue(parent.test) ? { loop: parent, description: 'a `while True` loop' } : null;
      }
      child = parent;
      parent = this.model.parentOf(parent);
    }
    return null;
  }

  // ── semaphore guards ──────────────────────────────────────────────────────

  /** Some call in the element (the coroutine itself or the wrapper applied to it) takes a semaphore first. */
  isGuarded(element: AnyExpr): boolean {
    const calls: Call[] = [];
    visitStatements([element], (n) => {
      if (n.nodeType === 'Call') calls.push(n);
    });
    return calls.some((call) => this.callIsGuarded(call));
  }

  /** A `map(f, items)`: `f` is a guarded project function. */
  isGuardedFunctionRef(expr: AnyExpr): boolean {
    const name = this.qualified(expr);
    const fn = name ? this.workspace.resolveFunction(name) : null;
    return fn !== null && functionTakesSemaphore(fn, this.workspace, this.config);
  }

  private callIsGuarded(call: Call): boolean {
    const target = this.resolver.target(call);
    const fn = target?.project;
    if (fn) return functionTakesSemaphore(fn, this.workspace, this.config);
    return false;
  }

  // ── the fix ───────────────────────────────────────────────────────────────

  /**
   * "Limit concurrency with asyncio.Semaphore": a semaphore and a small wrapper defined
   * just before `fanout.anchor`, and each awaitable wrapped in it. Null when the code's
   * shape does not allow a correct rewrite.
   */
  semaphoreFix(fanout: Fanout, source: string): { message: string; edits: TextEdit[] } | null {
    const { model } = this;
    const anchor = fanout.anchor;
    if (!model.isAsyncContext(anchor)) return null; // asyncio.Semaphore needs the running loop (3.8/3.9 bind it at creation)
    const indent = indentationOf(source, anchor);
    if (indent === null) return null;
    const wrapEdits: TextEdit[] = [];
    const taken = new Set<string>();
    const semaphore = freshName(model, 'semaphore', taken);
    taken.add(semaphore);
    const wrapper = freshName(model, 'limited', taken);
    taken.add(wrapper);
    if (fanout.mapCall) {
      const item = freshName(model, 'aw', taken);
      wrapEdits.push({ start: fanout.mapCall.start, end: fanout.mapCall.start, content: `(${wrapper}(${item}) for ${item} in ` });
      wrapEdits.push({ start: fanout.mapCall.end, end: fanout.mapCall.end, content: ')' });
    } else {
      for (const element of fanout.elements) {
        const target = this.wrapTarget(element);
        if (!target) return null;
        wrapEdits.push({ start: target.start, end: target.start, content: `${wrapper}(` });
        wrapEdits.push({ start: target.end, end: target.end, content: ')' });
      }
    }
    const asyncio = asyncioReference(model, source, anchor);
    if (!asyncio) return null;
    const nl = newlineOf(source);
    const unit = indentUnitOf(source);
    const limit = Math.max(1, Math.floor(this.config.concurrencyLimit));
    const lineStart = lineStartOf(source, anchor.start);
    const helper =
      `${indent}${semaphore} = ${asyncio.name}.Semaphore(${limit})${nl}${nl}` +
      `${indent}async def ${wrapper}(aw):${nl}` +
      `${indent}${unit}async with ${semaphore}:${nl}` +
      `${indent}${unit}${unit}return await aw${nl}${nl}`;
    const edits: TextEdit[] = [...asyncio.edits, { start: lineStart, end: lineStart, content: helper }, ...wrapEdits];
    edits.sort((a, b) => a.start - b.start || a.end - b.end);
    return { message: 'Limit concurrency with asyncio.Semaphore', edits };
  }

  /** The coroutine expression to wrap: the element itself, or the coroutine handed to `create_task`. */
  private wrapTarget(element: AnyExpr): AnyExpr | null {
    if (element.nodeType !== 'Call') return null;
    if (this.isSpawner(element)) {
      const first = element.args[0];
      return first && first.nodeType !== 'Starred' ? first : null;
    }
    if (this.resolver.target(element)?.info.awaitable === 'future') return null;
    return element;
  }

  isSpawner(call: Call): boolean {
    const name = this.qualified(call.func);
    if (name && TASK_SPAWNERS.has(name)) return true;
    if (call.func.nodeType === 'Attribute' && call.func.attr === 'create_task') {
      const type = this.resolver.receiverClass(call.func.value, call);
      return type === 'asyncio.AbstractEventLoop' || type === 'asyncio.TaskGroup';
    }
    return false;
  }
}

export function isConstantTrue(expr: AnyExpr): boolean {
  return expr.nodeType === 'Constant' && (expr.value === true || (typeof expr.value === 'bigint' && expr.value !== 0n));
}

const guardCache = new WeakMap<AnyNode, boolean>();

/**
 * The function body takes a semaphore before its work: `async with sem:` or
 * `await sem.acquire()`, where `sem` is an asyncio/anyio semaphore (by inferred type),
 * or, when its type is unknown, is named like one (`sem`, `limiter`, `throttle`).
 */
export function functionTakesSemaphore(fn: FunctionInfo, workspace: WorkspaceIndex, config: ResolvedConfig): boolean {
  const cached = guardCache.get(fn.node);
  if (cached !== undefined) return cached;
  guardCache.set(fn.node, false);
  const model = workspace.modelOf(fn.file);
  const state = { guarded: false };
  if (model) {
    const resolver = coroutinesOf(model, workspace, config, fn.file);
    visitStatements(fn.node.body, (node) => {
      if (state.guarded) return;
      if (node.nodeType === 'AsyncWith' && node.items.some((item) => isSemaphoreLike(resolver, model, item.context_expr))) state.guarded = true;
      if (node.nodeType === 'Await' && node.value.nodeType === 'Call' && node.value.func.nodeType === 'Attribute' && node.value.func.attr === 'acquire') {
        if (isSemaphoreLike(resolver, model, node.value.func.value)) state.guarded = true;
      }
    });
  }
  guardCache.set(fn.node, state.guarded);
  return state.guarded;
}

function isSemaphoreLike(resolver: CoroutineResolver, model: SemanticModel, expr: AnyExpr): boolean {
  let type: string | null = null;
  try {
    type = resolver.typeOf(expr, expr, 0);
  } catch {
    type = null;
  }
  if (type) return SEMAPHORE_CLASSES.has(type);
  const text = model.textOf(expr);
  return /(sem|semaphore|limit|limiter|throttle|concurrency|slots?)\w*$/i.test(text.split('.').pop() ?? text);
}

/** A loop body waits on something other than a sleep (a semaphore, a queue, the task itself): the loop is bounded. */
export function loopWaits(body: readonly AnyStmt[], resolverFor: (call: Call) => string | null): boolean {
  const state = { waits: false };
  visitStatements(body, (node) => {
    if (state.waits) return;
    if (node.nodeType === 'AsyncWith' || node.nodeType === 'AsyncFor') state.waits = true;
    if (node.nodeType === 'Await') {
      const value = node.value;
      if (value.nodeType === 'Call') {
        const name = resolverFor(value);
        if (name && SLEEP_FUNCTIONS.has(name)) return;
      }
      state.waits = true;
    }
  });
  return state.waits;
}

export type { Comprehension };
