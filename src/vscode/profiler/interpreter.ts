/**
 * Which Python runs the profiled program: the Python extension's selected interpreter
 * when that extension is installed, else the `aiolint.python.interpreter` setting,
 * else `python3`/`python` on PATH. The choice and its source are shown to the user.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { InterpreterChoice } from '../../profiler/panel-messages';

/** The slice of the ms-python.python extension API we use (see @vscode/python-extension). */
interface PythonExtensionApi {
  ready?: Promise<void>;
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
    resolveEnvironment(environment: string | { id: string; path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
}

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

async function fromPythonExtension(resource: vscode.Uri | undefined): Promise<string | null> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (!extension) return null;
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    await api.ready;
    const environments = api.environments;
    if (!environments) return null;
    const active = environments.getActiveEnvironmentPath(resource);
    const resolved = await environments.resolveEnvironment(active);
    return resolved?.executable.uri?.fsPath ?? (active.path.length > 0 ? active.path : null);
  } catch {
    // an old or broken Python extension: fall back to our own setting
    return null;
  }
}

export async function chooseInterpreter(resource: vscode.Uri | undefined): Promise<InterpreterChoice | null> {
  const selected = await fromPythonExtension(resource);
  if (selected) return { executable: selected, source: 'python-extension' };
  const setting = vscode.workspace.getConfiguration('aiolint', resource).get<string>('python.interpreter', '').trim();
  if (setting.length > 0) return { executable: setting, source: 'setting' };
  const onPath = findOnPath(pathCandidates());
  return onPath ? { executable: onPath, source: 'path' } : null;
}
