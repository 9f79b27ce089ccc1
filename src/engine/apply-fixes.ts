/**
 * Applying fixes to a file's text: one round takes the fixes of the given findings in
 * order, skips any fix whose edits overlap an accepted fix (it waits for the next
 * round, after a re-lint), and applies the accepted edits back to front. `fixUntilStable`
 * repeats lint → apply until nothing changes, a bounded number of times (ruff's loop).
 */
import type { ResolvedConfig } from './config';
import type { Finding, Fix, TextEdit } from './findings';
import type { LintProject } from './project';

export interface ApplyOptions {
  /** also apply fixes marked unsafe */
  unsafe: boolean;
}

export interface ApplyResult {
  text: string;
  /** findings whose fix went in */
  applied: number;
  /** findings with an applicable fix that overlapped another one (try again next round) */
  deferred: number;
}

export function isApplicable(fix: Fix | null, options: ApplyOptions): fix is Fix {
  return fix !== null && (fix.applicability === 'safe' || options.unsafe);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // two insertions at one point are ambiguous in order: treat as overlapping unless identical
  if (a.start === a.end && b.start === b.end) return a.start === b.start && a.content !== b.content;
  return a.start < b.end && b.start < a.end;
}

/**
 * `edit` is already done by `other`: the same edit, or an insertion (of whole lines, such as
 * `import asyncio`) that an accepted insertion at the same point already contains.
 */
function isCoveredBy(edit: TextEdit, other: TextEdit): boolean {
  if (other.start !== edit.start || other.end !== edit.end) return false;
  if (other.content === edit.content) return true;
  if (edit.start !== edit.end || !edit.content.endsWith('\n')) return false;
  const lines = new Set(other.content.split(/(?<=\n)/));
  return edit.content.split(/(?<=\n)/).every((line) => lines.has(line));
}

/** Applies non-overlapping fixes of `findings` to `text` (one round). */
export function applyFixes(text: string, findings: readonly Finding[], options: ApplyOptions): ApplyResult {
  const accepted: TextEdit[] = [];
  let applied = 0;
  let deferred = 0;
  const ordered = [...findings].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  for (const finding of ordered) {
    if (!isApplicable(finding.fix, options)) continue;
    const edits = finding.fix.edits;
    if (edits.some((edit) => edit.start < 0 || edit.end > text.length || edit.end < edit.start)) continue;
    // an identical edit already accepted (two fixes both adding `import asyncio`) is shared, not a conflict
    const fresh = edits.filter((edit) => !accepted.some((other) => isCoveredBy(edit, other)));
    if (fresh.some((edit) => accepted.some((other) => overlaps(edit, other)))) {
      deferred++;
      continue;
    }
    accepted.push(...fresh);
    applied++;
  }
  accepted.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of accepted) result = result.slice(0, edit.start) + edit.content + result.slice(edit.end);
  return { text: result, applied, deferred };
}

export interface FixLoopResult {
  text: string;
  /** fixes applied over all rounds */
  applied: number;
  rounds: number;
  /** findings left after the last round */
  remaining: Finding[];
}

/**
 * Lint → apply → re-lint until no applicable fix is left or `maxRounds` is reached. The
 * project's copy of the file is updated each round (and left at the fixed text).
 */
export function fixUntilStable(project: LintProject, path: string, text: string, config: ResolvedConfig, options: ApplyOptions, maxRounds = 10): FixLoopResult {
  let current = text;
  let applied = 0;
  let rounds = 0;
  project.setFile(path, current);
  let findings = project.lint(path, config).findings;
  while (rounds < maxRounds) {
    const round = applyFixes(current, findings, options);
    if (round.applied === 0 || round.text === current) break;
    rounds++;
    applied += round.applied;
    current = round.text;
    project.setFile(path, current);
    findings = project.lint(path, config).findings;
  }
  return { text: current, applied, rounds, remaining: findings };
}
