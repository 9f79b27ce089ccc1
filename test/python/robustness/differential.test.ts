/**
 * Differential check of the damaged files against CPython 3.13: the same seeded damage as the
 * robustness tests, with CPython as the judge of what the damage did. When CPython still accepts
 * the damaged text, ours must be error-free and identical to CPython's tree (parity on code nobody
 * wrote on purpose); when CPython rejects it, ours must report at least one error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../../src/python/index.js';
import { TreeComparer } from '../../../scripts/parity/compare.js';
import { CPythonAst } from '../../../scripts/parity/cpython.js';
import { python } from '../../support/pythons.js';
import { bracketDamages, indentDamages, stringDamages, tokenEdits, truncations, vocabularyInsertions, type Damage } from './damage.js';
import { loadSubjects } from './subjects.js';

interface Verdict {
  subject: string;
  damage: Damage;
  /** CPython's tree, or why CPython rejects the text */
  cpython: { tree: unknown } | { skip: string };
}

const subjects = loadSubjects(false);
const verdicts: Verdict[] = [];
let cpython: CPythonAst | null = null;
let comparer: TreeComparer | null = null;

beforeAll(async () => {
  const exe = python('3.13');
  if (exe === null) throw new Error('CPython 3.13 from pyenv is needed for the differential tests');
  cpython = new CPythonAst(exe);
  comparer = new TreeComparer(await cpython.header(), 5);
  const pending: Promise<void>[] = [];
  for (const subject of subjects) {
    const { source, tokens, name } = subject;
    const target = subject.target?.stmt;
    const damages = [...truncations(source, name, 2), ...vocabularyInsertions(source, tokens, name, 6), ...(target ? [...tokenEdits(source, tokens, target, `${name}:differential`, 8), ...tokenEdits(source, tokens, target, name), ...indentDamages(source, tokens, target, name)] : [])];
    for (const damage of damages) {
      pending.push(
        cpython.dumpSource(damage.text).then((answer) => {
          verdicts.push({ subject: name, damage, cpython: 'tree' in answer ? { tree: answer.tree } : { skip: answer.skip } });
        }),
      );
    }
  }
  await Promise.all(pending);
}, 120_000);

afterAll(() => {
  cpython?.close();
});

function describeErrors(text: string): string {
  const result = parse(text);
  return result.errors.map((e) => `${e.start}: ${e.message}`).join('; ');
}

describe('damaged files judged by CPython 3.13', () => {
  it('has both outcomes in the sample', () => {
    expect(verdicts.filter((v) => 'tree' in v.cpython).length).toBeGreaterThan(20);
    expect(verdicts.filter((v) => 'skip' in v.cpython).length).toBeGreaterThan(20);
  });

  it('where CPython still accepts the damaged text, our tree is error-free and identical', () => {
    const failures: string[] = [];
    for (const v of verdicts) {
      if (!('tree' in v.cpython) || !comparer) continue;
      const result = parse(v.damage.text);
      const mismatches = comparer.compare(v.cpython.tree, result);
      if (result.errors.length > 0) failures.push(`${v.subject}, ${v.damage.label}: errors on valid code: ${describeErrors(v.damage.text)}`);
      else if (mismatches.length > 0) failures.push(`${v.subject}, ${v.damage.label}: ${mismatches.map((m) => `line ${m.line ?? '?'}: ${m.path}: expected ${m.expected}, got ${m.got}`).join('; ')}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('bracket and string damage is always rejected by CPython (a check of the damage generators)', async () => {
    if (!cpython) throw new Error('no CPython');
    const subject = subjects.find((s) => s.target !== null);
    const target = subject?.target?.stmt;
    if (!subject || !target) throw new Error('no subject with a target');
    const damages = [...bracketDamages(subject.source, subject.tokens, target, subject.name), ...stringDamages(subject.source, subject.tokens, target, subject.name)];
    expect(damages.length).toBeGreaterThan(2);
    for (const damage of damages) expect('skip' in (await cpython.dumpSource(damage.text)), damage.label).toBe(true);
  });

  it('where CPython rejects the damaged text, we report at least one error', () => {
    const failures = verdicts
      .filter((v) => 'skip' in v.cpython && parse(v.damage.text).errors.length === 0)
      .map((v) => `${v.subject}, ${v.damage.label}: CPython says ${'skip' in v.cpython ? v.cpython.skip : ''}; we report nothing`);
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
