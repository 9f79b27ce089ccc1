/**
 * The one shape every producer of findings (static rules, the profiler) hands to
 * every consumer (CLI formatters, VS Code adapters, tests). Positions are offsets
 * into the checked file's text; conversion to line/column happens at the edges.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** ruff's terms: a safe fix keeps behaviour; an unsafe one may change it. */
export type FixApplicability = 'safe' | 'unsafe';

/** Replace `[start, end)` of the file's text with `content`. */
export interface TextEdit {
  start: number;
  end: number;
  content: string;
}

export interface Fix {
  applicability: FixApplicability;
  /** imperative, shown as the code action title: "Replace with `await asyncio.sleep(...)`" */
  message: string;
  /** non-overlapping edits, all in the finding's file */
  edits: TextEdit[];
}

/** A place in another (or the same) file that explains the finding (the AIO120 chain, the `async def`). */
export interface RelatedLocation {
  /** path as given to the engine (workspace-relative or absolute, the caller's choice) */
  file: string;
  start: number;
  end: number;
  /** 1-based line and 0-based UTF-16 column, filled in by whoever knows that file's text */
  line: number;
  column: number;
  message: string;
}

export interface Finding {
  /** the file the finding is in, as given to the engine */
  file: string;
  /** our code, e.g. 'AIO101' */
  code: string;
  /** rule name, e.g. 'blocking-sleep' */
  name: string;
  /** peer codes that also name this rule, e.g. ['ASYNC251'] */
  aliases: readonly string[];
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fix: Fix | null;
  related: RelatedLocation[];
  /**
   * The peer code that corresponds to this particular finding when the rule has several
   * aliases ('ASYNC230' for `open()`, 'ASYNC232' for a file method); absent otherwise.
   */
  peerCode?: string;
  /**
   * Other fixes for the same problem, offered next to `fix` (never applied by `--fix` or
   * fix-all, which take `fix` only); absent when the rule offers one fix.
   */
  alternatives?: Fix[];
}
