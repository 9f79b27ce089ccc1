/**
 * The engine as the command line uses it. `main.ts` wires the real parser, project and rule
 * registry in; keeping this seam narrow lets the check pipeline be read (and tested) on its own.
 */
import type { Finding } from '../engine/findings';
import type { LintProject } from '../engine/project';
import type { RuleDescriptor } from './formatters';


export interface AppliedFixes {
  text: string;
  /** findings whose fix went in (overlapping fixes wait for the next round) */
  applied: number;
}

export interface CheckEngine {
  /** a project for files registered relative to `root` */
  createProject(root: string): LintProject;
  /** bytes → text per PEP 263 (BOM, coding cookie, UTF-8 default), or why it cannot be decoded */
  decode(bytes: Uint8Array): { text: string } | { error: string };
  /** applies the fixes of `findings` (all in one file) to `text` */
  applyFixes(text: string, findings: readonly Finding[]): AppliedFixes;
  /** every rule of the registry */
  rules: readonly RuleDescriptor[];
  /** selectors (codes, aliases, names, prefixes, ALL) that match no rule */
  unknownSelectors(selectors: readonly string[]): string[];
  /**
   * The module names a registered file imports (parses it if needed). Without it, the check
   * runs without a cache (the cache keys need every file's imports).
   */
  importsOf?: (project: LintProject, registered: string) => string[];
  /** the worker-thread script for parallel linting; undefined (or absent) to lint on this thread */
  workerScript?: () => string | undefined;
  /** the doc page of a rule, by code or alias; undefined when there is none */
  ruleDoc(codeOrAlias: string): Promise<{ code: string; markdown: string } | undefined>;
}
