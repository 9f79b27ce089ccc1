/**
 * The command line with the real engine: in-process through `main`, and once as users run it,
 * `node dist/cli.js` after `npm run build`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from './support/temp-project';
import type { TempProject } from './support/temp-project';

const execFileAsync = promisify(execFile);

function newestSource(): number {
  let newest = 0;
  for (const folder of ['src', 'rules']) {
    for (const entry of readdirSync(path.join(REPO, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return Math.max(newest, statSync(path.join(REPO, 'package.json')).mtimeMs);
}

function builtAt(): number {
  try {
    return statSync(CLI).mtimeMs;
  } catch {
    return 0;
  }
}
const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');

const APP = [
  'import time',
  'import requests',
  '',
  '',
  'async def main():',
  '    time.sleep(1)',
  '    requests.get("https://example.org")',
  '',
].join('\n');

let project: TempProject | undefined;
afterEach(() => {
  project?.dispose();
  project = undefined;
});

function setup(files: Record<string, string | Uint8Array>): TempProject {
  project = tempProject(files);
  return project;
}

interface JsonFinding {
  file: string;
  code: string;
  line: number;
  column: number;
  aliases: string[];
  related: { file: string; line: number; column: number; message: string }[];
  fix: null | { applicability: string };
}

async function json(args: string[], p: TempProject, cwd = p.root): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  const result = await runCli(['check', '--format', 'json', ...args], cwd);
  return { code: result.code, findings: JSON.parse(result.stdout) as JsonFinding[], stderr: result.stderr };
}

const codes = (findings: JsonFinding[]): string[] => findings.map((f) => `${f.file}:${f.line}:${f.code}`);

describe('check with the real engine', () => {
  it('finds blocking calls, with positions, aliases and fixes', async () => {
    const p = setup({ 'app.py': APP });
    const { code, findings } = await json([], p);
    expect(code).toBe(1);
    expect(findings.map((f) => [f.code, f.line, f.column, f.aliases, f.fix?.applicability])).toEqual([
      ['AIO101', 6, 5, ['ASYNC251'], 'safe'],
      ['AIO102', 7, 5, ['ASYNC210', 'ASYNC211', 'ASYNC212'], 'unsafe'],
    ]);
  });

  it('--select and --ignore take codes, aliases and prefixes; unknown ones are usage errors', async () => {
    const p = setup({ 'app.py': APP });
    expect(codes((await json(['--select', 'AIO101'], p)).findings)).toEqual(['app.py:6:AIO101']);
    expect(codes((await json(['--select', 'async251'], p)).findings)).toEqual(['app.py:6:AIO101']);
    expect(codes((await json(['--ignore', 'ASYNC251'], p)).findings)).toEqual(['app.py:7:AIO102']);
    expect(codes((await json(['--select', 'AIO1', '--ignore', 'AIO102'], p)).findings)).toEqual(['app.py:6:AIO101']);
    expect(codes((await json(['--select', 'AIO2'], p)).findings)).toEqual([]);
    const unknown = await runCli(['check', '--select', 'AIO999'], p.root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule selector: AIO999');
  });

  it('--extend-select / extend-select add to the default set; --select starts over; --extend-ignore turns off', async () => {
    const p = setup({ 'app.py': APP });
    const all = ['app.py:5:AIO405', 'app.py:6:AIO101', 'app.py:7:AIO102'];
    expect(codes((await json(['--extend-select', 'AIO405'], p)).findings)).toEqual(all);
    expect(codes((await json(['--extend-select', 'AIO405', '--extend-ignore', 'AIO102'], p)).findings)).toEqual(['app.py:5:AIO405', 'app.py:6:AIO101']);
    const configured = setup({ 'pyproject.toml': '[tool.aiolint]\nextend-select = ["AIO405"]\n', 'app.py': APP });
    expect(codes((await json([], configured)).findings)).toEqual(all);
    expect(codes((await json(['--select', 'AIO101'], configured)).findings)).toEqual(['app.py:6:AIO101']);
    const unknown = await runCli(['check', '--extend-select', 'AIO998'], p.root);
    expect(unknown.code).toBe(2);
  });

  it('honours # noqa with aliases, and per-file-ignores from pyproject.toml', async () => {
    const p = setup({
      'pyproject.toml': '[tool.aiolint]\n[tool.aiolint.per-file-ignores]\n"tests/**" = ["ASYNC251"]\n',
      'app.py': APP.replace('time.sleep(1)', 'time.sleep(1)  # noqa: ASYNC251'),
      'tests/test_app.py': APP,
    });
    const { findings } = await json([], p);
    expect(codes(findings)).toEqual(['app.py:7:AIO102', 'tests/test_app.py:7:AIO102']);
  });

  it('follows sync helpers across files and reports the chain as related locations', async () => {
    const p = setup({
      'pyproject.toml': '[project]\nname = "demo"\n',
      'pkg/__init__.py': '',
      'pkg/util.py': 'import time\n\n\ndef slow():\n    time.sleep(3)\n',
      'pkg/user.py': 'from pkg.util import slow\n\n\nasync def go():\n    slow()\n',
    });
    // only user.py is requested: util.py must still be registered for the workspace index
    const { findings } = await json(['pkg/user.py'], p);
    expect(codes(findings)).toEqual(['pkg/user.py:5:AIO120']);
    expect(findings[0]?.related.map((r) => `${r.file}:${r.line}:${r.column}`)).toContain('pkg/util.py:5:5');
  });

  it('--fix rewrites a CRLF file with CRLF, and the re-lint finds the fixed call gone', async () => {
    const p = setup({ 'app.py': APP.replace(/\n/g, '\r\n') });
    const result = await runCli(['check', '--fix'], p.root);
    const fixed = p.readText('app.py');
    expect(fixed).toContain('await asyncio.sleep(1)\r\n');
    expect(fixed).toMatch(/^import asyncio\r\n/m);
    expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(result.stdout).toContain('(1 fixed, 1 remaining)');
    expect(result.stdout).not.toContain('AIO101');
    expect(result.code).toBe(1);
  });

  it('--fix --unsafe-fixes on a latin-1 file keeps its encoding', async () => {
    const text = '# -*- coding: latin-1 -*-\nimport time\n\n\nasync def caf\u00e9():\n    time.sleep(1)  # d\u00e9j\u00e0\n';
    const p = setup({ 'latin.py': Uint8Array.from(text, (c) => c.charCodeAt(0)) });
    const result = await runCli(['check', '--fix', '--unsafe-fixes'], p.root);
    expect(result.code).toBe(0);
    const bytes = p.read('latin.py');
    const decoded = String.fromCharCode(...bytes);
    expect(decoded).toContain('await asyncio.sleep(1)  # d\u00e9j\u00e0\n');
    expect(bytes.includes(0xc3)).toBe(false); // no UTF-8 sneaked in
  });

  it('reports syntax errors as E999 and still lints the rest of the file set', async () => {
    const p = setup({ 'broken.py': 'async def f(:\n    pass\n', 'app.py': APP });
    const result = await runCli(['check'], p.root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^broken\.py:1:\d+: E999 SyntaxError: .+$/m);
    expect(result.stdout).toContain('app.py:6:5: AIO101');
  });
});

describe('node dist/cli.js', () => {
  beforeAll(() => {
    // `npm run build` unless dist/cli.js is newer than every source it bundles (CI builds just before
    // the tests; rebuilding then would rewrite dist/ under other tests' feet)
    if (newestSource() > builtAt()) execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'pipe' });
  });

  async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], { cwd });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('exits 1 with findings, 0 when clean, 2 on usage errors', async () => {
    const p = setup({ 'app.py': APP, 'clean/ok.py': 'import asyncio\n\n\nasync def f():\n    await asyncio.sleep(1)\n' });
    const dirty = await run(['check'], p.root);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain('app.py:6:5: AIO101 [*] ');
    expect(dirty.stdout).toContain('Found 2 errors.');
    const clean = await run(['check', 'clean'], p.root);
    expect(clean).toEqual({ code: 0, stdout: 'All checks passed!\n', stderr: '' });
    expect((await run(['check', '--bogus'], p.root)).code).toBe(2);
    expect((await run(['check', '--exit-zero'], p.root)).code).toBe(0);
  });

  it('prints its version and a rule page by alias', async () => {
    const version = await run(['--version'], REPO);
    expect(version.stdout).toMatch(/^aiolint \d+\.\d+\.\d+/);
    const rule = await run(['rule', 'ASYNC105'], REPO);
    expect(rule.code).toBe(0);
    expect(rule.stdout).toMatch(/^# AIO201/);
    const byName = await run(['rule', 'blocking-sleep'], REPO);
    expect(byName.stdout).toMatch(/^# AIO101/);
    const list = await run(['rule', '--all'], REPO);
    expect(list.stdout).toMatch(/^AIO101 {2}blocking-sleep \(ASYNC251\): /m);
    expect((await run(['rule', 'AIO999'], REPO)).code).toBe(2);
  });
});
