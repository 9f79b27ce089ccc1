/**
 * The `LintProject` implementation: a workspace index plus the rule registry.
 * `lint` runs the selected rules over one file's model and turns their reports into
 * findings: severity, suppressions, per-file ignores, related locations. A rule that
 * throws is reported as an internal error for that file; the other rules still run.
 */
import picomatch from 'picomatch';
import { Workspace, type LocalEdit } from '../analysis/workspace';
import { relativeTo } from '../analysis/module-names';
import type { AnyNode, NodeType } from '../python/ast';
import type { NodeOfType } from '../analysis/types';
import { nodesOfTypeWithin } from '../../rules/support/nodes-in-range';
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

/**
 * What each of `workers` worker threads keeps resident (CLI and extension): an equal share of
 * DEFAULT_RESIDENT_LINES, so peak memory does not grow with the number of cores, and never below
 * 25,000 lines (the modules most files import must stay resident, or every file re-parses them).
 */
export function workerResidentLines(workers: number): number {
  return Math.max(25_000, Math.floor(DEFAULT_RESIDENT_LINES / Math.max(1, workers)));
}

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

/** What one rule reported on one file, before suppressions: kept to re-check only an edited statement next time. */
interface RuleOutcome {
  readonly findings: readonly Finding[];
  /** the rule's `fileFacts` on that text (null: the rule has none) */
  readonly facts: string | null;
}

/** The last check of a file that was edited through `updateFile` (see `Project.lintNow`). */
interface LintMemory {
  /** the file's text version, the interface epoch and the configuration it was checked under */
  readonly textVersion: number;
  readonly epoch: number;
  readonly configKey: string;
  /** by rule code; a rule that crashed has none */
  readonly outcomes: ReadonlyMap<string, RuleOutcome>;
}

/** One rule checking one file: what every context of the check shares. */
interface RuleRun {
  readonly path: string;
  readonly model: Model;
  readonly rule: AnyRule;
  readonly severity: Severity;
  readonly config: ResolvedConfig;
  readonly knowledge: ReturnType<typeof knowledgeFor>;
}

/** Files whose last check is remembered (the ones being typed in; a few dozen at most matter). */
const MEMORY_FILES = 32;

const configKeys = new WeakMap<ResolvedConfig, string>();

/** The configuration as a string, computed once per configuration object. */
function configKeyOf(config: ResolvedConfig): string {
  let key = configKeys.get(config);
  if (key === undefined) {
    key = JSON.stringify(config);
    configKeys.set(config, key);
  }
  return key;
}

/** `[start, end)` meets `[from, to)` (an empty range inside it counts). */
function touches(start: number, end: number, from: number, to: number): boolean {
  return start < to && (end > from || (start === end && start >= from));
}

class Project implements LintProject {
  readonly workspace: Workspace;
  private readonly rules: readonly AnyRule[];
  /** last checks of the files edited through `updateFile`, least recently checked first */
  private readonly memory = new Map<string, LintMemory>();
  /** files whose current text came through `updateFile` (the editor's files): only they are remembered */
  private readonly edited = new Set<string>();

  constructor(private readonly options: CreateProjectOptions) {
    this.workspace = new Workspace(options.root, options.maxResidentLines === undefined ? {} : { maxResidentLines: options.maxResidentLines });
    this.rules = options.rules ?? RULES;
  }

  setFile(path: string, text: string): void {
    this.workspace.setFile(path, text);
    this.edited.delete(path);
  }

  updateFile(path: string, text: string): FileUpdate {
    const update = this.workspace.updateFile(path, text);
    this.edited.add(path);
    if (this.edited.size > MEMORY_FILES * 4) this.edited.delete(this.edited.values().next().value as string);
    return update;
  }

  removeFile(path: string): void {
    this.workspace.removeFile(path);
    this.memory.delete(path);
    this.edited.delete(path);
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

    // An edit inside one function body that changed nothing other code sees: `locality:
    // 'statement'` rules re-check that statement alone and keep their other findings, shifted.
    // The same text checked again under the same interfaces and configuration: every rule keeps
    // its findings.
    const remember = this.edited.has(path);
    const configKey = remember ? configKeyOf(config) : '';
    const textVersion = this.workspace.textVersionOf(path);
    const epoch = this.workspace.interfaceEpoch;
    const previous = remember ? this.memory.get(path) : undefined;
    // the interfaces seen are the same, or only this file's own edit changed its interface
    const sameEpoch = previous !== undefined && previous.epoch === epoch;
    const comparable =
      previous !== undefined && previous.configKey === configKey && (sameEpoch || this.workspace.epochMovedOnlyBy(path, previous.epoch, previous.textVersion));
    const unchanged = comparable && sameEpoch && previous.textVersion === textVersion;
    let edit: LocalEdit | null = null;
    let ranges: readonly (readonly [number, number])[] = [];
    if (comparable && !unchanged) {
      const candidate = this.workspace.localEditOf(path);
      if (candidate?.fromVersion === previous.textVersion && (sameEpoch || candidate.changedNames !== null)) {
        edit = candidate;
        ranges = candidate.changedNames ? affectedSlices(model, candidate) : [[candidate.newStart, candidate.newEnd]];
      }
    }
    const outcomes = new Map<string, RuleOutcome>();
    const allNodes = <K extends NodeType>(type: K): readonly NodeOfType<K>[] => model.nodesOfType(type);
    const within = new Map<NodeType, readonly AnyNode[]>();
    const editedNodes = <K extends NodeType>(type: K): readonly NodeOfType<K>[] => {
      let nodes = within.get(type);
      if (!nodes) {
        nodes = ranges.length === 1 ? nodesOfTypeWithin(model, type, (ranges[0] as readonly [number, number])[0], (ranges[0] as readonly [number, number])[1]) : ranges.flatMap(([start, end]) => nodesOfTypeWithin(model, type, start, end));
        within.set(type, nodes);
      }
      return nodes as readonly NodeOfType<K>[];
    };

    for (const rule of rules) {
      const severity: Severity = (configuredSeverity(config, rule) as Severity | undefined) ?? rule.meta.defaultSeverity;
      const code = rule.meta.code;
      const run: RuleRun = { path, model, rule, severity, config, knowledge };
      const before = previous?.outcomes.get(code);
      let produced: readonly Finding[] | null = null;
      let facts: string | null = null;
      try {
        if (unchanged && before) {
          produced = before.findings;
          facts = before.facts;
        } else if (edit && before && rule.meta.locality === 'statement') {
          facts = rule.fileFacts ? rule.fileFacts(this.contextFor(run, allNodes, [])) : null;
          if (facts === before.facts) produced = this.recheckStatement(run, edit, ranges, before.findings, editedNodes);
        }
        if (produced === null) {
          const fresh: Finding[] = [];
          const context = this.contextFor(run, allNodes, fresh);
          rule.check(context);
          produced = fresh;
          if (remember && rule.fileFacts && rule.meta.locality === 'statement') facts = rule.fileFacts(context);
        }
      } catch (error) {
        internalErrors.push({
          code,
          message: `internal error in rule ${code} (${rule.meta.name}): ${error instanceof Error ? error.message : String(error)}`,
        });
        continue;
      }
      if (remember) outcomes.set(code, { findings: produced, facts });
      for (const finding of produced) {
        if (!isSuppressed(suppressions, this.suppressionLines(model, finding), [finding.code, ...finding.aliases])) findings.push(finding);
      }
    }
    if (remember) {
      this.memory.delete(path);
      this.memory.set(path, { textVersion, epoch, configKey, outcomes });
      if (this.memory.size > MEMORY_FILES) this.memory.delete(this.memory.keys().next().value as string);
    }
    findings.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
    const result: FileLintResult = { file: path, findings: dedupe(findings), parseErrors: parse.errors, skipped: false };
    if (internalErrors.length > 0) result.internalErrors = internalErrors;
    return result;
  }

  private contextFor(run: RuleRun, nodesToCheck: RuleContext['nodesToCheck'], produced: Finding[]): RuleContext {
    const { path, model, rule, severity } = run;
    return {
      file: path,
      parse: model.parse,
      source: model.parse.source,
      model,
      workspace: this.workspace,
      config: run.config,
      knowledge: run.knowledge,
      nodesToCheck,
      report: (descriptor: ReportDescriptor<string>) => {
        produced.push(this.toFinding(path, model, rule, severity, descriptor));
      },
    };
  }

  /**
   * A `locality: 'statement'` rule after a local edit: checks the edited statement (and the
   * statements `ranges` adds: those using names it binds, when its interface changed), keeps the
   * findings elsewhere (shifted past the edit). Null when that would not be exact: a finding of
   * the re-check lies outside those statements, or a kept one reaches into the edited one (a
   * related location or a fix edit there) — then the caller checks the whole file.
   */
  private recheckStatement(
    run: RuleRun,
    edit: LocalEdit,
    ranges: readonly (readonly [number, number])[],
    previous: readonly Finding[],
    nodesToCheck: RuleContext['nodesToCheck'],
  ): Finding[] | null {
    const { path, model, rule } = run;
    const inRanges = (start: number, end: number): boolean => ranges.some(([from, to]) => start >= from && end <= to);
    const kept: Finding[] = [];
    for (const finding of previous) {
      if (finding.start >= edit.oldStart && finding.start < edit.oldEnd) continue;
      const shifted = shiftFinding(finding, edit, path, model);
      if (!shifted) return null;
      if (ranges.some(([from, to]) => shifted.start >= from && shifted.start < to)) continue; // checked again below
      kept.push(shifted);
    }
    const fresh: Finding[] = [];
    rule.check(this.contextFor(run, nodesToCheck, fresh));
    for (const finding of fresh) {
      if (!inRanges(finding.start, finding.end)) return null;
    }
    return [...kept, ...fresh];
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

/** Identifiers in a string constant short enough to be a forward reference (`"Session"`, `"list[Job]"`). */
const FORWARD_REFERENCE = /[A-Za-z_][A-Za-z0-9_]*/g;

/** The names a top-level statement uses (Name nodes, identifiers in short strings), by statement node. */
const namesUsedBy = new WeakMap<AnyNode, ReadonlySet<string>>();

/**
 * After an edit that changed what one top-level statement binds (`edit.changedNames`), the
 * slices (in the new text) of that statement and of every top-level statement whose findings may
 * depend on it: those using one of the names, then, transitively, those using a name an affected
 * statement binds (a helper whose body uses the changed constant is itself changed for its
 * callers). Uses are Name nodes and identifiers in short strings (string annotations).
 */
function affectedSlices(model: Model, edit: LocalEdit): (readonly [number, number])[] {
  const body = model.parse.module.body;
  const slices = body.map((stmt, i) => [i > 0 ? (body[i - 1] as AnyNode).end : 0, stmt.end] as const);
  const statementAt = (offset: number): number => {
    let low = 0;
    let high = slices.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((slices[mid] as readonly [number, number])[1] <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  // what each statement uses depends on its own nodes only: remembered per statement node (a patched model keeps them)
  const uses = body.map((stmt, i) => {
    let names = namesUsedBy.get(stmt);
    if (!names) {
      const [start, end] = slices[i] as readonly [number, number];
      const found = new Set<string>();
      for (const name of nodesOfTypeWithin(model, 'Name', start, end)) found.add(name.id);
      for (const constant of nodesOfTypeWithin(model, 'Constant', start, end)) {
        if (typeof constant.value !== 'string' || constant.value.length > 200) continue;
        for (const match of constant.value.matchAll(FORWARD_REFERENCE)) found.add(match[0]);
      }
      names = found;
      namesUsedBy.set(stmt, names);
    }
    return names;
  });
  const binds: string[][] = slices.map(() => []);
  for (const [name, bindings] of model.moduleScope.bindings) {
    for (const binding of bindings) binds[statementAt(binding.node.start)]?.push(name);
  }
  const changed = new Set(edit.changedNames);
  const affected = new Set<number>([statementAt(edit.newStart === edit.newEnd ? edit.newStart : edit.newEnd - 1)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = 0; i < slices.length; i++) {
      if (affected.has(i)) continue;
      const used = uses[i] as ReadonlySet<string>;
      for (const name of changed) {
        if (!used.has(name)) continue;
        affected.add(i);
        for (const bound of binds[i] as string[]) changed.add(bound);
        grew = true;
        break;
      }
    }
  }
  return [...affected].sort((a, b) => a - b).map((i) => slices[i] as readonly [number, number]);
}

/**
 * A finding outside an edited statement, moved by the edit (or null when any part of it — its
 * range, a related location in this file, a fix edit — lies in the edited slice).
 */
function shiftFinding(finding: Finding, edit: LocalEdit, path: string, model: Model): Finding | null {
  const { oldStart, oldEnd, delta } = edit;
  if (touches(finding.start, finding.end, oldStart, oldEnd) || (finding.start < oldStart && finding.end > oldStart)) return null;
  const edits = [...(finding.fix?.edits ?? []), ...(finding.alternatives ?? []).flatMap((alternative) => alternative.edits)];
  for (const item of edits) if (touches(item.start, item.end, oldStart, oldEnd) || (item.start < oldStart && item.end > oldStart)) return null;
  for (const item of finding.related) if (item.file === path && (touches(item.start, item.end, oldStart, oldEnd) || (item.start < oldStart && item.end > oldStart))) return null;
  if (delta === 0) return finding;
  const move = (offset: number): number => (offset >= oldEnd ? offset + delta : offset);
  const moveEdits = <E extends { start: number; end: number }>(list: readonly E[]): E[] => list.map((item) => ({ ...item, start: move(item.start), end: move(item.end) }));
  const shifted: Finding = {
    ...finding,
    start: move(finding.start),
    end: move(finding.end),
    fix: finding.fix ? { ...finding.fix, edits: moveEdits(finding.fix.edits) } : null,
    related: finding.related.map((item) => {
      if (item.file !== path || item.start < oldEnd) return item;
      const start = move(item.start);
      const position = model.parse.lines.positionOf(start);
      return { ...item, start, end: move(item.end), line: position.line, column: position.column };
    }),
  };
  if (finding.alternatives) shifted.alternatives = finding.alternatives.map((alternative) => ({ ...alternative, edits: moveEdits(alternative.edits) }));
  return shifted;
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
