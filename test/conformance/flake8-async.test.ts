/**
 * Conformance with flake8-async's evaluation files (`../shared/conformance/flake8-async`,
 * read in place). Prints, per upstream code: expected / found / missed / extra.
 *
 * - ASYNC2xx (blocking calls): every marked line must be found under a rule aliasing that
 *   code, and nothing reported on unmarked lines: asserted always (the "done when").
 * - The other families (103/104, 105, 110, 124, 300): asserted once our rule for them is in
 *   the registry, so this test tightens by itself as rules land.
 *
 * Set AIOLINT_CONFORMANCE_REPORT=<file> to also write the details as Markdown.
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applySettings } from '../../src/engine/config-file';
import { createCheckEngine } from '../../src/cli/real-engine';
import { PositionMapper } from '../../src/cli/report';
import { ruleByCode } from '../../rules/index';
import { UPSTREAM_TO_OURS, asyncContextLines, compare, is2xx, readCorpus } from './flake8-async-corpus';
import type { Comparison, Observation } from './flake8-async-corpus';

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'flake8-async');
const corpusPresent = existsSync(CORPUS);
if (!corpusPresent) {
  console.warn(`flake8-async conformance skipped: corpus folder not found at ../shared/conformance/flake8-async (relative to the project root)`);
}

/**
 * Lines where we deliberately disagree with upstream. Keep this tiny and justified: each entry
 * needs a reason a user would accept. A stale entry (no longer needed) fails the test.
 */
/**
 * Upstream checks these anywhere (trio's checkpoints make sync code relevant); the rule
 * catalogue scopes AIO403 and AIO404 to async context, so markers outside it are not expected.
 */
const ASYNC_CONTEXT_ONLY = new Set(['ASYNC103', 'ASYNC104', 'ASYNC110']);

interface Allowance {
  kind: 'missed' | 'extra';
  code: string;
  /** `file:line` */
  where: readonly string[];
  reason: string;
}

const ALLOWED: readonly Allowance[] = [
  {
    kind: 'extra',
    code: 'ASYNC232',
    where: [
      'async232.py:70',
      'async232.py:212',
      'async232.py:213',
      'async232.py:247',
      'async232.py:255',
      'async232_asyncio.py:71',
      'async232_asyncio.py:213',
      'async232_asyncio.py:214',
      'async232_asyncio.py:248',
      'async232_asyncio.py:256',
    ],
    reason:
      'upstream comments these lines "# should error" / "# not handled": known false negatives of its naive type tracker ' +
      '(tuple assignment, `self.x = open(...)` in __init__, a `None | TextIOWrapper | None` parameter). The calls do block.',
  },
  {
    kind: 'extra',
    code: 'ASYNC212',
    where: ['async212.py:98'],
    reason: 'upstream marks `client.send()` on an httpx.Client "# not implemented"; it is a blocking request all the same.',
  },
  {
    kind: 'extra',
    code: 'ASYNC300',
    where: ['async300.py:73', 'async300.py:77'],
    reason:
      'upstream says it does not track function-local `from asyncio import create_task` nor `boo = asyncio.create_task`; ' +
      'we resolve both, and the task is discarded just the same.',
  },
  {
    kind: 'missed',
    code: 'ASYNC124',
    where: ['async124.py:38'],
    reason:
      'an async generator that never awaits (`async def f(): yield`) is how an async iterator is written; the rule catalogue ' +
      'exempts functions that yield from AIO405.',
  },
];

interface Tally {
  expected: number;
  found: number;
  missed: Observation[];
  extra: Observation[];
  columnMismatches: Observation[];
  otherPeerCode: Observation[];
  /** misses and extras on the allow-list */
  allowed: number;
}

const tallies = new Map<string, Tally>();
const unmapped = new Map<string, number>();
const usedAllowances = new Set<string>();

function tally(code: string): Tally {
  let t = tallies.get(code);
  if (!t) {
    t = { expected: 0, found: 0, missed: [], extra: [], columnMismatches: [], otherPeerCode: [], allowed: 0 };
    tallies.set(code, t);
  }
  return t;
}

function allowanceKey(kind: string, code: string, where: string): string {
  return `${kind} ${code} ${where}`;
}

function allowed(kind: 'missed' | 'extra', o: Observation): boolean {
  const where = `${o.file}:${o.line}`;
  const entry = ALLOWED.find((a) => a.kind === kind && a.code === o.code && a.where.includes(where));
  if (entry) usedAllowances.add(allowanceKey(kind, o.code, where));
  return entry !== undefined;
}

function record(comparison: Comparison, expectedCodes: string[]): void {
  for (const code of expectedCodes) tally(code).expected++;
  for (const o of comparison.matched) tally(o.code).found++;
  for (const o of comparison.missed) {
    if (allowed('missed', o)) tally(o.code).allowed++;
    else tally(o.code).missed.push(o);
  }
  for (const o of comparison.extra) {
    if (allowed('extra', o)) tally(o.code).allowed++;
    else tally(o.code).extra.push(o);
  }
  for (const o of comparison.columnMismatches) tally(o.code).columnMismatches.push(o);
  for (const o of comparison.otherPeerCode) tally(o.code).otherPeerCode.push(o);
}

function ruleExists(upstream: string): boolean {
  const ours = UPSTREAM_TO_OURS[upstream];
  return ours !== undefined && ruleByCode(ours) !== undefined;
}

function describeObservation(o: Observation): string {
  const where = `${o.file}:${o.line}`;
  if (o.message !== undefined) return `${where} ${o.ours ?? ''} at column ${o.foundColumn ?? '?'}: ${o.message}`;
  if (o.foundColumn !== undefined) return `${where} upstream column ${o.expectedColumn ?? '?'}, ours ${o.foundColumn} (${o.ours ?? ''})`;
  return `${where} (upstream column ${o.expectedColumn ?? '?'})`;
}

function summaryTable(): string {
  const rows = [...tallies.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const lines = ['| upstream | ours | expected | found | missed | extra | allow-listed | column differs |', '|---|---|---|---|---|---|---|---|'];
  for (const [code, t] of rows) {
    const ours = UPSTREAM_TO_OURS[code] ?? '—';
    const present = ruleExists(code) ? ours : `${ours} (not yet)`;
    lines.push(`| ${code} | ${present} | ${t.expected} | ${t.found} | ${t.missed.length} | ${t.extra.length} | ${t.allowed} | ${t.columnMismatches.length} |`);
  }
  return lines.join('\n');
}

function details(): string {
  const out: string[] = [];
  for (const [code, t] of [...tallies.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (t.missed.length + t.extra.length + t.columnMismatches.length + t.otherPeerCode.length === 0) continue;
    out.push(`### ${code} → ${UPSTREAM_TO_OURS[code] ?? '?'}`);
    if (t.missed.length > 0) out.push('Missed:', ...t.missed.map((o) => `- ${describeObservation(o)}`));
    if (t.extra.length > 0) out.push('Extra (false positives):', ...t.extra.map((o) => `- ${describeObservation(o)}`));
    if (t.columnMismatches.length > 0) out.push('Found at another column:', ...t.columnMismatches.map((o) => `- ${describeObservation(o)}`));
    if (t.otherPeerCode.length > 0) {
      out.push('Reported under a peer code this file does not test (not compared):', ...t.otherPeerCode.map((o) => `- ${describeObservation(o)}`));
    }
    out.push('');
  }
  return out.join('\n');
}

describe.skipIf(!corpusPresent)('flake8-async conformance', () => {
  beforeAll(() => {
    const engine = createCheckEngine();
    for (const file of readCorpus(CORPUS)) {
      const project = engine.createProject('.');
      project.setFile(file.name, file.text);
      const config = applySettings({ select: ['ALL'], blockingCalls: file.blockingCalls });
      const result = project.lint(file.name, config);
      const mapper = new PositionMapper(file.text);
      const positionOf = (offset: number) => {
        const p = mapper.position(offset);
        return { line: p.line, column: p.column - 1 };
      };
      // the 2xx expectations hold for any event loop; the rest only as upstream runs them for asyncio
      const blocking = compare(
        { ...file, testedCodes: new Set([...file.testedCodes].filter(is2xx)), expectations: file.expectations.filter((e) => is2xx(e.code)) },
        result.findings,
        positionOf,
        false,
      );
      record(blocking, file.expectations.filter((e) => is2xx(e.code)).map((e) => e.code));
      for (const code of file.testedCodes) if (UPSTREAM_TO_OURS[code] !== undefined && (is2xx(code) || !file.noAsyncio)) tally(code);
      const otherCodes = new Set([...file.testedCodes].filter((c) => !is2xx(c)));
      if (otherCodes.size > 0 && !file.noAsyncio) {
        const asyncLines = asyncContextLines(file.text);
        const others = file.expectations.filter((e) => !is2xx(e.code) && (!ASYNC_CONTEXT_ONLY.has(e.code) || asyncLines.has(e.line)));
        for (const e of others) if (UPSTREAM_TO_OURS[e.code] === undefined) unmapped.set(e.code, (unmapped.get(e.code) ?? 0) + 1);
        const mapped = new Set([...otherCodes].filter((c) => UPSTREAM_TO_OURS[c] !== undefined));
        const rest = compare(
          { ...file, testedCodes: mapped, expectations: others.filter((e) => mapped.has(e.code)) },
          result.findings,
          positionOf,
          file.asyncioNoError,
        );
        record(rest, file.asyncioNoError ? [] : others.filter((e) => mapped.has(e.code)).map((e) => e.code));
      }
    }
    const report = `## flake8-async conformance\n\n${summaryTable()}\n\n${details()}`;
    console.log(report);
    if (unmapped.size > 0) console.log(`Upstream codes with no aiolint rule (not compared): ${[...unmapped.keys()].sort().join(', ')}`);
    const reportFile = process.env['AIOLINT_CONFORMANCE_REPORT'];
    if (reportFile) writeFileSync(reportFile, report);
  });

  it('maps every upstream code to a rule that lists it as an alias', () => {
    const wrong: string[] = [];
    for (const [upstream, ours] of Object.entries(UPSTREAM_TO_OURS)) {
      const rule = ruleByCode(ours);
      if (rule && !rule.meta.aliases.map((a: string) => a.toUpperCase()).includes(upstream)) wrong.push(`${ours} lacks alias ${upstream}`);
    }
    expect(wrong).toEqual([]);
  });

  it('ASYNC2xx: every marked line found under the right alias, nothing on unmarked lines', () => {
    const problems: string[] = [];
    for (const [code, t] of tallies) {
      if (!is2xx(code)) continue;
      for (const o of t.missed) problems.push(`missed ${code}: ${describeObservation(o)}`);
      for (const o of t.extra) problems.push(`extra ${code}: ${describeObservation(o)}`);
    }
    expect(problems).toEqual([]);
    expect([...tallies.keys()].filter(is2xx).length).toBeGreaterThan(10);
  });

  for (const family of [['ASYNC103', 'ASYNC104'], ['ASYNC105'], ['ASYNC110'], ['ASYNC124'], ['ASYNC300']] as const) {
    const label = `${family.join('/')} → ${UPSTREAM_TO_OURS[family[0]] ?? '?'}`;
    it(`${label}: conforms once the rule exists`, (context) => {
      if (!family.every(ruleExists)) {
        context.skip(`${UPSTREAM_TO_OURS[family[0]] ?? '?'} is not in the registry yet`);
        return;
      }
      const problems: string[] = [];
      for (const code of family) {
        const t = tallies.get(code);
        for (const o of t?.missed ?? []) problems.push(`missed ${code}: ${describeObservation(o)}`);
        for (const o of t?.extra ?? []) problems.push(`extra ${code}: ${describeObservation(o)}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('every allow-list entry is still needed', () => {
    const stale = ALLOWED.flatMap((a) => a.where.map((where) => allowanceKey(a.kind, a.code, where))).filter((key) => !usedAllowances.has(key));
    expect(stale).toEqual([]);
  });
});
