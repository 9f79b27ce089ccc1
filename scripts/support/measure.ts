/** What the benchmark and corpus scripts share: finding Python files, counting lines, medians. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every `.py` file under `root` (or `root` itself if it is a file), in a stable order. */
export function pythonFiles(root: string): string[] {
  if (statSync(root).isFile()) return [root];
  const found: string[] = [];
  const visit = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && entry.name.endsWith('.py')) found.push(full);
    }
  };
  visit(root);
  return found;
}

/** Lines as an editor counts them: a last line without a line break still counts. */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const at = (i: number): number => sorted[i] ?? NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}
