/**
 * Generated edits for incremental-analysis tests: seeded, realistic changes inside the top-level
 * defs and classes of the rule fixtures (inserted lines of asyncio code, typed characters,
 * deleted or duplicated lines, changed digits). Many break the syntax on purpose: the incremental
 * paths must then give way to a full analysis.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AnyStmt } from '../../src/python/ast';
import { parse } from '../../src/python/index';

const FIXTURES = path.join(import.meta.dirname, '..', 'rules', 'fixtures');

/** Every fixture project: a single `.py` file, or a directory of them (cross-file cases). */
export function fixtureProjects(): { name: string; files: Record<string, string> }[] {
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
export function random(seed: number): () => number {
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

export interface Edit {
  readonly text: string;
  readonly description: string;
}

/** Module-level lines an edit may add or change: constants, aliases of blocking calls, imports, shadowed builtins. */
const MODULE_LINES = [
  'LIMIT = 5',
  'sleep = time.sleep',
  'import time',
  'from time import sleep',
  'from asyncio import sleep',
  'client = None',
  'open = print',
  'semaphore = asyncio.Semaphore(3)',
  'background_tasks = set()',
  'def helper():\n    time.sleep(1)',
  'async def work():\n    await asyncio.sleep(0)',
  'class Session:\n    pass',
];

/**
 * One edit in `text`: mostly inside a top-level def or class (typing in a body), sometimes at
 * module level or in a def's header (what other statements see of the module changes). Null when
 * the text has nothing to edit.
 */
export function randomEdit(text: string, next: () => number): Edit | null {
  if (next() < 0.25) return moduleLevelEdit(text, next);
  return bodyEdit(text, next);
}

function moduleLevelEdit(text: string, next: () => number): Edit | null {
  const body = parse(text).module.body;
  if (body.length === 0) return null;
  const target = body[Math.floor(next() * body.length)] as AnyStmt;
  const lineStart = text.lastIndexOf('\n', target.start - 1) + 1;
  const kind = Math.floor(next() * 5);
  if (kind === 4) {
    // rebind a name the code uses to something else: the statements using it change
    const names = [...new Set([...text.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\(/g)].map((match) => match[1] as string))].filter((name) => !['def', 'class', 'if', 'while', 'print', 'super'].includes(name));
    if (names.length > 0) {
      const name = names[Math.floor(next() * names.length)] as string;
      const value = ['time.sleep', 'asyncio.sleep', 'None', 'open', 'asyncio.create_task'][Math.floor(next() * 5)] as string;
      return { text: `${text.slice(0, lineStart)}${name} = ${value}\n${text.slice(lineStart)}`, description: `rebind ${name} = ${value} at ${lineStart}` };
    }
  }
  if (kind === 0 || kind === 1) {
    const inserted = MODULE_LINES[Math.floor(next() * MODULE_LINES.length)] as string;
    return { text: `${text.slice(0, lineStart)}${inserted}\n${text.slice(lineStart)}`, description: `insert module-level "${inserted}" at ${lineStart}` };
  }
  const statementText = text.slice(target.start, target.end);
  if (kind === 2) {
    // a def's header: async-ness or a parameter
    if (target.nodeType === 'AsyncFunctionDef') {
      const at = text.indexOf('async def', target.start);
      return { text: text.slice(0, at) + text.slice(at + 'async '.length), description: `make the def at ${at} sync` };
    }
    if (target.nodeType === 'FunctionDef') {
      const at = text.indexOf('def ', target.start);
      const paren = text.indexOf('(', at);
      return { text: `${text.slice(0, paren + 1)}extra=None, ${text.slice(paren + 1)}`, description: `add a parameter to the def at ${at}` };
    }
  }
  const digit = /\d/.exec(statementText);
  if (digit && target.nodeType !== 'FunctionDef' && target.nodeType !== 'AsyncFunctionDef' && target.nodeType !== 'ClassDef') {
    const at = target.start + digit.index;
    return { text: `${text.slice(0, at)}9${text.slice(at + 1)}`, description: `change a module-level digit at ${at}` };
  }
  if (target.nodeType === 'Import' || target.nodeType === 'ImportFrom' || target.nodeType === 'Assign') {
    const end = text.indexOf('\n', target.end);
    return { text: text.slice(0, lineStart) + text.slice(end < 0 ? text.length : end + 1), description: `delete the module-level statement at ${lineStart}` };
  }
  return null;
}

function bodyEdit(text: string, next: () => number): Edit | null {
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

