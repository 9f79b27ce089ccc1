import { describe, expect, it } from 'vitest';
import { applyFixes, fixUntilStable } from '../../src/engine/apply-fixes';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/engine/config';
import type { Finding } from '../../src/engine/findings';
import { createProject } from '../../src/engine/lint-project';
import { isRuleEnabled, unknownSelectors, type SelectableRule } from '../../src/engine/selection';
import { parseSuppressions } from '../../src/engine/suppressions';
import { parse } from '../../src/python/index';
import { RULES } from '../../rules/index';
import { defineRule } from '../../rules/rule';
import { AIO101 } from '../../rules/AIO101-blocking-sleep';
import { AIO102 } from '../../rules/AIO102-blocking-http';
import { AIO120 } from '../../rules/AIO120-transitive-blocking';
import { AIO405 } from '../../rules/AIO405-async-without-await';

function config(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return { ...DEFAULT_CONFIG, ...overrides };
}

function lint(source: string, overrides: Partial<ResolvedConfig> = {}, path = 'm.py'): Finding[] {
  const project = createProject({});
  project.setFile(path, source);
  return project.lint(path, config(overrides)).findings;
}

const SLEEPY = 'import time\nasync def f():\n    time.sleep(1)\n';

describe('rule selection', () => {
  it('selects by code, alias, prefix and ALL; the more specific selector wins', () => {
    const on = (rule: SelectableRule, overrides: Partial<ResolvedConfig>) => isRuleEnabled(rule, config(overrides));
    expect(on(AIO101, {})).toBe(true);
    expect(on(AIO101, { select: ['ASYNC251'] })).toBe(true);
    expect(on(AIO101, { select: ['async2'] })).toBe(true);
    expect(on(AIO101, { select: ['AIO2'] })).toBe(false);
    expect(on(AIO101, { select: ['ALL'], ignore: ['AIO1'] })).toBe(false);
    expect(on(AIO101, { select: ['AIO101'], ignore: ['AIO1'] })).toBe(true);
    expect(on(AIO101, { select: ['AIO1'], ignore: ['AIO1'] })).toBe(false);
    expect(on(AIO101, { ignore: ['ASYNC251'] })).toBe(false);
    expect(on(AIO101, { select: ['blocking-sleep'] })).toBe(true);
    expect(on(AIO101, { severity: { AIO101: 'off' } })).toBe(false);
    // extend-select adds to the default set (or to select); extend-ignore adds to ignore
    expect(on(AIO405, {})).toBe(false);
    expect(on(AIO405, { extendSelect: ['AIO405'] })).toBe(true);
    expect(on(AIO101, { extendSelect: ['AIO405'] })).toBe(true);
    expect(on(AIO101, { select: ['AIO2'], extendSelect: ['AIO101'] })).toBe(true);
    expect(on(AIO405, { extendSelect: ['AIO405'], ignore: ['AIO4'] })).toBe(true);
    expect(on(AIO405, { extendSelect: ['AIO4'], extendIgnore: ['AIO405'] })).toBe(false);
    expect(on(AIO101, { extendIgnore: ['ASYNC251'] })).toBe(false);
    expect(unknownSelectors(RULES, ['AIO1', 'XYZ9', 'ALL'])).toEqual(['XYZ9']);
  });

  it('applies severity overrides by code or alias, and per-file ignores by glob', () => {
    expect(lint(SLEEPY, { severity: { ASYNC251: 'error' } })[0]?.severity).toBe('error');
    expect(lint(SLEEPY)[0]?.severity).toBe('warning');
    expect(lint(SLEEPY, { perFileIgnores: { 'tests/**': ['AIO1'] } }, 'tests/unit/m.py')).toEqual([]);
    expect(lint(SLEEPY, { perFileIgnores: { 'm.py': ['ASYNC251'] } })).toEqual([]);
    expect(lint(SLEEPY, { perFileIgnores: { 'other.py': ['AIO101'] } })).toHaveLength(1);
  });
});

describe('suppressions', () => {
  it('parses noqa with and without codes, aiolint ignore and skip-file', () => {
    const source = 'a  # noqa\nb  # NOQA: aio101,ASYNC251\nc  # type: ignore # noqa: AIO102\nd  # aiolint: ignore[AIO103]\ne  # aiolint: skip-file\n';
    const result = parse(source);
    const s = parseSuppressions(result.comments, result.lines);
    expect(s.byLine.get(1)?.codes).toBeNull();
    expect([...(s.byLine.get(2)?.codes ?? [])]).toEqual(['AIO101', 'ASYNC251']);
    expect([...(s.byLine.get(3)?.codes ?? [])]).toEqual(['AIO102']);
    expect([...(s.byLine.get(4)?.codes ?? [])]).toEqual(['AIO103']);
    expect(s.skipFile).toBe(true);
  });

  it('silences on the start line, the end line of the statement, never on other lines', () => {
    const multi = 'import time\nasync def f():\n    time.sleep(\n        1,\n    )  # noqa: AIO101\n';
    expect(lint(multi)).toEqual([]);
    const other = 'import time\nasync def f():\n    time.sleep(1)\n    x = 1  # noqa\n';
    expect(lint(other)).toHaveLength(1);
    const wrong = 'import time\nasync def f():\n    time.sleep(1)  # noqa: AIO102\n';
    expect(lint(wrong)).toHaveLength(1);
    const header = 'import time\nasync def f(p):\n    with open(p) as f:  # noqa: AIO104\n        pass  # noqa: AIO101\n';
    expect(lint(header)).toEqual([]);
    const project = createProject({});
    project.setFile('s.py', `# aiolint: skip-file\n${SLEEPY}`);
    expect(project.lint('s.py', config())).toMatchObject({ findings: [], skipped: true });
  });
});

describe('engine robustness', () => {
  it('turns a crashing rule into one internal error and keeps the other rules', () => {
    const crashing = defineRule({
      meta: { ...AIO101.meta, code: 'AIO999', name: 'crash', aliases: [], docs: 'rules/docs/AIO999.md' },
      messages: { x: 'x' },
      check() {
        throw new Error('boom');
      },
    });
    const project = createProject({ rules: [crashing, AIO101] });
    project.setFile('m.py', SLEEPY);
    const result = project.lint('m.py', config({ select: ['ALL'] }));
    expect(result.internalErrors).toEqual([{ code: 'AIO999', message: expect.stringContaining('boom') as string }]);
    expect(result.findings.map((f) => f.code)).toEqual(['AIO101']);
  });

  it('lints unparsable files without throwing, reporting parse errors', () => {
    const project = createProject({});
    project.setFile('bad.py', 'import time\nasync def f(:\n    time.sleep(1)\n  def (\n');
    const result = project.lint('bad.py', config());
    expect(result.parseErrors.length).toBeGreaterThan(0);
    expect(() => project.lint('missing.py', config())).toThrow(/not part of the project/);
  });

  it('reports related locations with line and column in other files', () => {
    const project = createProject({ rules: [AIO120] });
    project.setFile('util.py', 'import time\n\ndef helper():\n    time.sleep(1)\n');
    project.setFile('main.py', 'from util import helper\nasync def f():\n    helper()\n');
    const [finding] = project.lint('main.py', config()).findings;
    expect(finding?.related.map((r) => [r.file, r.line, r.column])).toEqual([
      ['util.py', 3, 0],
      ['util.py', 4, 4],
    ]);
    expect(project.dependentsOf('util.py')).toEqual(['main.py']);
    // the helper stops blocking: the finding goes, without re-registering main.py
    project.setFile('util.py', 'def helper():\n    return 1\n');
    expect(project.lint('main.py', config())).toMatchObject({ findings: [] });
  });
});

describe('applying fixes', () => {
  it('applies non-overlapping fixes, shares identical import edits, defers overlaps', () => {
    const source = 'import time\nasync def f():\n    time.sleep(1)\n    time.sleep(2)\n';
    const findings = lint(source);
    expect(findings).toHaveLength(2);
    const result = applyFixes(source, findings, { unsafe: false });
    expect(result).toMatchObject({ applied: 2, deferred: 0 });
    expect(result.text).toBe('import asyncio\nimport time\nasync def f():\n    await asyncio.sleep(1)\n    await asyncio.sleep(2)\n');
    const overlapping: Finding[] = [
      { ...(findings[0] as Finding), fix: { applicability: 'safe', message: 'a', edits: [{ start: 0, end: 6, content: 'X' }] } },
      { ...(findings[1] as Finding), fix: { applicability: 'safe', message: 'b', edits: [{ start: 3, end: 8, content: 'Y' }] } },
    ];
    expect(applyFixes(source, overlapping, { unsafe: false })).toMatchObject({ applied: 1, deferred: 1 });
  });

  it('leaves unsafe fixes alone unless asked, and loops until stable', () => {
    const source = 'import requests\nasync def f(u):\n    return requests.get(requests.get(u).url)\n';
    expect(applyFixes(source, lint(source, { targetVersion: '3.12' }), { unsafe: false }).applied).toBe(0);
    const project = createProject({ rules: [AIO102] });
    const result = fixUntilStable(project, 'm.py', source, config({ targetVersion: '3.12' }), { unsafe: true });
    expect(result.remaining).toEqual([]);
    expect(result.rounds).toBe(2);
    expect(result.text).toBe(
      'import asyncio\nimport requests\nasync def f(u):\n    return await asyncio.to_thread(requests.get, (await asyncio.to_thread(requests.get, u)).url)\n',
    );
  });

  it('writes run_in_executor for targets older than 3.9', () => {
    const source = 'import requests\nasync def f(u):\n    requests.get(u, timeout=1)\n    requests.get(u)\n';
    const result = applyFixes(source, lint(source, { targetVersion: '3.8' }), { unsafe: true });
    expect(result.text).toBe(
      'import asyncio\nimport functools\nimport requests\nasync def f(u):\n    await asyncio.get_running_loop().run_in_executor(None, functools.partial(requests.get, u, timeout=1))\n    await asyncio.get_running_loop().run_in_executor(None, requests.get, u)\n',
    );
  });
});
