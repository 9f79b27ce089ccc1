/**
 * Re-checking only the edited statement: after an edit inside one top-level def or class that
 * changes nothing other code sees, `locality: 'statement'` rules check that statement alone and
 * keep their other findings, shifted. The oracle is a fresh project holding the same texts: every
 * finding (ranges, messages, fixes, alternatives, related locations) must be what a cold check
 * gives. The edits are generated (seeded) over every rule fixture, chained several to a file as
 * typing does, and the test also checks that most of them really took the statement path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import type { Finding } from '../../src/engine/findings';
import { createProject } from '../../src/engine/lint-project';
import type { AnyStmt } from '../../src/python/ast';
import { parse } from '../../src/python/index';

const FIXTURES = path.join(import.meta.dirname, '..', 'rules', 'fixtures');

/** Every fixture project: a single `.py` file, or a directory of them (cross-file cases). */
function fixtureProjects(): { name: string; files: Record<string, string> }[] {
  const projects: { name: string; files: Record<string, string> }[] = [];
  for (const entry of readdirSync(FIXTURES).sort()) {
    const full = path.join(FIXTURES, entry);
    if (statSync(full).isDirectory()) {
      const files: Record<string, string> = {};
      const walk = (dir: string, prefix: string): void => {
        for (const child of readdirSync(dir).sort()) {
          const childPath = path.join(dir, child);
          if (statSync(childPath).isDirectory()) walk(childPath, `${prefix}${child}/`);
          else if (child.endsWith('.py')) files[`${prefix}${child}`] = readFileSync(childPath, 'utf8');
        }
      };
      walk(full, '');
      if (Object.keys(files).length > 0) projects.push({ name: entry, files });
    } else if (entry.endsWith('.py')) {
      projects.push({ name: entry, files: { [entry]: readFileSync(full, 'utf8') } });
    }
  }
  return projects;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines typing inside a body may add: blocking calls, tasks, names fixes pick, non-blocking sockets, globals. */
const INSERTED_LINES = [
  'time.sleep(1)',
  'await asyncio.sleep(0)',
  'asyncio.create_task(work())',
  'asyncio.ensure_future(work())',
  'semaphore = None',
  'background_tasks = set()',
  'task_1 = None',
  'self.sock.setblocking(False)',
  'self.sock.recv(10)',
  'x = 1',
  'pass',
  'global counter',
  'import time',
  'loop = asyncio.get_event_loop()',
  'await asyncio.gather(*[work() for _ in range(9)])',
  'requests.get("http://example.com")',
  'open("f").read()',
  'helper()',
  'return None',
  'x = 1  # noqa: AIO101',
  'time.sleep(2)  # noqa',
];

const INSERTED_CHARACTERS = ['1', 'a', ' ', '_', '(', ')', ':', '.', '\n', '#', 'await '];

interface Edit {
  readonly text: string;
  readonly description: string;
}

/** One edit somewhere inside a top-level def or class of `text` (null when it has none). */
function randomEdit(text: string, next: () => number): Edit | null {
  const tree = parse(text);
  const compound = tree.module.body.filter((stmt: AnyStmt) => stmt.nodeType === 'FunctionDef' || stmt.nodeType === 'AsyncFunctionDef' || stmt.nodeType === 'ClassDef');
  if (compound.length === 0) return null;
  const target = compound[Math.floor(next() * compound.length)] as AnyStmt;
  const lineStarts: number[] = [];
  for (let offset = target.start; offset < target.end; ) {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    if (!lineStarts.includes(lineStart) && lineStart > target.start - 1) lineStarts.push(lineStart);
    const newline = text.indexOf('\n', offset);
    if (newline < 0) break;
    offset = newline + 1;
  }
  const bodyLines = lineStarts.slice(1);
  const lineStart = bodyLines.length > 0 ? (bodyLines[Math.floor(next() * bodyLines.length)] as number) : (lineStarts[0] as number);
  const lineEndRaw = text.indexOf('\n', lineStart);
  const lineEnd = lineEndRaw < 0 ? text.length : lineEndRaw;
  const line = text.slice(lineStart, lineEnd);
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const kind = Math.floor(next() * 6);
  switch (kind) {
    case 0: {
      const inserted = INSERTED_LINES[Math.floor(next() * INSERTED_LINES.length)] as string;
      return { text: `${text.slice(0, lineStart)}${indent}${inserted}\n${text.slice(lineStart)}`, description: `insert line "${inserted}" before line at ${lineStart}` };
    }
    case 1: {
      const at = lineStart + Math.floor(next() * (line.length + 1));
      const inserted = INSERTED_CHARACTERS[Math.floor(next() * INSERTED_CHARACTERS.length)] as string;
      return { text: text.slice(0, at) + inserted + text.slice(at), description: `insert ${JSON.stringify(inserted)} at ${at}` };
    }
    case 2: {
      if (line.trim() === '') return null;
      const at = lineStart + indent.length + Math.floor(next() * (line.length - indent.length));
      return { text: text.slice(0, at) + text.slice(at + 1), description: `delete a character at ${at}` };
    }
    case 3:
      return { text: `${text.slice(0, lineStart)}${line}\n${text.slice(lineStart)}`, description: `duplicate the line at ${lineStart}` };
    case 4:
      return { text: text.slice(0, lineStart) + text.slice(Math.min(text.length, lineEnd + 1)), description: `delete the line at ${lineStart}` };
    default: {
      const digit = /\d/.exec(line);
      if (!digit) return { text: `${text.slice(0, lineEnd)}  # edited${text.slice(lineEnd)}`, description: `comment at ${lineEnd}` };
      const at = lineStart + digit.index;
      return { text: `${text.slice(0, at)}7${text.slice(at + 1)}`, description: `change a digit at ${at}` };
    }
  }
}

/** Everything a finding says, related locations in other files by file only (they move with edits there). */
function shape(findings: readonly Finding[], file: string): string {
  return JSON.stringify(
    findings.map((finding) => ({
      ...finding,
      related: finding.related.map((item) => (item.file === file ? item : { file: item.file, message: item.message })),
    })),
  );
}

function freshFindings(files: Record<string, string>, file: string): string {
  const project = createProject({});
  for (const [name, text] of Object.entries(files)) project.setFile(name, text);
  const result = project.lint(file, DEFAULT_CONFIG);
  return shape(result.findings, file) + JSON.stringify(result.parseErrors);
}

describe('statement re-check after a local edit', () => {
  it('gives exactly the findings of a cold check, over generated edits to every rule fixture', () => {
    const projects = fixtureProjects();
    expect(projects.length).toBeGreaterThan(30);
    const next = random(20261122);
    let edits = 0;
    let clean = 0;
    let local = 0;
    for (const { name, files } of projects) {
      for (const file of Object.keys(files)) {
        // an editor's project: every file linted once, then the user types in `file`
        const project = createProject({});
        const current = { ...files };
        for (const [other, text] of Object.entries(current)) project.setFile(other, text);
        project.updateFile(file, current[file] as string);
        project.lint(file, DEFAULT_CONFIG);
        for (let round = 0; round < 8; round++) {
          const edit = randomEdit(current[file] as string, next);
          if (!edit) break;
          current[file] = edit.text;
          project.updateFile(file, edit.text);
          if (project.workspace.localEditOf(file)) local++;
          edits++;
          if (parse(edit.text).errors.length === 0) clean++;
          const result = project.lint(file, DEFAULT_CONFIG);
          expect(shape(result.findings, file) + JSON.stringify(result.parseErrors), `${name}: ${file} after ${edit.description} (round ${String(round)})`).toBe(
            freshFindings(current, file),
          );
        }
      }
    }
    expect(edits).toBeGreaterThan(300);
    // random characters break the syntax (those edits are checked whole); of the edits that leave
    // valid code, most change nothing other code sees: the test must exercise the statement path
    expect(clean).toBeGreaterThan(100);
    expect(local / clean).toBeGreaterThan(0.5);
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
