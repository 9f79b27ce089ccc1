/**
 * Shared helpers for the profiler tests: run the probe on a target program, find marker lines,
 * find interpreters (pyenv versions, a python3 that has uvloop).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { defaultProbePath } from '../../src/profiler/session';
import type { Profile } from '../../src/profiler/profile';
import { defaultPython, python } from '../support/pythons';

export const TARGETS = path.join(import.meta.dirname, 'targets');
export const FAKES = path.join(import.meta.dirname, 'fakes');
export const PROBE = defaultProbePath();

export interface ProbeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  profile: Profile;
}

/** 1-based line of the `# MARKER` comment in a target program. */
export function markerLine(file: string, marker: string): number {
  const lines = readFileSync(path.join(TARGETS, file), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`# ${marker}`));
  if (index < 0) throw new Error(`no marker ${marker} in ${file}`);
  return index + 1;
}

export function targetPath(file: string): string {
  return path.join(TARGETS, file);
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'aiolint-profiler-'));
}

/**
 * Runs `python [launcher...] <probe> [probeArgs] --out <tmp> -- <target...>` and reads the profile
 * (a launcher script changes the interpreter before it runs the probe, e.g. removes a function).
 */
export function runProbe(
  interpreter: string,
  target: string[],
  options: { probeArgs?: string[]; cwd?: string; env?: NodeJS.ProcessEnv; launcher?: string[] } = {},
): Promise<ProbeRun> {
  const out = path.join(tempDir(), 'profile.json');
  const args = [...(options.launcher ?? []), PROBE, ...(options.probeArgs ?? []), '--out', out, '--', ...target];
  return new Promise((resolve, reject) => {
    execFile(
      interpreter,
      args,
      { cwd: options.cwd ?? TARGETS, env: { ...process.env, ...options.env }, timeout: 60_000, maxBuffer: 8 << 20 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number | null }).code ?? null) : 0;
        if (!existsSync(out)) {
          reject(new Error(`no profile written (exit ${String(code)}):\n${stderr}`));
          return;
        }
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr, profile: JSON.parse(readFileSync(out, 'utf8')) as Profile });
      },
    );
  });
}

/** The interpreters the probe is tested on: oldest and newest pyenv CPython, and the default python3. */
export function testedPythons(): { label: string; exe: string | null }[] {
  return [
    { label: '3.8', exe: python('3.8') },
    { label: 'default', exe: defaultPython() },
    { label: '3.13', exe: python('3.13') },
  ];
}

function canImportUvloop(exe: string): boolean {
  try {
    execFileSync(exe, ['-c', 'import uvloop, asyncio'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

/** A python3 on PATH that can import uvloop (Debian's python3-uvloop lives with the system python3), or null. */
export function uvloopPython(): string | null {
  const names = process.platform === 'win32' ? ['python.exe', 'python3.exe'] : ['python3'];
  const seen = new Set<string>();
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!entries.includes(name)) continue;
      const exe = path.join(dir, name);
      if (seen.has(exe)) continue;
      seen.add(exe);
      if (canImportUvloop(exe)) return exe;
    }
  }
  return null;
}

export function blockAt(profile: Profile, file: string, line: number): Profile['blocks'][number] | undefined {
  const full = targetPath(file);
  return profile.blocks.find((b) => b.file === full && b.line === line);
}

/**
 * Blocking sites of blocking.py with the range their duration must fall in (ms). The lower bounds
 * are tight (a 200 ms sleep is never reported under 150 ms); the upper bounds are generous because
 * the shared 2-core machines run at load 20+ while the whole test suite runs.
 */
const SITES: { marker: string; min: number; max: number }[] = [
  { marker: 'BLOCK-SLEEP', min: 150, max: 1000 },
  { marker: 'BLOCK-CPU', min: 150, max: 1000 },
  { marker: 'BLOCK-HTTP', min: 150, max: 1500 },
  { marker: 'BLOCK-FILE', min: 100, max: 4000 },
  { marker: 'BLOCK-SUBPROCESS', min: 250, max: 4000 },
];

export function expectBlockingSites(run: ProbeRun): void {
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toBe('blocking done\n');
  for (const site of SITES) {
    const line = markerLine('blocking.py', site.marker);
    const block = blockAt(run.profile, 'blocking.py', line);
    expect(block, `${site.marker} at blocking.py:${line} in ${JSON.stringify(run.profile.blocks.map((b) => [b.line, b.maxMs]))}`).toBeDefined();
    if (!block) continue;
    expect(block.count).toBe(1);
    expect(block.maxMs, site.marker).toBeGreaterThanOrEqual(site.min);
    expect(block.maxMs, site.marker).toBeLessThanOrEqual(site.max);
    expect(block.stack[0]?.file).toBeTruthy();
    expect(block.stack.some((f) => f.file === targetPath('blocking.py') && f.line === line)).toBe(true);
    expect(block.task).toMatch(/\(main\)$/);
  }
}

