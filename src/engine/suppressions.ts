/**
 * Suppression comments:
 *   `# noqa`                      every finding on the line
 *   `# noqa: AIO101, ASYNC251`    those codes (ours or aliases, case-insensitive; prefixes not accepted)
 *   `# aiolint: ignore[AIO101]`   the same, in our own spelling (`# aiolint: ignore` alone: everything)
 *   `# aiolint: skip-file`        the whole file (anywhere in the file, on its own comment)
 *   `# aiolint: noqa: AIO101`     those codes in the whole file (ruff's `# ruff: noqa: F401`)
 *
 * Which line counts: the line where the finding starts, or the line where it ends, or the
 * last line of the simple statement containing it (so a `# noqa` after the closing bracket
 * of a call spread over several lines works, as in ruff). Compound statements' headers
 * (`with`, `for`, `if`) count only their own lines, never the end of their body.
 */
import type { Comment, LineIndex } from '../python/ast';

export interface LineSuppression {
  /** null: every code */
  readonly codes: ReadonlySet<string> | null;
}

export interface Suppressions {
  readonly skipFile: boolean;
  /** 1-based line → what is suppressed there */
  readonly byLine: ReadonlyMap<number, LineSuppression>;
  /** codes suppressed in the whole file by `# aiolint: noqa: CODES` */
  readonly fileCodes?: ReadonlySet<string>;
}

const NOQA = /#\s*noqa(?::\s*([A-Za-z]+[0-9]+(?:\s*[,\s]\s*[A-Za-z]+[0-9]+)*))?/gi;
const AIOLINT_IGNORE = /#\s*aiolint:\s*ignore(?:\[([^\]]*)\])?/gi;
const SKIP_FILE = /#\s*aiolint:\s*skip-file\b/i;
const FILE_NOQA = /^#\s*aiolint:\s*noqa:\s*([A-Za-z]+[0-9]+(?:\s*[,\s]\s*[A-Za-z]+[0-9]+)*)/i;

function splitCodes(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
}

function merge(map: Map<number, LineSuppression>, line: number, codes: string[] | null): void {
  const existing = map.get(line);
  if (existing && existing.codes === null) return;
  if (codes === null) {
    map.set(line, { codes: null });
    return;
  }
  const set = new Set(existing?.codes ?? []);
  for (const code of codes) set.add(code);
  map.set(line, { codes: set });
}

export function parseSuppressions(comments: readonly Comment[], lines: LineIndex): Suppressions {
  const byLine = new Map<number, LineSuppression>();
  let skipFile = false;
  const fileCodes = new Set<string>();
  for (const comment of comments) {
    const text = comment.text;
    const lower = text.toLowerCase();
    if (!lower.includes('noqa') && !lower.includes('aiolint')) continue;
    if (SKIP_FILE.test(text)) skipFile = true;
    const fileNoqa = FILE_NOQA.exec(text);
    if (fileNoqa?.[1] !== undefined) {
      for (const code of splitCodes(fileNoqa[1])) fileCodes.add(code);
      continue;
    }
    const line = lines.lineOf(comment.start);
    for (const match of text.matchAll(NOQA)) {
      const list = match[1];
      merge(byLine, line, list ? splitCodes(list) : null);
    }
    for (const match of text.matchAll(AIOLINT_IGNORE)) {
      const list = match[1];
      const codes = list === undefined ? null : splitCodes(list);
      merge(byLine, line, codes && codes.length > 0 ? codes : null);
    }
  }
  return { skipFile, byLine, fileCodes };
}

/** True when a finding with these codes (code + aliases) is suppressed on any of `lines`. */
export function isSuppressed(suppressions: Suppressions, lines: Iterable<number>, codes: readonly string[]): boolean {
  const fileCodes = suppressions.fileCodes;
  if (fileCodes && codes.some((code) => fileCodes.has(code.toUpperCase()))) return true;
  for (const line of lines) {
    const entry = suppressions.byLine.get(line);
    if (!entry) continue;
    if (entry.codes === null) return true;
    for (const code of codes) if (entry.codes.has(code.toUpperCase())) return true;
  }
  return false;
}
