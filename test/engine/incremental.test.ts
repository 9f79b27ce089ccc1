/**
 * Incremental re-checks: `updateFile` invalidates exactly what can depend on the edited file,
 * and says which other files need a re-check. The oracle everywhere is a fresh project holding
 * the same texts: whatever the incremental project answers must be what a cold check answers.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import type { Finding } from '../../src/engine/findings';
import { createProject } from '../../src/engine/lint-project';

const UTIL = `import asyncio
import time


def helper():
    time.sleep(1)


def pure():
    return 1


async def fetch():
    await asyncio.sleep(1)
    return 2
`;

const MAIN = `from util import fetch, helper, pure


async def run():
    helper()
    pure()
    return await fetch()
`;

const VIEWS = `from main import run


async def view():
    return await run()
`;

const OTHER = `import asyncio


async def tick():
    await asyncio.sleep(0)
`;

type Files = Record<string, string>;

const BASE: Files = { 'util.py': UTIL, 'main.py': MAIN, 'views.py': VIEWS, 'other.py': OTHER };

/** what a finding says, without offsets into other files (those move with edits there) */
function shape(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.start}-${f.end} ${f.code} ${f.message} [${f.related.map((r) => r.file).join(',')}]`);
}

function fresh(files: Files, path: string): Finding[] {
  const project = createProject({});
  for (const [file, text] of Object.entries(files)) project.setFile(file, text);
  return project.lint(path, DEFAULT_CONFIG).findings;
}

function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}

/** A project with every file linted once (as an editor has them), plus the files and findings it holds. */
function warmProject(files: Files, options: { maxResidentLines?: number } = {}) {
  const project = createProject(options);
  for (const [file, text] of Object.entries(files)) project.setFile(file, text);
  const findings = new Map<string, Finding[]>();
  for (const file of Object.keys(files)) findings.set(file, project.lint(file, DEFAULT_CONFIG).findings);
  return { project, files: { ...files }, findings };
}

/**
 * Applies an edit the way the extension does (updateFile, lint the file, lint the dependants it
 * names) and checks the result against fresh projects: the re-checked files match a cold check,
 * and every file *not* named kept findings that still match a cold check.
 */
function edit(state: ReturnType<typeof warmProject>, path: string, text: string) {
  const update = state.project.updateFile(path, text);
  state.files[path] = text;
  for (const file of [path, ...update.dependants]) state.findings.set(file, state.project.lint(file, DEFAULT_CONFIG).findings);
  for (const file of Object.keys(state.files)) {
    expect(shape(state.findings.get(file) ?? []), `${file} after editing ${path}`).toEqual(shape(fresh(state.files, file)));
    // and asking again (warm memos) answers the same
    expect(shape(state.project.lint(file, DEFAULT_CONFIG).findings), `${file} re-linted`).toEqual(shape(fresh(state.files, file)));
  }
  return update;
}

describe('updateFile: exact invalidation', () => {
  it('starts from the expected findings', () => {
    const state = warmProject(BASE);
    expect(codes(state.findings.get('main.py') ?? [])).toEqual(['AIO120']);
    expect(codes(state.findings.get('util.py') ?? [])).toEqual([]);
  });

  it('an edit inside an async body that other files cannot see re-checks no dependant', () => {
    const state = warmProject(BASE);
    const update = edit(state, 'util.py', UTIL.replace('asyncio.sleep(1)', 'asyncio.sleep(5)'));
    expect(update).toEqual({ changed: true, interfaceChanged: false, dependants: [] });
    // typing a comment or a local statement in a sync body that keeps its blocking calls: same
    const again = edit(state, 'util.py', state.files['util.py']?.replace('    time.sleep(1)\n', '    x = 1  # note\n    time.sleep(1)\n') ?? '');
    expect(again).toEqual({ changed: true, interfaceChanged: false, dependants: [] });
  });

  it('the same text again changes nothing', () => {
    const state = warmProject(BASE);
    expect(state.project.updateFile('util.py', UTIL)).toEqual({ changed: false, interfaceChanged: false, dependants: [] });
  });

  it('an edit inside a body that stops it blocking changes AIO120 in the files calling it', () => {
    const state = warmProject(BASE);
    const update = edit(state, 'util.py', UTIL.replace('    time.sleep(1)\n', '    return 0\n'));
    expect(update.interfaceChanged).toBe(true);
    expect(update.dependants).toEqual(['main.py', 'views.py']);
    expect(codes(state.findings.get('main.py') ?? [])).toEqual([]);
    // and making it block again brings the finding back
    edit(state, 'util.py', UTIL);
    expect(codes(state.findings.get('main.py') ?? [])).toEqual(['AIO120']);
  });

  it('an edit inside a body that starts blocking (through another helper) is seen by callers', () => {
    const state = warmProject(BASE);
    edit(state, 'util.py', UTIL.replace('def pure():\n    return 1\n', 'def pure():\n    helper()\n    return 1\n'));
    expect(codes(state.findings.get('main.py') ?? [])).toEqual(['AIO120', 'AIO120']);
  });

  it('asyncifying or renaming an exported function updates its dependants', () => {
    const state = warmProject(BASE);
    const asyncified = edit(state, 'util.py', UTIL.replace('def pure():', 'async def pure():'));
    expect(asyncified.interfaceChanged).toBe(true);
    expect(asyncified.dependants).toEqual(['main.py', 'views.py']);
    expect(codes(state.findings.get('main.py') ?? [])).toContain('AIO201');
    const renamed = edit(state, 'util.py', UTIL.replace('def helper():', 'def helper_renamed():'));
    expect(renamed.interfaceChanged).toBe(true);
    expect(codes(state.findings.get('main.py') ?? [])).toEqual([]);
  });

  it('a new module, a removed module and a changed import are interface changes', () => {
    const state = warmProject(BASE);
    const added = edit(state, 'extra.py', 'import time\n\ndef slow():\n    time.sleep(1)\n');
    expect(added.interfaceChanged).toBe(true);
    const importing = edit(state, 'other.py', `${OTHER}\nfrom extra import slow\n\nasync def use():\n    slow()\n`);
    expect(importing.interfaceChanged).toBe(true);
    expect(codes(state.findings.get('other.py') ?? [])).toEqual(['AIO120']);
    const dependants = state.project.dependentsOf('extra.py');
    expect(dependants).toEqual(['other.py']);
    state.project.removeFile('extra.py');
    delete state.files['extra.py'];
    for (const file of dependants) state.findings.set(file, state.project.lint(file, DEFAULT_CONFIG).findings);
    expect(codes(state.findings.get('other.py') ?? [])).toEqual([]);
  });

  it('a sequence of mixed edits always agrees with a cold check', () => {
    const state = warmProject(BASE);
    const texts = [
      UTIL.replace('return 2', 'return 3'),
      UTIL.replace('    time.sleep(1)\n', '    open("f").read()\n'),
      UTIL.replace('import time\n', 'import time\nLIMIT = 3\n'),
      UTIL.replace('def helper():', '@staticmethod\ndef helper():'),
      UTIL,
    ];
    for (const text of texts) edit(state, 'util.py', text);
    edit(state, 'main.py', MAIN.replace('    pure()\n', '    pure()\n    helper()\n'));
    edit(state, 'util.py', UTIL.replace('async def fetch', 'def fetch'));
  });
});

describe('bounded memory: trees are dropped and rebuilt', () => {
  it('a project that keeps no tree finds exactly what an unbounded one finds', () => {
    const bounded = warmProject(BASE, { maxResidentLines: 1 });
    const unbounded = warmProject(BASE);
    expect(bounded.project.workspace.residentLines).toBe(0);
    for (const file of Object.keys(BASE)) {
      expect(bounded.findings.get(file)).toEqual(unbounded.findings.get(file));
      // re-queried after eviction: the same findings, related locations included
      expect(bounded.project.lint(file, DEFAULT_CONFIG).findings).toEqual(unbounded.findings.get(file));
    }
    // edits keep working on a project whose trees come and go
    edit(bounded, 'util.py', UTIL.replace('    time.sleep(1)\n', '    return 0\n'));
    expect(codes(bounded.findings.get('main.py') ?? [])).toEqual([]);
  });

  it('keeps the trees while under the budget, drops them all once over it', () => {
    const { project } = warmProject(BASE, { maxResidentLines: 1_000 });
    const resident = project.workspace.residentLines;
    expect(resident).toBeGreaterThan(0);
    project.workspace.evictAll();
    expect(project.workspace.residentLines).toBe(0);
    // compact facts survive: imports are known without rebuilding a tree
    expect(project.workspace.importsOf('main.py')).toEqual(['util', 'util.fetch', 'util.helper', 'util.pure']);
    expect(project.workspace.residentLines).toBe(0);
    expect(project.dependentsOf('util.py')).toEqual(['main.py', 'views.py']);
    expect(project.workspace.residentLines).toBe(0);
  });

  it('drops the least recently used trees first, with the trees of the files importing them', () => {
    const leaves: Files = {};
    for (let n = 0; n < 6; n++) leaves[`leaf_${n}.py`] = `from util import helper\n\n\nasync def run_${n}():\n    helper()\n`;
    const files = { ...BASE, ...leaves };
    const unbounded = warmProject(files);
    // util.py is about 16 lines, each leaf 5: room for util and a few leaves
    const bounded = createProject({ maxResidentLines: 40 });
    for (const [file, text] of Object.entries(files)) bounded.setFile(file, text);
    for (const file of Object.keys(files)) {
      expect(bounded.lint(file, DEFAULT_CONFIG).findings, file).toEqual(unbounded.findings.get(file));
      expect(bounded.workspace.residentLines).toBeLessThanOrEqual(40);
    }
    // the module every leaf uses stayed; the first leaves checked went
    expect(bounded.workspace.hasTree('util.py')).toBe(true);
    expect(bounded.workspace.hasTree('leaf_0.py')).toBe(false);
    // and everything answers the same once more
    for (const file of Object.keys(files)) expect(bounded.lint(file, DEFAULT_CONFIG).findings, file).toEqual(unbounded.findings.get(file));
  });
});
