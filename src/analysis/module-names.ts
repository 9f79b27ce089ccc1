/**
 * Module names from paths: `pkg/sub/mod.py` → `pkg.sub.mod`, `pkg/__init__.py` → `pkg`
 * (a package), `src/pkg/mod.py` → `pkg.mod` (src layout). Directories without
 * `__init__.py` are namespace packages, so every directory counts as a package.
 */

export interface ModulePath {
  /** dotted name; '' when the path has no usable name */
  readonly name: string;
  readonly isPackage: boolean;
}

/** Normalises to `/` separators, drops `./` and a Windows drive's backslashes. */
export function normalisePath(path: string): string {
  if (!path.includes('\\') && !path.startsWith('./') && !path.includes('//')) return path;
  let result = path.replace(/\\/g, '/');
  while (result.startsWith('./')) result = result.slice(2);
  return result.replace(/\/{2,}/g, '/');
}

/** `path` relative to `root` when it lies inside it (both normalised), else `path` unchanged. */
export function relativeTo(root: string | undefined, path: string): string {
  const normalised = normalisePath(path);
  if (!root) return normalised;
  let base = normalisePath(root);
  if (base !== '' && !base.endsWith('/')) base += '/';
  const caseInsensitive = /^[A-Za-z]:\//.test(base);
  const matches = caseInsensitive ? normalised.toLowerCase().startsWith(base.toLowerCase()) : normalised.startsWith(base);
  return matches ? normalised.slice(base.length) : normalised;
}

const SOURCE_ROOTS = new Set(['src']);

export function moduleNameOf(relativePath: string): ModulePath {
  let parts = normalisePath(relativePath).split('/').filter((part) => part !== '' && part !== '.');
  // drop an absolute prefix (drive letter, leading slash) — only the tail matters
  if (parts.length > 0 && /^[A-Za-z]:$/.test(parts[0] ?? '')) parts = parts.slice(1);
  const file = parts.pop();
  if (file === undefined) return { name: '', isPackage: false };
  const stem = file.replace(/\.pyi?$/, '');
  // src layout: everything under a top-level `src/` is importable without the prefix
  if (parts.length > 0 && SOURCE_ROOTS.has(parts[0] ?? '')) parts = parts.slice(1);
  const isPackage = stem === '__init__';
  if (!isPackage) parts.push(stem);
  return { name: parts.join('.'), isPackage };
}
