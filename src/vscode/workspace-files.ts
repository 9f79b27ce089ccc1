/**
 * Lists the Python files of a workspace folder the way the user expects a "check workspace" to:
 * `files.exclude` (applied by `findFiles`), every `.gitignore` in the folder, the `aiolint.exclude`
 * globs, and folders that are never project code (virtual environments, caches). Works in virtual
 * workspaces by walking `workspace.fs` when no file search provider answers.
 */
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import * as vscode from 'vscode';
import type { ReadUri } from './project-config';

/** Folders that hold installed or generated code, never the user's own. */
const ALWAYS_SKIPPED_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.nox',
  '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages', '.eggs']);

export const MAX_WORKSPACE_FILES = 20_000;

/** Path of `uri` relative to `folder` with `/` separators, or undefined when it is outside. */
export function relativePath(folder: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (folder.scheme !== uri.scheme || folder.authority !== uri.authority) return undefined;
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
}

export function isSkippedDirectory(relative: string): boolean {
  return relative.split('/').slice(0, -1).some((part) => ALWAYS_SKIPPED_DIRS.has(part));
}

/** A matcher for the `.gitignore` files of a folder: each applies to its own subtree. */
export class GitignoreRules {
  private readonly byDir = new Map<string, Ignore>();

  add(dir: string, text: string): void {
    this.byDir.set(dir, ignore().add(text));
  }

  ignores(relative: string): boolean {
    for (const [dir, rules] of this.byDir) {
      const prefix = dir === '' ? '' : `${dir}/`;
      if (!relative.startsWith(prefix)) continue;
      if (rules.ignores(relative.slice(prefix.length))) return true;
    }
    return false;
  }
}

export function excludeMatcher(globs: readonly string[]): (relative: string) => boolean {
  if (globs.length === 0) return () => false;
  const matchers = globs.map((glob) => picomatch(glob, { dot: true }));
  // a glob naming a folder (`build`, `tests/fixtures`) excludes what is inside it too
  return (relative) => {
    const parts = relative.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (matchers.some((match) => match(prefix))) return true;
    }
    return false;
  };
}

export interface ListOptions {
  exclude: readonly string[];
  token?: vscode.CancellationToken;
  readFile: ReadUri;
}

/** Python files of `folder` (URIs), filtered as described above, in a stable order. */
export async function listPythonFiles(folder: vscode.WorkspaceFolder, options: ListOptions): Promise<vscode.Uri[]> {
  // both searches at once: each is a round trip to the search service
  const [python, ignoreFiles] = await Promise.all([
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{py,pyi}'), undefined, MAX_WORKSPACE_FILES, options.token),
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), undefined, 1_000, options.token),
  ]);
  let found = python;
  if (found.length === 0 && folder.uri.scheme !== 'file') found = await walk(folder.uri, options.token);
  const gitignores = new GitignoreRules();
  for (const file of ignoreFiles) {
    const relative = relativePath(folder.uri, file);
    if (relative === undefined || isSkippedDirectory(relative)) continue;
    const text = await options.readFile(file);
    if (text !== undefined) gitignores.add(relative.split('/').slice(0, -1).join('/'), text);
  }
  const excluded = excludeMatcher(options.exclude);
  return found
    .filter((uri) => {
      const relative = relativePath(folder.uri, uri);
      return relative !== undefined && !isSkippedDirectory(relative) && !gitignores.ignores(relative) && !excluded(relative);
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Recursive listing through `workspace.fs`, for file systems without a search provider. */
async function walk(root: vscode.Uri, token: vscode.CancellationToken | undefined): Promise<vscode.Uri[]> {
  const result: vscode.Uri[] = [];
  const pending = [root];
  while (pending.length > 0 && result.length < MAX_WORKSPACE_FILES) {
    if (token?.isCancellationRequested) break;
    const dir = pending.pop();
    if (!dir) break;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      continue;
    }
    for (const [name, type] of entries) {
      const child = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) {
        if (!ALWAYS_SKIPPED_DIRS.has(name)) pending.push(child);
      } else if (name.endsWith('.py') || name.endsWith('.pyi')) {
        result.push(child);
      }
    }
  }
  return result;
}
