/**
 * The `LintProject` implementation: a workspace index plus the rule registry.
 * `lint` runs the selected rules over one file's model and turns their reports into
 * findings: severity, suppressions, per-file ignores, related locations. A rule that
 * throws is reported as an internal error for that file; the other rules still run.
 */
import picomatch from 'picomatch';
import { Workspace } from '../analysis/workspace';
import { relativeTo } from '../analysis/module-names';
import type { AnyNode } from '../python/ast';
import type { ResolvedConfig } from './config';
import type { Finding, RelatedLocation, Severity } from './findings';
import type { FileLintResult, FileUpdate, InternalError, LintProject } from './project';
import { configuredSeverity, selectRules } from './selection';
import { isSuppressed, parseSuppressions } from './suppressions';
import { RULES } from '../../rules/index';
import { formatMessage, type AnyRule, type ReportDescriptor, type RuleContext } from '../../rules/rule';
import { knowledgeFor } from '../../rules/knowledge/index';
import type { Model } from '../analysis/model';

export interface CreateProjectOptions {
  /** the workspace root: paths are relative to it (or absolute inside it) */
  root?: string;
  /** the rules to run (default: the full registry) */
  rules?: readonly AnyRule[];
  /**
   * Bounds memory: once the files holding a parse tree and model exceed this many lines, the
   * least recently used trees are dropped after the lint that went over (rebuilt on demand;
   * findings do not change). Unbounded when absent.
   */
  maxResidentLines?: number;
}

/**
 * The `maxResidentLines` the CLI and the extension use: trees and models take about 1 KB a line,
 * so this bounds them near 100 MB while the modules most files import stay resident.
 */
export const DEFAULT_RESIDENT_LINES = 100_000;

const SIMPLE_STATEMENTS = new Set<AnyNode['nodeType']>([
  'Expr',
  'Assign',
  'AugAssign',
  'AnnAssign',
  'Return',
  'Raise',
  'Assert',
  'Delete',
  'Import',
  'ImportFrom',
  'Global',
  'Nonlocal',
  'Pass',
  'Break',
  'Continue',
  'TypeAlias',
]);

const matcherCache = new Map<string, (path: string) => boolean>();

function globMatcher(glob: string): (path: string) => boolean {
  let matcher = matcherCache.get(glob);
  if (!matcher) {
    const compiled = picomatch(glob, { dot: true, basename: !glob.includes('/') });
    matcher = (path: string) => compiled(path);
    matcherCache.set(glob, matcher);
  }
  return matcher;
}

/** Codes ignored for `relativePath` by `perFileIgnores`. */
export function perFileIgnoresFor(config: ResolvedConfig, relativePath: string): string[] {
  const codes: string[] = [];
  for (const [glob, list] of Object.entries(config.perFileIgnores)) {
    if (globMatcher(glob)(relativePath)) codes.push(...list);
  }
  return codes;
}

export function isExcluded(config: ResolvedConfig, relativePath: string): boolean {
  return config.exclude.some((glob) => globMatcher(glob)(relativePath));
}

class Project implements LintProject {
  readonly workspace: Workspace;
  private readonly rules: readonly AnyRule[];

  constructor(private readonly options: CreateProjectOptions) {
    this.workspace = new Workspace(options.root, options.maxResidentLines === undefined ? {} : { maxResidentLines: options.maxResidentLines });
    this.rules = options.rules ?? RULES;
  }

  setFile(path: string, text: string): void {
    this.workspace.setFile(path, text);
  }

  updateFile(path: string, text: string): FileUpdate {
    return this.workspace.updateFile(path, text);
  }

  removeFile(path: string): void {
    this.workspace.removeFile(path);
  }

  hasFile(path: string): boolean {
    return this.workspace.hasFile(path);
  }

  dependentsOf(path: string): string[] {
    return this.workspace.dependentsOf(path);
  }

  lint(path: string, config: ResolvedConfig): FileLintResult {
    try {
      return this.lintNow(path, config);
    } finally {
      // between lints, never during one: rules hold models while they run
      this.workspace.trim();
    }
  }

  private lintNow(path: string, config: ResolvedConfig): FileLintResult {
    if (!this.workspace.hasFile(path)) throw new Error(`aiolint: ${path} is not part of the project (call setFile first)`);
    let model: Model | null;
    try {
      model = this.workspace.modelOf(path);
    } catch (error) {
      // a bug in the parser or the model must cost this file its findings, never the host
      const message = `internal error while analysing ${path}: ${error instanceof Error ? error.message : String(error)}`;
      return { file: path, findings: [], parseErrors: [], skipped: false, internalErrors: [{ code: 'engine', message }] };
    }
    if (!model) throw new Error(`aiolint: ${path} is not part of the project (call setFile first)`);
    const parse = model.parse;
    const relativePath = relativeTo(this.options.root, path);
    const suppressions = parseSuppressions(parse.comments, parse.lines);
    if (suppressions.skipFile || isExcluded(config, relativePath)) {
      return { file: path, findings: [], parseErrors: parse.errors, skipped: true };
    }
    const rules = selectRules(this.rules, config, perFileIgnoresFor(config, relativePath));
    const knowledge = knowledgeFor(config);
    const findings: Finding[] = [];
    const internalErrors: InternalError[] = [];
    for (const rule of rules) {
      const severity: Severity = (configuredSeverity(config, rule) as Severity | undefined) ?? rule.meta.defaultSeverity;
      const produced: Finding[] = [];
      const context: RuleContext = {
        file: path,
        parse,
        source: parse.source,
        model,
        workspace: this.workspace,
        config,
        knowledge,
        report: (descriptor: ReportDescriptor<string>) => {
          produced.push(this.toFinding(path, model, rule, severity, descriptor));
        },
      };
      try {
        rule.check(context);
      } catch (error) {
        internalErrors.push({
          code: rule.meta.code,
          message: `internal error in rule ${rule.meta.code} (${rule.meta.name}): ${error instanceof Error ? error.message : String(error)}`,
        });
        continue;
      }
      for (const finding of produced) {
        if (!isSuppressed(suppressions, this.suppressionLines(model, finding), [finding.code, ...finding.aliases])) findings.push(finding);
      }
    }
    findings.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
    const result: FileLintResult = { file: path, findings: dedupe(findings), parseErrors: parse.errors, skipped: false };
    if (internalErrors.length > 0) result.internalErrors = internalErrors;
    return result;
  }

  private toFinding(path: string, model: Model, rule: AnyRule, severity: Severity, descriptor: ReportDescriptor<string>): Finding {
    const template = (rule.messages as Record<string, string | undefined>)[descriptor.messageId];
    if (template === undefined) throw new Error(`unknown message id '${descriptor.messageId}'`);
    const related: RelatedLocation[] = (descriptor.related ?? []).map((item) => {
      const file = item.file ?? path;
      const position = (file === path ? model.parse.lines.positionOf(item.start) : this.workspace.positionOf(file, item.start)) ?? { line: 1, column: 0 };
      return { file, start: item.start, end: item.end, line: position.line, column: position.column, message: item.message };
    });
    const fix = descriptor.fix;
    const applicability = fix ? (fix.applicability ?? rule.meta.fixApplicability ?? 'unsafe') : null;
    const finding: Finding = {
      file: path,
      code: rule.meta.code,
      name: rule.meta.name,
      aliases: rule.meta.aliases,
      severity,
      message: formatMessage(template, descriptor.data),
      start: descriptor.node.start,
      end: descriptor.node.end,
      fix: fix && applicability ? { applicability, message: fix.message, edits: [...fix.edits].sort((a, b) => a.start - b.start) } : null,
      related,
    };
    if (descriptor.peerCode) finding.peerCode = descriptor.peerCode;
    if (descriptor.alternatives && descriptor.alternatives.length > 0) {
      finding.alternatives = descriptor.alternatives.map((alternative) => ({
        applicability: alternative.applicability ?? rule.meta.fixApplicability ?? 'unsafe',
        message: alternative.message,
        edits: [...alternative.edits].sort((a, b) => a.start - b.start),
      }));
    }
    return finding;
  }

  /** Lines on which a suppression comment silences `finding` (see suppressions.ts). */
  private suppressionLines(model: Model, finding: Finding): number[] {
    const lines = model.parse.lines;
    const startLine = lines.lineOf(finding.start);
    const endLine = lines.lineOf(Math.max(finding.start, finding.end - 1));
    const result = [startLine];
    if (endLine !== startLine) result.push(endLine);
    // the last line of the enclosing simple statement
    const node = this.nodeAt(model, finding);
    for (let current: AnyNode | null = node; current; current = model.parentOf(current)) {
      if (SIMPLE_STATEMENTS.has(current.nodeType)) {
        const statementEnd = lines.lineOf(Math.max(current.start, current.end - 1));
        if (!result.includes(statementEnd)) result.push(statementEnd);
        break;
      }
      if ('body' in current && Array.isArray(current.body)) break;
    }
    return result;
  }

  /** The smallest Call/expression node starting at the finding (cheap: calls are indexed). */
  private nodeAt(model: Model, finding: Finding): AnyNode | null {
    const calls = model.nodesOfType('Call');
    let low = 0;
    let high = calls.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const call = calls[mid] as AnyNode;
      if (call.start < finding.start) low = mid + 1;
      else if (call.start > finding.start) high = mid - 1;
      else {
        // several calls can start at the same offset (`f()()`): any of them has the same statement
        return call;
      }
    }
    // not a call: find any statement containing the finding by walking from a containing call-less node is
    // not indexed; fall back to the statements of the module body
    return statementContaining(model, finding.start);
  }
}

/** The innermost statement containing `offset` (walks statement bodies only, never expressions). */
function statementContaining(model: Model, offset: number): AnyNode | null {
  let body: readonly AnyNode[] = model.parse.module.body;
  let found: AnyNode | null = null;
  for (;;) {
    const next = body.find((stmt) => stmt.start <= offset && offset < stmt.end);
    if (!next) return found;
    found = next;
    const record = next as unknown as Record<string, unknown>;
    const children: AnyNode[] = [];
    for (const field of ['body', 'orelse', 'finalbody', 'handlers', 'cases']) {
      const value = record[field];
      if (Array.isArray(value)) children.push(...(value as AnyNode[]));
    }
    const expanded: AnyNode[] = [];
    for (const child of children) {
      if (child.nodeType === 'ExceptHandler' || child.nodeType === 'match_case') {
        if (child.start <= offset && offset < child.end) expanded.push(...child.body);
      } else {
        expanded.push(child);
      }
    }
    if (expanded.length === 0) return found;
    body = expanded;
  }
}

/** The same rule reporting the same range twice (two paths to one call) is one finding. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.code}:${finding.start}:${finding.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createProject(options: CreateProjectOptions = {}): LintProject & { readonly workspace: Workspace } {
  return new Project(options);
}
