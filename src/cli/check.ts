/**
 * `aiolint check`: find the files, register every Python module of each project (the workspace
 * index needs them all), apply fixes when asked, lint the requested files, and report.
 * Nothing a single file does (unreadable, undecodable, unparsable) stops the run.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResolvedConfig } from '../engine/config';
import type { ConfigDiagnostic } from '../engine/config-file';
import type { Finding } from '../engine/findings';
import type { LintProject } from '../engine/project';
import { ConfigLocator } from './config-locator';
import type { LocatedConfig } from './config-locator';
import { ExcludeMatcher, toPosix, walkPythonFiles } from './discover';
import type { CheckEngine } from './engine-api';
import { formatGithub, formatJson, formatSarif, formatText } from './formatters';
import type { OutputFormat } from './formatters';
import { PositionMapper } from './report';
import type { CheckReport, PositionedFinding, Problem } from './report';
import { detectLineEnding, encodeStored, sameBytes, storedEncodingOf, withLineEnding } from './source-encoding';
import type { StoredEncoding } from './source-encoding';

export interface CheckOptions {
  paths: string[];
  /** replaces the configuration's `select` */
  select?: string[];
  /** added to the configuration's `ignore` */
  ignore?: string[];
  format: OutputFormat;
  fix: boolean;
  unsafeFixes: boolean;
  exitZero: boolean;
  stats: boolean;
  configFile?: string;
  noCache: boolean;
}

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  version: string;
}

/** how many fix-and-relint rounds a file gets (fixes that overlap wait for the next round) */
const MAX_FIX_ROUNDS = 10;

interface LoadedFile {
  absolute: string;
  /** as registered with the project: relative to its root, `/` separators */
  registered: string;
  text: string;
  /** how to write it back; undefined when its bytes cannot be reproduced (fixes are then not written) */
  stored: StoredEncoding | undefined;
}

interface ProjectGroup {
  root: string;
  requested: string[];
}

export async function runCheck(options: CheckOptions, engine: CheckEngine, io: CliIO): Promise<number> {
  const started = performance.now();
  // relative to the working directory, like ruff; absolute for files outside it
  const display = (absolute: string): string => {
    const relative = path.relative(io.cwd, absolute);
    if (relative === '') return '.';
    return toPosix(relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative);
  };
  const locator = new ConfigLocator({
    readFile: readTextIfExists,
    ...(options.configFile === undefined ? {} : { explicitConfigFile: path.resolve(io.cwd, options.configFile) }),
    displayPath: display,
    unknownSelectors: (selectors) => engine.unknownSelectors(selectors),
  });
  const problems: Problem[] = [];
  const configDiagnostics = new Map<string, ConfigDiagnostic>();
  const noteConfig = (located: LocatedConfig): void => {
    for (const d of located.diagnostics) configDiagnostics.set(`${d.file}:${d.line}:${d.message}`, d);
  };
  const ioProblem = (absolute: string, message: string): void => {
    problems.push({
      code: 'E902',
      name: 'io-error',
      severity: 'error',
      displayPath: display(absolute),
      start: { line: 1, column: 1 },
      end: { line: 1, column: 1 },
      message,
    });
  };
  const excludeFor = async (folder: string): Promise<ExcludeMatcher | undefined> => {
    const located = await locator.configForFolder(folder);
    noteConfig(located);
    return located.config.exclude.length > 0 ? new ExcludeMatcher(located.root ?? io.cwd, located.config.exclude) : undefined;
  };
  const walkError = (folder: string, error: unknown): void => {
    ioProblem(folder, `cannot read folder: ${describeError(error)}`);
  };

  // 1. the requested files
  const requested = new Set<string>();
  /** where a requested file's project is when no pyproject.toml says: the folder it was found under */
  const fallbackRoot = new Map<string, string>();
  for (const given of options.paths.length > 0 ? options.paths : ['.']) {
    const absolute = path.resolve(io.cwd, given);
    let stat: import('node:fs').Stats;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      ioProblem(absolute, `cannot read ${given}: ${describeError(error)}`);
      continue;
    }
    if (stat.isDirectory()) {
      const folderRoot = isInside(absolute, io.cwd) ? io.cwd : absolute;
      for (const file of await walkPythonFiles(absolute, { excludeFor }, walkError)) {
        requested.add(file);
        if (!fallbackRoot.has(file)) fallbackRoot.set(file, folderRoot);
      }
    } else {
      requested.add(absolute);
      if (!fallbackRoot.has(absolute)) fallbackRoot.set(absolute, isInside(absolute, io.cwd) ? io.cwd : path.dirname(absolute));
    }
  }

  // 2. group them by project root (the folder of the pyproject.toml that configures them)
  const groups = new Map<string, ProjectGroup>();
  const configOf = new Map<string, LocatedConfig>();
  for (const file of [...requested].sort()) {
    const located = await locator.configFor(file);
    noteConfig(located);
    configOf.set(file, located);
    const root = located.root ?? fallbackRoot.get(file) ?? path.dirname(file);
    let group = groups.get(root);
    if (!group) {
      group = { root, requested: [] };
      groups.set(root, group);
    }
    group.requested.push(file);
  }

  const findings: PositionedFinding[] = [];
  let linesChecked = 0;
  let fixed = 0;
  let hiddenUnsafeFixes = 0;
  let filesChecked = 0;
  /** rules that crashed (aiolint's bug): reported, other findings kept, exit code 2 */
  const internalErrors: string[] = [];

  for (const group of groups.values()) {
    // 3. register every module of the project, then lint the requested ones
    const project = engine.createProject(group.root);
    const wanted = new Set(group.requested);
    const everyFile = new Set(await walkPythonFiles(group.root, { excludeFor }, () => undefined));
    for (const file of group.requested) everyFile.add(file);
    const loaded = new Map<string, LoadedFile>();
    for (const absolute of [...everyFile].sort()) {
      const result = await loadFile(absolute, group.root, engine);
      if (typeof result === 'string') {
        if (wanted.has(absolute)) ioProblem(absolute, result);
        continue;
      }
      loaded.set(absolute, result);
      project.setFile(result.registered, result.text);
    }

    const configFor = (file: string): ResolvedConfig => {
      const located = configOf.get(file);
      return mergeCommandLine(located?.config, options);
    };

    if (options.fix) {
      for (const absolute of group.requested) {
        const file = loaded.get(absolute);
        if (!file) continue;
        const outcome = fixFile(project, file, configFor(absolute), options.unsafeFixes, engine);
        if (outcome.brokeSyntax.length > 0) {
          internalErrors.push(
            `${display(absolute)}: fixes of ${outcome.brokeSyntax.join(', ')} produced invalid Python; that round was not applied`,
          );
        }
        if (outcome.applied === 0) continue;
        const bytes = file.stored ? encodeStored(outcome.text, file.stored) : undefined;
        if (!bytes) {
          ioProblem(
            absolute,
            file.stored
              ? `fixes not written: the fixed text cannot be stored in the file's encoding (${file.stored.encoding})`
              : 'fixes not written: aiolint cannot write this file back byte for byte in its encoding',
          );
          project.setFile(file.registered, file.text);
          continue;
        }
        try {
          await fs.writeFile(absolute, bytes);
          fixed += outcome.applied;
          file.text = outcome.text;
        } catch (error) {
          ioProblem(absolute, `fixes not written: ${describeError(error)}`);
          project.setFile(file.registered, file.text);
        }
      }
    }

    for (const absolute of group.requested) {
      const file = loaded.get(absolute);
      if (!file) continue;
      const result = project.lint(file.registered, configFor(absolute));
      for (const crash of result.internalErrors ?? []) {
        internalErrors.push(`${display(absolute)}: ${crash.message}`);
      }
      if (result.skipped) continue;
      filesChecked++;
      const mapper = new PositionMapper(file.text);
      linesChecked += mapper.lineCount;
      for (const error of result.parseErrors) {
        problems.push({
          code: 'E999',
          name: 'syntax-error',
          severity: 'error',
          displayPath: display(absolute),
          start: mapper.position(error.start),
          end: mapper.position(Math.max(error.end, error.start)),
          message: `SyntaxError: ${error.message}`,
        });
      }
      const relatedMapper = (registered: string): PositionMapper | undefined => {
        if (registered === file.registered) return mapper;
        const other = loaded.get(path.resolve(group.root, registered));
        return other ? new PositionMapper(other.text) : undefined;
      };
      for (const finding of result.findings) {
        const fixable = finding.fix !== null && (finding.fix.applicability === 'safe' || options.unsafeFixes);
        if (finding.fix?.applicability === 'unsafe' && !options.unsafeFixes) hiddenUnsafeFixes++;
        findings.push(positionFinding(finding, mapper, fixable, display(absolute), (registered) => display(path.resolve(group.root, registered)), relatedMapper));
      }
    }
  }

  const report: CheckReport = {
    findings,
    problems,
    summary: {
      filesChecked,
      linesChecked,
      cacheHits: 0,
      elapsedMs: performance.now() - started,
      fixed,
      hiddenUnsafeFixes,
      fixMode: options.fix,
    },
  };

  const configErrors = [...configDiagnostics.values()];
  for (const d of configErrors) {
    io.stderr(`aiolint: ${d.severity}: ${d.file}:${d.line}:${d.column}: ${d.message}\n`);
  }
  if (requested.size === 0 && problems.length === 0) {
    io.stderr('aiolint: warning: no Python files found under the given paths\n');
  }

  const context = {
    toolVersion: io.version,
    rules: engine.rules,
    workingDirectoryUri: pathToFileURL(io.cwd.endsWith(path.sep) ? io.cwd : io.cwd + path.sep).href,
    unsafeFixes: options.unsafeFixes,
  };
  switch (options.format) {
    case 'text':
      io.stdout(formatText(report, context));
      break;
    case 'json':
      io.stdout(formatJson(report));
      break;
    case 'sarif':
      io.stdout(formatSarif(report, context, configErrors));
      break;
    case 'github':
      io.stdout(formatGithub(report, configErrors));
      break;
  }
  if (options.stats) io.stderr(formatStats(report));
  for (const message of internalErrors) io.stderr(`aiolint: internal error: ${message} (please report this)\n`);
  if (internalErrors.length > 0) return 2;

  if (options.exitZero) return 0;
  const failed = findings.length > 0 || problems.length > 0 || configErrors.some((d) => d.severity === 'error');
  return failed ? 1 : 0;
}

function mergeCommandLine(config: ResolvedConfig | undefined, options: CheckOptions): ResolvedConfig {
  const base = config ?? undefined;
  if (!base) throw new Error('no configuration located');
  return {
    ...base,
    select: options.select ?? base.select,
    ignore: options.ignore ? [...base.ignore, ...options.ignore] : base.ignore,
  };
}

async function loadFile(absolute: string, root: string, engine: CheckEngine): Promise<LoadedFile | string> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(absolute);
  } catch (error) {
    return `cannot read file: ${describeError(error)}`;
  }
  const decoded = engine.decode(bytes);
  if ('error' in decoded) return `cannot decode file: ${decoded.error}`;
  const stored = storedEncodingOf(bytes);
  const roundTrip = encodeStored(decoded.text, stored);
  return {
    absolute,
    registered: toPosix(path.relative(root, absolute)),
    text: decoded.text,
    stored: roundTrip && sameBytes(roundTrip, bytes) ? stored : undefined,
  };
}

/**
 * Applies fixes round by round until none is left (or rounds run out); the project ends with the
 * text that is returned. Like ruff: a file with syntax errors is not fixed, and a round whose result
 * no longer parses is undone (a bug in a fix must never cost the user their code).
 */
function fixFile(
  project: LintProject,
  file: LoadedFile,
  config: ResolvedConfig,
  unsafe: boolean,
  engine: CheckEngine,
): { text: string; applied: number; brokeSyntax: string[] } {
  const eol = detectLineEnding(file.text);
  let text = file.text;
  let applied = 0;
  const brokeSyntax: string[] = [];
  let result = project.lint(file.registered, config);
  if (result.parseErrors.length > 0) return { text, applied, brokeSyntax };
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const fixable = result.findings
      .filter((f) => f.fix !== null && (f.fix.applicability === 'safe' || unsafe))
      .map((f) => withFileLineEndings(f, eol));
    if (fixable.length === 0) break;
    const outcome = engine.applyFixes(text, fixable);
    if (outcome.applied === 0 || outcome.text === text) break;
    project.setFile(file.registered, outcome.text);
    result = project.lint(file.registered, config);
    if (result.parseErrors.length > 0) {
      brokeSyntax.push(...new Set(fixable.map((f) => f.code)));
      project.setFile(file.registered, text);
      break;
    }
    applied += outcome.applied;
    text = outcome.text;
  }
  return { text, applied, brokeSyntax };
}

function withFileLineEndings(finding: Finding, eol: string): Finding {
  if (!finding.fix || eol === '\n') return finding;
  return {
    ...finding,
    fix: { ...finding.fix, edits: finding.fix.edits.map((e) => ({ ...e, content: withLineEnding(e.content, eol) })) },
  };
}

function positionFinding(
  finding: Finding,
  mapper: PositionMapper,
  fixable: boolean,
  displayPath: string,
  displayRelated: (registered: string) => string,
  mapperFor: (registered: string) => PositionMapper | undefined,
): PositionedFinding {
  return {
    finding,
    displayPath,
    start: mapper.position(finding.start),
    end: mapper.position(finding.end),
    fixEdits: (finding.fix?.edits ?? []).map((e) => ({ start: mapper.position(e.start), end: mapper.position(e.end), content: e.content })),
    related: finding.related.map((r) => {
      const other = mapperFor(r.file);
      const position = other ? other.position(r.start) : { line: r.line, column: r.column + 1 };
      return { displayPath: displayRelated(r.file), line: position.line, column: position.column, message: r.message };
    }),
    fixable,
  };
}

function formatStats(report: CheckReport): string {
  const { filesChecked, linesChecked, cacheHits, elapsedMs } = report.summary;
  const seconds = (elapsedMs / 1000).toFixed(2);
  const lines = [
    `Checked ${filesChecked} ${filesChecked === 1 ? 'file' : 'files'} (${linesChecked} lines) in ${seconds}s; cache hits: ${cacheHits} (no cache yet)`,
  ];
  const perCode = new Map<string, { count: number; name: string; fixable: number }>();
  for (const f of report.findings) {
    const entry = perCode.get(f.finding.code) ?? { count: 0, name: f.finding.name, fixable: 0 };
    entry.count++;
    if (f.fixable) entry.fixable++;
    perCode.set(f.finding.code, entry);
  }
  for (const p of report.problems) {
    const entry = perCode.get(p.code) ?? { count: 0, name: p.name, fixable: 0 };
    entry.count++;
    perCode.set(p.code, entry);
  }
  for (const [code, entry] of [...perCode].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))) {
    lines.push(`${String(entry.count).padStart(6)}  ${code.padEnd(7)} ${entry.fixable > 0 ? '[*]' : '   '} ${entry.name}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
    throw error;
  }
}

function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

function describeError(error: unknown): string {
  if (isErrno(error) && error.code === 'ENOENT') return 'no such file or directory';
  if (isErrno(error) && error.code === 'EACCES') return 'permission denied';
  if (isErrno(error) && error.code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
