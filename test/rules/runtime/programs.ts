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
import { execFileSync, spawn } from 'node:child_process';
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

/** Runs a program (asynchronously, so the test worker stays responsive and runs can overlap). */
export function runPython(exe: string, flags: string[], name: string, text: string): Promise<RunResult> {
  const dir = mkdtempSync(path.join(workDir, 'run-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return new Promise((resolve) => {
    const child = spawn(exe, [...flags, file], { env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONWARNINGS: flags.length ? '' : 'default' } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill(), 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, stdout, stderr: String(error) });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: stdout.replace(/\r\n/g, '\n'), stderr });
    });
  });
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
