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

export interface LintProject {
  /**
   * Adds or replaces a module. `path` uses `/` separators and is relative to `root`
   * given at creation (or absolute); the module name is derived from it
   * (package and `src/` layouts, namespace packages).
   */
  setFile(path: string, text: string): void;
  removeFile(path: string): void;
  hasFile(path: string): boolean;
  /** Findings for one registered file, with the configuration that applies to it. */
  lint(path: string, config: ResolvedConfig): FileLintResult;
  /** Files whose findings may change when `path` changes (they import from it). */
  dependentsOf(path: string): string[];
}
