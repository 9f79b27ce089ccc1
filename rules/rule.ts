/**
 * The rule framework contract: every rule is one file exporting a `Rule` made with
 * `defineRule`, listed in `rules/index.ts`, documented in `rules/docs/<CODE>.md`.
 *
 * A rule reads the semantic model (never re-parses, never reads files), asks for
 * the nodes it checks (`ctx.nodesToCheck('Call')` — indexed in the single model pass, so
 * rules do not each walk the whole tree), and reports
 * findings by message id. The engine turns reports into `Finding`s, applies
 * severity, suppressions and per-file ignores, and isolates rule crashes.
 */
import type { ResolvedConfig } from '../src/engine/config';
import type { FixApplicability, Severity, TextEdit } from '../src/engine/findings';
import type { NodeType, ParseResult } from '../src/python/ast';
import type { NodeOfType, SemanticModel, WorkspaceIndex } from '../src/analysis/types';
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
  /**
   * 'statement' when the rule's findings in one top-level statement depend only on that
   * statement, on what the file shows other code (its interface: names, signatures, module-level
   * statements, the body facts in `interfaceFingerprint`) and on the rule's `fileFacts`; and the
   * rule finds its candidates with `ctx.nodesToCheck`. After an edit inside one function the
   * engine then re-checks that statement alone and keeps the other findings (shifted). Absent:
   * the rule re-checks the whole file on every edit (it reads other statements, e.g. every use
   * of a global, or picks fix names shared across the file).
   */
  readonly locality?: 'statement';
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
  /**
   * The nodes of one kind the rule should check: every one in the file, or, when the engine
   * re-checks only the statement an edit touched, the ones inside it. Rules start from these;
   * lookups of other code (uses of a name, the calls of a function) go through `model`.
   * Stable within one check: the same array for the same kind.
   */
  nodesToCheck<K extends NodeType>(type: K): readonly NodeOfType<K>[];
  report(descriptor: ReportDescriptor<M>): void;
}

export interface Rule<M extends string = string> {
  readonly meta: RuleMeta;
  /** message templates by id; `{name}` placeholders are filled from `data` */
  readonly messages: Readonly<Record<M, string>>;
  check(ctx: RuleContext<M>): void;
  /**
   * For `locality: 'statement'` rules whose findings also depend on a few facts gathered over the
   * whole file (a socket switched to non-blocking in one method and read in another): those
   * facts as one string. The engine compares it before and after an edit and re-checks the whole
   * file when it changed.
   */
  fileFacts?(ctx: RuleContext<M>): string;
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
