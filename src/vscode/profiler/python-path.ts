/** Finding a Python on PATH without spawning anything (pure Node, unit-tested). */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** Candidate command names on PATH, in order. */
export function pathCandidates(platform: NodeJS.Platform = process.platform): string[] {
  return platform === 'win32' ? ['python', 'py', 'python3'] : ['python3', 'python'];
}

/** First `names` entry found in `PATH` (with PATHEXT on Windows), as an absolute path. */
export function findOnPath(names: readonly string[], env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter((d) => d.length > 0);
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e.length > 0) : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const extension of extensions) {
        const candidate = path.join(dir, name + extension.toLowerCase());
        const upper = path.join(dir, name + extension);
        for (const file of new Set([candidate, upper])) {
          try {
            if (existsSync(file) && statSync(file).isFile()) return file;
          } catch {
            /* unreadable entry on PATH: keep looking */
          }
        }
      }
    }
  }
  return null;
}
