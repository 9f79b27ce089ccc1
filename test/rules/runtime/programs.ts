/**
 * Runtime checks of the fixes: a program from `programs/` is linted, the fixes of one
 * rule are applied (unsafe ones included), and both the original and the fixed program
 * run with real CPythons. Program headers:
 *   # rule: AIO201                         the rule whose fixes are applied
 *   # expect: <line>                       expected stdout of the fixed program (one per line)
 *   # original: same                       the original prints the same (the fix modernises)
 *   # python-flags: -W error::...          interpreter flags for both runs
 *   # fan-out: ordered|unordered           concurrency programs (print {"peak", "results"} as JSON)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../../src/engine/config';
import { createProject, fixUntilStable } from '../../../src/engine/index';
import { python } from '../../support/pythons';

export const PROGRAMS_DIR = path.join(__dirname, 'programs');

export interface Program {
  readonly name: string;
  readonly text: string;
  readonly rule: string;
  readonly expect: string[];
  readonly originalSame: boolean;
  readonly flags: string[];
  readonly fanout: 'ordered' | 'unordered' | null;
}

export function readPrograms(prefix: string): Program[] {
  return readdirSync(PROGRAMS_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.py'))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(PROGRAMS_DIR, name), 'utf8');
      const header = (key: string): string[] =>
        text
          .split('\n')
          .filter((l) => l.startsWith(`# ${key}:`))
          .map((l) => l.slice(key.length + 3).trim());
      const fanout = header('fan-out')[0];
      return {
        name,
        text,
        rule: header('rule')[0] ?? '',
        expect: header('expect'),
        originalSame: header('original')[0] === 'same',
        flags: (header('python-flags')[0] ?? '').split(/\s+/).filter(Boolean),
        fanout: fanout === 'ordered' || fanout === 'unordered' ? fanout : null,
      };
    });
}

/** The interpreters the fixes must run on: the oldest supported (3.8) and the newest (3.13). */
export function interpreters(): { version: string; exe: string }[] {
  return ['3.8', '3.13'].flatMap((version) => {
    const exe = python(version);
    return exe ? [{ version, exe }] : [];
  });
}

/** Applies every fix of `program.rule` (safe and unsafe) until stable; returns the fixed text and what is left. */
export function applyRuleFixes(program: Program, overrides: Partial<ResolvedConfig> = {}): { text: string; remaining: number; applied: number } {
  const project = createProject();
  const config: ResolvedConfig = { ...DEFAULT_CONFIG, select: [program.rule], ...overrides };
  const result = fixUntilStable(project, program.name, program.text, config, { unsafe: true });
  return { text: result.text, remaining: result.remaining.filter((f) => f.code === program.rule).length, applied: result.applied };
}

const workDir = mkdtempSync(path.join(tmpdir(), 'aiolint-runtime-'));

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runPython(exe: string, flags: string[], name: string, text: string): RunResult {
  const file = path.join(workDir, name);
  writeFileSync(file, text);
  const run = spawnSync(exe, [...flags, file], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONWARNINGS: flags.length ? '' : 'default' } });
  return { status: run.status, stdout: run.stdout.replace(/\r\n/g, '\n'), stderr: run.stderr };
}

/** `python -c "import ast; ast.parse(...)"`: the fixed text is valid for that interpreter's grammar. */
export function compiles(exe: string, text: string): boolean {
  try {
    execFileSync(exe, ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text, encoding: 'utf8' });
    return true;
  } catch {
    return false;
  }
}
