/**
 * `npm run bench:probe` — what the event-loop probe costs on a workload of many short task steps
 * (10,000 tasks × 100 `await asyncio.sleep(0)`), against the same run without the probe and under
 * asyncio's debug mode (PYTHONASYNCIODEBUG=1), all measured in this one run.
 *
 * The workload reports the process CPU time of its asyncio.run() call (the probe's own threads
 * included); CPU time is the headline because wall time on a shared 2-core machine swings by tens
 * of percent between identical runs. Plain and probed runs alternate; medians are compared.
 * Debug mode is 7-20× slower: it runs once, on a tenth of the tasks, and is compared per step.
 *
 * Environment: AIOLINT_BENCH_PYTHON (interpreter, default python3), AIOLINT_BENCH_REPS (default 5),
 * AIOLINT_BENCH_TASKS / AIOLINT_BENCH_STEPS (default 10000 / 100).
 * Last line, exactly: `probe overhead: <percent>% (debug mode: <percent>%)`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { defaultProbePath } from '../src/profiler/session';
import { defaultPython } from '../test/support/pythons';
import { median } from './support/measure';

interface Timing {
  wallS: number;
  cpuS: number;
}

const root = path.resolve(import.meta.dirname, '..');
const python = process.env.AIOLINT_BENCH_PYTHON ?? defaultPython();
const reps = Number(process.env.AIOLINT_BENCH_REPS ?? '5');
const tasks = process.env.AIOLINT_BENCH_TASKS ?? '10000';
const steps = process.env.AIOLINT_BENCH_STEPS ?? '100';
const workload = path.join(root, 'test', 'profiler', 'targets', 'many_steps.py');
const probe = defaultProbePath();

function run(label: string, args: string[], env: NodeJS.ProcessEnv = {}): Timing {
  const result = spawnSync(python, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`${label}: ${python} exited with ${String(result.status)}`);
  }
  const last = result.stdout.trim().split('\n').pop() ?? '';
  const timing = JSON.parse(last) as Timing;
  console.log(`${label.padEnd(8)} cpu ${timing.cpuS.toFixed(3)} s  wall ${timing.wallS.toFixed(3)} s`);
  return timing;
}

function percent(value: number, base: number): string {
  return ((value / base - 1) * 100).toFixed(1);
}

console.log(`python: ${python}; workload: ${tasks} tasks × ${steps} await asyncio.sleep(0); ${reps} alternating repetitions`);
const plain: Timing[] = [];
const probed: Timing[] = [];
const workloadArgs = [workload, tasks, steps];
for (let i = 0; i < reps; i++) {
  // alternate which goes first so drift on the machine hits both alike
  if (i % 2 === 0) {
    plain.push(run('plain', workloadArgs));
    probed.push(run('probe', [probe, '--quiet', '--', ...workloadArgs]));
  } else {
    probed.push(run('probe', [probe, '--quiet', '--', ...workloadArgs]));
    plain.push(run('plain', workloadArgs));
  }
}
const debugTasks = String(Math.max(1, Math.round(Number(tasks) / 10)));
const debug = run('debug', [workload, debugTasks, steps], { PYTHONASYNCIODEBUG: '1' });
const debugScale = Number(tasks) / Number(debugTasks);

const plainCpu = median(plain.map((t) => t.cpuS));
const probeCpu = median(probed.map((t) => t.cpuS));
const plainWall = median(plain.map((t) => t.wallS));
const probeWall = median(probed.map((t) => t.wallS));
console.log(`median cpu: plain ${plainCpu.toFixed(3)} s, probe ${probeCpu.toFixed(3)} s`);
console.log(`median wall: plain ${plainWall.toFixed(3)} s, probe ${probeWall.toFixed(3)} s (${percent(probeWall, plainWall)}%)`);
console.log(`debug mode: cpu ${debug.cpuS.toFixed(3)} s for ${debugTasks} tasks, ${(debug.cpuS * debugScale).toFixed(3)} s scaled to ${tasks}`);
console.log(`probe overhead: ${percent(probeCpu, plainCpu)}% (debug mode: ${percent(debug.cpuS * debugScale, plainCpu)}%)`);
