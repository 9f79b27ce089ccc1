/**
 * The knowledge base handed to rules: built-in data (this folder) merged with the
 * user's configuration. Built once per configuration object by the engine.
 *
 * Other rule families add their own data files here and a field to `KnowledgeBase`
 * (additive only), filled in `createKnowledgeBase`.
 */
import type { ResolvedConfig } from '../../src/engine/config';
import { compileBlockingPatterns, type CompiledBlockingPattern } from './patterns';
import { BLOCKING_CALLS, BLOCKING_TYPES, type BlockingCallInfo, type BlockingTypeInfo } from './blocking-calls';

export interface KnowledgeBase {
  /** blocking functions and methods by exact qualified name ('time.sleep', 'requests.Session.get') */
  readonly blockingCalls: ReadonlyMap<string, BlockingCallInfo>;
  /** types every (or most) method of which blocks ('io.TextIOWrapper', 'urllib3.PoolManager') */
  readonly blockingTypes: ReadonlyMap<string, BlockingTypeInfo>;
  /** the user's AIO110 entries (`blocking-calls` in `[tool.aiolint]`), compiled */
  readonly configuredBlocking: readonly CompiledBlockingPattern[];
  /** qualified names the user declares to be coroutine functions (`coroutine-functions`) */
  readonly coroutineFunctions: ReadonlySet<string>;
}

const cache = new WeakMap<ResolvedConfig, KnowledgeBase>();

/** The knowledge base for `config` (memoised per configuration object). */
export function knowledgeFor(config: ResolvedConfig): KnowledgeBase {
  let kb = cache.get(config);
  if (!kb) {
    kb = createKnowledgeBase(config);
    cache.set(config, kb);
  }
  return kb;
}

export function createKnowledgeBase(config: ResolvedConfig): KnowledgeBase {
  return {
    blockingCalls: BLOCKING_CALLS,
    blockingTypes: BLOCKING_TYPES,
    configuredBlocking: compileBlockingPatterns(config.blockingCalls),
    coroutineFunctions: new Set(config.coroutineFunctions),
  };
}
