/**
 * A small stand-in for the `vscode` module, enough for the adapters' unit tests (aliased as
 * `vscode` in vitest.config.ts). Behaviour follows the real API where the adapters rely on it:
 * ranges and positions compare like VS Code's, `Uri.joinPath` normalises `..`, diagnostic
 * collections keep what was set, workspace folders and documents are whatever a test registers.
 */

export class Position {
  constructor(readonly line: number, readonly character: number) {}
  isEqual(other: Position): boolean { return this.line === other.line && this.character === other.character; }
  isBefore(other: Position): boolean { return this.line < other.line || (this.line === other.line && this.character < other.character); }
  isAfter(other: Position): boolean { return !this.isEqual(other) && !this.isBefore(other); }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    if (typeof a === 'number' && typeof b === 'number') {
      this.start = new Position(a, b);
      this.end = new Position(c ?? a, d ?? b);
    } else {
      this.start = a as Position;
      this.end = b as Position;
    }
  }
  isEqual(other: Range): boolean { return this.start.isEqual(other.start) && this.end.isEqual(other.end); }
  intersection(other: Range): Range | undefined {
    const start = this.start.isBefore(other.start) ? other.start : this.start;
    const end = this.end.isBefore(other.end) ? this.end : other.end;
    return start.isAfter(end) ? undefined : new Range(start, end);
  }
}

export class Selection extends Range {}

export class Uri {
  private constructor(readonly scheme: string, readonly authority: string, readonly path: string, readonly query = '', readonly fragment = '') {}
  static parse(value: string): Uri {
    const match = /^([\w+.-]+):(?:\/\/([^/]*))?([^?#]*)/.exec(value);
    if (!match) throw new Error(`not a URI: ${value}`);
    return new Uri(match[1] ?? '', match[2] ?? '', match[3] ?? '');
  }
  static file(path: string): Uri { return new Uri('file', '', path.replace(/\\/g, '/')); }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    const parts = base.path.split('/');
    for (const segment of segments.flatMap((s) => s.split('/'))) {
      if (segment === '..') { if (parts.length > 1) parts.pop(); } else if (segment !== '' && segment !== '.') parts.push(segment);
    }
    const joined = parts.join('/') || '/';
    return new Uri(base.scheme, base.authority, joined.startsWith('/') ? joined : `/${joined}`);
  }
  with(change: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  get fsPath(): string { return this.path; }
  toString(_skipEncoding?: boolean): string { return `${this.scheme}://${this.authority}${this.path}`; }
}

export enum DiagnosticSeverity { Error = 0, Warning = 1, Information = 2, Hint = 3 }
export enum EndOfLine { LF = 1, CRLF = 2 }
export enum StatusBarAlignment { Left = 1, Right = 2 }
export enum FileType { Unknown = 0, File = 1, Directory = 2, SymbolicLink = 64 }
export enum CodeActionTriggerKind { Invoke = 1, Automatic = 2 }
export enum ProgressLocation { SourceControl = 1, Window = 10, Notification = 15 }

export class Location {
  constructor(readonly uri: Uri, readonly range: Range) {}
}

export class DiagnosticRelatedInformation {
  constructor(readonly location: Location, readonly message: string) {}
}

export class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  relatedInformation?: DiagnosticRelatedInformation[];
  constructor(public range: Range, public message: string, public severity: DiagnosticSeverity = DiagnosticSeverity.Error) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(other: CodeActionKind): boolean { return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`); }
  intersects(other: CodeActionKind): boolean { return this.contains(other) || other.contains(this); }
}

export interface TextEditEntry { uri: Uri; range: Range; newText: string }

export class WorkspaceEdit {
  readonly edits: TextEditEntry[] = [];
  replace(uri: Uri, range: Range, newText: string): void { this.edits.push({ uri, range, newText }); }
  insert(uri: Uri, position: Position, newText: string): void { this.edits.push({ uri, range: new Range(position, position), newText }); }
}

export class CodeAction {
  edit?: WorkspaceEdit;
  command?: { title: string; command: string; arguments?: unknown[] };
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(readonly title: string, readonly kind?: CodeActionKind) {}
}

export class RelativePattern {
  constructor(readonly base: unknown, readonly pattern: string) {}
}

export class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(value: T): void { for (const listener of this.listeners) listener(value); }
  dispose(): void { this.listeners = []; }
}

export class FileSystemError extends Error {}

class DiagnosticCollection {
  readonly entries = new Map<string, Diagnostic[]>();
  constructor(readonly name: string) {}
  set(uri: Uri, diagnostics: Diagnostic[]): void { this.entries.set(uri.toString(), diagnostics); }
  get(uri: Uri): Diagnostic[] | undefined { return this.entries.get(uri.toString()); }
  has(uri: Uri): boolean { return this.entries.has(uri.toString()); }
  delete(uri: Uri): void { this.entries.delete(uri.toString()); }
  clear(): void { this.entries.clear(); }
  dispose(): void { this.entries.clear(); }
}

export interface StubFolder { uri: Uri; name: string; index: number }

/** What a test controls: open documents, workspace folders, files on "disk", settings. */
export const stubState = {
  textDocuments: [] as unknown[],
  workspaceFolders: [] as StubFolder[],
  files: new Map<string, string>(),
  settings: {} as Record<string, unknown>,
  reset(): void {
    this.textDocuments = [];
    this.workspaceFolders = [];
    this.files.clear();
    this.settings = {};
  },
};

export const languages = {
  createDiagnosticCollection: (name: string) => new DiagnosticCollection(name),
};

export const workspace = {
  get textDocuments() { return stubState.textDocuments; },
  get workspaceFolders() { return stubState.workspaceFolders; },
  getWorkspaceFolder(uri: Uri): StubFolder | undefined {
    return stubState.workspaceFolders.find((folder) => uri.path.startsWith(`${folder.uri.path}/`));
  },
  getConfiguration(_section: string) {
    return {
      get: <T>(key: string, fallback?: T): T | undefined => (stubState.settings[key] as T | undefined) ?? fallback,
      inspect: (key: string) => (key in stubState.settings ? { key, globalValue: stubState.settings[key] } : { key }),
    };
  },
  fs: {
    readFile: (uri: Uri): Promise<Uint8Array> => {
      const text = stubState.files.get(uri.toString());
      return text === undefined ? Promise.reject(new FileSystemError(`not found: ${uri.toString()}`)) : Promise.resolve(new TextEncoder().encode(text));
    },
    readDirectory: (): Promise<[string, FileType][]> => Promise.resolve([]),
  },
  findFiles: (pattern: RelativePattern): Promise<Uri[]> => {
    const base = (pattern.base as StubFolder).uri;
    const wanted = pattern.pattern.includes('.gitignore') ? /\/\.gitignore$/ : /\.pyi?$/;
    return Promise.resolve([...stubState.files.keys()].map((key) => Uri.parse(key)).filter((uri) => uri.path.startsWith(`${base.path}/`) && wanted.test(uri.path)));
  },
};

export const window = {
  createStatusBarItem: () => ({ text: '', tooltip: '', command: undefined, name: '', show() {}, hide() {}, dispose() {} }),
};
