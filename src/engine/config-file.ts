/**
 * Reads the `[tool.aiolint]` table of a `pyproject.toml` (given as text: the engine never
 * touches the file system) into the settings it names, with every problem reported as a
 * diagnostic carrying the file name and a 1-based line, so a broken file never stops a run:
 *
 * - not TOML at all: ONE error (where the TOML parser gave up), and no settings are taken
 *   from the file (the caller runs with defaults);
 * - a key with a value of the wrong type: an error at that key, the key is ignored;
 * - an unknown key or an unknown severity name: a warning, the entry is ignored.
 */
import { parse, TomlError } from 'smol-toml';
import type { BlockingCallEntry, ResolvedConfig } from './config';
import { DEFAULT_CONFIG } from './config';
import type { Severity } from './findings';

export interface ConfigDiagnostic {
  severity: 'error' | 'warning';
  /** the configuration file, as the caller named it */
  file: string;
  /** 1-based */
  line: number;
  /** 1-based; 1 when only the line is known */
  column: number;
  message: string;
}

/** Only the settings the file states; merge them over the defaults with `applySettings`. */
export type ConfigSettings = Partial<ResolvedConfig>;

export interface ConfigFileResult {
  /** true when the text has a `[tool.aiolint]` table (or mentions it but cannot be parsed) */
  hasToolTable: boolean;
  settings: ConfigSettings;
  diagnostics: ConfigDiagnostic[];
}

const SEVERITIES: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

/** kebab-case key in the file → what it becomes */
const KNOWN_KEYS = [
  'select',
  'ignore',
  'extend-select',
  'extend-ignore',
  'per-file-ignores',
  'blocking-calls',
  'coroutine-functions',
  'concurrency-limit',
  'max-constant-fanout',
  'target-version',
  'severity',
  'exclude',
] as const;
type KnownKey = (typeof KNOWN_KEYS)[number];

export interface ParseConfigOptions {
  /** selectors (codes, aliases, prefixes) that name no rule get a warning; omit to skip the check */
  unknownSelectors?: (selectors: readonly string[]) => string[];
}

/** Parses pyproject text. `fileName` only labels diagnostics. */
export function parsePyprojectConfig(text: string, fileName: string, options: ParseConfigOptions = {}): ConfigFileResult {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    const mentionsUs = /^\s*\[\s*tool\s*\.\s*aiolint\b|\btool\s*\.\s*aiolint\b/m.test(text);
    if (error instanceof TomlError) {
      const firstLine = error.message.split('\n')[0] ?? error.message;
      return {
        hasToolTable: mentionsUs,
        settings: {},
        diagnostics: [
          {
            severity: 'error',
            file: fileName,
            line: error.line,
            column: error.column,
            message: `invalid TOML: ${firstLine.replace(/^Invalid TOML document:\s*/i, '')}; using default settings`,
          },
        ],
      };
    }
    throw error;
  }
  const tool = document['tool'];
  const table = isTable(tool) ? tool['aiolint'] : undefined;
  if (table === undefined) return { hasToolTable: false, settings: {}, diagnostics: [] };
  const locate = keyLocator(text);
  if (!isTable(table)) {
    return {
      hasToolTable: true,
      settings: {},
      diagnostics: [
        { severity: 'error', file: fileName, line: locate(null), column: 1, message: '`tool.aiolint` must be a table; using default settings' },
      ],
    };
  }
  const read = readTable(table, fileName, locate);
  if (options.unknownSelectors) warnUnknownSelectors(read.settings, options.unknownSelectors, fileName, locate, read.diagnostics);
  return { hasToolTable: true, ...read };
}

function warnUnknownSelectors(
  settings: ConfigSettings,
  unknownSelectors: (selectors: readonly string[]) => string[],
  fileName: string,
  locate: Locate,
  diagnostics: ConfigDiagnostic[],
): void {
  const check = (key: string, selectors: readonly string[], subKey?: string): void => {
    const unknown = unknownSelectors(selectors.filter((s) => s.toUpperCase() !== 'ALL'));
    if (unknown.length === 0) return;
    diagnostics.push({
      severity: 'warning',
      file: fileName,
      line: locate(key, subKey),
      column: 1,
      message: `\`${key}\` names no known rule: ${unknown.join(', ')}`,
    });
  };
  if (settings.select) check('select', settings.select);
  if (settings.ignore) check('ignore', settings.ignore);
  if (settings.extendSelect) check('extend-select', settings.extendSelect);
  if (settings.extendIgnore) check('extend-ignore', settings.extendIgnore);
  for (const [glob, codes] of Object.entries(settings.perFileIgnores ?? {})) check('per-file-ignores', codes, glob);
  for (const code of Object.keys(settings.severity ?? {})) check('severity', [code], code);
}

/**
 * The defaults, overridden by each layer in turn (later layers win, key by key), except the
 * `extend-` lists, which accumulate the way ruff's do: a layer's `extendSelect` adds to the
 * selection, but a layer that sets `select` starts over and drops what lower layers extended
 * (likewise `ignore` and `extendIgnore`).
 */
export function applySettings(...layers: ConfigSettings[]): ResolvedConfig {
  const result: ResolvedConfig = {
    ...DEFAULT_CONFIG,
    select: [...DEFAULT_CONFIG.select],
    ignore: [...DEFAULT_CONFIG.ignore],
    extendSelect: [],
    extendIgnore: [],
    perFileIgnores: { ...DEFAULT_CONFIG.perFileIgnores },
    blockingCalls: [...DEFAULT_CONFIG.blockingCalls],
    coroutineFunctions: [...DEFAULT_CONFIG.coroutineFunctions],
    severity: { ...DEFAULT_CONFIG.severity },
    exclude: [...DEFAULT_CONFIG.exclude],
  };
  for (const layer of layers) {
    const { extendSelect, extendIgnore, ...replacing } = layer;
    if (replacing.select !== undefined) result.extendSelect = [];
    if (replacing.ignore !== undefined) result.extendIgnore = [];
    for (const [key, value] of Object.entries(replacing) as [keyof ResolvedConfig, unknown][]) {
      if (value !== undefined) (result as unknown as Record<string, unknown>)[key] = value;
    }
    if (extendSelect) result.extendSelect = [...(result.extendSelect ?? []), ...extendSelect];
    if (extendIgnore) result.extendIgnore = [...(result.extendIgnore ?? []), ...extendIgnore];
  }
  return result;
}

/** Normalises `py38`, `py3.8`, `3.8` to `3.8`; undefined when it is not a Python 3 version. */
export function normalizeTargetVersion(value: string): string | undefined {
  const match = /^(?:py)?3\.?(\d{1,2})$/i.exec(value.trim());
  return match ? `3.${String(Number(match[1]))}` : undefined;
}

/** `"time.sleep"`, `"time.sleep -> asyncio.sleep"` → entry; undefined when empty. */
export function parseBlockingCallString(value: string): BlockingCallEntry | undefined {
  const [pattern = '', ...rest] = value.split('->');
  const trimmed = pattern.trim();
  if (trimmed === '') return undefined;
  const replacement = rest.join('->').trim();
  return replacement === '' ? { pattern: trimmed } : { pattern: trimmed, replacement };
}

type Locate = (key: string | null, subKey?: string) => number;

function readTable(
  table: Record<string, unknown>,
  fileName: string,
  locate: Locate,
): { settings: ConfigSettings; diagnostics: ConfigDiagnostic[] } {
  const settings: ConfigSettings = {};
  const diagnostics: ConfigDiagnostic[] = [];
  const report = (severity: 'error' | 'warning', key: string | null, message: string, subKey?: string): void => {
    diagnostics.push({ severity, file: fileName, line: locate(key, subKey), column: 1, message });
  };
  const wrongType = (key: string, expected: string): void => {
    report('error', key, `\`${key}\` must be ${expected}; this key is ignored`);
  };

  for (const [key, value] of Object.entries(table)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      const hint = suggestKey(key);
      report('warning', key, `unknown key \`${key}\` in [tool.aiolint]${hint ? ` (did you mean \`${hint}\`?)` : ''}; ignored`);
      continue;
    }
    switch (key as KnownKey) {
      case 'select':
      case 'ignore':
      case 'extend-select':
      case 'extend-ignore':
      case 'coroutine-functions':
      case 'exclude': {
        if (!isStringArray(value)) {
          wrongType(key, 'a list of strings');
          break;
        }
        const list = value.map((item) => item.trim()).filter((item) => item !== '');
        if (key === 'select') settings.select = list;
        else if (key === 'ignore') settings.ignore = list;
        else if (key === 'extend-select') settings.extendSelect = list;
        else if (key === 'extend-ignore') settings.extendIgnore = list;
        else if (key === 'coroutine-functions') settings.coroutineFunctions = list;
        else settings.exclude = list;
        break;
      }
      case 'per-file-ignores': {
        if (!isTable(value)) {
          wrongType(key, 'a table of glob = list of codes');
          break;
        }
        const perFile: Record<string, string[]> = {};
        for (const [glob, codes] of Object.entries(value)) {
          if (typeof codes === 'string') perFile[glob] = [codes.trim()];
          else if (isStringArray(codes)) perFile[glob] = codes.map((c) => c.trim());
          else report('error', key, `\`per-file-ignores."${glob}"\` must be a list of codes; this entry is ignored`, glob);
        }
        settings.perFileIgnores = perFile;
        break;
      }
      case 'blocking-calls': {
        if (!Array.isArray(value)) {
          wrongType(key, 'a list of "pattern", "pattern -> replacement" or { pattern, replacement } tables');
          break;
        }
        const entries: BlockingCallEntry[] = [];
        for (const item of value as unknown[]) {
          const entry = readBlockingCall(item);
          if (entry) entries.push(entry);
          else report('error', key, `\`blocking-calls\` entry ${describe(item)} is not "pattern", "pattern -> replacement" or { pattern = "...", replacement = "..." }; it is ignored`);
        }
        settings.blockingCalls = entries;
        break;
      }
      case 'concurrency-limit':
      case 'max-constant-fanout': {
        const minimum = key === 'concurrency-limit' ? 1 : 0;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
          wrongType(key, `an integer ≥ ${String(minimum)}`);
          break;
        }
        if (key === 'concurrency-limit') settings.concurrencyLimit = value;
        else settings.maxConstantFanout = value;
        break;
      }
      case 'target-version': {
        const normalized = typeof value === 'string' ? normalizeTargetVersion(value) : undefined;
        if (normalized === undefined) {
          wrongType(key, 'a Python 3 version such as "3.8" or "py38"');
          break;
        }
        settings.targetVersion = normalized;
        break;
      }
      case 'severity': {
        if (!isTable(value)) {
          wrongType(key, `a table of code = ${SEVERITIES.map((s) => `"${s}"`).join(' | ')}`);
          break;
        }
        const severity: Record<string, Severity | 'off'> = {};
        for (const [code, level] of Object.entries(value)) {
          if (typeof level === 'string' && (SEVERITIES as readonly string[]).includes(level)) {
            severity[code.toUpperCase()] = level as Severity | 'off';
          } else {
            report('warning', key, `severity of ${code} must be one of ${SEVERITIES.join(', ')}; got ${describe(level)}, ignored`, code);
          }
        }
        settings.severity = severity;
        break;
      }
    }
  }
  return { settings, diagnostics };
}

function readBlockingCall(item: unknown): BlockingCallEntry | undefined {
  if (typeof item === 'string') return parseBlockingCallString(item);
  if (isTable(item) && typeof item['pattern'] === 'string' && item['pattern'].trim() !== '') {
    const keys = Object.keys(item);
    if (keys.some((k) => k !== 'pattern' && k !== 'replacement')) return undefined;
    const replacement = item['replacement'];
    if (replacement === undefined) return { pattern: item['pattern'].trim() };
    if (typeof replacement === 'string') return { pattern: item['pattern'].trim(), replacement: replacement.trim() };
  }
  return undefined;
}

function suggestKey(key: string): string | undefined {
  const kebab = key.replace(/_/g, '-').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  if ((KNOWN_KEYS as readonly string[]).includes(kebab)) return kebab;
  return KNOWN_KEYS.find((known) => editDistance(known, key) <= 2);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (isTable(value)) return 'a table';
  return String(value);
}

/**
 * Finds the 1-based line where a key of `[tool.aiolint]` is written: `key =` inside the
 * `[tool.aiolint]` section, or a `[tool.aiolint.key]` sub-table header (then `subKey =`
 * inside it). TOML values carry no positions, so this scans the text; it falls back to the
 * section header, then to line 1.
 */
function keyLocator(text: string): Locate {
  const lines = text.split(/\r\n|\n|\r/);
  const headerRe = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/;
  const sections: { name: string; line: number }[] = [];
  lines.forEach((line, index) => {
    const match = headerRe.exec(line);
    if (match?.[1] !== undefined && !line.trimStart().startsWith('[[')) {
      sections.push({ name: match[1].replace(/\s+/g, '').replace(/"/g, ''), line: index + 1 });
    }
  });
  const sectionRange = (name: string): [number, number] | undefined => {
    const index = sections.findIndex((s) => s.name === name);
    const section = sections[index];
    if (section === undefined) return undefined;
    const next = sections[index + 1];
    return [section.line, next ? next.line - 1 : lines.length];
  };
  const findKey = (range: [number, number], key: string): number | undefined => {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^\\s*(?:${escaped}|"${escaped}"|'${escaped}')\\s*[=.]`);
    for (let line = range[0] + 1; line <= range[1]; line++) {
      if (re.test(lines[line - 1] ?? '')) return line;
    }
    return undefined;
  };
  return (key, subKey) => {
    const main = sectionRange('tool.aiolint');
    const fallback = main?.[0] ?? 1;
    if (key === null) return fallback;
    const sub = sectionRange(`tool.aiolint.${key}`);
    if (sub) return (subKey !== undefined ? findKey(sub, subKey) : undefined) ?? sub[0];
    if (!main) return fallback;
    const keyLine = findKey(main, key);
    if (keyLine === undefined) return fallback;
    if (subKey === undefined) return keyLine;
    // inline table or multi-line array: the sub-key is on this line or a later one of the section
    return findKey([keyLine - 1, main[1]], subKey) ?? keyLine;
  };
}
