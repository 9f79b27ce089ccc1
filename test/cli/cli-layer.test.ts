/**
 * The command-line layer with a scripted engine (see support/scripted-engine.ts): discovery,
 * configuration, encodings and line endings on --fix, formats, exit codes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { createScriptedEngine } from './support/scripted-engine';
import { runCli, tempProject } from './support/temp-project';
import type { TempProject } from './support/temp-project';

const ASYNC_SLEEP = 'import time\n\nasync def main():\n    time.sleep(1)\n';

let project: TempProject | undefined;
afterEach(() => {
  project?.dispose();
  project = undefined;
});

function setup(files: Record<string, string | Uint8Array>): TempProject {
  project = tempProject(files);
  return project;
}

async function check(args: string[], p: TempProject, engine = createScriptedEngine()) {
  return runCli(['check', ...args], p.root, engine);
}

describe('exit codes and text output', () => {
  it('exits 0 and says so when nothing is found', async () => {
    const p = setup({ 'app.py': 'import asyncio\n' });
    const result = await check([], p);
    expect(result).toEqual({ code: 0, stdout: 'All checks passed!\n', stderr: '' });
  });

  it('exits 1 with ruff-style lines, fixable markers and a summary', async () => {
    const p = setup({ 'pkg/app.py': ASYNC_SLEEP, 'pkg/web.py': 'async def f():\n    requests.get(u)\n' });
    const result = await check([], p);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'pkg/app.py:4:5: AIO101 [*] `time.sleep` blocks the event loop',
        'pkg/web.py:2:5: AIO102 `requests.get` blocks the event loop;\nuse aiohttp',
        'Found 2 errors.',
        '[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the `--unsafe-fixes` option).',
        '',
      ].join('\n'),
    );
  });

  it('--exit-zero exits 0 even with findings', async () => {
    const p = setup({ 'app.py': ASYNC_SLEEP });
    const result = await check(['--exit-zero'], p);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('AIO101');
  });

  it('usage errors exit 2 with a message', async () => {
    const p = setup({ 'app.py': ASYNC_SLEEP });
    for (const args of [['--frobnicate'], ['--format', 'xml'], ['--select', 'NOPE1']]) {
      const result = await check(args, p);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^aiolint: error: /);
      expect(result.stdout).toBe('');
    }
    expect((await runCli([], p.root, createScriptedEngine())).code).toBe(2);
    expect((await runCli(['lint'], p.root, createScriptedEngine())).code).toBe(2);
  });

  it('prints version, help and rule docs', async () => {
    const p = setup({});
    const version = await runCli(['--version'], p.root, createScriptedEngine());
    expect(version.stdout).toMatch(/^aiolint \d+\.\d+\.\d+\n$/);
    expect((await runCli(['check', '--help'], p.root, createScriptedEngine())).stdout).toContain('--unsafe-fixes');
    const rule = await runCli(['rule', 'async251'], p.root, createScriptedEngine());
    expect(rule).toEqual({ code: 0, stdout: '# AIO101 blocking-sleep\n', stderr: '' });
    expect((await runCli(['rule', 'AIO999'], p.root, createScriptedEngine())).code).toBe(2);
  });

  it('reports syntax errors as E999 and goes on', async () => {
    const p = setup({ 'a.py': 'def (x):\n    pass\n', 'b.py': ASYNC_SLEEP });
    const result = await check([], p);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('a.py:1:5: E999 SyntaxError: invalid syntax\n');
    expect(result.stdout).toContain('b.py:4:5: AIO101');
  });

  it('reports undecodable, unreadable and missing files as E902 without stopping', async () => {
    const p = setup({
      'bad.py': new Uint8Array([0x78, 0x20, 0x3d, 0x20, 0x22, 0xff, 0xfe, 0x22, 0x0a]),
      'cookie.py': '# -*- coding: klingon -*-\nx = 1\n',
      'good.py': ASYNC_SLEEP,
    });
    const result = await check(['.', 'missing.py'], p);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^bad\.py:1:1: E902 cannot decode file: .*utf-8.*$/m);
    expect(result.stdout).toMatch(/^cookie\.py:1:1: E902 cannot decode file: .*klingon/m);
    expect(result.stdout).toMatch(/^missing\.py:1:1: E902 cannot read missing\.py: no such file or directory$/m);
    expect(result.stdout).toContain('good.py:4:5: AIO101');
  });

  it('--stats prints honest counts to stderr', async () => {
    const p = setup({ 'a.py': ASYNC_SLEEP, 'b.py': 'x = 1\n' });
    const result = await check(['--stats', '--format', 'json'], p);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
    expect(result.stderr).toMatch(/^Checked 2 files \(5 lines\) in \d+\.\d\ds; cache hits: 0; threads: 1\n\s+1 {2}AIO101 {2}\[\*\] blocking-sleep\n$/);
  });
});

describe('file discovery', () => {
  it('respects .gitignore (nested, negated), default excludes and the configuration exclude', async () => {
    const p = setup({
      '.gitignore': 'generated/\n*_pb2.py\n',
      'pyproject.toml': '[tool.aiolint]\nexclude = ["migrations", "scripts/old_*.py"]\n',
      'app.py': ASYNC_SLEEP,
      'generated/x.py': ASYNC_SLEEP,
      'api_pb2.py': ASYNC_SLEEP,
      'sub/.gitignore': 'local.py\n!keep_pb2.py\n',
      'sub/local.py': ASYNC_SLEEP,
      'sub/keep_pb2.py': ASYNC_SLEEP,
      'sub/other.py': ASYNC_SLEEP,
      'migrations/0001.py': ASYNC_SLEEP,
      'scripts/old_tool.py': ASYNC_SLEEP,
      'scripts/tool.py': ASYNC_SLEEP,
      '.venv/lib/x.py': ASYNC_SLEEP,
      'node_modules/p/x.py': ASYNC_SLEEP,
      'build/lib/x.py': ASYNC_SLEEP,
      'pkg/__pycache__/x.py': ASYNC_SLEEP,
      'notes.txt': 'time.sleep(1)',
    });
    const engine = createScriptedEngine();
    const result = await check(['--format', 'json'], p, engine);
    const files = (JSON.parse(result.stdout) as { file: string }[]).map((f) => f.file);
    expect(files).toEqual(['app.py', 'scripts/tool.py', 'sub/keep_pb2.py', 'sub/other.py']);
    // a file named on the command line is checked even when ignored, like ruff
    const named = await check(['--format', 'json', 'generated/x.py'], p, createScriptedEngine());
    expect((JSON.parse(named.stdout) as { file: string }[]).map((f) => f.file)).toEqual(['generated/x.py']);
  });

  it('applies .gitignore files of parent folders up to the repository root, except to a folder named explicitly', async () => {
    const p = setup({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'vendor/\n*_gen.py\n',
      'src/app.py': ASYNC_SLEEP,
      'src/app_gen.py': ASYNC_SLEEP,
      'src/vendor/lib.py': ASYNC_SLEEP,
      'vendor/lib.py': ASYNC_SLEEP,
    });
    const files = async (args: string[], cwd: string) =>
      (JSON.parse((await runCli(['check', '--format', 'json', ...args], cwd, createScriptedEngine())).stdout) as { file: string }[]).map((f) => f.file);
    expect(await files([], p.path('src'))).toEqual(['app.py']);
    expect(await files(['vendor'], p.root)).toEqual(['vendor/lib.py']);
  });

  it('registers every module of the project before linting the requested file', async () => {
    const p = setup({ 'pyproject.toml': '[project]\nname = "x"\n', 'pkg/a.py': ASYNC_SLEEP, 'pkg/b.py': 'x = 1\n', 'tests/t.py': 'y = 2\n' });
    const engine = createScriptedEngine();
    const result = await check(['pkg/a.py'], p, engine);
    expect(result.code).toBe(1);
    expect(engine.registered).toEqual([['pkg/a.py', 'pkg/b.py', 'tests/t.py']]);
  });

  it('paths are shown relative to the working directory', async () => {
    const p = setup({ 'pyproject.toml': '[project]\nname = "x"\n', 'pkg/sub/a.py': ASYNC_SLEEP });
    const result = await runCli(['check', 'sub'], p.path('pkg'), createScriptedEngine());
    expect(result.stdout).toMatch(/^sub\/a\.py:4:5: AIO101/);
  });
});

describe('configuration', () => {
  it('a broken pyproject.toml gives one clear error with file and line, and the run goes on with defaults', async () => {
    const p = setup({
      'pyproject.toml': '[tool.aiolint]\nignore = ["AIO101"\nselect = []\n',
      'app.py': ASYNC_SLEEP,
    });
    const result = await check([], p);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^aiolint: error: pyproject\.toml:3:\d+: invalid TOML: .*; using default settings$/);
    // defaults: the ignore in the broken file did not apply
    expect(result.stdout).toContain('app.py:4:5: AIO101');
  });

  it('wrong types and unknown keys are reported with their line; good keys still apply', async () => {
    const p = setup({
      'pyproject.toml': '[project]\nname = "x"\n\n[tool.aiolint]\nignore = ["AIO101"]\nconcurrency-limit = -1\nselekt = ["X"]\n',
      'app.py': ASYNC_SLEEP,
    });
    const result = await check([], p);
    expect(result.stderr).toBe(
      'aiolint: error: pyproject.toml:6:1: `concurrency-limit` must be an integer ≥ 1; this key is ignored\n' +
        'aiolint: warning: pyproject.toml:7:1: unknown key `selekt` in [tool.aiolint] (did you mean `select`?); ignored\n',
    );
    expect(result.stdout).not.toContain('AIO101');
    // a configuration error still fails the run, so CI notices
    expect(result.code).toBe(1);
  });

  it('the nearest pyproject.toml with [tool.aiolint] applies; --ignore adds to it; --config replaces the search', async () => {
    const p = setup({
      'pyproject.toml': '[tool.aiolint]\nignore = ["AIO101"]\n',
      'sub/pyproject.toml': '[project]\nname = "sub"\n',
      'sub/app.py': ASYNC_SLEEP + 'async def g():\n    requests.get(u)\n',
      'other.toml': '[tool.aiolint]\nignore = []\n',
    });
    const inherited = await check(['--format', 'json'], p);
    expect((JSON.parse(inherited.stdout) as { code: string }[]).map((f) => f.code)).toEqual(['AIO102']);
    const explicit = await check(['--format', 'json', '--config', 'other.toml'], p);
    expect((JSON.parse(explicit.stdout) as { code: string }[]).map((f) => f.code)).toEqual(['AIO101', 'AIO102']);
    const missing = await check(['--config', 'nope.toml'], p);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('configuration file not found');
  });
});

describe('--fix', () => {
  it('applies safe fixes, keeps CRLF line endings, and reports what remains', async () => {
    const crlf = 'import time\r\n\r\nasync def main():\r\n    time.sleep(1)\r\n    requests.get(u)\r\n';
    const p = setup({ 'app.py': crlf });
    const result = await check(['--fix'], p);
    expect(p.readText('app.py')).toBe(crlf.replace('time.sleep(', 'await asyncio.sleep('));
    expect(result.stdout).toBe(
      'app.py:5:5: AIO102 `requests.get` blocks the event loop;\nuse aiohttp\n' +
        'Found 2 errors (1 fixed, 1 remaining).\n' +
        'No further fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option).\n',
    );
    expect(result.code).toBe(1);

    const unsafe = await check(['--fix', '--unsafe-fixes'], p);
    expect(unsafe.code).toBe(0);
    expect(unsafe.stdout).toBe('Found 1 error (1 fixed, 0 remaining).\n');
    const fixed = p.readText('app.py');
    expect(fixed).toBe(
      'import time\r\n\r\nasync def main():\r\n    await asyncio.sleep(1)\r\n    await to_thread(\r\n        http_get, u)\r\n',
    );
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes latin-1 and BOM files back in their encoding, byte for byte outside the fix', async () => {
    const latin1Text = '# -*- coding: latin-1 -*-\nimport time\n\nasync def caf\u00e9():\n    s = "d\u00e9j\u00e0"\n    time.sleep(1)\n';
    const latin1 = Uint8Array.from(latin1Text, (c) => c.charCodeAt(0));
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('async def f():\n    time.sleep(\u00b5)\n', 'utf8')]);
    const p = setup({ 'latin.py': latin1, 'bom.py': bom });
    const result = await check(['--fix'], p);
    expect(result.code).toBe(0);
    const expectedLatin1 = Uint8Array.from(latin1Text.replace('time.sleep(', 'await asyncio.sleep('), (c) => c.charCodeAt(0));
    expect([...p.read('latin.py')]).toEqual([...expectedLatin1]);
    expect(p.read('bom.py').equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('async def f():\n    await asyncio.sleep(\u00b5)\n', 'utf8')]))).toBe(true);
  });

  it('never writes a fix that breaks the syntax, and does not fix files that do not parse', async () => {
    const p = setup({ 'a.py': 'async def f():\n    time.sleep(1)\n    breakme()\n', 'b.py': 'def (x):\n    time.sleep(1)\n' });
    const before = { a: p.read('a.py'), b: p.read('b.py') };
    const result = await check(['--fix'], p);
    expect(p.read('a.py').equals(before.a)).toBe(true);
    expect(p.read('b.py').equals(before.b)).toBe(true);
    expect(result.stderr).toContain('aiolint: internal error: a.py: fixes of AIO101, AIO103 produced invalid Python; that round was not applied');
    expect(result.code).toBe(2);
  });

  it('does not touch files without fixes', async () => {
    const p = setup({ 'a.py': 'x = 1\n', 'b.py': ASYNC_SLEEP });
    const before = p.read('a.py');
    await check(['--fix'], p);
    expect(p.read('a.py').equals(before)).toBe(true);
  });
});

describe('formats', () => {
  it('json: one array in the documented shape, 1-based lines and UTF-16 columns', async () => {
    const p = setup({ 'app.py': 'async def main():\n    x = "\u{1F600}"; time.sleep(1)\n', 'bad.py': 'def (x): pass\n' });
    const result = await check(['--format', 'json'], p);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: 'app.py',
        code: 'AIO101',
        aliases: ['ASYNC251'],
        name: 'blocking-sleep',
        severity: 'warning',
        message: '`time.sleep` blocks the event loop',
        line: 2,
        column: 15, // 4 spaces + `x = "` (5) + 2 UTF-16 units for the emoji + `"; ` (3) = 14 before
        endLine: 2,
        endColumn: 25,
        fix: {
          applicability: 'safe',
          message: 'Replace with `await asyncio.sleep(...)`',
          edits: [{ line: 2, column: 15, endLine: 2, endColumn: 26, content: 'await asyncio.sleep(' }],
        },
        related: [{ file: 'app.py', line: 1, column: 1, message: 'the file starts here' }],
      },
      {
        file: 'bad.py',
        code: 'E999',
        aliases: [],
        name: 'syntax-error',
        severity: 'error',
        message: 'SyntaxError: invalid syntax',
        line: 1,
        column: 5,
        endLine: 1,
        endColumn: 6,
        fix: null,
        related: [],
      },
    ]);
  });

  it('sarif: valid against the SARIF 2.1.0 schema, with rules, fixes and notifications', async () => {
    const p = setup({
      'pyproject.toml': '[tool.aiolint]\nbogus = 1\n',
      'my app/app.py': ASYNC_SLEEP + 'async def g():\n    requests.get(u)\n',
      'bad.py': new Uint8Array([0xff, 0x0a]),
    });
    const result = await check(['--format', 'sarif'], p);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[]; fixes?: unknown[] }[];
        invocations: { toolExecutionNotifications: { descriptor: { id: string } }[] }[];
      }[];
    };
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    // the schema has a language-tag pattern that is not valid with the `u` flag Ajv uses by default
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(['AIO101', 'AIO102']);
    expect(run?.results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual([
      ['AIO101', 0, 'warning', 'my%20app/app.py'],
      ['AIO102', 1, 'error', 'my%20app/app.py'],
    ]);
    expect(run?.results[0]?.locations[0]?.physicalLocation.region).toEqual({ startLine: 4, startColumn: 5, endLine: 4, endColumn: 15 });
    expect(run?.results[0]?.fixes).toHaveLength(1);
    expect(run?.invocations[0]?.toolExecutionNotifications.map((n) => n.descriptor.id)).toEqual(['E902', 'CONFIG']);

    // files outside the working directory get absolute file: URIs, still valid
    p.write('sub/keep.txt', '');
    const outside = await runCli(['check', '--format', 'sarif', '../my app'], p.path('sub'), createScriptedEngine());
    const outsideLog = JSON.parse(outside.stdout) as typeof log;
    expect(validate(outsideLog)).toBe(true);
    expect(outsideLog.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*\/my%20app\/app\.py$/);

    // the validator is not a rubber stamp
    const broken = structuredClone(log) as { runs: { results: { level: string }[] }[] };
    const firstResult = broken.runs[0]?.results[0];
    if (firstResult) firstResult.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('github: workflow annotations with escaped properties and data', async () => {
    const p = setup({ 'a,b.py': 'async def g():\n    requests.get(u)\n', 'c.py': ASYNC_SLEEP, 'pyproject.toml': '[tool.aiolint]\nconcurrency-limit = 0\n' });
    const result = await check(['--format', 'github'], p);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      '::error title=aiolint configuration,file=pyproject.toml,line=2,col=1::`concurrency-limit` must be an integer ≥ 1; this key is ignored\n' +
        '::error title=aiolint (AIO102),file=a%2Cb.py,line=2,col=5,endLine=2,endColumn=17::AIO102 `requests.get` blocks the event loop;%0Ause aiohttp\n' +
        '::warning title=aiolint (AIO101),file=c.py,line=4,col=5,endLine=4,endColumn=15::AIO101 `time.sleep` blocks the event loop\n',
    );
  });
});
