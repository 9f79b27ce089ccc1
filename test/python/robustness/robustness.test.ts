/**
 * Error tolerance on real files: ~30 modules of the CPython 3.13 standard library (found through
 * pyenv at test time) plus the parity corpus, damaged in seeded, repeatable ways — truncation,
 * token deletion and duplication, unbalanced brackets, unterminated strings and f-strings, mixed
 * indentation. Every damaged parse must not throw, must take time comparable to the intact parse,
 * must report errors with ranges inside the text (at the damage when the damage is surely
 * invalid), and must leave the statements the damage does not touch exactly as they were.
 */
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../../src/python/index.js';
import { bracketDamages, indentDamages, stringDamages, tokenEdits, truncations, type Damage } from './damage.js';
import { loadSubjects, STDLIB_SAMPLE, timed, type Subject } from './subjects.js';

/** a damaged parse may take this many times the intact parse, plus SLACK_MS */
const TIME_FACTOR = 20;
const SLACK_MS = 50;

/** A node's JSON with offsets made relative to `base`: equal dumps mean equal trees, wherever they sit. */
function relativeDump(node: unknown, base: number): string {
  return JSON.stringify(node, (key, value: unknown) => {
    if ((key === 'start' || key === 'end') && typeof value === 'number') return value - base;
    if (typeof value === 'bigint') return `${value}n`;
    return value;
  });
}

function parseDamaged(subject: Subject, damage: Damage): ParseResult {
  let outcome: { result: ParseResult; ms: number } | undefined;
  try {
    outcome = timed(damage.text);
  } catch (e) {
    expect.fail(`parse threw on ${damage.label}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  const { result } = outcome;
  let { ms } = outcome;
  const bound = TIME_FACTOR * subject.intactMs + SLACK_MS;
  // a single slow run can be a GC pause or the other core's load: measure again before failing
  for (let i = 0; i < 2 && ms > bound; i++) ms = Math.min(ms, timed(damage.text).ms);
  expect(ms, `${damage.label}: damaged parse took ${ms.toFixed(1)} ms, intact ${subject.intactMs.toFixed(1)} ms`).toBeLessThan(bound);
  const internal = result.errors.find((e) => e.message.includes('internal parser error'));
  expect(internal, `${damage.label}: the parser failed internally`).toBeUndefined();
  for (const error of result.errors) {
    const sane = error.start >= 0 && error.start <= error.end && error.end <= damage.text.length;
    expect(sane, `${damage.label}: error "${error.message}" has range ${error.start}..${error.end} in a ${damage.text.length}-character text`).toBe(true);
  }
  return result;
}

/** The damage was inside the target: every other top-level statement must come out unchanged. */
function expectUntouchedAroundTarget(subject: Subject, damage: Damage, result: ParseResult): void {
  const target = subject.target;
  if (!target) throw new Error('no target');
  const delta = damage.inserted - damage.removed;
  const damagedStarts = new Map(result.module.body.map((s) => [s.start, s]));
  const body = subject.intact.module.body;
  const nextStart = body[target.index + 1]?.start ?? subject.source.length;
  if (damage.certainlyInvalid) {
    expect(result.errors.length, `${damage.label}: no error reported`).toBeGreaterThan(0);
    const near = result.errors.some((e) => e.start >= target.stmt.start && e.start <= nextStart + delta);
    expect(near, `${damage.label}: no error inside the damaged statement (errors at ${result.errors.map((e) => e.start).join(', ')}, statement ${target.stmt.start}..${nextStart + delta})`).toBe(true);
  }
  body.forEach((stmt, index) => {
    if (index === target.index) return;
    const shift = index < target.index ? 0 : delta;
    const found = damagedStarts.get(stmt.start + shift);
    const where = `${damage.label}: top-level statement ${index} (${stmt.nodeType}, line ${subject.intact.lines.lineOf(stmt.start)})`;
    expect(found, `${where} is missing after damage in statement ${target.index}`).toBeDefined();
    expect(relativeDump(found, stmt.start + shift), `${where} changed`).toBe(relativeDump(stmt, stmt.start));
  });
}

const subjects = loadSubjects();
const withTarget = subjects.filter((s) => s.target !== null);

describe('robustness: the sample', () => {
  it('has about 30 standard library files and the corpus, most with a def or class to damage', () => {
    expect(subjects.filter((s) => s.name.startsWith('stdlib/')).length).toBeGreaterThanOrEqual(STDLIB_SAMPLE - 2);
    expect(withTarget.length).toBeGreaterThanOrEqual(STDLIB_SAMPLE);
  });
});

describe.each(subjects.map((s) => [s.name, s] as const))('robustness of %s', (_name, subject) => {
  const { source, tokens, name } = subject;
  const target = subject.target?.stmt;

  it('truncation: statements before the cut line come out unchanged', () => {
    for (const damage of truncations(source, name)) {
      const result = parseDamaged(subject, damage);
      const cutLineStart = Math.max(source.lastIndexOf('\n', damage.at - 1), source.lastIndexOf('\r', damage.at - 1)) + 1;
      const damagedStarts = new Map(result.module.body.map((s) => [s.start, s]));
      for (const stmt of subject.intact.module.body) {
        if (stmt.end >= cutLineStart) break;
        const found = damagedStarts.get(stmt.start);
        const where = `${damage.label}: statement at line ${subject.intact.lines.lineOf(stmt.start)}`;
        expect(found, `${where} is missing`).toBeDefined();
        expect(relativeDump(found, 0), `${where} changed`).toBe(relativeDump(stmt, 0));
      }
    }
  });

  it.runIf(target !== undefined)('token deletion and duplication inside one definition leave the others unchanged', () => {
    for (const damage of target ? tokenEdits(source, tokens, target, name) : []) expectUntouchedAroundTarget(subject, damage, parseDamaged(subject, damage));
  });

  it.runIf(target !== undefined)('unbalanced brackets inside one definition are reported there and leave the others unchanged', () => {
    for (const damage of target ? bracketDamages(source, tokens, target, name) : []) expectUntouchedAroundTarget(subject, damage, parseDamaged(subject, damage));
  });

  it.runIf(target !== undefined)('unterminated strings and f-strings inside one definition are reported there and leave the others unchanged', () => {
    for (const damage of target ? stringDamages(source, tokens, target, name) : []) expectUntouchedAroundTarget(subject, damage, parseDamaged(subject, damage));
  });

  it.runIf(target !== undefined)('mixed tabs and spaces inside one definition leave the others unchanged', () => {
    for (const damage of target ? indentDamages(source, tokens, target, name) : []) expectUntouchedAroundTarget(subject, damage, parseDamaged(subject, damage));
  });
});
