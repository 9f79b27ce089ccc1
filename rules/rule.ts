/**
 * The rule framework contract: every rule is one file exporting a `Rule` made with
 * `defineRule`, listed in `rules/index.ts`, documented in `rules/docs/<CODE>.md`.
 *
 * A rule reads the semantic model (never re-parses, never reads files), asks the
 * model for the nodes it cares about (`ctx.model.nodesOfType('Call')` — indexed in
 * the single model pass, so rules do not each walk the whole tree), and reports
 * findings by message id. The engine turns reports into `Finding`s, applies
 * severity, suppressions and per-file ignores, and isolates rule crashes.
 */
import type { ResolvedConfig } from '../src/engine/config';
import type { FixApplicability, Severity, TextEdit } from '../src/engine/findings';
import type { ParseResult } from '../src/python/ast';
import type { SemanticModel, WorkspaceIndex } from '../src/analysis/types';
import type { KnowledgeBase } from './knowledge';

export interface RuleMeta {
  /** stable public code, e.g. 'AIO101' (never renumbered) */
  readonly code: string;
  /** kebab-case name, e.g. 'blocking-sleep' */
  readonly name: string;
  /** peer linters' codes for the same check ('ASYNC251'); `# noqa: ASYNC251` silences this rule */
  readonly aliases: readonly string[];
  readonly defaultSeverity: Severity;
  /** the kind of fix the rule offers: 'safe', 'unsafe', or null when it never fixes */
  readonly fixApplicability: FixApplicability | null;
  /** one line, shown in rule lists and the README table */
  readonly summary: string;
  /** part of the default rule set (when `select` is empty) */
  readonly enabledByDefault: boolean;
  /** path of the doc page relative to the repository root: 'rules/docs/AIO101.md' */
  readonly docs: string;
}

/** Values substituted into `{placeholders}` of a message template. */
export type MessageData = Readonly<Record<string, string | number>>;

/** A fix as a rule proposes it; applicability defaults to the rule's `meta.fixApplicability`. */
export interface RuleFix {
  readonly applicability?: FixApplicability;
  /** imperative title: "Replace with `await asyncio.sleep(...)`" */
  readonly message: string;
  /** non-overlapping edits in this file */
  readonly edits: readonly TextEdit[];
}

/** A related location as a rule gives it; the engine fills in line/column. */
export interface RelatedInput {
  /** defaults to the file being checked */
  readonly file?: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface ReportDescriptor<M extends string> {
  /** the node (or any range) to report on: the smallest range that shows the problem */
  readonly node: Range;
  readonly messageId: M;
  readonly data?: MessageData;
  readonly fix?: RuleFix | null;
  /**
   * Other fixes for the same finding, offered after `fix` and never preferred or applied by
   * `--fix` / fix-all (AIO302's bounded `asyncio.Queue` worker pool next to its Semaphore fix).
   */
  readonly alternatives?: readonly RuleFix[];
  readonly related?: readonly RelatedInput[];
  /**
   * The peer code this particular finding corresponds to, when the rule has several aliases
   * ('ASYNC230' for `open()`, 'ASYNC232' for a file method). Used by conformance reports.
   */
  readonly peerCode?: string;
}

export interface RuleContext<M extends string = string> {
  /** path of the file as registered with the project */
  readonly file: string;
  readonly parse: ParseResult;
  /** the file's text (same as `parse.source`) */
  readonly source: string;
  readonly model: SemanticModel;
  readonly workspace: WorkspaceIndex;
  readonly config: ResolvedConfig;
  readonly knowledge: KnowledgeBase;
  report(descriptor: ReportDescriptor<M>): void;
}

export interface Rule<M extends string = string> {
  readonly meta: RuleMeta;
  /** message templates by id; `{name}` placeholders are filled from `data` */
  readonly messages: Readonly<Record<M, string>>;
  check(ctx: RuleContext<M>): void;
}

/** A rule of any message-id type, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- message ids are rule-specific; the registry is heterogeneous
export type AnyRule = Rule<any>;

/** Identity helper that keeps message ids typed inside the rule. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** Fills `{placeholder}`s of a message template; unknown placeholders stay as written. */
export function formatMessage(template: string, data: MessageData | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = data[key];
    return value === undefined ? whole : String(value);
  });
}
