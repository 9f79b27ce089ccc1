/** Temporary project folders and in-process runs of the command line. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CheckEngine } from '../../../src/cli/engine-api';

export interface TempProject {
  root: string;
  path(relative: string): string;
  read(relative: string): Buffer;
  readText(relative: string): string;
  write(relative: string, content: string | Uint8Array): void;
  dispose(): void;
}

export function tempProject(files: Record<string, string | Uint8Array>): TempProject {
  const root = mkdtempSync(path.join(tmpdir(), 'aiolint-cli-'));
  const project: TempProject = {
    root,
    path: (relative) => path.join(root, ...relative.split('/')),
    read: (relative) => readFileSync(project.path(relative)),
    readText: (relative) => readFileSync(project.path(relative), 'utf8'),
    write(relative, content) {
      const full = project.path(relative);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    },
    dispose: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
  for (const [relative, content] of Object.entries(files)) project.write(relative, content);
  return project;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string, engine?: CheckEngine): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io = {
    cwd,
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
  };
  const code = engine ? await main(argv, io, engine) : await main(argv, io);
  return { code, stdout, stderr };
}
