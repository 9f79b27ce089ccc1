/**
 * Rule fixtures: Python files with the expected findings written inline.
 *
 *   time.sleep(1)  # expect: AIO101            a finding of AIO101 starting on this line
 *   f(open(p))     # expect: AIO104@7          ... starting at 1-based column 7 (UTF-16 units)
 *   x = (a(), b()) # expect: AIO101, AIO101    two on one line (or repeat the marker)
 *
 * Configuration for a fixture (merged over DEFAULT_CONFIG) in one comment line:
 *   # fixture-config: {"targetVersion": "3.9", "blockingCalls": [{"pattern": "bar"}]}
 *
 * Fixture `test/rules/fixtures/<CODE>[_what].py` checks that rule and every code its
 * markers name: exactly the marked findings, nothing on unmarked lines. A folder
 * `<CODE>[_what]/` is a multi-file project: every `.py` in it is registered (paths relative
 * to the folder) and checked against its own markers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/engine/config';
import type { Finding } from '../../src/engine/findings';
import { createProject } from '../../src/engine/lint-project';

export const FIXTURE_DIR = path.join(__dirname, 'fixtures');

export interface Expectation {
  line: number;
  code: string;
  /** 1-based column, when the marker gives one */
  column: number | null;
}

export interface FixtureFile {
  /** path relative to the fixture root (folder fixtures) or the file name */
  path: string;
  text: string;
  expectations: Expectation[];
}

export interface Fixture {
  name: string;
  /** the rule code the fixture is about */
  code: string;
  files: FixtureFile[];
  config: ResolvedConfig;
}

const MARKER = /#\s*expect:\s*([A-Z]+\d+(?:@\d+)?(?:\s*,\s*[A-Z]+\d+(?:@\d+)?)*)/g;
const CONFIG = /^\s*#\s*fixture-config:\s*(\{.*\})\s*$/m;

export function parseExpectations(text: string): Expectation[] {
  const expectations: Expectation[] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    for (const match of lineText.matchAll(MARKER)) {
      for (const item of (match[1] ?? '').split(',')) {
        const [code, column] = item.trim().split('@');
        if (code) expectations.push({ line: index + 1, code, column: column ? Number(column) : null });
      }
    }
  });
  return expectations;
}

function readConfig(texts: string[]): ResolvedConfig {
  for (const text of texts) {
    const match = CONFIG.exec(text);
    if (match?.[1]) return { ...DEFAULT_CONFIG, ...(JSON.parse(match[1]) as Partial<ResolvedConfig>) };
  }
  return { ...DEFAULT_CONFIG };
}

function listPython(dir: string, prefix = ''): string[] {
  const result: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) result.push(...listPython(full, `${prefix}${entry}/`));
    else if (entry.endsWith('.py')) result.push(`${prefix}${entry}`);
  }
  return result;
}

export function loadFixtures(dir = FIXTURE_DIR): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const code = /^(AIO\d+)/.exec(entry)?.[1];
    if (!code) continue;
    const full = path.join(dir, entry);
    let files: FixtureFile[];
    if (statSync(full).isDirectory()) {
      files = listPython(full).map((relative) => {
        const text = readFileSync(path.join(full, relative), 'utf8');
        return { path: relative, text, expectations: parseExpectations(text) };
      });
    } else if (entry.endsWith('.py')) {
      const text = readFileSync(full, 'utf8');
      files = [{ path: entry, text, expectations: parseExpectations(text) }];
    } else {
      continue;
    }
    fixtures.push({ name: entry, code, files, config: readConfig(files.map((f) => f.text)) });
  }
  return fixtures;
}

/** The codes a fixture checks: its own and every code its markers name. */
export function fixtureCodes(fixture: Fixture): string[] {
  const codes = new Set([fixture.code]);
  for (const file of fixture.files) for (const expectation of file.expectations) codes.add(expectation.code);
  return [...codes].sort();
}

export interface FixtureRun {
  project: ReturnType<typeof createProject>;
  config: ResolvedConfig;
  findings: Map<string, Finding[]>;
}

export function runFixture(fixture: Fixture, selectOverride?: string[]): FixtureRun {
  const project = createProject({});
  for (const file of fixture.files) project.setFile(file.path, file.text);
  const config: ResolvedConfig = { ...fixture.config, select: selectOverride ?? fixtureCodes(fixture) };
  const findings = new Map<string, Finding[]>();
  for (const file of fixture.files) {
    const result = project.lint(file.path, config);
    if (result.internalErrors) throw new Error(result.internalErrors.map((e) => e.message).join('\n'));
    findings.set(file.path, result.findings);
  }
  return { project, config, findings };
}

/** `line:CODE[@col]` strings for comparison, sorted. */
export function describeExpected(file: FixtureFile): string[] {
  return file.expectations.map((e) => `${e.line}:${e.code}${e.column !== null ? `@${e.column}` : ''}`).sort();
}

export function describeFound(file: FixtureFile, findings: readonly Finding[], text: string): string[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const withColumn = new Set(file.expectations.filter((e) => e.column !== null).map((e) => `${e.line}:${e.code}`));
  return findings
    .map((finding) => {
      let line = 0;
      while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= finding.start) line++;
      const column = finding.start - (lineStarts[line] as number) + 1;
      const key = `${line + 1}:${finding.code}`;
      return withColumn.has(key) ? `${key}@${column}` : key;
    })
    .sort();
}
