/**
 * ProfilerSession — runs one Python target under the aiolint probe and streams what it sees.
 * Node-only (net, child_process), no `vscode` import: the extension and the tests use it alike.
 *
 * API (what the panel host codes against):
 *
 *   const session = new ProfilerSession({
 *     python: '/path/to/python',                       // interpreter to run
 *     target: { kind: 'script', path: 'app.py', args: [] } // or { kind: 'module', module: 'pkg.app', args: [] }
 *     cwd, env, thresholdMs: 50,                        // all optional
 *   });
 *   session.on('hello',  (h: HelloEvent) => …);   // probe connected and proved the token
 *   session.on('loop',   (l: LoopEvent) => …);    // an event loop started (class, step timing, what is unavailable)
 *   session.on('update', (p: Profile) => …);      // aggregated profile so far, a few times per second (full lag series)
 *   session.on('stdout', (text: string) => …);    // the target's own output, passed through unchanged
 *   session.on('stderr', (text: string) => …);
 *   session.on('warning', (message: string) => …);// something odd but not fatal (a garbage line, …)
 *   session.on('end',    (e: SessionEnd) => …);   // exactly once: status, exit code, final profile (or the last one seen)
 *   session.start();                              // spawns; never throws — failures arrive as `end` with status 'error'
 *   session.writeStdin('input\n');
 *   await session.stop();                         // asks the probe to stop the target, kills it after a grace period
 *
 * `on` returns a function that removes the listener. Listener exceptions are caught and
 * reported as warnings, so a buggy consumer cannot break the session.
 *
 * Robustness: a wrong token, a malformed hello or a spawn failure ends the session with
 * status 'error'; garbage lines after the hello become warnings; a killed target ends with
 * status 'killed' and the last profile seen; a target that never starts an event loop ends
 * normally with `loopSeen: false` (its profile has `loop: null`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import path from 'node:path';
import type { Profile } from './profile';
import {
  appendSeries,
  CONNECT_ENV,
  parseProbeLine,
  PROTOCOL_VERSION,
  TOKEN_ENV,
  type HelloEvent,
  type LoopEvent,
  type ProbeEvent,
} from './protocol';

export type ProfileTarget =
  | { kind: 'script'; path: string; args?: readonly string[] }
  | { kind: 'module'; module: string; args?: readonly string[] };

export interface ProfilerSessionOptions {
  /** interpreter executable (name on PATH or path) */
  python: string;
  target: ProfileTarget;
  cwd?: string;
  /** environment for the target (defaults to this process's) */
  env?: NodeJS.ProcessEnv;
  /** incidents shorter than this are not reported (default 50) */
  thresholdMs?: number;
  /** the probe package folder (`…/aiolint_probe`); defaults to the bundled one */
  probePath?: string;
  /** also let the probe write the profile JSON to this file at the end */
  outFile?: string;
  /** opt-in detailed mode (sys.monitoring on 3.12+) */
  detailed?: boolean;
  /** how long the probe may take to connect after spawn before the session gives up (default 20 s) */
  helloTimeoutMs?: number;
  /** grace period between asking the probe to stop and killing the process (default 3 s) */
  stopGraceMs?: number;
}

export type SessionStatus =
  /** exit code 0 */
  | 'finished'
  /** non-zero exit code (an exception in the target, sys.exit(n)) */
  | 'failed'
  /** ended by a signal / killed from outside */
  | 'killed'
  /** ended by stop() */
  | 'stopped'
  /** the session could not run: spawn failure, wrong token, malformed hello, protocol mismatch */
  | 'error';

export interface SessionEnd {
  status: SessionStatus;
  exitCode: number | null;
  signal: string | null;
  /** final profile from the probe, else the last live one, else null */
  profile: Profile | null;
  /** the final profile came from the probe (false: the process vanished, this is the last update) */
  complete: boolean;
  /** the probe saw an event loop start */
  loopSeen: boolean;
  /** one sentence for the user */
  message: string;
}

export interface SessionEvents {
  hello: (hello: HelloEvent) => void;
  loop: (loop: LoopEvent) => void;
  update: (profile: Profile) => void;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  warning: (message: string) => void;
  end: (end: SessionEnd) => void;
}

type Listeners = { [K in keyof SessionEvents]: Set<SessionEvents[K]> };

/** Longest line accepted from the probe (a profile snapshot is far smaller). */
const MAX_LINE_BYTES = 32 * 1024 * 1024;
const MAX_WARNINGS = 20;

/** The probe package folder: next to the bundle (dist/probe) or in the source tree. */
export function defaultProbePath(): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [
    path.join(here, 'probe', 'aiolint_probe'), // dist/extension.js, dist/cli.js → dist/probe/aiolint_probe
    path.join(here, '..', 'probe', 'aiolint_probe'),
    path.join(here, '..', 'src', 'profiler', 'probe', 'aiolint_probe'),
    path.join(here, '..', '..', 'src', 'profiler', 'probe', 'aiolint_probe'),
  ];
  return candidates.find((c) => existsSync(path.join(c, '__main__.py'))) ?? candidates[0] ?? '';
}

/** The interpreter arguments that run the probe on a target (shared with the CLI). */
export function probeArguments(
  probePath: string,
  target: ProfileTarget,
  options: { thresholdMs?: number; outFile?: string; failOnBlockMs?: number; connect?: string; detailed?: boolean; quiet?: boolean },
): string[] {
  const args = [probePath];
  if (options.thresholdMs !== undefined) args.push('--threshold-ms', String(options.thresholdMs));
  if (options.outFile !== undefined) args.push('--out', options.outFile);
  if (options.failOnBlockMs !== undefined) args.push('--fail-on-block-ms', String(options.failOnBlockMs));
  if (options.connect !== undefined) args.push('--connect', options.connect);
  if (options.detailed) args.push('--detailed');
  if (options.quiet) args.push('--quiet');
  args.push('--');
  if (target.kind === 'module') args.push('-m', target.module);
  else args.push(target.path);
  args.push(...(target.args ?? []));
  return args;
}

export class ProfilerSession {
  private readonly listeners: Listeners = {
    hello: new Set(),
    loop: new Set(),
    update: new Set(),
    stdout: new Set(),
    stderr: new Set(),
    warning: new Set(),
    end: new Set(),
  };
  private readonly token = randomBytes(24).toString('hex');
  private server: Server | null = null;
  private socket: Socket | null = null;
  private child: ChildProcess | null = null;
  private helloTimer: NodeJS.Timeout | null = null;
  private killTimer: NodeJS.Timeout | null = null;
  private ended: SessionEnd | null = null;
  private readonly endWaiters: ((end: SessionEnd) => void)[] = [];
  private authenticated = false;
  private stopRequested = false;
  private fatal: string | null = null;
  private finalProfile: Profile | null = null;
  private warnings = 0;
  private childExit: { code: number | null; signal: string | null } | null = null;
  /** the end of the process's stderr, to explain a probe that died before connecting */
  private stderrTail = '';
  private socketClosed = true;

  /** the latest aggregated profile (full lag series), or null before the first update */
  latest: Profile | null = null;
  hello: HelloEvent | null = null;
  loop: LoopEvent | null = null;
  /** 'idle' before start(), 'starting' until the probe said hello, 'running', then 'ended' */
  state: 'idle' | 'starting' | 'running' | 'ended' = 'idle';

  constructor(private readonly options: ProfilerSessionOptions) {}

  on<K extends keyof SessionEvents>(event: K, listener: SessionEvents[K]): () => void {
    const set = this.listeners[event] as Set<SessionEvents[K]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Resolves with the end of the session (immediately if it already ended). */
  finished(): Promise<SessionEnd> {
    if (this.ended) return Promise.resolve(this.ended);
    return new Promise((resolve) => this.endWaiters.push(resolve));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the listener and spawns the target under the probe. Never throws. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'starting';
    const server = createServer((socket) => {
      this.accept(socket);
    });
    this.server = server;
    server.on('error', (err) => {
      this.fail(`the profiler could not listen on a loopback port: ${err.message}`);
    });
    server.listen(0, '127.0.0.1', () => {
      if (this.ended) return;
      this.spawnProbe((server.address() as AddressInfo).port);
    });
  }

  writeStdin(text: string): void {
    const stdin = this.child?.stdin;
    if (stdin && !stdin.destroyed && stdin.writable) stdin.write(text);
  }

  /** Asks the probe to stop the target; kills the process if it has not exited after the grace period. */
  stop(): Promise<SessionEnd> {
    if (this.ended) return Promise.resolve(this.ended);
    this.stopRequested = true;
    const grace = this.options.stopGraceMs ?? 3000;
    if (this.child && this.childExit === null) {
      if (this.socket && this.authenticated && !this.socket.destroyed) {
        this.socket.write(JSON.stringify({ type: 'stop' }) + '\n');
        this.armKill(grace);
      } else {
        this.kill();
      }
    } else {
      this.finish();
    }
    return this.finished();
  }

  // ── internals ─────────────────────────────────────────────────────────────

  private emit<K extends keyof SessionEvents>(event: K, ...args: Parameters<SessionEvents[K]>): void {
    for (const listener of this.listeners[event]) {
      try {
        (listener as (...a: Parameters<SessionEvents[K]>) => void)(...args);
      } catch (err) {
        if (event !== 'warning') this.warn(`a ${event} listener threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private warn(message: string): void {
    this.warnings++;
    if (this.warnings <= MAX_WARNINGS) this.emit('warning', message);
    else if (this.warnings === MAX_WARNINGS + 1) this.emit('warning', 'further warnings suppressed');
  }

  private spawnProbe(port: number): void {
    const opts = this.options;
    const probePath = opts.probePath ?? defaultProbePath();
    const args = probeArguments(probePath, opts.target, {
      thresholdMs: opts.thresholdMs,
      outFile: opts.outFile,
      connect: `127.0.0.1:${port}`,
      detailed: opts.detailed,
      quiet: true,
    });
    const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env), [TOKEN_ENV]: this.token, [CONNECT_ENV]: `127.0.0.1:${port}` };
    env.PYTHONUNBUFFERED ??= '1';
    let child: ChildProcess;
    try {
      child = spawn(opts.python, args, { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    } catch (err) {
      this.fail(`could not start ${opts.python}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.child = child;
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      this.emit('stdout', text);
    });
    child.stderr?.on('data', (text: string) => {
      if (!this.authenticated) this.stderrTail = (this.stderrTail + text).slice(-2000);
      this.emit('stderr', text);
    });
    child.stdin?.on('error', () => {
      /* the target closed its stdin; nothing to do */
    });
    child.on('error', (err) => {
      // spawn failure (ENOENT) or a failed kill; exit may never come
      if (this.childExit === null && child.pid === undefined) {
        this.childExit = { code: null, signal: null };
        this.fail(`could not start ${opts.python}: ${err.message}`);
      } else {
        this.warn(`process error: ${err.message}`);
      }
    });
    child.on('exit', (code, signal) => {
      this.childExit = { code, signal };
      this.clearHelloTimer();
      // give the socket a moment to deliver the final lines before ending
      if (this.socketClosed) this.finish();
      else setTimeout(() => { this.finish(); }, 500).unref();
    });
    child.on('close', () => {
      if (this.childExit && this.socketClosed) this.finish();
    });
    this.helloTimer = setTimeout(() => {
      if (!this.authenticated && !this.ended) {
        this.fatal = `the probe did not connect within ${Math.round((opts.helloTimeoutMs ?? 20000) / 1000)} s`;
        this.kill();
      }
    }, opts.helloTimeoutMs ?? 20000);
    this.helloTimer.unref();
  }

  private accept(socket: Socket): void {
    if (this.socket || this.ended) {
      socket.destroy();
      return;
    }
    this.socket = socket;
    this.socketClosed = false;
    socket.setNoDelay(true);
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > MAX_LINE_BYTES) {
        buffered = '';
        this.protocolFailure('a line from the probe was too long');
        return;
      }
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) this.handleLine(line);
        if (socket.destroyed) return;
        newline = buffered.indexOf('\n');
      }
    });
    socket.on('error', (err) => {
      if (!this.ended) this.warn(`connection to the probe: ${err.message}`);
    });
    socket.on('close', () => {
      this.socketClosed = true;
      if (this.childExit) this.finish();
    });
    // no more connections: this one is the probe (or is rejected)
    this.server?.close();
  }

  private handleLine(line: string): void {
    const parsed = parseProbeLine(line);
    if (!this.authenticated) {
      if (!('event' in parsed) || parsed.event.type !== 'hello') {
        this.protocolFailure('the first line from the probe was not a hello');
        return;
      }
      if (!this.tokenMatches(parsed.event.token)) {
        this.protocolFailure('the probe connection presented a wrong token');
        return;
      }
      if (parsed.event.protocol !== PROTOCOL_VERSION) {
        this.protocolFailure(`the probe speaks protocol ${parsed.event.protocol}, this extension ${PROTOCOL_VERSION}`);
        return;
      }
      this.authenticated = true;
      this.clearHelloTimer();
      this.state = 'running';
      this.hello = parsed.event;
      this.emit('hello', parsed.event);
      return;
    }
    if ('error' in parsed) {
      this.warn(parsed.error);
      return;
    }
    if ('ignored' in parsed) return;
    this.handleEvent(parsed.event);
  }

  private handleEvent(event: ProbeEvent): void {
    switch (event.type) {
      case 'hello':
        this.warn('duplicate hello from the probe ignored');
        return;
      case 'loop':
        this.loop = event;
        this.emit('loop', event);
        return;
      case 'update': {
        const series = appendSeries(this.latest?.lag.series ?? [], event.profile.lag.series);
        const profile: Profile = { ...event.profile, lag: { ...event.profile.lag, series } };
        this.latest = profile;
        this.emit('update', profile);
        return;
      }
      case 'end':
        this.finalProfile = event.profile;
        this.latest = event.profile;
        this.emit('update', event.profile);
        return;
    }
  }

  private tokenMatches(candidate: string): boolean {
    const a = Buffer.from(candidate, 'utf8');
    const b = Buffer.from(this.token, 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private protocolFailure(message: string): void {
    this.fatal ??= message;
    this.socket?.destroy();
    this.kill();
  }

  private fail(message: string): void {
    this.fatal ??= message;
    this.kill();
    if (!this.child || this.childExit) this.finish();
  }

  private armKill(graceMs: number): void {
    if (this.killTimer) return;
    this.killTimer = setTimeout(() => {
      this.kill();
    }, graceMs);
    this.killTimer.unref();
  }

  /** Terminates the process: SIGTERM (TerminateProcess on Windows), then a forced kill if it lingers. */
  private kill(): void {
    const child = this.child;
    if (!child || this.childExit || child.pid === undefined) return;
    try {
      child.kill();
    } catch {
      /* already gone */
    }
    setTimeout(() => {
      if (!this.childExit) {
        try {
          child.kill('SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }, 2000).unref();
  }

  private clearHelloTimer(): void {
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
  }

  private finish(): void {
    if (this.ended) return;
    this.clearHelloTimer();
    if (this.killTimer) clearTimeout(this.killTimer);
    this.server?.close();
    this.socket?.destroy();
    const exit = this.childExit ?? { code: null, signal: null };
    const profile = this.finalProfile ?? this.latest;
    if (profile && !this.finalProfile && exit.code !== null) profile.exitCode = exit.code;
    let status: SessionStatus;
    let message: string;
    if (this.fatal) {
      status = 'error';
      message = this.fatal;
    } else if (!this.authenticated && !this.stopRequested) {
      status = 'error';
      const last = this.stderrTail.trim().split('\n').pop() ?? '';
      message =
        `the probe exited (${exit.signal ?? `code ${String(exit.code)}`}) before connecting; ` +
        `check that ${this.options.python} is CPython 3.8 or newer` +
        (last ? `: ${last}` : '');
    } else if (this.stopRequested) {
      status = 'stopped';
      message = 'profiling stopped';
    } else if (exit.signal) {
      status = 'killed';
      message = `the target was killed (${exit.signal})`;
    } else if (exit.code === 0) {
      status = 'finished';
      message = 'the target finished (exit code 0)';
    } else {
      status = 'failed';
      message = exit.code === null ? 'the target ended abnormally' : `the target exited with code ${exit.code}`;
    }
    const loopSeen = this.loop !== null || (profile?.loop ?? null) !== null;
    if (status !== 'error' && !loopSeen) message += '; it never started an asyncio event loop';
    this.ended = {
      status,
      exitCode: exit.code,
      signal: exit.signal,
      profile,
      complete: this.finalProfile !== null,
      loopSeen,
      message,
    };
    this.state = 'ended';
    this.emit('end', this.ended);
    for (const waiter of this.endWaiters.splice(0)) waiter(this.ended);
  }
}
