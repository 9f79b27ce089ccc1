/**
 * `--shard k/n` (disjoint shards whose union is the full run) and linting on worker threads
 * (the bundled CLI with dist/worker.js: the same findings as on one thread).
 */
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balance } from '../../src/cli/parallel';
import { inShard, parseShard } from '../../src/cli/shard';
import { runCli, tempProject } from '../cli/support/temp-project';
import type { TempProject } from '../cli/support/temp-project';

const execFileAsync = promisify(execFile);
const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');

/** a project with cross-file findings: helpers that block, called from coroutines in other modules */
function projectFiles(): Record<string, string> {
  const files: Record<string, string> = { 'pkg/__init__.py': '' };
  for (let i = 0; i < 24; i++) {
    files[`pkg/helpers_${i}.py`] = ['import time', '', '', `def wait_${i}():`, `    time.sleep(${i})`, ''].join('\n');
    files[`pkg/service_${i}.py`] = [
      'import asyncio',
      `from pkg.helpers_${i} import wait_${i}`,
      `from pkg.helpers_${(i + 1) % 24} import wait_${(i + 1) % 24}`,
      '',
      '',
      `async def handle_${i}(items):`,
      `    wait_${i}()`,
      '    asyncio.create_task(asyncio.sleep(1))',
      '    return await asyncio.gather(*[asyncio.sleep(x) for x in items])',
      '',
      '',
      `def sync_${i}():`,
      `    wait_${(i + 1) % 24}()`,
      '',
    ].join('\n');
  }
  return files;
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

const describeFinding = (f: JsonFinding): string => `${f.file}:${f.line}:${f.column}:${f.code}:${f.message}`;

let project: TempProject;
beforeAll(() => {
  project = tempProject(projectFiles());
});
afterAll(() => {
  project.dispose();
});

describe('--shard', () => {
  it('parses k/n and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1', '1/2/3']) expect(typeof parseShard(bad)).toBe('string');
  });

  it('puts every path in exactly one shard, independently of other files', () => {
    const paths = Array.from({ length: 200 }, (_, i) => `pkg/sub_${i}/module_${i}.py`);
    const sizes = [0, 0, 0];
    for (const p of paths) {
      const owners = [1, 2, 3].filter((k) => inShard(p, k, 3));
      expect(owners).toHaveLength(1);
      sizes[(owners[0] as number) - 1] = (sizes[(owners[0] as number) - 1] ?? 0) + 1;
    }
    // a hash spread, not all in one shard
    for (const size of sizes) expect(size).toBeGreaterThan(30);
  });

  it('the union of the shards is the full run, and the shards are disjoint', async () => {
    const run = async (...extra: string[]): Promise<{ findings: string[]; files: number }> => {
      const result = await runCli(['check', '--format', 'json', '--stats', '--exit-zero', '--no-cache', ...extra], project.root);
      expect(result.code, result.stderr).toBe(0);
      const files = Number(/Checked (\d+) file/.exec(result.stderr)?.[1]);
      return { findings: (JSON.parse(result.stdout) as JsonFinding[]).map(describeFinding), files };
    };
    const full = await run();
    expect(full.findings.some((f) => f.includes('AIO120'))).toBe(true);
    const shards = [await run('--shard', '1/3'), await run('--shard', '2/3'), await run('--shard', '3/3')];
    const union = shards.flatMap((shard) => shard.findings);
    expect(new Set(union).size).toBe(union.length);
    expect([...union].sort()).toEqual([...full.findings].sort());
    expect(shards.reduce((sum, shard) => sum + shard.files, 0)).toBe(full.files);
    for (const shard of shards) expect(shard.files).toBeGreaterThan(0);
  });

  it('refuses a malformed --shard with exit code 2', async () => {
    const result = await runCli(['check', '--shard', '4/3'], project.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--shard');
  });
});

describe('worker threads', () => {
  it('balance shares out heaviest first and keeps every item once', () => {
    const shares = balance([5, 1, 9, 3, 7, 2], (n) => n, 2);
    expect(shares.flat().sort()).toEqual([1, 2, 3, 5, 7, 9]);
    const weights = shares.map((share) => share.reduce((a, b) => a + b, 0));
    expect(Math.abs((weights[0] ?? 0) - (weights[1] ?? 0))).toBeLessThanOrEqual(1);
  });

  function newestSource(): number {
    let newest = 0;
    for (const folder of ['src', 'rules']) {
      for (const entry of readdirSync(path.join(REPO, folder), { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
      }
    }
    return newest;
  }

  function builtAt(): number {
    try {
      return Math.min(statSync(CLI).mtimeMs, statSync(path.join(REPO, 'dist', 'worker.js')).mtimeMs);
    } catch {
      return 0;
    }
  }

  async function bundled(args: string[]): Promise<{ stdout: string; stderr: string }> {
    try {
      return await execFileAsync(process.execPath, [CLI, ...args], { cwd: project.root });
    } catch (error) {
      const e = error as { stdout: string; stderr: string };
      throw new Error(`node dist/cli.js ${args.join(' ')} failed: ${e.stderr}`);
    }
  }

  it('the bundled CLI on 2 worker threads finds exactly what one thread finds', async () => {
    if (newestSource() > builtAt()) execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'pipe' });
    const single = await bundled(['check', '--format', 'json', '--stats', '--exit-zero', '--no-cache', '-j', '1']);
    const parallel = await bundled(['check', '--format', 'json', '--stats', '--exit-zero', '--no-cache', '-j', '2']);
    expect(single.stderr).toContain('threads: 1');
    expect(parallel.stderr).toContain('threads: 2');
    const findings = JSON.parse(single.stdout) as JsonFinding[];
    expect(findings.filter((f) => f.code === 'AIO120').length).toBeGreaterThanOrEqual(24);
    expect(parallel.stdout).toBe(single.stdout);
    // and through the cache: a warm run on workers answers from the cache with the same findings
    await bundled(['check', '--format', 'json', '--exit-zero', '-j', '2']);
    const warm = await bundled(['check', '--format', 'json', '--stats', '--exit-zero', '-j', '2']);
    expect(warm.stdout).toBe(single.stdout);
    expect(warm.stderr).toMatch(/cache hits: 49\b/);
  }, 120_000);
});
