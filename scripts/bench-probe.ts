/**
 * `npm run bench:probe` — what the event-loop probe costs on a workload of many short task steps
 * (10,000 tasks × 100 `await asyncio.sleep(0)`), against the same run without the probe and under
 * asyncio's debug mode (PYTHONASYNCIODEBUG=1), all measured in this one run.
 *
 * The workload reports the process CPU time of its asyncio.run() call (the probe's own threads
 * included) and its wall time. The machine this runs on is shared (other jobs come and go), so:
 * plain and probed runs are made in pairs, the order inside a pair alternating; each pair gives a
 * ratio (runs a few seconds apart see the same load) and the median of the ratios is reported; the
 * load average is printed before and after. CPU time is the headline: wall time on a shared 2-core
 * machine swings by tens of percent between identical runs (it is printed too). The fastest run of
 * each kind is compared too (a second view when the pair ratios scatter).
 * Debug mode is 7-20× slower: it runs once, on a tenth of the tasks, and is compared per step.
 *
 * Environment: AIOLINT_BENCH_PYTHON (interpreter, default python3), AIOLINT_BENCH_REPS (pairs,
 * default 7), AIOLINT_BENCH_TASKS / AIOLINT_BENCH_STEPS (default 10000 / 100),
 * AIOLINT_BENCH_PROBE_ARGS (extra probe options, e.g. --detailed).
 * Last line, exactly: `probe overhead: <percent>% (debug mode: <percent>%)`.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
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
const reps = Number(process.env.AIOLINT_BENCH_REPS ?? '7');
const probeArgs = (process.env.AIOLINT_BENCH_PROBE_ARGS ?? '').split(/\s+/).filter(Boolean);
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

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

console.log(`python: ${python}; workload: ${tasks} tasks × ${steps} await asyncio.sleep(0); ${String(reps)} pairs, order alternating`);
console.log(`load average before: ${load()}`);
const plain: Timing[] = [];
const probed: Timing[] = [];
const workloadArgs = [workload, tasks, steps];
const probedArgs = [probe, '--quiet', ...probeArgs, '--', ...workloadArgs];
for (let i = 0; i < reps; i++) {
  // alternate which goes first so drift on the machine hits both alike
  if (i % 2 === 0) {
    plain.push(run('plain', workloadArgs));
    probed.push(run('probe', probedArgs));
  } else {
    probed.push(run('probe', probedArgs));
    plain.push(run('plain', workloadArgs));
  }
}
const debugTasks = String(Math.max(1, Math.round(Number(tasks) / 10)));
const debug = run('debug', [workload, debugTasks, steps], { PYTHONASYNCIODEBUG: '1' });
const debugScale = Number(tasks) / Number(debugTasks);

const pairRatios = (pick: (t: Timing) => number) => plain.map((p, i) => pick(probed[i] ?? p) / pick(p));
const cpuRatio = median(pairRatios((t) => t.cpuS));
const wallRatio = median(pairRatios((t) => t.wallS));
const plainCpu = median(plain.map((t) => t.cpuS));
const asPercent = (ratio: number) => ((ratio - 1) * 100).toFixed(1);
console.log(`load average after: ${load()}`);
console.log(`pair ratios (cpu): ${pairRatios((t) => t.cpuS).map((r) => r.toFixed(3)).join(' ')}`);
console.log(`median cpu: plain ${plainCpu.toFixed(3)} s, probe ${median(probed.map((t) => t.cpuS)).toFixed(3)} s`);
// the fastest run of each kind is the one least disturbed by other jobs (they only add time):
// a second view of the cost when the pair ratios scatter
const plainMin = Math.min(...plain.map((t) => t.cpuS));
const probedMin = Math.min(...probed.map((t) => t.cpuS));
console.log(`fastest cpu: plain ${plainMin.toFixed(3)} s, probe ${probedMin.toFixed(3)} s; ratio ${percent(probedMin, plainMin)}%`);
console.log(`median wall: plain ${median(plain.map((t) => t.wallS)).toFixed(3)} s, probe ${median(probed.map((t) => t.wallS)).toFixed(3)} s; median pair ratio ${asPercent(wallRatio)}%`);
console.log(`debug mode: cpu ${debug.cpuS.toFixed(3)} s for ${debugTasks} tasks, ${(debug.cpuS * debugScale).toFixed(3)} s scaled to ${tasks}`);
console.log(`probe overhead: ${asPercent(cpuRatio)}% (debug mode: ${percent(debug.cpuS * debugScale, plainCpu)}%)`);
