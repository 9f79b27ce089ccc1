/**
 * ProfilerSession end to end with real Python: live events from the real probe, stop(), and the
 * transport's failure modes (wrong token, garbage lines, killed target, no event loop, spawn failure,
 * a probe that never connects) — each ends in a clear state and nothing throws.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/profiler/profile';
import { ProfilerSession, type ProfilerSessionOptions, type SessionEnd } from '../../src/profiler/session';
import type { HelloEvent, LoopEvent } from '../../src/profiler/protocol';
import { defaultPython, python as pyenvPython } from '../support/pythons';
import { FAKES, markerLine, targetPath, TARGETS } from './support';

const python = defaultPython();

interface Recorded {
  session: ProfilerSession;
  hello: HelloEvent[];
  loop: LoopEvent[];
  updates: Profile[];
  stdout: string[];
  stderr: string[];
  warnings: string[];
  ends: SessionEnd[];
}

function record(options: Partial<ProfilerSessionOptions> & Pick<ProfilerSessionOptions, 'target'>): Recorded {
  const session = new ProfilerSession({ python, cwd: TARGETS, ...options });
  const r: Recorded = { session, hello: [], loop: [], updates: [], stdout: [], stderr: [], warnings: [], ends: [] };
  session.on('hello', (h) => r.hello.push(h));
  session.on('loop', (l) => r.loop.push(l));
  session.on('update', (p) => r.updates.push(p));
  session.on('stdout', (t) => r.stdout.push(t));
  session.on('stderr', (t) => r.stderr.push(t));
  session.on('warning', (w) => r.warnings.push(w));
  session.on('end', (e) => r.ends.push(e));
  session.start();
  return r;
}

function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (condition()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error('timed out waiting'));
      }
    }, 25);
  });
}

describe('ProfilerSession', () => {
  it('streams hello, loop, live updates and the target output, then stops a program that runs forever', async () => {
    const r = record({ target: { kind: 'script', path: targetPath('forever.py') } });
    const line = markerLine('forever.py', 'BLOCK-FOREVER');
    await until(() => r.updates.some((p) => p.lag.series.length >= 2 && p.blocks.some((b) => b.line === line && b.count >= 2)));
    expect(r.hello[0]).toMatchObject({ protocol: 1, target: targetPath('forever.py'), cwd: TARGETS });
    expect(r.hello[0]?.python.executable).toBeTruthy();
    expect(r.loop[0]?.stepTiming).toBe(true);
    expect(r.session.state).toBe('running');
    expect(r.stdout.join('')).toContain('started');
    // updates carry only new lag points; the session hands out the whole series
    const last = r.updates[r.updates.length - 1];
    expect(last?.lag.series.map((p) => p.t)).toEqual([...(last?.lag.series.map((p) => p.t) ?? [])].sort((a, b) => a - b));
    expect(new Set(last?.lag.series.map((p) => p.t)).size).toBe(last?.lag.series.length);
    const end = await r.session.stop();
    expect(end.status).toBe('stopped');
    expect(end.complete).toBe(true);
    expect(end.loopSeen).toBe(true);
    const block = end.profile?.blocks.find((b) => b.line === line);
    expect(block?.file).toBe(targetPath('forever.py'));
    expect(block?.maxMs).toBeGreaterThanOrEqual(50);
    expect(r.ends).toHaveLength(1);
    // the probe's own output never mixes into the target's streams
    expect(r.stderr.join('')).not.toContain('aiolint profile:');
  });

  it('ends with the final profile and exit code of a finished program', async () => {
    const r = record({ target: { kind: 'script', path: targetPath('exit_code.py'), args: ['a'] } });
    const end = await r.session.finished();
    expect(end).toMatchObject({ status: 'failed', exitCode: 7, complete: true, loopSeen: true });
    expect(end.profile?.exitCode).toBe(7);
    expect(r.stdout.join('')).toContain('"argv"');
    expect(r.stderr.join('')).toContain('to stderr');
  });

  it('ends cleanly for a program that never starts an event loop', async () => {
    const r = record({ target: { kind: 'script', path: targetPath('no_loop.py') } });
    const end = await r.session.finished();
    expect(end).toMatchObject({ status: 'finished', exitCode: 0, loopSeen: false, complete: true });
    expect(end.profile?.loop).toBeNull();
    expect(end.message).toContain('never started an asyncio event loop');
    expect(r.stdout.join('')).toBe('no loop here\n');
  });

  it('reports a killed target with the last profile it saw', async () => {
    const r = record({ target: { kind: 'script', path: targetPath('forever.py') } });
    await until(() => r.updates.length >= 2);
    const pid = r.session.pid;
    expect(pid).toBeDefined();
    process.kill(pid ?? 0); // SIGTERM on POSIX, TerminateProcess on Windows
    const end = await r.session.finished();
    expect(['killed', 'failed']).toContain(end.status);
    expect(end.complete).toBe(false);
    expect(end.profile?.loop).toBeTruthy();
  });

  it('ends with an error on a wrong token and kills the process', async () => {
    const r = record({ target: { kind: 'script', path: 'unused.py' }, probePath: path.join(FAKES, 'wrong_token.py') });
    const end = await r.session.finished();
    expect(end.status).toBe('error');
    expect(end.message).toContain('wrong token');
    expect(r.hello).toHaveLength(0);
    expect(r.updates).toHaveLength(0);
  });

  it('skips garbage lines with warnings and keeps going', async () => {
    const r = record({ target: { kind: 'script', path: 'unused.py' }, probePath: path.join(FAKES, 'garbage.py') });
    const end = await r.session.finished();
    expect(end.status).toBe('finished');
    expect(end.complete).toBe(true);
    expect(r.warnings.some((w) => w.includes('malformed line'))).toBe(true);
    expect(r.warnings.some((w) => w.includes('without an event type'))).toBe(true);
    expect(r.warnings.some((w) => w.includes('malformed update'))).toBe(true);
    expect(r.updates.length).toBeGreaterThanOrEqual(2);
    expect(r.updates[1]?.lag.series.map((p) => p.t)).toEqual([1, 2]);
    expect(r.stdout.join('')).toContain('fake done');
  });

  it('ends with an error when the interpreter does not exist', async () => {
    const r = record({ python: 'aiolint-no-such-python', target: { kind: 'script', path: targetPath('tasks.py') } });
    const end = await r.session.finished();
    expect(end.status).toBe('error');
    expect(end.message).toContain('aiolint-no-such-python');
  });

  const old = pyenvPython('3.7') ?? pyenvPython('3.6');
  it.skipIf(!old)('explains an interpreter too old for the probe', async () => {
    const r = record({ python: old ?? '', target: { kind: 'script', path: targetPath('tasks.py') } });
    const end = await r.session.finished();
    expect(end.status).toBe('error');
    expect(end.message).toContain('CPython 3.8 or newer');
    expect(end.message).toContain('Python 3.8 or newer is needed');
  });

  it('gives up on a probe that never connects', async () => {
    const r = record({ target: { kind: 'script', path: 'unused.py' }, probePath: path.join(FAKES, 'silent.py'), helloTimeoutMs: 1500 });
    const end = await r.session.finished();
    expect(end.status).toBe('error');
    expect(end.message).toContain('did not connect');
  });

  it('survives a listener that throws', async () => {
    const r = record({ target: { kind: 'script', path: targetPath('tasks.py') } });
    r.session.on('update', () => {
      throw new Error('buggy panel');
    });
    const end = await r.session.finished();
    expect(end.status).toBe('finished');
    expect(r.warnings.some((w) => w.includes('buggy panel'))).toBe(true);
  });
});
