/**
 * Re-checking only the edited statement: after an edit inside one top-level def or class that
 * changes nothing other code sees, `locality: 'statement'` rules check that statement alone and
 * keep their other findings, shifted; after one that changes what a statement binds (a module
 * constant, an import, a def's header), they also check the statements using those names. The oracle is a fresh project holding the same texts: every
 * finding (ranges, messages, fixes, alternatives, related locations) must be what a cold check
 * gives. The edits are generated (seeded) over every rule fixture, chained several to a file as
 * typing does, and the test also checks that most of them really took the statement path.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import type { Finding } from '../../src/engine/findings';
import { createProject } from '../../src/engine/lint-project';
import { parse } from '../../src/python/index';
import { fixtureProjects, random, randomEdit } from '../support/generated-edits';

/** Everything a finding says, related locations in other files by file only (they move with edits there). */
function shape(findings: readonly Finding[], file: string, parseErrors: unknown = []): string {
  return JSON.stringify({
    findings: findings.map((finding) => ({
      ...finding,
      related: finding.related.map((item) => (item.file === file ? item : { file: item.file, message: item.message })),
    })),
    parseErrors,
  });
}

function freshFindings(files: Record<string, string>, file: string): string {
  const project = createProject({});
  for (const [name, text] of Object.entries(files)) project.setFile(name, text);
  const result = project.lint(file, DEFAULT_CONFIG);
  return shape(result.findings, file, result.parseErrors);
}

describe('statement re-check after a local edit', () => {
  it('gives exactly the findings of a cold check, over generated edits to every rule fixture', () => {
    const projects = fixtureProjects();
    expect(projects.length).toBeGreaterThan(30);
    const next = random(20261122);
    let edits = 0;
    let clean = 0;
    let local = 0;
    let interfaceEdits = 0;
    // every third project also with Windows line endings (the edits then insert `\n` into CRLF text too)
    const variants = projects.flatMap((project, i) =>
      i % 3 === 0 ? [project, { name: `${project.name} (CRLF)`, files: Object.fromEntries(Object.entries(project.files).map(([file, text]) => [file, text.replace(/\n/g, '\r\n')])) }] : [project],
    );
    for (const { name, files } of variants) {
      for (const file of Object.keys(files)) {
        // an editor's project: every file linted once, then the user types in `file`
        const project = createProject({});
        const current = { ...files };
        for (const [other, text] of Object.entries(current)) project.setFile(other, text);
        project.updateFile(file, current[file] as string);
        project.lint(file, DEFAULT_CONFIG);
        for (let round = 0; round < 10; round++) {
          const edit = randomEdit(current[file] as string, next);
          if (!edit) break;
          current[file] = edit.text;
          project.updateFile(file, edit.text);
          const localEdit = project.workspace.localEditOf(file);
          if (localEdit) local++;
          if (localEdit?.changedNames) interfaceEdits++;
          edits++;
          if (parse(edit.text).errors.length === 0) clean++;
          const result = project.lint(file, DEFAULT_CONFIG);
          expect(JSON.parse(shape(result.findings, file, result.parseErrors)), `${name}: ${file} after ${edit.description} (round ${String(round)})`).toEqual(
            JSON.parse(freshFindings(current, file)),
          );
        }
      }
    }
    expect(edits).toBeGreaterThan(300);
    // random characters break the syntax (those edits are checked whole); of the edits that leave
    // valid code, most change nothing other code sees: the test must exercise the statement path
    expect(clean).toBeGreaterThan(100);
    expect(local / clean).toBeGreaterThan(0.5);
    // edits at module level or in a def's header: the statements using the names it binds are checked too
    expect(interfaceEdits).toBeGreaterThan(15);
  });

  it('re-checks only the edited statement: a rule that finds nothing outside it is not asked about the rest', () => {
    const text = `import asyncio
import time


async def first():
    time.sleep(1)


async def second():
    await asyncio.sleep(1)


async def third():
    time.sleep(3)
`;
    const project = createProject({});
    project.updateFile('app.py', text);
    expect(project.lint('app.py', DEFAULT_CONFIG).findings.map((f) => f.code)).toEqual(['AIO101', 'AIO101']);
    const edited = text.replace('asyncio.sleep(1)', 'asyncio.sleep(10)');
    expect(project.updateFile('app.py', edited).interfaceChanged).toBe(false);
    const edit = project.workspace.localEditOf('app.py');
    expect(edit).toMatchObject({ delta: 1 });
    const findings = project.lint('app.py', DEFAULT_CONFIG).findings;
    // the finding after the edit moved by one; the one before stayed
    expect(findings.map((f) => [f.code, edited.slice(f.start, f.end)])).toEqual([
      ['AIO101', 'time.sleep(1)'],
      ['AIO101', 'time.sleep(3)'],
    ]);
    expect(shape(findings, 'app.py')).toBe(shape(createFreshProjectFindings(edited), 'app.py'));
  });

  it('after a module-level edit, re-checks the statements using the names it binds, through helpers', () => {
    const text = `import asyncio
import time

pause = asyncio.sleep


def nap():
    pause(1)


async def main():
    await pause(1)
    nap()


async def unrelated():
    await asyncio.sleep(0)
    time.sleep(2)
`;
    const project = createProject({});
    project.updateFile('app.py', text);
    project.lint('app.py', DEFAULT_CONFIG);
    const edited = text.replace('pause = asyncio.sleep', 'pause = time.sleep');
    expect(project.updateFile('app.py', edited).interfaceChanged).toBe(true);
    const edit = project.workspace.localEditOf('app.py');
    expect(edit?.changedNames && [...edit.changedNames]).toEqual(['pause']);
    const findings = project.lint('app.py', DEFAULT_CONFIG).findings;
    // main now awaits a sync call (AIO205) that blocks (AIO101), and blocks through nap (AIO120); unrelated kept its finding
    expect(findings.map((f) => `${f.code} ${edited.slice(f.start, f.end)}`)).toEqual(['AIO205 await pause(1)', 'AIO101 pause(1)', 'AIO120 nap()', 'AIO101 time.sleep(2)']);
    expect(shape(findings, 'app.py')).toBe(shape(createFreshProjectFindings(edited), 'app.py'));
  });

  it('does not keep findings across a change of configuration or a change in another file', () => {
    const project = createProject({});
    const helper = 'import time\n\n\ndef wait():\n    pass\n';
    const app = 'from helper import wait\n\n\nasync def main():\n    wait()\n\n\nasync def other():\n    pass\n';
    project.setFile('helper.py', helper);
    project.updateFile('app.py', app);
    expect(project.lint('app.py', DEFAULT_CONFIG).findings).toEqual([]);
    // the helper starts blocking: its interface changed, so app.py's memory is stale
    project.updateFile('helper.py', helper.replace('pass', 'time.sleep(1)'));
    project.updateFile('app.py', app.replace('async def other():\n    pass', 'async def other():\n    pass  # typed'));
    expect(project.lint('app.py', DEFAULT_CONFIG).findings.map((f) => f.code)).toEqual(['AIO120']);
    // a different configuration never reuses findings of another one
    const quiet = { ...DEFAULT_CONFIG, ignore: ['AIO120'] };
    expect(project.lint('app.py', quiet).findings).toEqual([]);
  });
});

function createFreshProjectFindings(text: string): Finding[] {
  const project = createProject({});
  project.setFile('app.py', text);
  return project.lint('app.py', DEFAULT_CONFIG).findings;
}
