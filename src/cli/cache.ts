/**
 * The on-disk result cache of `aiolint check` (`.aiolint-cache/` at the project root).
 *
 * A file's findings are reused when nothing they can depend on changed. Its key hashes:
 *   - the tool (version and build), the resolved configuration for the file, its path;
 *   - its own text;
 *   - every project module it can reach through imports, transitively: their texts and how each
 *     imported name resolves against the current file list (a new file can make an unresolved
 *     import resolve, or an unambiguous suffix match ambiguous). Cycles are handled by hashing
 *     strongly connected components as a whole.
 * What a file imports is itself cached by text hash, so a warm run parses nothing that did not
 * change. A file whose reach includes a file of unknown imports (new or changed text) is simply
 * re-linted; its key is computed after the run, when every import is known.
 *
 * A cache file that cannot be read or does not have the expected shape is ignored (and rewritten).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { moduleNameOf } from '../analysis/module-names';
import type { FileLintResult } from '../engine/project';

export const CACHE_FOLDER = '.aiolint-cache';
/** bump when the stored shape or the key recipe changes */
const FORMAT = 1;

export interface CachedFile {
  /** hash of the file's text */
  content: string;
  /** module names the file imports (absolute, as the semantic model lists them) */
  imports: string[];
  /** the full key findings were computed under; absent when not known */
  key?: string;
  result?: FileLintResult;
}

interface CacheDocument {
  format: number;
  tool: string;
  files: Record<string, CachedFile>;
}

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** Whether a stored value has the shape of a record (cache files are read back from disk). */
export function isCachedFile(value: unknown): value is CachedFile {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record['content'] !== 'string' || !Array.isArray(record['imports'])) return false;
  if (!record['imports'].every((name) => typeof name === 'string')) return false;
  if (record['key'] !== undefined && typeof record['key'] !== 'string') return false;
  if (record['result'] !== undefined) {
    const result = record['result'] as Record<string, unknown> | null;
    if (typeof result !== 'object' || result === null) return false;
    if (typeof result['file'] !== 'string' || !Array.isArray(result['findings']) || !Array.isArray(result['parseErrors']) || typeof result['skipped'] !== 'boolean') return false;
  }
  return true;
}

/**
 * Records by registered path, as the CLI's cache and the extension's both keep them: a result is
 * served only under exactly the key it was computed under, and what a file imports is found by
 * its text hash even when the file moved.
 */
export class CachedRecords {
  private readonly records = new Map<string, CachedFile>();
  private readonly importsByContent = new Map<string, string[]>();

  /** Adds a record; a result that records a crash of aiolint is dropped, so the next run tries again. */
  set(registered: string, record: CachedFile): void {
    const keep = record.result && !record.result.internalErrors ? record : { content: record.content, imports: record.imports };
    this.records.set(registered, keep);
    this.importsByContent.set(record.content, record.imports);
  }

  get(registered: string): CachedFile | undefined {
    return this.records.get(registered);
  }

  /** What a file with this text imports, if a record has the same text. */
  importsOf(registered: string, content: string): string[] | undefined {
    const record = this.records.get(registered);
    if (record?.content === content) return record.imports;
    return this.importsByContent.get(content);
  }

  /** The stored result when it was computed under exactly `key`. */
  lookup(registered: string, key: string): FileLintResult | undefined {
    const record = this.records.get(registered);
    return record?.key === key ? record.result : undefined;
  }

  get size(): number {
    return this.records.size;
  }

  entries(): IterableIterator<[string, CachedFile]> {
    return this.records.entries();
  }
}

/** The cache of one project root: loaded once, consulted per file, saved at the end of the run. */
export class ResultCache {
  /** what the previous run stored */
  private readonly previous = new CachedRecords();
  private readonly next = new CachedRecords();

  private constructor(
    private readonly folder: string,
    private readonly tool: string,
  ) {}

  private get file(): string {
    return path.join(this.folder, 'results.json');
  }

  /** Loads the cache of `root`; a missing, unreadable or corrupt cache is an empty one. */
  static async load(root: string, tool: string): Promise<ResultCache> {
    const cache = new ResultCache(path.join(root, CACHE_FOLDER), tool);
    let document: unknown;
    try {
      document = JSON.parse(await fs.readFile(cache.file, 'utf8'));
    } catch {
      return cache;
    }
    if (typeof document !== 'object' || document === null) return cache;
    const fields = document as Record<string, unknown>;
    const files = fields['files'];
    if (fields['format'] !== FORMAT || fields['tool'] !== tool || typeof files !== 'object' || files === null) return cache;
    for (const [registered, record] of Object.entries(files as Record<string, unknown>)) {
      if (isCachedFile(record)) cache.previous.set(registered, record);
    }
    return cache;
  }

  /** What a file with this text imports, if a previous run saw the same text. */
  importsOf(registered: string, content: string): string[] | undefined {
    return this.previous.importsOf(registered, content);
  }

  /** The stored result when it was computed under exactly `key`. */
  lookup(registered: string, key: string): FileLintResult | undefined {
    return this.previous.lookup(registered, key);
  }

  /** Records a file for the next run (a result only when it is worth keeping). */
  remember(registered: string, record: CachedFile): void {
    this.next.set(registered, record);
  }

  /** Writes the records of this run (atomically: a half-written cache is never read). */
  async save(): Promise<void> {
    const document: CacheDocument = { format: FORMAT, tool: this.tool, files: Object.fromEntries(this.next.entries()) };
    await fs.mkdir(this.folder, { recursive: true });
    // the cache is never meant for version control
    await fs.writeFile(path.join(this.folder, '.gitignore'), '# created by aiolint\n*\n');
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(document));
    await fs.rename(temporary, this.file);
  }
}

export interface KeyInput {
  /** registered path (relative to the project root, `/` separators) */
  registered: string;
  content: string;
  /** undefined when not known yet (new or changed text that has not been parsed) */
  imports: readonly string[] | undefined;
}

/**
 * Dependency-aware keys for every file of a project. `salt(file)` adds what is specific to the
 * file's run (tool, configuration). Files whose reach includes a file of unknown imports get no key.
 */
export function dependencyKeys(files: readonly KeyInput[], salt: (registered: string) => string): Map<string, string> {
  const resolver = new ModuleResolver(files.map((file) => file.registered));
  const index = new Map<string, number>();
  files.forEach((file, i) => index.set(file.registered, i));

  // edges: the files each file's imports can reach, and how each name resolved
  const edges: number[][] = [];
  const resolutions: string[] = [];
  for (const file of files) {
    if (!file.imports) {
      edges.push([]);
      resolutions.push('');
      continue;
    }
    const targets = new Set<number>();
    const described: string[] = [];
    for (const name of [...file.imports].sort()) {
      const reached = resolver.reachableFrom(name);
      described.push(reached.described);
      for (const target of reached.files) {
        const i = index.get(target);
        if (i !== undefined) targets.add(i);
      }
    }
    edges.push([...targets]);
    resolutions.push(described.join(';'));
  }

  const components = stronglyConnectedComponents(edges);
  // components come out in reverse topological order: successors first
  const componentOf = new Int32Array(files.length);
  components.forEach((members, c) => {
    for (const member of members) componentOf[member] = c;
  });
  const componentKey: (string | null)[] = [];
  components.forEach((members, c) => {
    const hash = createHash('sha1');
    let known = true;
    const successors = new Set<number>();
    for (const member of [...members].sort((a, b) => a - b)) {
      const file = files[member] as KeyInput;
      if (!file.imports) known = false;
      hash.update(`${file.registered}\0${file.content}\0${resolutions[member] ?? ''}\n`);
      for (const target of edges[member] ?? []) {
        const other = componentOf[target] as number;
        if (other !== c) successors.add(other);
      }
    }
    const successorKeys: string[] = [];
    for (const other of successors) {
      const key = componentKey[other];
      if (key === null || key === undefined) known = false;
      else successorKeys.push(key);
    }
    hash.update(successorKeys.sort().join(','));
    componentKey.push(known ? hash.digest('base64url') : null);
  });

  const keys = new Map<string, string>();
  files.forEach((file, i) => {
    const component = componentKey[componentOf[i] as number];
    if (component) keys.set(file.registered, hashText(`${salt(file.registered)}\0${file.registered}\0${file.content}\0${component}`));
  });
  return keys;
}

/**
 * Which files an imported module name can make the engine look into: the module itself as the
 * workspace index resolves it (exact name, else a unique registered name ending with `.name`),
 * each of its parent packages, and every module below it (`import pkg` gives `pkg.sub.f`).
 */
class ModuleResolver {
  private readonly byName = new Map<string, string[]>();
  /** `b.c` → the module names ending with `.b.c` (for the workspace index's suffix matching) */
  private readonly bySuffix = new Map<string, string[]>();
  /** `b.c` → the module names containing `b.c` followed by more components (descendants of it) */
  private readonly byInnerRun = new Map<string, string[]>();
  private readonly memo = new Map<string, { files: string[]; described: string }>();

  constructor(registered: readonly string[]) {
    for (const file of registered) {
      const { name } = moduleNameOf(file);
      if (name === '') continue;
      const list = this.byName.get(name);
      if (list) {
        list.push(file);
        continue;
      }
      this.byName.set(name, [file]);
      const parts = name.split('.');
      for (let i = 1; i < parts.length; i++) push(this.bySuffix, parts.slice(i).join('.'), name);
      for (let i = 0; i < parts.length - 1; i++) {
        for (let j = i + 1; j < parts.length; j++) push(this.byInnerRun, parts.slice(i, j).join('.'), name);
      }
    }
  }

  private resolveName(name: string): string | undefined {
    if (this.byName.has(name)) return name;
    const candidates = this.bySuffix.get(name);
    return candidates?.length === 1 ? candidates[0] : undefined;
  }

  /** the files `imported` can reach, and a stable description of them for the key */
  reachableFrom(imported: string): { files: string[]; described: string } {
    const memo = this.memo.get(imported);
    if (memo) return memo;
    const modules = new Set<string>();
    const parts = imported.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const resolved = this.resolveName(parts.slice(0, i).join('.'));
      if (resolved !== undefined) modules.add(resolved);
    }
    // below the module: `pkg.sub` for `import pkg`, also where suffix matching finds `pkg`
    for (const candidate of this.byInnerRun.get(imported) ?? []) modules.add(candidate);
    const full = this.resolveName(imported);
    if (full !== undefined && full !== imported) {
      for (const candidate of this.byInnerRun.get(full) ?? []) if (candidate.startsWith(`${full}.`)) modules.add(candidate);
    }
    const files = [...modules].flatMap((module) => this.byName.get(module) ?? []).sort();
    const result = { files, described: `${imported}=${files.join(',')}` };
    this.memo.set(imported, result);
    return result;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Tarjan's algorithm, iterative; components in reverse topological order (successors first). */
export function stronglyConnectedComponents(edges: readonly (readonly number[])[]): number[][] {
  const count = edges.length;
  const indexOf = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  let next = 0;
  for (let root = 0; root < count; root++) {
    if (indexOf[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    indexOf[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [node, edge] = frame;
      const targets = edges[node] ?? [];
      if (edge < targets.length) {
        frame[1]++;
        const target = targets[edge] as number;
        if (indexOf[target] === -1) {
          indexOf[target] = low[target] = next++;
          stack.push(target);
          onStack[target] = 1;
          work.push([target, 0]);
        } else if (onStack[target]) {
          low[node] = Math.min(low[node] as number, indexOf[target] as number);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[node] as number);
      if (low[node] === indexOf[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        components.push(component);
      }
    }
  }
  return components;
}
