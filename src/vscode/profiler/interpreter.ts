/**
 * Which Python runs the profiled program: the Python extension's selected interpreter
 * when that extension is installed, else the `aiolint.python.interpreter` setting,
 * else `python3`/`python` on PATH. The choice and its source are shown to the user.
 */
import * as vscode from 'vscode';
import type { InterpreterChoice } from '../../profiler/panel-messages';
import { findOnPath, pathCandidates } from './python-path';

/** The slice of the ms-python.python extension API we use (see @vscode/python-extension). */
interface PythonExtensionApi {
  ready?: Promise<void>;
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
    resolveEnvironment(environment: string | { id: string; path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
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
