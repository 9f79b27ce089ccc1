/**
 * The wire protocol between the Python probe and the extension (NDJSON over a
 * loopback TCP socket). One JSON object per line, UTF-8, `\n`-terminated.
 *
 * probe → extension, in order:
 *   1. `hello`    — first line; carries the one-time token and the protocol version.
 *   2. `loop`     — each time the probe attaches to a running event loop.
 *   3. `update`   — a few times per second: the aggregated profile so far, with only the
 *                   lag points added since the previous update (the session re-assembles
 *                   the full series).
 *   4. `end`      — once, when the target is done: the final profile.
 * extension → probe:
 *   - `stop`      — ask the probe to interrupt the target (KeyboardInterrupt in the main
 *                   thread) and finish; the extension kills the process after a grace period.
 *
 * Anything else (unknown `type`, bad JSON) is ignored by both sides with a warning, so a
 * newer probe can add event types without breaking an older extension.
 * Bump PROTOCOL_VERSION on any incompatible change.
 */
import type { LagPoint, Profile } from './profile';

export const PROTOCOL_VERSION = 1;

/** Environment variable carrying the one-time token to the probe (never on the command line). */
export const TOKEN_ENV = 'AIOLINT_PROBE_TOKEN';
/** Environment variable carrying `host:port` of the extension's listener. */
export const CONNECT_ENV = 'AIOLINT_PROBE_CONNECT';

export interface HelloEvent {
  type: 'hello';
  protocol: number;
  token: string;
  /** the probe's own version */
  probe: string;
  pid: number;
  python: Profile['python'];
  /** what runs: the script path or `-m module`, and its arguments */
  target: string;
  argv: string[];
  cwd: string;
  thresholdMs: number;
}

export interface LoopEvent {
  type: 'loop';
  /** loop class, e.g. 'asyncio.unix_events._UnixSelectorEventLoop' or 'uvloop.Loop' */
  loop: string;
  /** per-step timing is available (the pure-Python asyncio loop) */
  stepTiming: boolean;
  /** human-readable notes on what is not measured on this loop */
  unavailable: string[];
}

export interface UpdateEvent {
  type: 'update';
  /** the aggregated profile so far; `lag.series` holds only the points new since the last update */
  profile: Profile;
}

export interface EndEvent {
  type: 'end';
  /** the final profile (full lag series) */
  profile: Profile;
}

export type ProbeEvent = HelloEvent | LoopEvent | UpdateEvent | EndEvent;

export interface StopCommand {
  type: 'stop';
}

export type ExtensionCommand = StopCommand;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Light structural check of a profile object (enough to render it without crashing). */
export function looksLikeProfile(value: unknown): value is Profile {
  if (!isRecord(value)) return false;
  const lag = value.lag;
  const tasks = value.tasks;
  return (
    typeof value.version === 'number' &&
    isRecord(value.python) &&
    isRecord(lag) &&
    Array.isArray(lag.series) &&
    Array.isArray(value.blocks) &&
    isRecord(tasks) &&
    Array.isArray(value.unawaited) &&
    Array.isArray(value.unretrievedExceptions)
  );
}

/** Parses one line from the probe; returns an error message instead of throwing. */
export function parseProbeLine(line: string): { event: ProbeEvent } | { error: string } | { ignored: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: `malformed line from the probe: ${truncate(line)}` };
  }
  if (!isRecord(value) || typeof value.type !== 'string') return { error: `line without an event type: ${truncate(line)}` };
  switch (value.type) {
    case 'hello':
      if (typeof value.protocol !== 'number' || typeof value.token !== 'string') return { error: 'malformed hello from the probe' };
      return { event: value as unknown as HelloEvent };
    case 'loop':
      if (typeof value.loop !== 'string') return { error: 'malformed loop event from the probe' };
      return { event: { type: 'loop', loop: value.loop, stepTiming: value.stepTiming === true, unavailable: Array.isArray(value.unavailable) ? value.unavailable.filter((u): u is string => typeof u === 'string') : [] } };
    case 'update':
    case 'end':
      if (!looksLikeProfile(value.profile)) return { error: `malformed ${value.type} event from the probe` };
      return { event: { type: value.type, profile: value.profile } };
    default:
      return { ignored: value.type };
  }
}

/** Appends new lag points to a series (both sorted by time). */
export function appendSeries(series: LagPoint[], added: readonly LagPoint[]): LagPoint[] {
  if (added.length === 0) return series;
  const last = series.length > 0 ? series[series.length - 1] : undefined;
  const fresh = last ? added.filter((p) => p.t > last.t) : added;
  return fresh.length > 0 ? series.concat(fresh) : series;
}

function truncate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
