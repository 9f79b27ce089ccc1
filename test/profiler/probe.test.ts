/**
 * The probe on real CPython runs: programs that block the loop at known lines, a known number of
 * tasks, misuse reports, and the target's own behaviour (output, exit code, exceptions) preserved.
 * Oldest (3.8) and newest (3.13) pyenv CPython and the default python3.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pyenvPythons, python } from '../support/pythons';
import { blockAt, expectBlockingSites, FAKES, markerLine, runProbe, targetPath, testedPythons, TARGETS, type ProbeRun } from './support';

for (const { label, exe } of testedPythons()) {
  describe.skipIf(!exe)(`probe on CPython ${label}`, () => {
    const python = exe ?? '';
    let blocking: ProbeRun;
    let tasks: ProbeRun;
    let misuse: ProbeRun;
    let exit: ProbeRun;
    let crash: ProbeRun;
    let module: ProbeRun;
    let userHooks: ProbeRun;
    let starve: ProbeRun;
    let faultUser: ProbeRun;
    let taskCounts: ProbeRun;
    let dangling: ProbeRun;

    beforeAll(async () => {
      // the timing-sensitive programs run alone (seven probes at once on a small machine starve
      // every loop and blur what the starvation check must tell apart), the short ones together
      blocking = await runProbe(python, [targetPath('blocking.py')]);
      starve = await runProbe(python, [targetPath('starve.py')]);
      [tasks, misuse, exit, crash, module, userHooks, faultUser, taskCounts, dangling] = await Promise.all([
        runProbe(python, [targetPath('tasks.py')]),
        runProbe(python, [targetPath('misuse.py')]),
        runProbe(python, [targetPath('exit_code.py'), 'one', 'two words']),
        runProbe(python, [targetPath('crash.py')]),
        runProbe(python, ['-m', 'modtarget', 'x', 'y']),
        runProbe(python, [targetPath('user_hooks.py')]),
        runProbe(python, [targetPath('fault_user.py')]),
        runProbe(python, [targetPath('task_counts.py')]),
        runProbe(python, [targetPath('dangling.py')]),
      ]);
    }, 120_000);

    it('names the blocking lines with their durations', () => {
      expectBlockingSites(blocking);
      expect(blocking.profile.loop).toMatch(/asyncio\..*EventLoop$/);
      expect(blocking.profile.stepTiming).toBe(true);
      expect(blocking.profile.steps).toBeGreaterThan(10);
    });

    it('measures plausible loop lag', () => {
      const { lag } = blocking.profile;
      expect(lag.p50Ms).toBeLessThan(25);
      expect(lag.maxMs).toBeGreaterThanOrEqual(180);
      expect(lag.p99Ms).toBeLessThanOrEqual(lag.maxMs);
      expect(lag.p99Ms).toBeGreaterThan(lag.p50Ms);
      expect(lag.series.length).toBeGreaterThanOrEqual(2);
      for (const point of lag.series) expect(point.maxMs).toBeLessThanOrEqual(lag.maxMs + 0.01);
      expect(Math.max(...lag.series.map((p) => p.maxMs))).toBeCloseTo(lag.maxMs, 1);
    });

    it('prints a summary on stderr naming the worst line', () => {
      expect(blocking.stderr).toContain('aiolint profile:');
      expect(blocking.stderr).toMatch(/blocking\.py:\d+ in \w+: 1×/);
    });

    it("keeps the program's task names (CPython 3.13.0 renamed factory-made tasks to 'None')", () => {
      const names = (tasks.profile.taskList ?? []).map((t) => t.name);
      expect(names.length).toBeGreaterThan(5);
      for (const name of names) expect(name).toMatch(/^Task-\d+$/);
    });

    it('counts tasks exactly', () => {
      expect(tasks.stdout).toBe('tasks done 2\n');
      expect(tasks.profile.tasks).toEqual({ created: 16, finished: 11, cancelled: 3, failed: 2, maxPending: 16 });
    });

    it('does not count tasks that ended as pending (pools at their limit, waves, tasks left pending by a stopped loop)', () => {
      // the program prints the counts it knows; a pending peak counted with tasks that had ended
      // (a done callback runs an iteration after the task ends) came out 1,900+ instead of 801
      expect(taskCounts.code, taskCounts.stderr).toBe(0);
      const expected = JSON.parse(taskCounts.stdout) as Record<string, number>;
      expect(taskCounts.profile.tasks).toEqual(expected);
      expect(taskCounts.profile.pendingTasks).toBe(0);
    });

    it('lets a task the program dropped while pending be garbage-collected (asyncio still reports it)', () => {
      expect(dangling.code, dangling.stderr).toBe(0);
      expect(dangling.stdout).toBe('collected\n');
      expect(dangling.stderr).toContain('Task was destroyed but it is pending!');
    });

    it('reports an unawaited coroutine and an unretrieved task exception at their creation lines', () => {
      expect(misuse.profile.unawaited).toEqual([
        expect.objectContaining({ coroutine: 'fetch', file: targetPath('misuse.py'), line: markerLine('misuse.py', 'UNAWAITED') }),
      ]);
      expect(misuse.profile.unretrievedExceptions).toEqual([
        expect.objectContaining({
          exception: 'RuntimeError: never retrieved',
          file: targetPath('misuse.py'),
          line: markerLine('misuse.py', 'UNRETRIEVED'),
        }),
      ]);
      expect(misuse.profile.unretrievedExceptions[0]?.task).toMatch(/\(explode\)$/);
      // the user still sees Python's own warnings
      expect(misuse.stderr).toContain("coroutine 'fetch' was never awaited");
      expect(misuse.stderr).toContain('Task exception was never retrieved');
    });

    it("keeps the target's output, argv, __main__, cwd, sys.path[0] and exit code", () => {
      expect(exit.code).toBe(7);
      const seen = JSON.parse(exit.stdout) as { argv: string[]; name: string; cwd: string; path0: string };
      expect(seen).toEqual({ argv: [targetPath('exit_code.py'), 'one', 'two words'], name: '__main__', cwd: TARGETS, path0: TARGETS });
      expect(exit.stderr.startsWith('to stderr\n')).toBe(true);
      expect(exit.profile.exitCode).toBe(7);
    });

    it('reports an exception in the target without swallowing it', () => {
      expect(crash.code).toBe(1);
      const traceback = crash.stderr.slice(0, crash.stderr.indexOf('aiolint profile:'));
      expect(traceback).toMatch(/^Traceback \(most recent call last\):/);
      expect(traceback).toContain(`line ${markerLine('crash.py', 'CRASH')}, in main`);
      expect(traceback).toContain("KeyError: 'missing'");
      expect(traceback).not.toContain('aiolint_probe');
      expect(traceback).not.toContain('runpy');
      expect(crash.profile.exitCode).toBe(1);
      expect(crash.profile.error).toBe("KeyError: 'missing'");
    });

    it("chains the user's task factory and exception handler without replacing them", () => {
      expect(userHooks.code, userHooks.stderr).toBe(0);
      expect(userHooks.stdout).toContain('user handler: Task exception was never retrieved');
      expect(userHooks.stdout).toContain("user factory saw ['main', 'sleep', 'sleep', 'boom']");
      const eager = label === '3.13' || (label === 'default' && userHooks.stdout.includes('eager 5'));
      if (label === '3.13') expect(userHooks.stdout).toContain('eager 5');
      expect(userHooks.profile.tasks.created).toBe(eager ? 6 : 4);
      expect(userHooks.profile.unretrievedExceptions[0]).toMatchObject({ line: markerLine('user_hooks.py', 'USER-BOOM') });
    });

    it('tells starvation (another thread holding the GIL while the loop waits) from a blocking line', () => {
      // the selector's select() is watched: the loop thread found inside it past its deadline is
      // starved (it waits for the GIL), not blocked and not waiting for I/O
      expect(starve.profile.lag.maxMs).toBeGreaterThanOrEqual(300);
      expect(starve.profile.starved?.count ?? 0).toBeGreaterThanOrEqual(1);
      expect(starve.profile.starved?.maxMs ?? 0).toBeGreaterThanOrEqual(300);
      // no long block is pinned anywhere: the loop was waiting the whole time
      expect(starve.profile.blocks.filter((b) => b.maxMs >= 300)).toEqual([]);
    });

    it("leaves the program's own faulthandler timers and settings working, and restores the module", () => {
      expect(faultUser.code, faultUser.stderr).toBe(0);
      expect(faultUser.stdout).toBe(
        [
          'one-shot timer fired: 1',
          'repeating timer kept firing: True and stopped: True',
          'after exit: functions restored: True enabled: True',
          '',
        ].join('\n'),
      );
    });

    it('runs a module with -m like python -m does', () => {
      expect(module.code).toBe(0);
      expect(module.stdout).toBe("module __main__ ['x', 'y']\n");
      const block = blockAt(module.profile, 'modtarget.py', markerLine('modtarget.py', 'BLOCK-MODULE'));
      expect(block?.maxMs).toBeGreaterThanOrEqual(80);
      expect(module.profile.target).toBe('-m modtarget x y');
    });
  });
}

describe.skipIf(!testedPythons()[1]?.exe)('probe details on the default python3', () => {
  const python = testedPythons()[1]?.exe ?? 'python3';

  it('catches C code that holds the GIL through faulthandler', async () => {
    const run = await runProbe(python, [targetPath('gil_hold.py')]);
    const block = blockAt(run.profile, 'gil_hold.py', markerLine('gil_hold.py', 'BLOCK-GIL'));
    expect(block, JSON.stringify(run.profile.blocks)).toBeDefined();
    expect(block?.maxMs).toBeGreaterThanOrEqual(300);
  });

  it('tracks exact creation sites and steps per task in detailed mode', async () => {
    const [misuse, tasks] = await Promise.all([
      runProbe(python, [targetPath('misuse.py')], { probeArgs: ['--detailed'] }),
      runProbe(python, [targetPath('tasks.py')], { probeArgs: ['--detailed'] }),
    ]);
    expect(misuse.profile.unawaited[0]).toMatchObject({ coroutine: 'fetch', line: markerLine('misuse.py', 'UNAWAITED') });
    const table = tasks.profile.taskList ?? [];
    expect(table.length).toBeGreaterThanOrEqual(10);
    expect(table.every((t) => typeof t.steps === 'number')).toBe(true);
    const worker = table.find((t) => t.coroutine === 'work');
    expect(worker?.file).toBe(targetPath('tasks.py'));
    expect(tasks.profile.tasks.created).toBe(16);
  });

  it('exits non-zero when --fail-on-block-ms is exceeded and says so', async () => {
    const run = await runProbe(python, ['-m', 'modtarget'], { probeArgs: ['--fail-on-block-ms', '50'] });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--fail-on-block-ms');
    const calm = await runProbe(python, [targetPath('tasks.py')], { probeArgs: ['--fail-on-block-ms', '5000'] });
    expect(calm.code).toBe(0);
  });

  it('keeps the watchdog asleep while the loop is healthy (at most ~100 wake-ups a second while sampling)', async () => {
    const [idle, busy] = await Promise.all([runProbe(python, [targetPath('idle.py')]), runProbe(python, [targetPath('blocking.py')])]);
    const rate = (run: ProbeRun): number => (run.profile.probeStats?.watchdogWakes ?? Infinity) / run.profile.durationS;
    expect(rate(idle)).toBeLessThanOrEqual(40);
    expect(rate(busy)).toBeLessThanOrEqual(110);
  });

  it('tells starvation without a per-thread CPU clock (as on Windows)', async () => {
    const run = await runProbe(python, [targetPath('starve.py')], { launcher: [path.join(FAKES, 'no_thread_cpu_clock.py')] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.profile.starved?.count ?? 0).toBeGreaterThanOrEqual(1);
    expect(run.profile.blocks.filter((b) => b.maxMs >= 300)).toEqual([]);
    const blocking = await runProbe(python, [targetPath('blocking.py')], { launcher: [path.join(FAKES, 'no_thread_cpu_clock.py')] });
    expectBlockingSites(blocking);
  });

  it('says that await-graph snapshots are not taken where asyncio has capture_call_graph (3.14)', async () => {
    const plain = await runProbe(python, [targetPath('tasks.py')]);
    expect((plain.profile.unavailable ?? []).join('\n')).not.toContain('capture_call_graph');
    const run = await runProbe(python, [targetPath('tasks.py')], { launcher: [path.join(FAKES, 'call_graph_api.py')] });
    expect(run.code, run.stderr).toBe(0);
    expect((run.profile.unavailable ?? []).join('\n')).toContain('await-graph snapshots (asyncio.capture_call_graph)');
  });

  it('profiles a program that never starts a loop', async () => {
    const run = await runProbe(python, [targetPath('no_loop.py')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('no loop here\n');
    expect(run.profile.loop).toBeNull();
    expect(run.profile.blocks).toEqual([]);
  });
});

/** Every other installed CPython 3.8+ gets a smoke run: two loops one after the other, exact task counts. */
const others = [...pyenvPythons()].filter(([minor]) => !['3.8', '3.13'].includes(minor) && Number(minor.split('.')[1]) >= 8);
describe.skipIf(others.length === 0)('probe smoke on the other installed CPythons', () => {
  it.each(others)('CPython %s: both loops of a program are profiled', async (_minor, exe) => {
    const [loops, tasks] = await Promise.all([runProbe(exe, [targetPath('two_loops.py')]), runProbe(exe, [targetPath('tasks.py')])]);
    for (const marker of ['BLOCK-FIRST', 'BLOCK-SECOND']) {
      const block = blockAt(loops.profile, 'two_loops.py', markerLine('two_loops.py', marker));
      expect(block, marker).toBeDefined();
      expect(block?.maxMs).toBeGreaterThanOrEqual(80);
      expect(block?.maxMs).toBeLessThanOrEqual(500);
    }
    expect(loops.profile.tasks).toMatchObject({ created: 5, finished: 5 });
    expect(tasks.profile.tasks).toEqual({ created: 16, finished: 11, cancelled: 3, failed: 2, maxPending: 16 });
  });
});

/** Detailed mode: sys.monitoring on 3.12+ (eager tasks timed on their own), the step wrapper before. */
const monitored = (['3.12', '3.13'] as const).map((minor) => [minor, python(minor)] as const).filter(([, exe]) => exe !== null);
describe.skipIf(monitored.length === 0)('detailed mode with sys.monitoring', () => {
  it.each(monitored)('CPython %s: times each task step, an eager first step apart from its creator, and frees the tool id', async (_minor, exe) => {
    const run = await runProbe(exe ?? '', [targetPath('detailed.py')], { probeArgs: ['--detailed'] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('driven by hand: 5\ntool ids in use after exit: []\n');
    expect(run.profile.notes?.join('\n')).toMatch(/sys\.monitoring \(tool id 2\)/);
    const row = (coroutine: string) => (run.profile.taskList ?? []).find((t) => t.coroutine === coroutine);
    const child = row('eager_child')?.maxStepMs ?? 0;
    expect(child).toBeGreaterThanOrEqual(295);
    // the parent's step (20 ms of its own) created the eager child: the child's 300 ms are not
    // counted in it (wall-clock steps stretch on a loaded machine: compared, not bounded)
    expect(row('parent')?.maxStepMs).toBeGreaterThanOrEqual(18);
    expect(row('parent')?.maxStepMs).toBeLessThan(child);
    expect(row('main')?.maxStepMs).toBeLessThan(child);
    expect(row('many')?.steps).toBe(6);
    expect(run.profile.tasks).toMatchObject({ created: 4, finished: 4 });
  });

  it.each(monitored)('CPython %s: says so and keeps going when every tool id it could use is taken', async (_minor, exe) => {
    const run = await runProbe(exe ?? '', [targetPath('detailed.py')], {
      probeArgs: ['--detailed'],
      launcher: [path.join(FAKES, 'monitoring_taken.py')],
    });
    expect(run.code, run.stderr).toBe(0);
    expect((run.profile.unavailable ?? []).join('\n')).toMatch(/tool id .* taken/);
    expect(run.profile.tasks).toMatchObject({ created: 4, finished: 4 });
  });
});

const beforeMonitoring = python('3.8') ?? python('3.11');
describe.skipIf(!beforeMonitoring)('detailed mode before 3.12', () => {
  it('falls back to the step wrapper and says what is missing', async () => {
    const run = await runProbe(beforeMonitoring ?? '', [targetPath('tasks.py')], { probeArgs: ['--detailed'] });
    expect(run.code, run.stderr).toBe(0);
    expect((run.profile.unavailable ?? []).join('\n')).toMatch(/sys\.monitoring, which needs CPython 3\.12/);
    expect((run.profile.taskList ?? []).every((t) => typeof t.steps === 'number')).toBe(true);
  });
});
