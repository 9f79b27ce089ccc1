import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import { applySettings, normalizeTargetVersion, parseBlockingCallString, parsePyprojectConfig } from '../../src/engine/config-file';

const FILE = 'proj/pyproject.toml';

describe('parsePyprojectConfig', () => {
  it('reads every documented key', () => {
    const text = [
      '[project]',
      'name = "demo"',
      '',
      '[tool.aiolint]',
      'select = ["AIO1", "ASYNC251"]',
      'ignore = ["AIO105"]',
      'blocking-calls = [',
      '  "mylib.fetch_sync",',
      '  "mylib.*.wait -> mylib.wait_async",',
      '  { pattern = "legacy.get", replacement = "modern.get" },',
      ']',
      'coroutine-functions = ["mylib.client.fetch"]',
      'concurrency-limit = 20',
      'max-constant-fanout = 50',
      'target-version = "py310"',
      'exclude = ["migrations", "generated/*.py"]',
      '',
      '[tool.aiolint.per-file-ignores]',
      '"tests/**" = ["AIO101"]',
      '"scripts/*.py" = "AIO1"',
      '',
      '[tool.aiolint.severity]',
      'AIO101 = "error"',
      'aio105 = "off"',
    ].join('\n');
    const result = parsePyprojectConfig(text, FILE);
    expect(result.diagnostics).toEqual([]);
    expect(result.hasToolTable).toBe(true);
    expect(applySettings(result.settings)).toEqual({
      ...DEFAULT_CONFIG,
      select: ['AIO1', 'ASYNC251'],
      ignore: ['AIO105'],
      perFileIgnores: { 'tests/**': ['AIO101'], 'scripts/*.py': ['AIO1'] },
      blockingCalls: [
        { pattern: 'mylib.fetch_sync' },
        { pattern: 'mylib.*.wait', replacement: 'mylib.wait_async' },
        { pattern: 'legacy.get', replacement: 'modern.get' },
      ],
      coroutineFunctions: ['mylib.client.fetch'],
      concurrencyLimit: 20,
      maxConstantFanout: 50,
      targetVersion: '3.10',
      severity: { AIO101: 'error', AIO105: 'off' },
      exclude: ['migrations', 'generated/*.py'],
    });
  });

  it('says there is no table when the file has none', () => {
    const result = parsePyprojectConfig('[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n', FILE);
    expect(result).toEqual({ hasToolTable: false, settings: {}, diagnostics: [] });
  });

  it('reports broken TOML as one error with file and line, and takes no settings', () => {
    const text = '[tool.aiolint]\nselect = ["AIO1"]\nignore = ["AIO105"\nconcurrency-limit = 3\n';
    const result = parsePyprojectConfig(text, FILE);
    expect(result.hasToolTable).toBe(true);
    expect(result.settings).toEqual({});
    expect(result.diagnostics).toHaveLength(1);
    const [error] = result.diagnostics;
    expect(error).toMatchObject({ severity: 'error', file: FILE });
    expect(error?.line).toBeGreaterThanOrEqual(3);
    expect(error?.line).toBeLessThanOrEqual(4);
    expect(error?.message).toMatch(/invalid TOML.*using default settings/);
  });

  it('does not claim a broken file that never mentions aiolint', () => {
    const result = parsePyprojectConfig('[project\nname = 1\n', FILE);
    expect(result.hasToolTable).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
  });

  it('reports a wrong type at the key line and ignores only that key', () => {
    const text = '[tool.aiolint]\nselect = ["AIO1"]\nconcurrency-limit = "ten"\nignore = "AIO105"\n';
    const result = parsePyprojectConfig(text, FILE);
    expect(result.settings).toEqual({ select: ['AIO1'] });
    expect(result.diagnostics.map((d) => [d.severity, d.line])).toEqual([
      ['error', 3],
      ['error', 4],
    ]);
    expect(result.diagnostics[0]?.message).toContain('concurrency-limit');
  });

  it('warns about unknown keys, suggesting the spelling it knows', () => {
    const text = '[tool.aiolint]\n\nper_file_ignores = {}\nselekt = []\nbogus = 1\n';
    const result = parsePyprojectConfig(text, FILE);
    expect(result.diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 3, 'unknown key `per_file_ignores` in [tool.aiolint] (did you mean `per-file-ignores`?); ignored'],
      ['warning', 4, 'unknown key `selekt` in [tool.aiolint] (did you mean `select`?); ignored'],
      ['warning', 5, 'unknown key `bogus` in [tool.aiolint]; ignored'],
    ]);
  });

  it('rejects bad severities and blocking-call entries one by one, keeping the good ones', () => {
    const text = [
      '[tool.aiolint]',
      'blocking-calls = ["ok.call", 3, { pattern = "x.y", other = 1 }]',
      '[tool.aiolint.severity]',
      'AIO101 = "warning"',
      'AIO102 = "loud"',
    ].join('\n');
    const result = parsePyprojectConfig(text, FILE);
    expect(result.settings.blockingCalls).toEqual([{ pattern: 'ok.call' }]);
    expect(result.settings.severity).toEqual({ AIO101: 'warning' });
    expect(result.diagnostics.map((d) => [d.severity, d.line])).toEqual([
      ['error', 2],
      ['error', 2],
      ['warning', 5],
    ]);
  });

  it('rejects a tool.aiolint that is not a table', () => {
    const result = parsePyprojectConfig('[tool]\naiolint = 3\n', FILE);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]?.severity).toBe('error');
  });

  it('counts lines the same with CRLF line breaks', () => {
    const text = '[tool.aiolint]\r\nselect = ["AIO1"]\r\nconcurrency-limit = 0\r\n';
    const result = parsePyprojectConfig(text, FILE);
    expect(result.diagnostics.map((d) => d.line)).toEqual([3]);
  });
});

describe('helpers', () => {
  it('normalises target versions', () => {
    expect(normalizeTargetVersion('py38')).toBe('3.8');
    expect(normalizeTargetVersion('3.12')).toBe('3.12');
    expect(normalizeTargetVersion('py3.9')).toBe('3.9');
    expect(normalizeTargetVersion('2.7')).toBeUndefined();
    expect(normalizeTargetVersion('latest')).toBeUndefined();
  });

  it('splits blocking-call strings', () => {
    expect(parseBlockingCallString('a.b')).toEqual({ pattern: 'a.b' });
    expect(parseBlockingCallString(' a.* -> b.c ')).toEqual({ pattern: 'a.*', replacement: 'b.c' });
    expect(parseBlockingCallString('  ')).toBeUndefined();
  });

  it('layers settings key by key over the defaults without sharing arrays', () => {
    const merged = applySettings({ select: ['AIO1'] }, { ignore: ['AIO105'] }, { select: ['ALL'] });
    expect(merged.select).toEqual(['ALL']);
    expect(merged.ignore).toEqual(['AIO105']);
    merged.exclude.push('x');
    expect(DEFAULT_CONFIG.exclude).toEqual([]);
  });

  it('accumulates extend-select / extend-ignore across layers until a layer sets select / ignore (as ruff does)', () => {
    const parsed = parsePyprojectConfig('[tool.aiolint]\nextend-select = ["AIO405"]\nextend-ignore = ["AIO105"]\n', FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.settings).toEqual({ extendSelect: ['AIO405'], extendIgnore: ['AIO105'] });
    const stacked = applySettings({ extendSelect: ['AIO405'] }, { extendSelect: ['AIO406'], extendIgnore: ['AIO1'] });
    expect(stacked.select).toEqual([]);
    expect(stacked.extendSelect).toEqual(['AIO405', 'AIO406']);
    expect(stacked.extendIgnore).toEqual(['AIO1']);
    const restarted = applySettings({ extendSelect: ['AIO405'], extendIgnore: ['AIO1'] }, { select: ['AIO2'], ignore: ['AIO201'] });
    expect(restarted.extendSelect).toEqual([]);
    expect(restarted.extendIgnore).toEqual([]);
    const sameLayer = applySettings({ select: ['AIO2'], extendSelect: ['AIO405'] });
    expect(sameLayer.select).toEqual(['AIO2']);
    expect(sameLayer.extendSelect).toEqual(['AIO405']);
    const wrongType = parsePyprojectConfig('[tool.aiolint]\nextend-select = "AIO405"\n', FILE);
    expect(wrongType.settings).toEqual({});
    expect(wrongType.diagnostics).toHaveLength(1);
  });
});

describe('unknown rule selectors', () => {
  it('warns at the key that names no rule, when the caller knows the rules', () => {
    const known = ['AIO101', 'AIO102', 'ASYNC251'];
    const unknownSelectors = (selectors: readonly string[]) => selectors.filter((s) => !known.some((k) => k.startsWith(s.toUpperCase())));
    const text = '[tool.aiolint]\nselect = ["AIO1", "ALL", "E501"]\nignore = ["ASYNC251"]\n[tool.aiolint.per-file-ignores]\n"tests/*" = ["AIO9"]\n';
    const result = parsePyprojectConfig(text, FILE, { unknownSelectors });
    expect(result.diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 2, '`select` names no known rule: E501'],
      ['warning', 5, '`per-file-ignores` names no known rule: AIO9'],
    ]);
    expect(result.settings.select).toEqual(['AIO1', 'ALL', 'E501']);
  });
});
