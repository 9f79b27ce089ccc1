/**
 * `aiolint check`: find the files, register every Python module of each project (the workspace
 * index needs them all), apply fixes when asked, lint the requested files, and report.
 * Nothing a single file does (unreadable, undecodable, unparsable) stops the run.
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResolvedConfig } from '../engine/config';
import type { ConfigDiagnostic } from '../engine/config-file';
import type { Finding } from '../engine/findings';
import type { FileLintResult, LintProject } from '../engine/project';
import { ConfigLocator } from './config-locator';
import type { LocatedConfig } from './config-locator';
import { ExcludeMatcher, toPosix, walkPythonFiles } from './discover';
import type { CheckEngine } from './engine-api';
import { formatGithub, formatJson, formatSarif, formatText } from './formatters';
import type { OutputFormat } from './formatters';
import { countLines, PositionMapper } from './report';
import type { CheckReport, PositionedFinding, Problem } from './report';
import { dependencyKeys, hashText, ResultCache } from './cache';
import type { KeyInput } from './cache';
import { lintInWorkers } from './parallel';
import { inShard } from './shard';
import { detectLineEnding, encodeStored, sameBytes, storedEncodingOf, withLineEnding } from './source-encoding';
import type { StoredEncoding } from './source-encoding';

export interface CheckOptions {
  paths: string[];
  /** replaces the configuration's `select` */
  select?: string[];
  /** added to the configuration's `ignore` */
  ignore?: string[];
  /** added to the selection (after `select`, which drops the configuration's `extend-select`) */
  extendSelect?: string[];
  format: OutputFormat;
  fix: boolean;
  unsafeFixes: boolean;
  exitZero: boolean;
  stats: boolean;
  configFile?: string;
  noCache: boolean;
  /** worker threads for linting (1: this thread only); default: the machine's cores */
  jobs?: number;
  /** check only the files of shard `index` (1-based) of `count`, split by path hash */
  shard?: { index: number; count: number };
}

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  version: string;
}

/** how many fix-and-relint rounds a file gets (fixes that overlap wait for the next round) */
const MAX_FIX_ROUNDS = 10;
/** the bundle's own hash, taken when it is loaded (a rebuild during the run must not mislabel results) */
const BUILD_IDENTITY = ((): string => {
  const script = typeof __filename === 'string' ? __filename : undefined;
  try {
    return script !== undefined && script.endsWith('.js') && existsSync(script) ? hashText(readFileSync(script, 'utf8')) : '';
  } catch {
    return '';
  }
})();

/** below this many lines to lint, starting worker threads costs more than it saves */
const PARALLEL_MIN_LINES = 20_000;

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

export function runCheck(options: CheckOptions, engine: CheckEngine, io: CliIO): Promise<number> {
  return new CheckRun(options, engine, io).run();
}

/** One `aiolint check` invocation: its inputs, and what it has collected so far. */
class CheckRun {
  private readonly started = performance.now();
  private readonly locator: ConfigLocator;
  private readonly problems: Problem[] = [];
  private readonly findings: PositionedFinding[] = [];
  /** configuration problems, once each however many files share the configuration */
  private readonly configDiagnostics = new Map<string, ConfigDiagnostic>();
  /** aiolint's own failures (a rule crashed, a fix broke the syntax): reported, exit code 2 */
  private readonly internalErrors: string[] = [];
  /** where a requested file's project is when no pyproject.toml says: the folder it was found under */
  private readonly fallbackRoot = new Map<string, string>();
  private readonly configOf = new Map<string, LocatedConfig>();
  private readonly walks = new Map<string, Promise<string[]>>();
  /** line tables of the files findings point into, rebuilt only when a file's text changed */
  private readonly mappers = new Map<string, { text: string; mapper: PositionMapper }>();
  private filesChecked = 0;
  private cacheHits = 0;
  /** the most threads any project's lint ran on */
  private threads = 1;
  private linesChecked = 0;
  private fixed = 0;
  private hiddenUnsafeFixes = 0;

  constructor(
    private readonly options: CheckOptions,
    private readonly engine: CheckEngine,
    private readonly io: CliIO,
  ) {
    this.locator = new ConfigLocator({
      readFile: readTextIfExists,
      ...(options.configFile === undefined ? {} : { explicitConfigFile: path.resolve(io.cwd, options.configFile) }),
      displayPath: (file) => this.display(file),
      unknownSelectors: (selectors) => engine.unknownSelectors(selectors),
    });
  }

  async run(): Promise<number> {
    const requested = await this.requestedFiles();
    for (const group of await this.groupByProject(requested)) await this.checkProject(group);
    return this.report(requested.size);
  }

  /** relative to the working directory, like ruff; absolute for files outside it */
  private display(absolute: string): string {
    const relative = path.relative(this.io.cwd, absolute);
    if (relative === '') return '.';
    return toPosix(relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative);
  }

  private noteConfig(located: LocatedConfig): void {
    for (const d of located.diagnostics) this.configDiagnostics.set(`${d.file}:${d.line}:${d.message}`, d);
  }

  private ioProblem(absolute: string, message: string): void {
    this.problems.push({
      code: 'E902',
      name: 'io-error',
      severity: 'error',
      displayPath: this.display(absolute),
      start: { line: 1, column: 1 },
      end: { line: 1, column: 1 },
      message,
    });
  }

  private readonly excludeFor = async (folder: string): Promise<ExcludeMatcher | undefined> => {
    const located = await this.locator.configForFolder(folder);
    this.noteConfig(located);
    return located.config.exclude.length > 0 ? new ExcludeMatcher(located.root ?? this.io.cwd, located.config.exclude) : undefined;
  };

  /** Python files under a folder, walked once per run (`check .` names the project root itself) */
  private walk(folder: string, onError: (folder: string, error: unknown) => void): Promise<string[]> {
    let files = this.walks.get(folder);
    if (!files) {
      files = walkPythonFiles(folder, { excludeFor: this.excludeFor }, onError);
      this.walks.set(folder, files);
    }
    return files;
  }

  /** 1. the files named on the command line, and those under the folders named there */
  private async requestedFiles(): Promise<Set<string>> {
    const requested = new Set<string>();
    const { cwd } = this.io;
    for (const given of this.options.paths.length > 0 ? this.options.paths : ['.']) {
      const absolute = path.resolve(cwd, given);
      let stat: import('node:fs').Stats;
      try {
        stat = await fs.stat(absolute);
      } catch (error) {
        this.ioProblem(absolute, `cannot read ${given}: ${describeError(error)}`);
        continue;
      }
      if (stat.isDirectory()) {
        const folderRoot = isInside(absolute, cwd) ? cwd : absolute;
        const onError = (folder: string, error: unknown): void => {
          this.ioProblem(folder, `cannot read folder: ${describeError(error)}`);
        };
        for (const file of await this.walk(absolute, onError)) {
          requested.add(file);
          if (!this.fallbackRoot.has(file)) this.fallbackRoot.set(file, folderRoot);
        }
      } else {
        requested.add(absolute);
        if (!this.fallbackRoot.has(absolute)) this.fallbackRoot.set(absolute, isInside(absolute, cwd) ? cwd : path.dirname(absolute));
      }
    }
    return requested;
  }

  /** 2. one project per root: the folder of the pyproject.toml that configures the files */
  private async groupByProject(requested: Set<string>): Promise<ProjectGroup[]> {
    const groups = new Map<string, ProjectGroup>();
    for (const file of [...requested].sort()) {
      const located = await this.locator.configFor(file);
      this.noteConfig(located);
      this.configOf.set(file, located);
      const root = located.root ?? this.fallbackRoot.get(file) ?? path.dirname(file);
      let group = groups.get(root);
      if (!group) {
        group = { root, requested: [] };
        groups.set(root, group);
      }
      group.requested.push(file);
    }
    return [...groups.values()];
  }

  private configFor(file: string): ResolvedConfig {
    return mergeCommandLine(this.configOf.get(file)?.config, this.options);
  }

  /** 3. register every module of the project, fix if asked, then lint the requested files */
  private async checkProject(group: ProjectGroup): Promise<void> {
    const project = this.engine.createProject(group.root);
    const wanted = new Set(group.requested);
    const everyFile = new Set(await this.walk(group.root, () => undefined));
    for (const file of group.requested) everyFile.add(file);
    const loaded = new Map<string, LoadedFile>();
    for (const absolute of [...everyFile].sort()) {
      const result = await loadFile(absolute, group.root, this.engine, this.options.fix);
      if (typeof result === 'string') {
        if (wanted.has(absolute)) this.ioProblem(absolute, result);
        continue;
      }
      loaded.set(absolute, result);
      project.setFile(result.registered, result.text);
    }

    if (this.options.fix) {
      for (const absolute of group.requested) {
        const file = loaded.get(absolute);
        if (file) await this.fixAndWrite(project, file);
      }
    }
    const shard = this.options.shard;
    const targets = group.requested
      .map((absolute) => loaded.get(absolute))
      .filter((file): file is LoadedFile => file !== undefined && (!shard || inShard(file.registered, shard.index, shard.count)));
    const results = await this.lintAll(project, group.root, targets, loaded);
    for (const file of targets) {
      const result = results.get(file.registered);
      if (result) this.reportResult(file, result, group.root, loaded);
    }
  }

  /**
   * Findings of `targets`: from the cache when nothing they depend on changed, else linted (on
   * worker threads when there is enough to do). The cache is updated for the next run.
   */
  private async lintAll(
    project: LintProject,
    root: string,
    targets: readonly LoadedFile[],
    loaded: ReadonlyMap<string, LoadedFile>,
  ): Promise<Map<string, FileLintResult>> {
    const results = new Map<string, FileLintResult>();
    const importsOf = this.engine.importsOf;
    const useCache = !this.options.noCache && !this.options.fix && importsOf !== undefined;
    const cache = useCache ? await ResultCache.load(root, this.toolIdentity()) : undefined;
    const all = [...loaded.values()];
    const byRegistered = new Map(all.map((file) => [file.registered, file]));
    const salts = new Map<string, string>();
    const salt = (registered: string): string => {
      let value = salts.get(registered);
      if (value === undefined) {
        const file = byRegistered.get(registered);
        // files that are only registered (not checked) have no configuration of their own
        value = file && this.configOf.has(file.absolute) ? JSON.stringify(this.configFor(file.absolute)) : '';
        salts.set(registered, value);
      }
      return value;
    };
    const inputs: KeyInput[] = cache
      ? all.map((file) => {
          const content = hashText(file.text);
          return { registered: file.registered, content, imports: cache.importsOf(file.registered, content) };
        })
      : [];
    const keysBefore = cache ? dependencyKeys(inputs, salt) : new Map<string, string>();

    const misses: LoadedFile[] = [];
    for (const file of targets) {
      const key = keysBefore.get(file.registered);
      const cached = key !== undefined ? cache?.lookup(file.registered, key) : undefined;
      if (cached) {
        results.set(file.registered, cached);
        this.cacheHits++;
      } else {
        misses.push(file);
      }
    }

    const foundImports = new Map<string, string[]>();
    const jobs = Math.max(1, this.options.jobs ?? availableParallelism());
    const script = this.engine.workerScript?.();
    const missLines = misses.reduce((sum, file) => sum + this.mapperOf(file).lineCount, 0);
    // an explicit --jobs N > 1 always uses workers (when there are two files to share out)
    const worthIt = this.options.jobs !== undefined || missLines >= PARALLEL_MIN_LINES;
    if (jobs > 1 && script !== undefined && misses.length >= 2 && worthIt) {
      this.threads = Math.max(this.threads, Math.min(jobs, misses.length));
      const parallel = await lintInWorkers(
        {
          root,
          files: all.map((file) => ({ registered: file.registered, text: file.text, lines: 0 })),
          lint: misses.map((file) => ({ registered: file.registered, config: this.configFor(file.absolute), lines: this.mapperOf(file).lineCount })),
        },
        jobs,
        script,
      );
      for (const [registered, item] of parallel) {
        results.set(registered, item.result);
        foundImports.set(registered, item.imports);
      }
    } else {
      for (const file of misses) {
        results.set(file.registered, project.lint(file.registered, this.configFor(file.absolute)));
        if (importsOf) foundImports.set(file.registered, importsOf(project, file.registered));
      }
    }

    if (cache && importsOf) {
      // the imports of every linted file are known now; files outside this run's targets (another
      // shard's, or another project's inside this one) are parsed for theirs, once per text: their
      // imports are cached too, so later runs parse only what changed
      for (const input of inputs) input.imports ??= foundImports.get(input.registered) ?? importsOf(project, input.registered);
      const keysAfter = dependencyKeys(inputs, salt);
      for (const input of inputs) {
        if (!input.imports) continue;
        const key = keysAfter.get(input.registered);
        const result = results.get(input.registered) ?? (key !== undefined ? cache.lookup(input.registered, key) : undefined);
        const record = { content: input.content, imports: [...input.imports] };
        cache.remember(input.registered, key !== undefined && result ? { ...record, key, result } : record);
      }
      try {
        await cache.save();
      } catch (error) {
        this.io.stderr(`aiolint: warning: cannot write the cache in ${this.display(root)}: ${describeError(error)}\n`);
      }
    }
    return results;
  }

  /** the version and, when running from a bundle, its content: a rebuilt aiolint never reads old results */
  private toolIdentity(): string {
    return `${this.io.version}+${BUILD_IDENTITY}`;
  }

  private async fixAndWrite(project: LintProject, file: LoadedFile): Promise<void> {
    const { absolute } = file;
    const outcome = fixFile(project, file, this.configFor(absolute), this.options.unsafeFixes, this.engine);
    if (outcome.brokeSyntax.length > 0) {
      this.internalErrors.push(`${this.display(absolute)}: fixes of ${outcome.brokeSyntax.join(', ')} produced invalid Python; that round was not applied`);
    }
    if (outcome.applied === 0) return;
    const bytes = file.stored ? encodeStored(outcome.text, file.stored) : undefined;
    if (!bytes) {
      this.ioProblem(
        absolute,
        file.stored
          ? `fixes not written: the fixed text cannot be stored in the file's encoding (${file.stored.encoding})`
          : 'fixes not written: aiolint cannot write this file back byte for byte in its encoding',
      );
      project.setFile(file.registered, file.text);
      return;
    }
    try {
      await fs.writeFile(absolute, bytes);
      this.fixed += outcome.applied;
      file.text = outcome.text;
    } catch (error) {
      this.ioProblem(absolute, `fixes not written: ${describeError(error)}`);
      project.setFile(file.registered, file.text);
    }
  }

  private reportResult(file: LoadedFile, result: FileLintResult, root: string, loaded: ReadonlyMap<string, LoadedFile>): void {
    const { absolute } = file;
    for (const crash of result.internalErrors ?? []) this.internalErrors.push(`${this.display(absolute)}: ${crash.message}`);
    if (result.skipped) return;
    this.filesChecked++;
    // positions only for files with something to report: most files of a clean project have none
    if (result.parseErrors.length === 0 && result.findings.length === 0) {
      this.linesChecked += countLines(file.text);
      return;
    }
    const mapper = this.mapperOf(file);
    this.linesChecked += mapper.lineCount;
    const displayPath = this.display(absolute);
    for (const error of result.parseErrors) {
      this.problems.push({
        code: 'E999',
        name: 'syntax-error',
        severity: 'error',
        displayPath,
        start: mapper.position(error.start),
        end: mapper.position(Math.max(error.end, error.start)),
        message: `SyntaxError: ${error.message}`,
      });
    }
    const mapperFor = (registered: string): PositionMapper | undefined => {
      const other = registered === file.registered ? file : loaded.get(path.resolve(root, registered));
      return other ? this.mapperOf(other) : undefined;
    };
    const displayRegistered = (registered: string): string => this.display(path.resolve(root, registered));
    for (const finding of result.findings) {
      const unsafe = finding.fix?.applicability === 'unsafe';
      const fixable = finding.fix !== null && (!unsafe || this.options.unsafeFixes);
      if (unsafe && !this.options.unsafeFixes) this.hiddenUnsafeFixes++;
      this.findings.push(positionFinding(finding, mapper, fixable, displayPath, displayRegistered, mapperFor));
    }
  }

  private mapperOf(file: LoadedFile): PositionMapper {
    const cached = this.mappers.get(file.absolute);
    if (cached?.text === file.text) return cached.mapper;
    const mapper = new PositionMapper(file.text);
    this.mappers.set(file.absolute, { text: file.text, mapper });
    return mapper;
  }

  /** 4. print in the chosen format; the exit code */
  private report(requestedCount: number): number {
    const { io, options } = this;
    const report: CheckReport = {
      findings: this.findings,
      problems: this.problems,
      summary: {
        filesChecked: this.filesChecked,
        linesChecked: this.linesChecked,
        cacheHits: this.cacheHits,
        threads: this.threads,
        elapsedMs: performance.now() - this.started,
        fixed: this.fixed,
        hiddenUnsafeFixes: this.hiddenUnsafeFixes,
        fixMode: options.fix,
      },
    };
    const configProblems = [...this.configDiagnostics.values()];
    for (const d of configProblems) io.stderr(`aiolint: ${d.severity}: ${d.file}:${d.line}:${d.column}: ${d.message}\n`);
    if (requestedCount === 0 && this.problems.length === 0) io.stderr('aiolint: warning: no Python files found under the given paths\n');

    const context = {
      toolVersion: io.version,
      rules: this.engine.rules,
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
        io.stdout(formatSarif(report, context, configProblems));
        break;
      case 'github':
        io.stdout(formatGithub(report, configProblems));
        break;
    }
    if (options.stats) io.stderr(formatStats(report));
    for (const message of this.internalErrors) io.stderr(`aiolint: internal error: ${message} (please report this)\n`);
    if (this.internalErrors.length > 0) return 2;
    if (options.exitZero) return 0;
    const failed = this.findings.length > 0 || this.problems.length > 0 || configProblems.some((d) => d.severity === 'error');
    return failed ? 1 : 0;
  }
}

function mergeCommandLine(config: ResolvedConfig | undefined, options: CheckOptions): ResolvedConfig {
  const base = config ?? undefined;
  if (!base) throw new Error('no configuration located');
  return {
    ...base,
    select: options.select ?? base.select,
    extendSelect: [...(options.select ? [] : (base.extendSelect ?? [])), ...(options.extendSelect ?? [])],
    ignore: options.ignore ? [...base.ignore, ...options.ignore] : base.ignore,
  };
}

/** `forWriting`: also work out how to write the file back (only --fix needs it; it costs an encode and a compare). */
async function loadFile(absolute: string, root: string, engine: CheckEngine, forWriting: boolean): Promise<LoadedFile | string> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(absolute);
  } catch (error) {
    return `cannot read file: ${describeError(error)}`;
  }
  const decoded = engine.decode(bytes);
  if ('error' in decoded) return `cannot decode file: ${decoded.error}`;
  let stored: StoredEncoding | undefined;
  if (forWriting) {
    const encoding = storedEncodingOf(bytes);
    const roundTrip = encodeStored(decoded.text, encoding);
    stored = roundTrip && sameBytes(roundTrip, bytes) ? encoding : undefined;
  }
  return { absolute, registered: toPosix(path.relative(root, absolute)), text: decoded.text, stored };
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
  const { filesChecked, linesChecked, cacheHits, elapsedMs, threads } = report.summary;
  const seconds = (elapsedMs / 1000).toFixed(2);
  const lines = [
    `Checked ${filesChecked} ${filesChecked === 1 ? 'file' : 'files'} (${linesChecked} lines) in ${seconds}s; cache hits: ${cacheHits}; threads: ${threads ?? 1}`,
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
