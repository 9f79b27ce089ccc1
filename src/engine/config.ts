/**
 * Resolved configuration: what the engine needs to know, after `[tool.aiolint]`,
 * editor settings and command-line flags have been merged (that merging lives at
 * the edges: src/cli and src/vscode). The engine itself never reads files.
 */
import type { Severity } from './findings';

/** A user-listed blocking call for AIO110: `pattern` is a dotted qualified name where `*` matches one component. */
export interface BlockingCallEntry {
  pattern: string;
  /** suggested replacement shown in the message, e.g. `asyncio.sleep` */
  replacement?: string;
}

export interface ResolvedConfig {
  /** codes, aliases or prefixes ('AIO1', 'ALL'); empty means the default set */
  select: string[];
  /** codes, aliases or prefixes to turn off */
  ignore: string[];
  /**
   * rules added to `select` (or to the default set when `select` is empty), ruff's
   * `extend-select`: a layer that sets `select` starts a new selection and drops the
   * `extend-select` of the layers beneath it
   */
  extendSelect?: string[];
  /** rules turned off in addition to `ignore` (ruff's `extend-ignore`) */
  extendIgnore?: string[];
  /** glob (matched against the path relative to the project root, `/` separators) → codes to ignore */
  perFileIgnores: Record<string, string[]>;
  /** extra AIO110 entries */
  blockingCalls: BlockingCallEntry[];
  /** extra qualified names known to be coroutine functions */
  coroutineFunctions: string[];
  /** semaphore limit the AIO301–303 fix writes */
  concurrencyLimit: number;
  /** `range(N)` with constant N up to this is bounded fan-out */
  maxConstantFanout: number;
  /** e.g. '3.9' (the default, like ruff's): the oldest Python the project supports; fixes must run there (below 3.9 the thread fix uses run_in_executor) */
  targetVersion: string;
  /** per-code severity override; 'off' disables the rule */
  severity: Record<string, Severity | 'off'>;
  /** globs of files never checked */
  exclude: string[];
}

export const DEFAULT_CONFIG: Readonly<ResolvedConfig> = Object.freeze({
  select: [],
  ignore: [],
  extendSelect: [],
  extendIgnore: [],
  perFileIgnores: {},
  blockingCalls: [],
  coroutineFunctions: [],
  concurrencyLimit: 10,
  maxConstantFanout: 100,
  targetVersion: '3.9',
  severity: {},
  exclude: [],
});
