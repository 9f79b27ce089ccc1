/**
 * Which Python files a run covers: walks folders, skipping the usual environment and build
 * folders, whatever `.gitignore` files say (nested ones too, each relative to its own folder,
 * and those of parent folders up to the repository root), and the configuration's `exclude`
 * globs. Files named explicitly on the command line are always taken, as ruff does.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import picomatch from 'picomatch';

export const DEFAULT_EXCLUDED_FOLDERS: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '__pycache__',
  'node_modules',
  'build',
  'dist',
  'site-packages',
];

export function isPythonFile(name: string): boolean {
  return name.endsWith('.py');
}

/** `exclude` globs of one configuration, relative to its project root. */
export class ExcludeMatcher {
  private readonly componentMatchers: ((name: string) => boolean)[] = [];
  private readonly pathMatchers: ((relative: string) => boolean)[] = [];

  constructor(
    private readonly root: string,
    patterns: readonly string[],
  ) {
    for (const raw of patterns) {
      const pattern = raw.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
      if (pattern === '') continue;
      const matcher = picomatch(pattern, { dot: true });
      // ruff's convention: a bare name (`migrations`, `*_pb2.py`) matches any path component
      if (pattern.includes('/')) this.pathMatchers.push(matcher);
      else this.componentMatchers.push(matcher);
    }
  }

  get isEmpty(): boolean {
    return this.componentMatchers.length === 0 && this.pathMatchers.length === 0;
  }

  /** true when the absolute path, or a folder on its way from the root, is excluded */
  excludes(absolute: string): boolean {
    if (this.isEmpty) return false;
    const relative = toPosix(path.relative(this.root, absolute));
    if (relative.startsWith('../') || relative === '..' || path.isAbsolute(relative)) return false;
    const parts = relative.split('/');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (this.componentMatchers.some((m) => m(part))) return true;
      const prefix = parts.slice(0, i + 1).join('/');
      if (this.pathMatchers.some((m) => m(prefix))) return true;
    }
    return false;
  }
}

interface GitignoreLayer {
  folder: string;
  rules: Ignore;
}

export interface WalkOptions {
  /** the configuration's exclude globs for a folder's files (the CLI looks the config up per folder) */
  excludeFor: (folder: string) => Promise<ExcludeMatcher | undefined>;
  respectGitignore?: boolean;
}

/**
 * Every Python file under `start` (absolute folder), sorted, as absolute paths.
 * Unreadable folders are skipped and reported through `onError`.
 */
export async function walkPythonFiles(
  start: string,
  options: WalkOptions,
  onError: (folder: string, error: unknown) => void,
): Promise<string[]> {
  const respectGitignore = options.respectGitignore ?? true;
  const found: string[] = [];
  let initial = respectGitignore ? await parentGitignores(start) : [];
  // a folder named explicitly is checked even when a parent .gitignore lists it (as a named file is)
  if (isIgnored(initial, start, true)) initial = [];

  const visit = async (folder: string, layers: GitignoreLayer[]): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      onError(folder, error);
      return;
    }
    let here = layers;
    if (respectGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const rules = await loadGitignore(path.join(folder, '.gitignore'));
      if (rules) here = [...layers, { folder, rules }];
    }
    const exclude = await options.excludeFor(folder);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // follow links to files; never links to folders (cycles, and they leave the project)
        const target = await fs.stat(full).catch(() => undefined);
        isDirectory = false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) {
        if (DEFAULT_EXCLUDED_FOLDERS.includes(entry.name)) continue;
        if (isIgnored(here, full, true)) continue;
        if (exclude?.excludes(full)) continue;
        subfolders.push(full);
      } else if (isFile && isPythonFile(entry.name)) {
        if (isIgnored(here, full, false)) continue;
        if (exclude?.excludes(full)) continue;
        found.push(full);
      }
    }
    for (const sub of subfolders) await visit(sub, here);
  };

  await visit(start, initial);
  return found;
}

function isIgnored(layers: readonly GitignoreLayer[], absolute: string, isDirectory: boolean): boolean {
  // later (deeper) files may re-include what earlier ones ignore, as git does
  let ignored = false;
  for (const layer of layers) {
    const relative = toPosix(path.relative(layer.folder, absolute));
    if (relative === '' || relative.startsWith('..')) continue;
    const result = layer.rules.test(isDirectory ? `${relative}/` : relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

async function loadGitignore(file: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await fs.readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** `.gitignore` files of the folders above `start`, up to the repository root (a folder holding `.git`). */
async function parentGitignores(start: string): Promise<GitignoreLayer[]> {
  if (await exists(path.join(start, '.git'))) return [];
  const chain: string[] = [];
  for (let current = path.dirname(start); ; current = path.dirname(current)) {
    chain.unshift(current);
    if (await exists(path.join(current, '.git'))) break;
    if (path.dirname(current) === current) return []; // not inside a repository
  }
  const layers: GitignoreLayer[] = [];
  for (const folder of chain) {
    const rules = await loadGitignore(path.join(folder, '.gitignore'));
    if (rules) layers.push({ folder, rules });
  }
  return layers;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
