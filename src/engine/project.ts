/**
 * The contract between the engine and its users (CLI, extension, tests).
 *
 * A `LintProject` holds every Python module of a workspace (text in, never files):
 * the edges feed it files with `setFile`, and ask for findings per file with `lint`.
 * Updating one file re-reads only that file; cross-file facts (which functions are
 * async, which sync helpers block) come from the workspace index.
 */
import type { ResolvedConfig } from './config';
import type { Finding } from './findings';
import type { ParseError } from '../python/ast';

export interface FileLintResult {
  /** the path the file was registered under */
  file: string;
  findings: Finding[];
  /** syntax errors the parser recovered from (reported by the edges, not as findings) */
  parseErrors: ParseError[];
  /** true when `# aiolint: skip-file` (or the configuration) excluded the whole file */
  skipped: boolean;
  /**
   * Rules that crashed on this file (a bug in aiolint, never the user's fault): one entry per
   * rule, the other rules' findings are still reported. Absent when none crashed.
   */
  internalErrors?: InternalError[];
}

export interface InternalError {
  /** the rule's code, or 'engine' when the file could not be analysed at all */
  code: string;
  message: string;
}

/** What an edit changed (see `LintProject.updateFile`). */
export interface FileUpdate {
  /** false when the text is the one registered already: nothing to re-check */
  readonly changed: boolean;
  /**
   * What other modules can see of the file changed (names, async-ness, signatures, decorators,
   * bases, module-level statements, whether its functions block, ...), or the file is new.
   */
  readonly interfaceChanged: boolean;
  /**
   * Registered files besides this one whose findings may have changed: every file that imports
   * it (transitively) when its interface changed, else none. Sorted.
   */
  readonly dependants: readonly string[];
}

export interface LintProject {
  /**
   * Adds or replaces a module. `path` uses `/` separators and is relative to `root`
   * given at creation (or absolute); the module name is derived from it
   * (package and `src/` layouts, namespace packages).
   */
  setFile(path: string, text: string): void;
  /**
   * `setFile` for an edit: analyses the new text right away and says what else must be re-checked.
   * Lint `path`, then exactly `dependants` (none when the edit only touched what other modules
   * cannot see, like a statement inside a function body). Related locations that dependants'
   * findings hold into this file keep their old offsets until the dependants are re-checked.
   */
  updateFile(path: string, text: string): FileUpdate;
  removeFile(path: string): void;
  hasFile(path: string): boolean;
  /** Findings for one registered file, with the configuration that applies to it. */
  lint(path: string, config: ResolvedConfig): FileLintResult;
  /** Files whose findings may change when `path` changes (they import from it). */
  dependentsOf(path: string): string[];
}
