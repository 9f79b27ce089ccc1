/**
 * A profile's findings for the editor: blocking hot spots (AIO901), coroutines never
 * awaited (AIO902), task exceptions never retrieved (AIO903), at their lines. Pure data
 * (no `vscode`), so it is unit-tested directly; `runtime-diagnostics.ts` turns it into
 * `vscode.Diagnostic`s.
 */
import type { Profile, ProfileFrame } from '../../profiler/profile';

export interface RuntimeRelated {
  file: string;
  /** 1-based */
  line: number;
  message: string;
}

export interface RuntimeFinding {
  code: 'AIO901' | 'AIO902' | 'AIO903';
  name: string;
  file: string;
  /** 1-based */
  line: number;
  message: string;
  related: RuntimeRelated[];
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count}×`;
}

function frameText(frame: ProfileFrame): string {
  return `${frame.function} (${frame.file.split(/[\\/]/).pop() ?? frame.file}:${frame.line})`;
}

/** `where` ends the sentence: "in the last profiling run" or "in the saved profile run.json". */
export function runtimeFindings(profile: Profile, where = 'in the last profiling run'): RuntimeFinding[] {
  const findings: RuntimeFinding[] = [];

  for (const block of profile.blocks) {
    const duration =
      block.count === 1 ? `for ${ms(block.maxMs)}` : `for up to ${ms(block.maxMs)} (${ms(block.totalMs)} in total)`;
    const related: RuntimeRelated[] = block.stack.slice(1).map((frame) => ({
      file: frame.file,
      line: frame.line,
      message: `called from ${frameText(frame)}`,
    }));
    findings.push({
      code: 'AIO901',
      name: 'observed-loop-block',
      file: block.file,
      line: block.line,
      message: `blocked the event loop ${times(block.count)} ${duration} ${where}` + (block.task ? `; worst while running ${block.task}` : ''),
      related,
    });
  }

  // the same creation site can leak many coroutines: one finding per site, with a count
  const unawaited = new Map<string, { coroutine: string; file: string; line: number; count: number }>();
  for (const item of profile.unawaited) {
    const key = `${item.file}\0${item.line}\0${item.coroutine}`;
    const seen = unawaited.get(key);
    if (seen) seen.count++;
    else unawaited.set(key, { ...item, count: 1 });
  }
  for (const item of unawaited.values()) {
    findings.push({
      code: 'AIO902',
      name: 'observed-unawaited-coroutine',
      file: item.file,
      line: item.line,
      message: `coroutine \`${item.coroutine}\` created here was never awaited${item.count > 1 ? ` (${item.count}×)` : ''} ${where}`,
      related: [],
    });
  }

  const exceptions = new Map<string, { task: string; exception: string; file: string; line: number; count: number }>();
  for (const item of profile.unretrievedExceptions) {
    const key = `${item.file}\0${item.line}\0${item.exception}`;
    const seen = exceptions.get(key);
    if (seen) seen.count++;
    else exceptions.set(key, { ...item, count: 1 });
  }
  for (const item of exceptions.values()) {
    findings.push({
      code: 'AIO903',
      name: 'observed-unretrieved-task-exception',
      file: item.file,
      line: item.line,
      message:
        `task ${item.task} created here ended with an exception nobody retrieved${item.count > 1 ? ` (${item.count}×)` : ''} ${where}: ${item.exception}`,
      related: [],
    });
  }
  return findings.filter((f) => f.file.length > 0 && Number.isInteger(f.line) && f.line >= 1);
}

/** A static aiolint finding on the same line, to mention in the runtime finding's related information. */
export interface StaticOnLine {
  code: string;
  message: string;
}

export function staticRelated(finding: RuntimeFinding, statics: readonly StaticOnLine[]): RuntimeRelated[] {
  return statics.map((s) => ({
    file: finding.file,
    line: finding.line,
    message: `aiolint ${s.code} already flags this line statically: ${s.message}`,
  }));
}
