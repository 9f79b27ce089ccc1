/**
 * Output formats of `aiolint check`: text (ruff's concise style), json, sarif, github.
 * Each takes the whole report and returns what goes to stdout.
 */
import { pathToFileURL } from 'node:url';
import type { ConfigDiagnostic } from '../engine/config-file';
import type { Severity } from '../engine/findings';
import type { CheckReport, PositionedFinding, Problem } from './report';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];

/** Rule metadata the SARIF driver lists. */
export interface RuleDescriptor {
  code: string;
  name: string;
  aliases: readonly string[];
  summary: string;
  defaultSeverity: Severity;
}

export interface FormatContext {
  toolVersion: string;
  rules: readonly RuleDescriptor[];
  /** absolute working directory as a file: URI ending in `/` (SARIF's %SRCROOT%) */
  workingDirectoryUri: string;
  /** --unsafe-fixes was given (the summary then counts unsafe fixes as fixable) */
  unsafeFixes: boolean;
}

/** Findings and problems, in path / line / column order. */
function sortedEntries(report: CheckReport): ({ kind: 'finding'; item: PositionedFinding } | { kind: 'problem'; item: Problem })[] {
  const entries = [
    ...report.findings.map((item) => ({ kind: 'finding' as const, item, path: item.displayPath, start: item.start, code: item.finding.code })),
    ...report.problems.map((item) => ({ kind: 'problem' as const, item, path: item.displayPath, start: item.start, code: item.code })),
  ];
  entries.sort(
    (a, b) =>
      compare(a.path, b.path) || a.start.line - b.start.line || a.start.column - b.start.column || compare(a.code, b.code),
  );
  return entries.map((e) => (e.kind === 'finding' ? { kind: e.kind, item: e.item } : { kind: e.kind, item: e.item }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------- text

export function formatText(report: CheckReport, context: FormatContext): string {
  const out: string[] = [];
  for (const entry of sortedEntries(report)) {
    if (entry.kind === 'finding') {
      const f = entry.item;
      out.push(`${f.displayPath}:${f.start.line}:${f.start.column}: ${f.finding.code} ${f.fixable ? '[*] ' : ''}${f.finding.message}`);
    } else {
      const p = entry.item;
      out.push(`${p.displayPath}:${p.start.line}:${p.start.column}: ${p.code} ${p.message}`);
    }
  }
  const errors = report.findings.length + report.problems.filter((p) => p.code !== 'CONFIG').length;
  const { fixed, hiddenUnsafeFixes, fixMode } = report.summary;
  const fixable = report.findings.filter((f) => f.fixable).length;
  const hidden =
    hiddenUnsafeFixes > 0 && !context.unsafeFixes
      ? `${plural(hiddenUnsafeFixes, 'hidden fix', 'hidden fixes')} can be enabled with the \`--unsafe-fixes\` option`
      : '';
  if (errors === 0 && fixed === 0) {
    out.push('All checks passed!');
  } else if (fixMode && fixed > 0) {
    out.push(
      errors === 0
        ? `Found ${plural(fixed, 'error', 'errors')} (${fixed} fixed, 0 remaining).`
        : `Found ${plural(errors + fixed, 'error', 'errors')} (${fixed} fixed, ${errors} remaining).`,
    );
    if (hidden) out.push(`No further fixes available (${hidden}).`);
  } else {
    out.push(`Found ${plural(errors, 'error', 'errors')}.`);
    if (fixable > 0) out.push(`[*] ${fixable} fixable with the \`--fix\` option${hidden ? ` (${hidden})` : ''}.`);
    else if (hidden) out.push(`No fixes available (${hidden}).`);
  }
  return `${out.join('\n')}\n`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------- json

export interface JsonFinding {
  file: string;
  code: string;
  aliases: string[];
  name: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix: null | {
    applicability: 'safe' | 'unsafe';
    message: string;
    edits: { line: number; column: number; endLine: number; endColumn: number; content: string }[];
  };
  related: { file: string; line: number; column: number; message: string }[];
}

export function toJsonFindings(report: CheckReport): JsonFinding[] {
  return sortedEntries(report).map((entry): JsonFinding => {
    if (entry.kind === 'problem') {
      const p = entry.item;
      return {
        file: p.displayPath,
        code: p.code,
        aliases: [],
        name: p.name,
        severity: p.severity,
        message: p.message,
        line: p.start.line,
        column: p.start.column,
        endLine: p.end.line,
        endColumn: p.end.column,
        fix: null,
        related: [],
      };
    }
    const f = entry.item;
    const fix = f.finding.fix;
    return {
      file: f.displayPath,
      code: f.finding.code,
      aliases: [...f.finding.aliases],
      name: f.finding.name,
      severity: f.finding.severity,
      message: f.finding.message,
      line: f.start.line,
      column: f.start.column,
      endLine: f.end.line,
      endColumn: f.end.column,
      fix: fix
        ? {
            applicability: fix.applicability,
            message: fix.message,
            edits: f.fixEdits.map((e) => ({
              line: e.start.line,
              column: e.start.column,
              endLine: e.end.line,
              endColumn: e.end.column,
              content: e.content,
            })),
          }
        : null,
      related: f.related.map((r) => ({ file: r.displayPath, line: r.line, column: r.column, message: r.message })),
    };
  });
}

export function formatJson(report: CheckReport): string {
  return `${JSON.stringify(toJsonFindings(report), null, 2)}\n`;
}

// ---------------------------------------------------------------- sarif

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** a display path as a URI: relative ones percent-encoded (resolved against %SRCROOT%), absolute ones as file: URIs */
function isAbsoluteDisplayPath(displayPath: string): boolean {
  return displayPath.startsWith('/') || /^[A-Za-z]:\//.test(displayPath);
}

function pathToUri(displayPath: string): string {
  if (isAbsoluteDisplayPath(displayPath)) return pathToFileURL(displayPath).href;
  return displayPath
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function artifactLocation(displayPath: string): { uri: string; uriBaseId?: string } {
  return isAbsoluteDisplayPath(displayPath) ? { uri: pathToUri(displayPath) } : { uri: pathToUri(displayPath), uriBaseId: '%SRCROOT%' };
}

export function formatSarif(report: CheckReport, context: FormatContext, configDiagnostics: readonly ConfigDiagnostic[] = []): string {
  const ruleIndex = new Map<string, number>();
  const rules = context.rules.map((rule, index) => {
    ruleIndex.set(rule.code, index);
    return {
      id: rule.code,
      name: rule.name,
      shortDescription: { text: rule.summary },
      defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
      properties: { aliases: [...rule.aliases] },
    };
  });
  const location = (displayPath: string, start: { line: number; column: number }, end: { line: number; column: number }) => ({
    physicalLocation: {
      artifactLocation: artifactLocation(displayPath),
      region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
    },
  });
  const results = report.findings.map((f) => {
    const index = ruleIndex.get(f.finding.code);
    const fix = f.finding.fix;
    return {
      ruleId: f.finding.code,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: SARIF_LEVEL[f.finding.severity],
      message: { text: f.finding.message },
      locations: [location(f.displayPath, f.start, f.end)],
      ...(f.related.length > 0
        ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              ...location(r.displayPath, { line: r.line, column: r.column }, { line: r.line, column: r.column }),
              message: { text: r.message },
            })),
          }
        : {}),
      ...(fix
        ? {
            fixes: [
              {
                description: { text: fix.message },
                artifactChanges: [
                  {
                    artifactLocation: artifactLocation(f.displayPath),
                    replacements: f.fixEdits.map((e) => ({
                      deletedRegion: {
                        startLine: e.start.line,
                        startColumn: e.start.column,
                        endLine: e.end.line,
                        endColumn: e.end.column,
                      },
                      insertedContent: { text: e.content },
                    })),
                  },
                ],
              },
            ],
          }
        : {}),
      properties: { aliases: [...f.finding.aliases], name: f.finding.name, fixApplicability: fix?.applicability ?? null },
    };
  });
  // syntax errors, unreadable files and configuration problems are the tool's notifications
  const notifications = report.problems.map((p) => ({
    descriptor: { id: p.code },
    level: SARIF_LEVEL[p.severity],
    message: { text: p.message },
    locations: [location(p.displayPath, p.start, p.end)],
  }));
  for (const d of configDiagnostics) {
    notifications.push({
      descriptor: { id: 'CONFIG' },
      level: d.severity,
      message: { text: d.message },
      locations: [location(d.file, { line: d.line, column: d.column }, { line: d.line, column: d.column })],
    });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aiolint',
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: context.workingDirectoryUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

// ---------------------------------------------------------------- github

const GITHUB_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

/** Workflow-command escaping: data escapes % CR LF; property values also : and , */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: CheckReport, configDiagnostics: readonly ConfigDiagnostic[] = []): string {
  const out: string[] = [];
  for (const d of configDiagnostics) {
    const props = [`title=${escapeProperty('aiolint configuration')}`, `file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`].join(',');
    out.push(`::${d.severity} ${props}::${escapeData(d.message)}`);
  }
  for (const entry of sortedEntries(report)) {
    const { level, title, path, start, end, message } =
      entry.kind === 'finding'
        ? {
            level: GITHUB_LEVEL[entry.item.finding.severity],
            title: `aiolint (${entry.item.finding.code})`,
            path: entry.item.displayPath,
            start: entry.item.start,
            end: entry.item.end,
            message: `${entry.item.finding.code} ${entry.item.finding.message}`,
          }
        : {
            level: GITHUB_LEVEL[entry.item.severity],
            title: `aiolint (${entry.item.code})`,
            path: entry.item.displayPath,
            start: entry.item.start,
            end: entry.item.end,
            message: `${entry.item.code} ${entry.item.message}`,
          };
    const props = [
      `title=${escapeProperty(title)}`,
      `file=${escapeProperty(path)}`,
      `line=${start.line}`,
      `col=${start.column}`,
      `endLine=${end.line}`,
      `endColumn=${end.column}`,
    ].join(',');
    out.push(`::${level} ${props}::${escapeData(message)}`);
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
