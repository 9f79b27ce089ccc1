/**
 * `--shard k/n`: which files one of n CI jobs checks. A file belongs to shard
 * (hash(path relative to its project root) mod n) + 1, so the split does not depend on the
 * machine, the working directory or which other files exist, and the shards are disjoint and
 * together cover every file.
 */

/** FNV-1a over the UTF-16 code units of the path (stable, fast, good enough spread for paths) */
function pathHash(registered: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < registered.length; i++) {
    hash ^= registered.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** true when the file registered as `registered` (project-relative, `/` separators) is in shard `index` of `count` (1-based) */
export function inShard(registered: string, index: number, count: number): boolean {
  return (pathHash(registered) % count) + 1 === index;
}

/** `k/n` with 1 ≤ k ≤ n, or a message saying what is wrong */
export function parseShard(text: string): { index: number; count: number } | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return `--shard takes k/n (such as 2/4), not '${text}'`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return `--shard ${text}: k must be between 1 and n`;
  return { index, count };
}
