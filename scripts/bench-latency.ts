/**
 * npm run bench:latency [-- --iterations N] [--sizes 200,2000] [--kinds body,module] [--unbundled]
 *
 * Editor latency: the time from a one-character edit to fresh findings, as the extension does it:
 * `updateFile` with the edited text, `lint` of the edited file, then `lint` of every dependant the
 * update names (files importing it, transitively, when what they can see of it changed).
 *
 * The project is generated deterministically: a shared helper module, the edited module of
 * 200, 2,000 or 10,000 lines (realistic asyncio code: clients, workers, queues, gathers, blocking
 * helpers, classes), and five modules that import it. Two kinds of edit, alternating between two
 * texts so every iteration really re-checks:
 *   - body: one digit inside a function body in the middle of the file (typing in a function;
 *     other modules cannot see it, so no dependant is re-checked);
 *   - module: one digit of a module-level constant in the middle of the file (the module's
 *     interface changes: all five dependants are re-checked).
 * The engine is the esbuild bundle the extension ships (`--unbundled`: the sources as tsx loads
 * them, several times slower). Prints one line per size and kind:
 * `<lines> lines, <kind> edit: p50 <ms> ms, p95 <ms> ms (<dependants> dependants re-checked; CPU p50 <ms> ms, p95 <ms> ms)`.
 * Wall time is what a user waits; on a shared machine whose load exceeds its cores it also
 * measures the scheduler, so the process's own CPU time per edit is printed beside it, and the
 * load average before and after.
 */
import { loadavg } from 'node:os';
import { loadEngine, type EngineApi } from './support/bundled-engine.js';

const SIZES = [200, 2_000, 10_000];
const DEPENDANTS = 5;

/** One block of realistic asyncio code, varied by `i`; every block is 20–30 lines. */
function block(i: number): string {
  switch (i % 6) {
    case 0:
      return `
async def fetch_${i}(session, url: str, retries: int = ${(i % 5) + 1}) -> dict:
    """Fetch one resource, retrying on timeouts."""
    for attempt in range(retries):
        try:
            async with session.get(url, timeout=${(i % 30) + 5}) as response:
                response.raise_for_status()
                return await response.json()
        except asyncio.TimeoutError:
            await asyncio.sleep(0.1 * (attempt + 1))
    raise RuntimeError(f"gave up on {url}")
`;
    case 1:
      return `
def load_settings_${i}(path):
    # a sync helper that blocks: reading a file and sleeping
    time.sleep(0.01)
    with open(path) as handle:
        return json.loads(handle.read())


async def configure_${i}(path):
    settings = load_settings_${i}(path)
    if settings.get("debug"):
        logging.getLogger(__name__).setLevel(logging.DEBUG)
    return settings
`;
    case 2:
      return `
class Worker${i}:
    """Consumes jobs from a queue until cancelled."""

    def __init__(self, queue: asyncio.Queue, name: str = "worker-${i}") -> None:
        self.queue = queue
        self.name = name
        self.processed = 0

    async def run(self) -> None:
        while True:
            job = await self.queue.get()
            try:
                await self.handle(job)
                self.processed += 1
            finally:
                self.queue.task_done()

    async def handle(self, job) -> None:
        await asyncio.sleep(0)
        if job is None:
            return
`;
    case 3:
      return `
async def crawl_${i}(urls, limit: int = ${(i % 8) + 2}):
    semaphore = asyncio.Semaphore(limit)

    async def bounded(url):
        async with semaphore:
            return await fetch_${i - 3}(None, url)

    results = await asyncio.gather(*(bounded(url) for url in urls), return_exceptions=True)
    failures = [r for r in results if isinstance(r, Exception)]
    if failures:
        logging.warning("%d of %d failed", len(failures), len(results))
    return results
`;
    case 4:
      return `
async def supervise_${i}(queue):
    tasks = []
    for n in range(${(i % 4) + 2}):
        tasks.append(asyncio.create_task(Worker${i - 2}(queue).run()))
    try:
        await queue.join()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def report_${i}(values):
    total = sum(values)
    return {"total": total, "mean": total / max(len(values), 1)}
`;
    default:
      return `
async def poll_${i}(client, interval: float = ${(i % 9) + 1}.0):
    while True:
        try:
            status = await client.status()
        except ConnectionError:
            status = None
        if status == "done":
            break
        await asyncio.sleep(interval)
    return report_${i - 1}([1, 2, 3])
`;
  }
}

const HEADER = `"""Generated asyncio module for latency measurements."""
import asyncio
import json
import logging
import time

from .helpers import retry_delay

TIMEOUT = 10
`;

/** A module of about `lines` lines; block numbering starts at 6 so back-references exist. */
function generateModule(lines: number): string {
  const parts = [HEADER];
  let count = HEADER.split('\n').length;
  for (let i = 6; count < lines; i++) {
    const text = block(i);
    parts.push(text);
    count += text.split('\n').length - 1;
    if (count > lines / 2 && !parts.includes(MIDDLE)) {
      parts.push(MIDDLE);
      count += MIDDLE.split('\n').length - 1;
    }
  }
  return parts.join('');
}

/** the module-level edit: `EDITED_LIMIT = 5` ↔ `EDITED_LIMIT = 6`; the body edit: `delay * 2` ↔ `delay * 23` (typing a character: what follows moves by one) */
const MIDDLE = `
EDITED_LIMIT = 5


async def edited_pause(delay):
    await asyncio.sleep(delay * 2)
`;

type EditKind = 'body' | 'module';

function editedVariant(service: string, kind: EditKind): string {
  const edited = kind === 'module' ? MIDDLE.replace('EDITED_LIMIT = 5', 'EDITED_LIMIT = 6') : MIDDLE.replace('delay * 2', 'delay * 23');
  return service.replace(MIDDLE, edited);
}

const HELPERS = `import random


def retry_delay(attempt):
    return min(30.0, 0.5 * 2 ** attempt + random.random())


async def backoff(attempt):
    import asyncio
    await asyncio.sleep(retry_delay(attempt))
`;

function dependant(n: number): string {
  return `import asyncio

from .service import configure_7, crawl_9, fetch_6, Worker8


async def main_${n}(urls):
    settings = await configure_7("settings.json")
    await fetch_6(None, urls[0])
    queue = asyncio.Queue()
    worker = Worker8(queue)
    asyncio.create_task(worker.run())
    return await crawl_9(urls, limit=settings.get("limit", 4))
`;
}

function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

function measure(
  { createProject, DEFAULT_CONFIG }: EngineApi,
  lines: number,
  kind: EditKind,
  iterations: number,
): { p50: number; p95: number; cpuP50: number; cpuP95: number; dependants: number; actualLines: number } {
  const project = createProject({ root: '' });
  const service = generateModule(lines);
  project.setFile('app/__init__.py', '');
  project.setFile('app/helpers.py', HELPERS);
  project.setFile('app/service.py', service);
  for (let n = 0; n < DEPENDANTS; n++) project.setFile(`app/views_${n}.py`, dependant(n));
  const files = ['app/helpers.py', 'app/service.py', ...Array.from({ length: DEPENDANTS }, (_, n) => `app/views_${n}.py`)];
  // the editor has linted every open file once before the user types
  for (const file of files) project.lint(file, DEFAULT_CONFIG);

  const variants = [service, editedVariant(service, kind)];
  const timings: number[] = [];
  const cpuTimings: number[] = [];
  let dependants = 0;
  const warmUp = Math.min(10, iterations);
  for (let i = 0; i < warmUp + iterations; i++) {
    const text = variants[(i + 1) % 2] as string;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const update = project.updateFile('app/service.py', text);
    project.lint('app/service.py', DEFAULT_CONFIG);
    for (const other of update.dependants) project.lint(other, DEFAULT_CONFIG);
    const elapsed = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    if (!update.changed) throw new Error('the edit did not change the text');
    dependants = update.dependants.length;
    if (i >= warmUp) {
      timings.push(elapsed);
      cpuTimings.push((cpu.user + cpu.system) / 1000);
    }
  }
  timings.sort((a, b) => a - b);
  cpuTimings.sort((a, b) => a - b);
  return {
    p50: percentile(timings, 50),
    p95: percentile(timings, 95),
    cpuP50: percentile(cpuTimings, 50),
    cpuP95: percentile(cpuTimings, 95),
    dependants,
    actualLines: service.split('\n').length - 1,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let iterations = 60;
  let unbundled = false;
  let sizes = SIZES;
  let kinds: readonly EditKind[] = ['body', 'module'];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--iterations') iterations = Number(args[++i]);
    else if (args[i] === '--unbundled') unbundled = true;
    else if (args[i] === '--sizes') sizes = (args[++i] ?? '').split(',').map(Number);
    else if (args[i] === '--kinds') kinds = (args[++i] ?? '').split(',').filter((kind): kind is EditKind => kind === 'body' || kind === 'module');
    else {
      console.error(`unknown argument ${args[i] ?? ''}\nusage: npm run bench:latency [-- --iterations N] [--sizes 200,2000] [--kinds body,module] [--unbundled]`);
      process.exit(2);
    }
  }
  if (!(iterations >= 1)) {
    console.error('--iterations takes a positive number');
    process.exit(2);
  }
  const engine = await loadEngine(unbundled);
  console.log(`engine: ${engine.description}; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`);
  for (const size of sizes) {
    for (const kind of kinds) {
      const result = measure(engine, size, kind, size >= 10_000 ? Math.max(1, Math.ceil(iterations / 3)) : iterations);
      console.log(
        `${result.actualLines} lines, ${kind} edit: p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms (${result.dependants} dependants re-checked; CPU p50 ${result.cpuP50.toFixed(2)} ms, p95 ${result.cpuP95.toFixed(2)} ms)`,
      );
    }
  }
  console.log(`load average after: ${loadavg()[0]?.toFixed(2) ?? '?'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
