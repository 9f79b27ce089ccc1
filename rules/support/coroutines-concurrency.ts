/**
 * Shared check for AIO301 (gather) and AIO303 (wait / as_completed): the awaitables
 * handed over form an unbounded collection and none of them is guarded by a semaphore.
 */
import type { AnyExpr, Call } from '../../src/python/ast';
import type { RuleContext } from '../rule';
import { coroutinesOf, normaliseName } from './coroutines';
import { FanoutAnalysis, type Fanout } from './coroutines-fanout';

const analyses = new WeakMap<object, FanoutAnalysis>();

/** The fan-out analysis for the file being checked (shared by AIO301–AIO303). */
export function fanoutOf(ctx: RuleContext): FanoutAnalysis {
  let analysis = analyses.get(ctx.model);
  if (!analysis || analysis.config !== ctx.config || analysis.workspace !== ctx.workspace) {
    analysis = new FanoutAnalysis(ctx.model, ctx.workspace, ctx.config, coroutinesOf(ctx.model, ctx.workspace, ctx.config, ctx.file));
    analyses.set(ctx.model, analysis);
  }
  return analysis;
}

/** Qualified name of a call's callee ('asyncio.gather'), or null. */
export function calleeName(ctx: RuleContext, call: Call): string | null {
  try {
    const name = ctx.model.resolveCall(call).qualifiedName ?? ctx.model.qualifiedName(call.func);
    return name ? normaliseName(name) : null;
  } catch {
    return null;
  }
}

/**
 * Tearing things down concurrently is the point of gathering them: closing every
 * connection at shutdown is not the fan-out this family is about.
 */
const CLEANUP_CALLS: ReadonlySet<string> = new Set(['close', 'aclose', 'shutdown', 'cancel', 'wait_closed', 'stop', 'disconnect', 'terminate', 'kill', 'join', 'release', 'cleanup', 'finalize']);

function calledName(expr: AnyExpr): string | null {
  const callee = expr.nodeType === 'Call' ? expr.func : expr;
  if (callee.nodeType === 'Attribute') return callee.attr;
  if (callee.nodeType === 'Name') return callee.id;
  return null;
}

/** `conn.close()`, also when wrapped in a task: `asyncio.ensure_future(conn.disconnect())`. */
export function isCleanup(expr: AnyExpr, analysis?: FanoutAnalysis): boolean {
  if (analysis && expr.nodeType === 'Call' && analysis.isSpawner(expr) && expr.args[0]) return isCleanup(expr.args[0]);
  const name = calledName(expr);
  return name !== null && CLEANUP_CALLS.has(name.replace(/^_+/, ''));
}

/** The collection is unbounded and not guarded: the finding's data, or null. */
export function unguardedFanout(analysis: FanoutAnalysis, collection: AnyExpr): Fanout | null {
  const fanout = analysis.unboundedCollection(collection);
  if (!fanout) return null;
  if (fanout.mapCall) {
    const fn = fanout.mapCall.args[0];
    if (fn && (analysis.isGuardedFunctionRef(fn) || isCleanup(fn, analysis))) return null;
    return fanout;
  }
  if (fanout.elements.length > 0 && fanout.elements.every((e) => isCleanup(e, analysis))) return null;
  if (fanout.elements.some((e) => analysis.isGuarded(e))) return null;
  // tasks created in a loop are already running: AIO302 reports them where they are spawned
  if (fanout.kind === 'list' && fanout.elements.every((e) => e.nodeType === 'Call' && analysis.isSpawner(e))) return null;
  return fanout;
}
