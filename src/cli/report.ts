/**
 * What a check run produced, in the form every output format reads: per file, its findings
 * with positions already converted to lines and columns, plus problems that are not findings
 * (syntax errors, unreadable files, configuration errors).
 */
import { createLineIndex } from '../python/lineIndex';
import type { LineIndex } from '../python/ast';
import type { Finding, Severity } from '../engine/findings';

/** 1-based line, 1-based column in UTF-16 code units (what JSON, SARIF and GitHub want). */
export interface Position {
  line: number;
  column: number;
}

export interface PositionedEdit {
  start: Position;
  end: Position;
  content: string;
}

export interface PositionedFinding {
  finding: Finding;
  /** path shown to the user: relative to the working directory, `/` separators */
  displayPath: string;
  start: Position;
  end: Position;
  fixEdits: PositionedEdit[];
  related: { displayPath: string; line: number; column: number; message: string }[];
  /** the fix would be applied by `--fix` with the flags given (safe, or unsafe with --unsafe-fixes) */
  fixable: boolean;
}

/** Problems that are not rule findings but must be shown (never fatal). */
export interface Problem {
  /** 'E999' syntax error, 'E902' unreadable or undecodable file, 'CONFIG' configuration file */
  code: 'E999' | 'E902' | 'CONFIG';
  /** name as in our JSON output */
  name: 'syntax-error' | 'io-error' | 'config-error';
  severity: Severity;
  displayPath: string;
  start: Position;
  end: Position;
  message: string;
}

export interface RunSummary {
  filesChecked: number;
  linesChecked: number;
  /** files whose findings came from the result cache */
  cacheHits: number;
  /** threads the linting ran on (1 when no worker thread was started) */
  threads?: number;
  elapsedMs: number;
  /** findings fixed by --fix (0 without it) */
  fixed: number;
  /** findings with a fix that needs --unsafe-fixes */
  hiddenUnsafeFixes: number;
  fixMode: boolean;
}

export interface CheckReport {
  findings: PositionedFinding[];
  problems: Problem[];
  summary: RunSummary;
}

/** Converts offsets of one text to 1-based lines and 1-based UTF-16 columns. */
/**
 * `new PositionMapper(text).lineCount` without building the line table (\n, \r\n and \r each end
 * a line; a final line break does not start one), scanning with indexOf, which is native.
 */
export function countLines(text: string): number {
  let breaks = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks++;
  // a lone \r (not followed by \n) is a line break too
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 10) breaks++;
  const last = text.charCodeAt(text.length - 1);
  const endsWithBreak = last === 10 || last === 13;
  return breaks > 0 && endsWithBreak ? breaks : breaks + 1;
}

/** 1-based line and column for reports, over the engine's line table. */
export class PositionMapper {
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = createLineIndex(text);
  }

  get lineCount(): number {
    // a final line break does not start a line of its own
    const count = this.lines.lineCount;
    return count > 1 && this.lines.lineStart(count) === this.text.length ? count - 1 : count;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lines.lineOf(clamped);
    // a leading byte-order mark is not a column anyone can see
    const bom = line === 1 && this.text.charCodeAt(0) === 0xfeff && clamped > 0 ? 1 : 0;
    return { line, column: clamped - this.lines.lineStart(line) - bom + 1 };
  }
}
