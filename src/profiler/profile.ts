/**
 * The saved profile: what `aiolint profile --out` writes, what the panel saves and
 * opens, and what the runtime diagnostics (AIO901–AIO903) are made from.
 * Paths are absolute, lines 1-based.
 */

export interface ProfileFrame {
  file: string;
  line: number;
  function: string;
}

/** One blocking hot spot: incidents aggregated by the innermost user-code line. */
export interface ProfileBlock extends ProfileFrame {
  count: number;
  totalMs: number;
  maxMs: number;
  /** the task running during the worst incident ("Task-3 (main.fetch)"), or null */
  task: string | null;
  /** the sampled stack of the worst incident, innermost first */
  stack: ProfileFrame[];
  /** what the loop thread was doing: running user code, waiting in the selector, starved of CPU */
  label?: 'running' | 'selector' | 'starved';
  /** how many stack samples the incidents at this line got */
  samples?: number;
}

export interface LagPoint {
  /** seconds since the run started */
  t: number;
  /** worst lag in that interval */
  maxMs: number;
  /** tasks pending at that time */
  pending?: number;
  /** loop steps per second in that interval, where measured */
  stepsPerS?: number;
}

/** One task as the probe saw it: the panel's tasks table (live pending, longest-lived, most steps). */
export interface ProfileTask {
  name: string;
  /** coroutine qualname, e.g. 'main.<locals>.fetch' */
  coroutine: string;
  /** creation site in the user's code, when known */
  file: string | null;
  line: number | null;
  state: 'pending' | 'finished' | 'cancelled' | 'failed';
  /** seconds since the run started */
  createdS: number;
  /** seconds alive so far (pending) or in total (done) */
  lifetimeS: number;
  /** loop steps run for this task; null where per-step timing is unavailable (e.g. uvloop) */
  steps: number | null;
  /** detailed mode on CPython 3.12+ (sys.monitoring): milliseconds spent in this task's own steps */
  busyMs?: number;
  /** detailed mode on CPython 3.12+: its longest step in milliseconds (an eager first step included) */
  maxStepMs?: number;
}

export interface Profile {
  version: number;
  python: { version: string; implementation: string; executable: string };
  /** loop class, e.g. 'asyncio.unix_events._UnixSelectorEventLoop' or 'uvloop.Loop' */
  loop: string | null;
  /** what ran: the script path or `-m module`, and its arguments */
  target: string;
  durationS: number;
  exitCode: number | null;
  lag: { p50Ms: number; p99Ms: number; maxMs: number; series: LagPoint[] };
  blocks: ProfileBlock[];
  tasks: { created: number; finished: number; cancelled: number; failed: number; maxPending: number };
  unawaited: { coroutine: string; file: string; line: number; count?: number }[];
  unretrievedExceptions: { task: string; exception: string; file: string; line: number }[];
  /** optional, bounded selection of tasks (pending ones, longest-lived, most steps) */
  taskList?: ProfileTask[];
  /** what the probe could not measure on this loop, in words ("per-step timing is unavailable on uvloop") */
  unavailable?: string[];

  // ── further optional details written by the probe (readers must tolerate their absence) ──
  /** incidents shorter than this were not reported */
  thresholdMs?: number;
  /** the target's sys.argv */
  argv?: string[];
  /** the exception that ended the target, e.g. "ValueError: boom" (its traceback went to stderr as usual) */
  error?: string | null;
  /** per-step timing was available (the pure-Python asyncio loop) */
  stepTiming?: boolean;
  /** total loop steps run; null where per-step timing is unavailable */
  steps?: number | null;
  /** late heartbeats while the loop thread sat idle in the selector: CPU or GIL starvation, not the loop's own code */
  starved?: { count: number; totalMs: number; maxMs: number };
  /** tasks still pending at the end (or at the time of a live update) */
  pendingTasks?: number;
  /** the probe's own cost indicators */
  probeStats?: { watchdogWakes: number };
  /** internal remarks of the probe (e.g. a hook it could not install) */
  notes?: string[];
}
