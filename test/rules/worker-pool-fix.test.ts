/**
 * AIO302's second fix, the bounded asyncio.Queue worker pool: offered (next to the Semaphore
 * fix, never instead of it) only for the loop shapes it rewrites without guessing, and its exact text.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/engine/apply-fixes';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import type { Finding } from '../../src/engine/findings';
import { createProject } from '../../src/engine/lint-project';
import { parse } from '../../src/python/index';
import { defaultPython } from '../support/pythons';
import { FIXTURE_DIR } from './harness';

function lint(source: string, concurrencyLimit = 10): Finding[] {
  const project = createProject({});
  project.setFile('m.py', source);
  return project.lint('m.py', { ...DEFAULT_CONFIG, select: ['AIO302'], concurrencyLimit }).findings;
}

/** The text after applying a finding's worker-pool alternative instead of its main fix. */
export function withWorkerPool(source: string, finding: Finding): string {
  const pool = finding.alternatives?.[0];
  if (!pool) throw new Error('no worker-pool fix');
  return applyFixes(source, [{ ...finding, fix: pool }], { unsafe: true }).text;
}

describe('AIO302 worker-pool fix', () => {
  it('is offered exactly on the marked lines of the fixture, always after the Semaphore fix', () => {
    const text = readFileSync(path.join(FIXTURE_DIR, 'AIO302_worker_pool.py'), 'utf8');
    const lines = text.split('\n');
    const findings = lint(text);
    expect(findings.length).toBe(lines.filter((l) => l.includes('# expect: AIO302')).length);
    const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
    const offered = findings.filter((f) => f.alternatives?.length).map((f) => lineOf(f.start));
    const marked = lines.flatMap((l, i) => (l.includes('# expect: AIO302  worker-pool: offered') ? [i + 1] : []));
    expect(offered).toEqual(marked);
    for (const finding of findings) {
      expect(finding.fix?.message).toBe('Limit concurrency with asyncio.Semaphore');
      for (const alternative of finding.alternatives ?? []) {
        expect(alternative.applicability).toBe('unsafe');
        expect(alternative.message).toMatch(/^Process with a bounded asyncio\.Queue worker pool/);
      }
    }
  });

  it('round-trips on the fixture: each rewrite parses (ours and CPython), removes its finding and adds none', () => {
    const text = readFileSync(path.join(FIXTURE_DIR, 'AIO302_worker_pool.py'), 'utf8');
    const findings = lint(text);
    const pooled = findings.filter((f) => f.alternatives?.length);
    expect(pooled.length).toBe(3);
    const python = defaultPython();
    for (const finding of pooled) {
      const fixed = withWorkerPool(text, finding);
      expect(parse(fixed).errors, fixed).toEqual([]);
      expect(lint(fixed).length, fixed).toBe(findings.length - 1);
      execFileSync(python, ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: fixed, encoding: 'utf8' });
    }
  });

  it('rewrites a dropped-task loop into a queue, a pool of workers and a join', () => {
    const source = 'import asyncio\n\nasync def main(items):\n    for i in items:\n        asyncio.create_task(work(i))  # go\n    print("after")\n';
    const [finding] = lint(source, 3);
    expect(withWorkerPool(source, finding as Finding)).toBe(
      'import asyncio\n\nasync def main(items):\n' +
        '    queue: asyncio.Queue = asyncio.Queue()\n' +
        '    for i in items:\n' +
        '        queue.put_nowait(work(i))  # go\n' +
        '    errors: list = []\n\n' +
        '    async def worker():\n' +
        '        while True:\n' +
        '            aw = await queue.get()\n' +
        '            try:\n' +
        '                await aw\n' +
        '            except Exception as error:\n' +
        '                errors.append(error)\n' +
        '            finally:\n' +
        '                queue.task_done()\n\n' +
        '    workers = [asyncio.create_task(worker()) for _ in range(3)]\n' +
        '    try:\n' +
        '        await queue.join()\n' +
        '    finally:\n' +
        '        for running in workers:\n' +
        '            running.cancel()\n' +
        '        await asyncio.gather(*workers, return_exceptions=True)\n' +
        '    if errors:\n' +
        '        raise errors[0]\n' +
        '    print("after")\n',
    );
  });

  it('picks names that are not used anywhere in the file, and keeps an `asyncio` alias', () => {
    const source =
      'import asyncio as aio\n\nqueue = errors = worker = workers = running = None\n\n' +
      'async def main(items):\n    for i in items:\n        aio.ensure_future(work(i))\n';
    const [finding] = lint(source);
    const text = withWorkerPool(source, finding as Finding);
    expect(text).toContain('    queue_1: aio.Queue = aio.Queue()\n');
    expect(text).toContain('        queue_1.put_nowait(work(i))\n');
    expect(text).toContain('    async def worker_1():\n');
    expect(text).toContain('    workers_1 = [aio.create_task(worker_1()) for _ in range(10)]\n');
    expect(text).toContain('        for running_1 in workers_1:\n');
    expect(text).toContain('    if errors_1:\n        raise errors_1[0]\n');
    expect(text).not.toContain('import asyncio\n');
  });

  it('is not offered where the loop is not inside an async function, or the list is read elsewhere', () => {
    expect(lint('import asyncio\n\ndef f(items):\n    for i in items:\n        asyncio.ensure_future(work(i))\n').every((f) => !f.alternatives)).toBe(true);
    const reread = 'import asyncio\n\nasync def f(items):\n    ts = []\n    for i in items:\n        ts.append(asyncio.create_task(work(i)))\n    await asyncio.gather(*ts)\n    return ts\n';
    expect(lint(reread).every((f) => !f.alternatives)).toBe(true);
    const shadowed = 'import asyncio\n\ndef range(n):\n    return []\n\nasync def f(items):\n    for i in items:\n        asyncio.ensure_future(work(i))\n';
    const [finding] = lint(shadowed);
    expect(finding?.fix).not.toBeNull();
    expect(finding?.alternatives).toBeUndefined();
  });
});
