/**
 * Finds the CPython interpreters tests run against: the pyenv-installed versions
 * (3.8 … 3.13 on our machines) and the system `python3`. Nothing here names a
 * machine-specific path: pyenv's root comes from `pyenv root` or $PYENV_ROOT.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

function pyenvRoot(): string | null {
  if (process.env.PYENV_ROOT && existsSync(process.env.PYENV_ROOT)) return process.env.PYENV_ROOT;
  try {
    return execFileSync('pyenv', ['root'], { encoding: 'utf8' }).trim();
  } catch {
    const guess = path.join(homedir(), '.pyenv');
    return existsSync(guess) ? guess : null;
  }
}

function executableIn(versionDir: string): string | null {
  const candidates =
    process.platform === 'win32'
      ? [path.join(versionDir, 'python.exe')]
      : [path.join(versionDir, 'bin', 'python3'), path.join(versionDir, 'bin', 'python')];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** Installed pyenv CPythons by minor version ('3.8' → executable), newest patch release first. */
export function pyenvPythons(): Map<string, string> {
  const found = new Map<string, string>();
  const root = pyenvRoot();
  if (!root) return found;
  const versionsDir = path.join(root, 'versions');
  if (!existsSync(versionsDir)) return found;
  const versions = readdirSync(versionsDir)
    .filter((v) => /^3\.\d+\.\d+$/.test(v))
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
  for (const version of versions) {
    const minor = version.split('.').slice(0, 2).join('.');
    if (found.has(minor)) continue;
    const exe = executableIn(path.join(versionsDir, version));
    if (exe) found.set(minor, exe);
  }
  return found;
}

/** The interpreter for a minor version, or null when it is not installed. */
export function python(minor: string): string | null {
  return pyenvPythons().get(minor) ?? null;
}

/** The default interpreter: `python3` (or `python` on Windows). */
export function defaultPython(): string {
  return process.platform === 'win32' ? 'python' : 'python3';
}
