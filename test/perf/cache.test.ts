/**
 * The result cache of `aiolint check`: reused only when nothing a file depends on changed
 * (its text, the files it reaches through imports, how imports resolve, the configuration),
 * and a damaged cache is ignored.
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dependencyKeys, stronglyConnectedComponents } from '../../src/cli/cache';
import { runCli, tempProject } from '../cli/support/temp-project';
import type { TempProject } from '../cli/support/temp-project';

const BLOCKING_HELPER = ['import time', '', '', 'def helper():', '    time.sleep(1)', ''].join('\n');
const HARMLESS_HELPER = ['def helper():', '    return 1', ''].join('\n');
const APP = ['from pkg.helpers import helper', '', '', 'async def main():', '    helper()', ''].join('\n');
const UNRELATED = ['import asyncio', '', '', 'async def other():', '    await asyncio.sleep(1)', ''].join('\n');

let project: TempProject | undefined;
afterEach(() => {
  project?.dispose();
  project = undefined;
});

function setup(files: Record<string, string>): TempProject {
  project = tempProject(files);
  return project;
}

interface Run {
  findings: string[];
  hits: number;
}

async function check(p: TempProject, ...extra: string[]): Promise<Run> {
  const result = await runCli(['check', '--format', 'json', '--stats', '--exit-zero', ...extra], p.root);
  expect(result.code, result.stderr).toBe(0);
  const findings = (JSON.parse(result.stdout) as { file: string; line: number; code: string }[]).map((f) => `${f.file}:${f.line}:${f.code}`);
  const hits = /cache hits: (\d+)/.exec(result.stderr);
  expect(hits, result.stderr).not.toBeNull();
  return { findings, hits: Number(hits?.[1]) };
}

const PROJECT = { 'pkg/__init__.py': '', 'pkg/helpers.py': BLOCKING_HELPER, 'pkg/app.py': APP, 'pkg/unrelated.py': UNRELATED };

describe('result cache', () => {
  it('reuses every result of an unchanged project', async () => {
    const p = setup(PROJECT);
    const cold = await check(p);
    expect(cold.hits).toBe(0);
    expect(cold.findings).toContain('pkg/app.py:5:AIO120');
    expect(existsSync(p.path('.aiolint-cache/results.json'))).toBe(true);
    expect(p.readText('.aiolint-cache/.gitignore')).toContain('*');
    const warm = await check(p);
    expect(warm.hits).toBe(4);
    expect(warm.findings).toEqual(cold.findings);
  });

  it('re-lints the dependants of a changed file (a cross-file finding goes away)', async () => {
    const p = setup(PROJECT);
    expect((await check(p)).findings).toContain('pkg/app.py:5:AIO120');
    p.write('pkg/helpers.py', HARMLESS_HELPER);
    const after = await check(p);
    expect(after.findings).not.toContain('pkg/app.py:5:AIO120');
    // helpers.py changed and app.py imports it; __init__.py and unrelated.py are untouched
    expect(after.hits).toBe(2);
    // and back: the finding returns
    p.write('pkg/helpers.py', BLOCKING_HELPER);
    expect((await check(p)).findings).toContain('pkg/app.py:5:AIO120');
  });

  it('re-lints when a new file makes an unresolved import resolve', async () => {
    const p = setup({
      'pkg/__init__.py': '',
      'pkg/app.py': ['from pkg.extra import slow', '', '', 'async def main():', '    slow()', ''].join('\n'),
    });
    expect((await check(p)).findings).toEqual([]);
    p.write('pkg/extra.py', ['import time', '', '', 'def slow():', '    time.sleep(1)', ''].join('\n'));
    expect((await check(p)).findings).toContain('pkg/app.py:5:AIO120');
  });

  it('re-lints a file reached only through another (transitive dependency)', async () => {
    const p = setup({
      'pkg/__init__.py': '',
      'pkg/low.py': BLOCKING_HELPER,
      'pkg/middle.py': ['from pkg.low import helper', '', '', 'def run():', '    helper()', ''].join('\n'),
      'pkg/top.py': ['from pkg.middle import run', '', '', 'async def main():', '    run()', ''].join('\n'),
    });
    expect((await check(p)).findings).toContain('pkg/top.py:5:AIO120');
    p.write('pkg/low.py', HARMLESS_HELPER);
    expect((await check(p)).findings).not.toContain('pkg/top.py:5:AIO120');
  });

  it('invalidates on a configuration change', async () => {
    const p = setup(PROJECT);
    expect((await check(p)).findings).toContain('pkg/app.py:5:AIO120');
    p.write('pyproject.toml', '[tool.aiolint]\nignore = ["AIO120"]\n');
    const after = await check(p);
    expect(after.hits).toBe(0);
    expect(after.findings).not.toContain('pkg/app.py:5:AIO120');
    // command-line selection is part of the configuration too
    const selected = await check(p, '--select', 'AIO101');
    expect(selected.hits).toBe(0);
  });

  it('ignores a corrupt or foreign cache file and rewrites it', async () => {
    const p = setup(PROJECT);
    const cold = await check(p);
    const cacheFile = p.path('.aiolint-cache/results.json');
    for (const garbage of ['{not json', '[]', 'null', JSON.stringify({ format: 1, tool: 'x', files: {} })]) {
      writeFileSync(cacheFile, garbage);
      const run = await check(p);
      expect(run.hits).toBe(0);
      expect(run.findings).toEqual(cold.findings);
      expect((await check(p)).hits).toBe(4);
    }
  });

  it('drops records of the wrong shape without failing', async () => {
    const p = setup(PROJECT);
    const cold = await check(p);
    const cacheFile = p.path('.aiolint-cache/results.json');
    const document = JSON.parse(p.readText('.aiolint-cache/results.json')) as { files: Record<string, unknown> };
    document.files['pkg/app.py'] = { content: 'x', imports: 'not a list' };
    document.files['pkg/unrelated.py'] = { content: 3 };
    writeFileSync(cacheFile, JSON.stringify(document));
    const run = await check(p);
    expect(run.findings).toEqual(cold.findings);
    expect(run.hits).toBe(2);
  });

  it('caches files that import a nested project (whose files another project checks)', async () => {
    const p = setup({
      'app.py': ['import sub.mod', '', '', 'async def main():', '    sub.mod.slow()', ''].join('\n'),
      'sub/pyproject.toml': '[tool.aiolint]\n',
      'sub/mod.py': BLOCKING_HELPER.replace('helper', 'slow'),
    });
    const cold = await check(p);
    expect(cold.hits).toBe(0);
    const warm = await check(p);
    expect(warm.hits).toBe(2);
    expect(warm.findings).toEqual(cold.findings);
  });

  it('a shard run reuses what the full run cached, and a cold shard run caches for the next', async () => {
    const files: Record<string, string> = { ...PROJECT };
    for (let i = 0; i < 12; i++) files[`pkg/extra_${i}.py`] = APP;
    const p = setup(files);
    const shardHits = async (): Promise<number> => (await check(p, '--shard', '1/2')).hits;
    const first = await shardHits();
    expect(first).toBe(0);
    const second = await check(p, '--shard', '1/2');
    expect(second.hits).toBeGreaterThan(0);
    const full = await check(p);
    // the other shard's files were never linted: only the first shard's come from the cache
    expect(full.hits).toBe(second.hits);
    expect((await check(p, '--shard', '2/2')).hits).toBe(16 - second.hits);
  });

  it('--no-cache neither reads nor writes', async () => {
    const p = setup(PROJECT);
    const run = await check(p, '--no-cache');
    expect(run.hits).toBe(0);
    expect(existsSync(path.join(p.root, '.aiolint-cache'))).toBe(false);
  });

  it('a warm run is faster than a cold one (generous ratio)', async () => {
    const files: Record<string, string> = { 'pkg/__init__.py': '' };
    for (let i = 0; i < 40; i++) {
      const body = Array.from({ length: 30 }, (_, j) => `async def f_${i}_${j}(x):\n    await asyncio.sleep(x)\n    return helper_${i}(x)\n`).join('\n');
      files[`pkg/m${i}.py`] = `import asyncio\nimport time\n\n\ndef helper_${i}(x):\n    time.sleep(x)\n\n\n${body}`;
    }
    const p = setup(files);
    const timed = async (): Promise<number> => {
      const start = performance.now();
      await check(p);
      return performance.now() - start;
    };
    const cold = await timed();
    const warm = await timed();
    expect(warm).toBeLessThan(cold);
  });
});

describe('dependency keys', () => {
  const file = (registered: string, content: string, imports: string[] | undefined): { registered: string; content: string; imports: string[] | undefined } => ({
    registered,
    content,
    imports,
  });

  it('change when a file anywhere in the import cycle changes, not when an outsider does', () => {
    const base = [file('a.py', '1', ['b']), file('b.py', '1', ['a']), file('c.py', '1', ['a']), file('d.py', '1', [])];
    const before = dependencyKeys(base, () => '');
    const changed = dependencyKeys([file('a.py', '1', ['b']), file('b.py', '2', ['a']), base[2], base[3]].map((f) => f ?? file('', '', [])), () => '');
    expect(changed.get('a.py')).not.toBe(before.get('a.py'));
    expect(changed.get('c.py')).not.toBe(before.get('c.py'));
    expect(changed.get('d.py')).toBe(before.get('d.py'));
  });

  it('are unknown for files that reach a file of unknown imports', () => {
    const keys = dependencyKeys([file('a.py', '1', ['b']), file('b.py', '1', undefined), file('c.py', '1', [])], () => '');
    expect(keys.has('a.py')).toBe(false);
    expect(keys.has('b.py')).toBe(false);
    expect(keys.has('c.py')).toBe(true);
  });

  it('include the salt (configuration and tool)', () => {
    const files = [file('a.py', '1', [])];
    expect(dependencyKeys(files, () => 'x').get('a.py')).not.toBe(dependencyKeys(files, () => 'y').get('a.py'));
  });

  it('components come successors first', () => {
    // 0 → 1 → 2 → 1, 3 alone
    const components = stronglyConnectedComponents([[1], [2], [1], []]);
    const order = components.map((c) => [...c].sort().join(','));
    expect(order.indexOf('1,2')).toBeLessThan(order.indexOf('0'));
    expect(order).toContain('3');
    expect(components.flat().sort()).toEqual([0, 1, 2, 3]);
  });
});
