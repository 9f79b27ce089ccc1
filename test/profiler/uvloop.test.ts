/**
 * The probe under uvloop (Debian's python3-uvloop with the system python3): blocks are still found
 * by sampling, per-step timing is unavailable and the profile says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectBlockingSites, markerLine, runProbe, targetPath, uvloopPython, type ProbeRun } from './support';

const python = uvloopPython();
if (!python) console.warn('uvloop tests skipped: no python3 on PATH can import uvloop (install python3-uvloop)');

describe.skipIf(!python)('probe under uvloop', () => {
  let blocking: ProbeRun;
  let tasks: ProbeRun;
  let misuse: ProbeRun;

  beforeAll(async () => {
    const exe = python ?? '';
    [blocking, tasks, misuse] = await Promise.all([
      runProbe(exe, [targetPath('blocking.py'), 'uvloop']),
      runProbe(exe, [targetPath('tasks.py'), 'uvloop']),
      runProbe(exe, [targetPath('misuse.py'), 'uvloop']),
    ]);
  }, 120_000);

  it('names the blocking lines with their durations', () => {
    expect(blocking.profile.loop).toBe('uvloop.Loop');
    expectBlockingSites(blocking);
  });

  it('says that per-step timing is unavailable', () => {
    expect(blocking.profile.stepTiming).toBe(false);
    expect(blocking.profile.steps).toBeNull();
    expect(blocking.profile.unavailable?.some((u) => u.startsWith('per-step timing') && u.includes('uvloop.Loop'))).toBe(true);
    expect(blocking.profile.lag.series.every((p) => p.stepsPerS === undefined)).toBe(true);
  });

  it('counts tasks and reports misuse', () => {
    expect(tasks.profile.tasks).toEqual({ created: 16, finished: 11, cancelled: 3, failed: 2, maxPending: 16 });
    expect(misuse.profile.unawaited[0]).toMatchObject({ coroutine: 'fetch', line: markerLine('misuse.py', 'UNAWAITED') });
    expect(misuse.profile.unretrievedExceptions[0]).toMatchObject({
      exception: 'RuntimeError: never retrieved',
      line: markerLine('misuse.py', 'UNRETRIEVED'),
    });
  });
});
