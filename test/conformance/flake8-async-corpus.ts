/**
 * Reading the flake8-async evaluation files (kept outside the repository, read in place) and
 * comparing their expectation markers with our findings. See the corpus README for the marker
 * syntax; the mapping from upstream codes to our rules lives here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BlockingCallEntry } from '../../src/engine/config';
import { parseBlockingCallString } from '../../src/engine/config-file';
import type { Finding } from '../../src/engine/findings';
import { parse, walk } from '../../src/python/index';
import type { AnyNode } from '../../src/python/index';

/** upstream code → our rule (from the rule catalogue's alias columns) */
export const UPSTREAM_TO_OURS: Readonly<Record<string, string>> = {
  ASYNC200: 'AIO110',
  ASYNC210: 'AIO102',
  ASYNC211: 'AIO102',
  ASYNC212: 'AIO102',
  ASYNC220: 'AIO103',
  ASYNC221: 'AIO103',
  ASYNC222: 'AIO103',
  ASYNC230: 'AIO104',
  ASYNC231: 'AIO104',
  ASYNC232: 'AIO104',
  ASYNC240: 'AIO105',
  ASYNC250: 'AIO106',
  ASYNC251: 'AIO101',
  ASYNC103: 'AIO403',
  ASYNC104: 'AIO403',
  ASYNC105: 'AIO201',
  ASYNC110: 'AIO404',
  ASYNC124: 'AIO405',
  ASYNC300: 'AIO210',
};

export function is2xx(code: string): boolean {
  return /^ASYNC2\d\d$/.test(code);
}

export interface Expectation {
  line: number;
  /** 0-based column as upstream writes it */
  column: number;
  code: string;
}

export interface CorpusFile {
  name: string;
  text: string;
  /** upstream codes this file tests (its markers, its name, its `# ARG --enable=`) */
  testedCodes: Set<string>;
  expectations: Expectation[];
  /** `# ARG --async200-blocking-calls=` translated to our configuration */
  blockingCalls: BlockingCallEntry[];
  /** `# ASYNCIO_NO_ERROR`: nothing is expected when checked as asyncio (1xx/3xx only) */
  asyncioNoError: boolean;
  /** `# NOASYNCIO`: upstream never runs it as asyncio (1xx/3xx are then not compared) */
  noAsyncio: boolean;
}

const MARKER = /#\s*(?:(ASYNC\d{3})(?:_(\w+))?|(error))\s*:\s*(\d+)/g;

export function readCorpus(folder: string): CorpusFile[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => parseCorpusFile(name, readFileSync(path.join(folder, name), 'utf8')));
}

export function parseCorpusFile(name: string, text: string): CorpusFile {
  const nameCodes = /^async(\d{3})(?:_(\d{3}))?/.exec(name);
  const fileCode = nameCodes?.[1];
  const fileCodes = [nameCodes?.[1], nameCodes?.[2]].filter((c): c is string => c !== undefined && /^\d{3}$/.test(c)).map((c) => `ASYNC${c}`);
  const lines = text.split(/\r\n|\n|\r/);
  const header = lines.filter((line) => line.startsWith('#'));
  const has = (flag: string): boolean => header.some((line) => new RegExp(`^#\\s*${flag}\\b`).test(line));
  const expectations: Expectation[] = [];
  const markerCodes = new Set<string>();
  lines.forEach((line, index) => {
    for (const match of line.matchAll(MARKER)) {
      // a suffix (`_asyncio`, `_trio`) only picks the message wording upstream
      const [, code, , error, column] = match;
      const upstream = error !== undefined ? (fileCode ? `ASYNC${fileCode}` : undefined) : code;
      if (upstream === undefined || column === undefined) continue;
      markerCodes.add(upstream);
      expectations.push({ line: index + 1, column: Number(column), code: upstream });
    }
  });
  // like upstream's harness: the codes of `# ARG --enable=`, else those the file name and markers name
  let tested: Set<string>;
  const enable = header.map((line) => /^#\s*ARG\s+--enable=([\w,]+)/.exec(line)?.[1]).find((v) => v !== undefined);
  if (enable !== undefined) {
    tested = new Set(enable.split(',').filter((code) => code !== ''));
  } else {
    tested = new Set(markerCodes);
    for (const code of fileCodes) tested.add(code);
  }
  const blockingArg = header.map((line) => /^#\s*ARG\s+--async200-blocking-calls=(.*)$/.exec(line)?.[1]).find((v) => v !== undefined);
  const blockingCalls = (blockingArg ?? '')
    .split(',')
    .map((entry) => parseBlockingCallString(entry))
    .filter((entry): entry is BlockingCallEntry => entry !== undefined);
  if (blockingCalls.length > 0) tested.add('ASYNC200');
  return {
    name,
    text,
    testedCodes: tested,
    expectations,
    blockingCalls,
    asyncioNoError: has('ASYNCIO_NO_ERROR'),
    noAsyncio: has('NOASYNCIO'),
  };
}

export interface Observation {
  file: string;
  line: number;
  code: string;
  /** 0-based columns, upstream's and ours (ours only when found) */
  expectedColumn?: number;
  foundColumn?: number;
  /** our rule code and message, for extras */
  ours?: string;
  message?: string;
}

export interface Comparison {
  matched: Observation[];
  missed: Observation[];
  extra: Observation[];
  /** matched on line and code, but at another column */
  columnMismatches: Observation[];
  /**
   * Findings of a rule for this file's codes that carry a peer code the file does not test
   * (`open()` is ASYNC230 in async232.py). Not compared (upstream's run would not report them
   * either), but listed so a questionable label cannot hide a false positive.
   */
  otherPeerCode: Observation[];
}

/**
 * Matches findings to expectations by line and upstream code. A finding counts for an upstream
 * code only when its rule lists that code as an alias (so a blocking sleep reported by a rule
 * without ASYNC251 is a miss plus an extra, not a match); findings of rules that alias none of
 * the file's tested codes are another family's business and are not compared.
 */
export function compare(
  file: CorpusFile,
  findings: readonly Finding[],
  positionOf: (offset: number) => { line: number; column: number },
  expectNothing: boolean,
): Comparison {
  const pending = expectNothing ? [] : [...file.expectations];
  const result: Comparison = { matched: [], missed: [], extra: [], columnMismatches: [], otherPeerCode: [] };
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  for (const finding of sorted) {
    // the finding's own peer code when the rule gives one (`open()` is ASYNC230, `f.read()` ASYNC232)
    const peer = finding.peerCode;
    const candidates = (peer !== undefined ? [peer] : finding.aliases).filter((alias) => file.testedCodes.has(alias));
    const { line, column } = positionOf(finding.start);
    if (candidates.length === 0) {
      const familyCode = finding.aliases.find((alias) => file.testedCodes.has(alias));
      if (peer !== undefined && familyCode !== undefined) {
        result.otherPeerCode.push({ file: file.name, line, code: familyCode, foundColumn: column, ours: `${finding.code} as ${peer}`, message: finding.message });
      }
      continue;
    }
    // prefer the marker at the same column (two calls on one line)
    const onLine = pending.filter((e) => e.line === line && candidates.includes(e.code));
    const chosen = onLine.find((e) => e.column === column) ?? onLine[0];
    if (chosen) {
      pending.splice(pending.indexOf(chosen), 1);
      const observation = { file: file.name, line, code: chosen.code, expectedColumn: chosen.column, foundColumn: column, ours: finding.code };
      result.matched.push(observation);
      if (chosen.column !== column) result.columnMismatches.push(observation);
      continue;
    }
    result.extra.push({
      file: file.name,
      line,
      code: candidates[0] ?? '',
      foundColumn: column,
      ours: finding.code,
      message: finding.message,
    });
  }
  for (const e of pending) result.missed.push({ file: file.name, line: e.line, code: e.code, expectedColumn: e.column });
  return result;
}

/**
 * Lines in async context as the rule catalogue defines it: inside an `async def` body, not
 * inside a nested `def`, `lambda` or `class`.
 */
export function asyncContextLines(text: string): Set<number> {
  const parsed = parse(text);
  const lines = new Set<number>();
  const stack: boolean[] = [false];
  const scopes = new Set<AnyNode['nodeType']>(['AsyncFunctionDef', 'FunctionDef', 'Lambda', 'ClassDef']);
  walk(parsed.module, {
    enter(node) {
      if (stack[stack.length - 1]) {
        lines.add(parsed.lines.lineOf(node.start));
      }
      if (scopes.has(node.nodeType)) stack.push(node.nodeType === 'AsyncFunctionDef');
      return true;
    },
    leave(node) {
      if (scopes.has(node.nodeType)) stack.pop();
    },
  });
  return lines;
}
