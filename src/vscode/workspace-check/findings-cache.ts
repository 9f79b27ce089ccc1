/**
 * The extension's findings cache: in memory for the session, persisted per workspace folder in the
 * extension's workspace storage (`ExtensionContext.storageUri`, through `vscode.workspace.fs`).
 * Without workspace storage (no folder open) it lives in memory only.
 *
 * Keys are the CLI's (src/cli/cache.ts, `dependencyKeys`): the file's text, the texts of every
 * project module it can reach through imports and how each import resolves, its configuration and
 * aiolint's identity (version and build). What each file imports is remembered by text hash, so a
 * warm check parses nothing that did not change.
 *
 * A stored cache that cannot be read, is not valid, or was written by another aiolint build is
 * ignored with a line in the output channel; it is rewritten after the next check.
 */
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { FileLintResult } from '../../engine/project';
import { CachedRecords, isCachedFile, type CachedFile } from '../../cli/cache';
import type { Logger } from '../linter';

export type { CachedFile };

/** bump when the stored shape or the key recipe changes */
export const CACHE_FORMAT = 1;

interface StoredDocument {
  format: number;
  tool: string;
  folder: string;
  files: Record<string, CachedFile>;
}

/** Where cache documents are kept: bytes by file name. */
export interface CacheStore {
  /** undefined when there is no such document */
  read(name: string): Promise<Uint8Array | undefined>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Deletes every cache document; resolves to how many there were. */
  removeAll(): Promise<number>;
  /** how a document is named in messages */
  describe(name: string): string;
}

/** A store in a folder of the extension's storage, through `vscode.workspace.fs`. */
export function workspaceStorageStore(folder: vscode.Uri): CacheStore {
  return {
    async read(name) {
      try {
        return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name));
      } catch (error) {
        if (error instanceof vscode.FileSystemError) return undefined;
        throw error;
      }
    },
    async write(name, bytes) {
      await vscode.workspace.fs.createDirectory(folder);
      // written aside and renamed over: a check running in another window never reads half a file
      const temporary = vscode.Uri.joinPath(folder, `${name}.${Date.now().toString(36)}.tmp`);
      await vscode.workspace.fs.writeFile(temporary, bytes);
      await vscode.workspace.fs.rename(temporary, vscode.Uri.joinPath(folder, name), { overwrite: true });
    },
    async removeAll() {
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(folder);
      } catch (error) {
        if (error instanceof vscode.FileSystemError) return 0; // never written
        throw error;
      }
      const documents = entries.filter(([name, type]) => type === vscode.FileType.File && isCacheDocumentName(name));
      for (const [name] of documents) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, name), { useTrash: false });
      return documents.length;
    },
    describe: (name) => vscode.Uri.joinPath(folder, name).toString(true),
  };
}

/** Cache documents and the temporary files of interrupted writes. */
function isCacheDocumentName(name: string): boolean {
  return /^findings-[0-9a-f]{20}\.json(\.[0-9a-z]+\.tmp)?$/.test(name);
}

/** The cache document's name for a folder: a hash, so any URI gives a valid file name on any OS. */
export function cacheFileName(folderKey: string): string {
  return `findings-${createHash('sha256').update(folderKey).digest('hex').slice(0, 20)}.json`;
}

/** The records of one workspace folder. */
export class FolderFindings {
  private records = new CachedRecords();

  constructor(readonly folderKey: string) {}

  /** What a file with this text imports, if it was seen with the same text (also under another path). */
  importsOf(path: string, content: string): string[] | undefined {
    return this.records.importsOf(path, content);
  }

  /** The stored result when it was computed under exactly `key`. */
  lookup(path: string, key: string): FileLintResult | undefined {
    return this.records.lookup(path, key);
  }

  /** The record of a file, as last remembered. */
  recordOf(path: string): CachedFile | undefined {
    return this.records.get(path);
  }

  /** Replaces every record (the folder's files as the last check saw them); false when nothing changed. */
  replaceAll(records: ReadonlyMap<string, CachedFile>): boolean {
    const changed = records.size !== this.records.size || [...records].some(([path, record]) => {
      const previous = this.records.get(path);
      return previous?.content !== record.content || previous.key !== record.key || (previous.result === undefined) !== (record.result === undefined || Boolean(record.result.internalErrors));
    });
    if (!changed) return false;
    this.records = new CachedRecords();
    for (const [path, record] of records) this.add(path, record);
    return true;
  }

  get size(): number {
    return this.records.size;
  }

  add(path: string, record: CachedFile): void {
    this.records.set(path, record);
  }

  toJSON(tool: string): StoredDocument {
    return { format: CACHE_FORMAT, tool, folder: this.folderKey, files: Object.fromEntries(this.records.entries()) };
  }
}

export class FindingsCache {
  private readonly folders = new Map<string, Promise<FolderFindings>>();
  /** per folder, the last save (saves of one folder run one after the other) */
  private readonly saving = new Map<string, Promise<void>>();

  private toolIdentity: Promise<string> | undefined;

  constructor(
    /** undefined: memory only */
    private readonly store: CacheStore | undefined,
    /** aiolint's version and build (asked once, when first needed); a cache written by another is not used */
    private readonly identify: () => Promise<string>,
    private readonly log: Logger,
  ) {}

  get tool(): Promise<string> {
    this.toolIdentity ??= this.identify();
    return this.toolIdentity;
  }

  /** The records of a folder: loaded from the store the first time, then kept in memory. */
  folder(folderKey: string): Promise<FolderFindings> {
    let found = this.folders.get(folderKey);
    if (!found) {
      found = this.load(folderKey);
      this.folders.set(folderKey, found);
    }
    return found;
  }

  /** Forgets everything in memory (the stored documents stay until overwritten). */
  clearMemory(): void {
    this.folders.clear();
  }

  /**
   * Forgets everything, in memory and in the store (**aiolint: Clear Findings Cache**): the next
   * Check Workspace lints every file. Waits for the saves under way first, so none writes an old
   * document back. Resolves to the number of stored documents deleted.
   */
  async clear(): Promise<number> {
    await this.flush();
    this.folders.clear();
    return this.store ? this.store.removeAll() : 0;
  }

  /** Resolves when every save started so far has finished (they never reject). */
  async flush(): Promise<void> {
    await Promise.all([...this.saving.values()]);
  }

  /** Writes a folder's records to the store (nothing to do without one); never rejects. */
  save(folder: FolderFindings): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const previous = this.saving.get(folder.folderKey) ?? Promise.resolve();
    const next = previous.then(async () => {
      const name = cacheFileName(folder.folderKey);
      try {
        const bytes = new TextEncoder().encode(JSON.stringify(folder.toJSON(await this.tool)));
        await store.write(name, bytes);
      } catch (error) {
        this.log.warn(`could not write the findings cache ${store.describe(name)}: ${describe(error)}`);
      }
    });
    this.saving.set(folder.folderKey, next);
    return next;
  }

  private async load(folderKey: string): Promise<FolderFindings> {
    const folder = new FolderFindings(folderKey);
    const store = this.store;
    if (!store) return folder;
    const name = cacheFileName(folderKey);
    const ignore = (why: string): FolderFindings => {
      this.log.info(`ignoring the findings cache ${store.describe(name)}: ${why}; it is rebuilt by the next check`);
      return folder;
    };
    let bytes: Uint8Array | undefined;
    try {
      bytes = await store.read(name);
    } catch (error) {
      return ignore(`it cannot be read (${describe(error)})`);
    }
    if (bytes === undefined) return folder;
    let document: unknown;
    try {
      document = JSON.parse(new TextDecoder('utf-8').decode(bytes));
    } catch (error) {
      return ignore(`it is not valid JSON (${describe(error)})`);
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) return ignore('it is not a cache document');
    const fields = document as Record<string, unknown>;
    if (fields['format'] !== CACHE_FORMAT) return ignore(`it has format ${JSON.stringify(fields['format'])}, this aiolint reads format ${CACHE_FORMAT}`);
    const tool = await this.tool;
    if (fields['tool'] !== tool) return ignore(`it was written by aiolint ${String(fields['tool'])}, this is ${tool}`);
    if (fields['folder'] !== folderKey) return ignore('it belongs to another folder');
    const files = fields['files'];
    if (typeof files !== 'object' || files === null || Array.isArray(files)) return ignore('it has no file records');
    let dropped = 0;
    for (const [path, record] of Object.entries(files as Record<string, unknown>)) {
      if (isCachedFile(record)) folder.add(path, record);
      else dropped++;
    }
    if (dropped > 0) this.log.info(`findings cache ${store.describe(name)}: ignored ${dropped} malformed record(s)`);
    return folder;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
