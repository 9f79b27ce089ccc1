/**
 * Fix round-trips over every fixture: apply each finding's fix on its own (safe and unsafe),
 * then the result parses without errors (ours, and CPython's `compile` for the lot), the
 * finding is gone and no new finding of that rule appears, and the text outside the edits
 * is byte-for-byte the original.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/engine/apply-fixes';
import { parse } from '../../src/python/index';
import { defaultPython } from '../support/pythons';
import { loadFixtures, runFixture } from './harness';

const fixtures = loadFixtures();
const fixedSources: { name: string; text: string }[] = [];

describe('fix round-trips', () => {
  for (const fixture of fixtures) {
    it(fixture.name, () => {
      const run = runFixture(fixture);
      for (const file of fixture.files) {
        const findings = run.findings.get(file.path) ?? [];
        const originalErrors = parse(file.text).errors.length;
        for (const finding of findings) {
          if (!finding.fix) continue;
          const { text, applied } = applyFixes(file.text, [finding], { unsafe: true });
          expect(applied).toBe(1);
          const label = `${fixture.name}/${file.path} ${finding.code} at ${finding.start}`;
          // outside the edits nothing changed
          const edits = [...finding.fix.edits].sort((a, b) => a.start - b.start);
          let cursorOld = 0;
          let cursorNew = 0;
          for (const edit of edits) {
            const unchanged = file.text.slice(cursorOld, edit.start);
            expect(text.slice(cursorNew, cursorNew + unchanged.length), label).toBe(unchanged);
            cursorNew += unchanged.length + edit.content.length;
            cursorOld = edit.end;
          }
          expect(text.slice(cursorNew), label).toBe(file.text.slice(cursorOld));
          // still parses
          expect(parse(text).errors.length, `${label}\n${text}`).toBe(originalErrors);
          fixedSources.push({ name: label, text });
          // the finding is gone, and the fix introduced no other finding of that rule
          run.project.setFile(file.path, text);
          const after = run.project.lint(file.path, run.config).findings.filter((f) => f.code === finding.code);
          // the other findings of the rule, moved by the edits (some may go: a fix can drop a receiver's type)
          const shift = (offset: number): number => edits.reduce((sum, edit) => (edit.end <= offset ? sum + edit.content.length - (edit.end - edit.start) : sum), offset);
          const expectedStarts = new Set(findings.filter((f) => f.code === finding.code && f !== finding).map((f) => shift(f.start)));
          const unexpected = after.filter((f) => !expectedStarts.has(f.start));
          expect(unexpected.map((f) => `${f.start}: ${f.message}`), `${label}\n${text}`).toEqual([]);
          run.project.setFile(file.path, file.text);
        }
      }
    });
  }

  it('CPython compiles every fixed file', () => {
    expect(fixedSources.length).toBeGreaterThan(20);
    const script = [
      'import json, sys',
      'bad = []',
      'for item in json.load(sys.stdin):',
      '    try:',
      '        compile(item["text"], item["name"], "exec")',
      '    except SyntaxError as e:',
      '        bad.append(f"{item[\'name\']}: {e}")',
      'print(json.dumps(bad))',
    ].join('\n');
    const out = execFileSync(defaultPython(), ['-c', script], { input: JSON.stringify(fixedSources), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([]);
  });
});
