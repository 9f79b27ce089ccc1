/**
 * Every fixture under test/rules/fixtures: exactly the marked findings (line + code, and
 * column where the marker gives one), nothing on unmarked lines, for the fixture's codes.
 */
import { describe, expect, it } from 'vitest';
import { describeExpected, describeFound, loadFixtures, runFixture } from './harness';

const fixtures = loadFixtures();

describe('rule fixtures', () => {
  it('finds fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });
  for (const fixture of fixtures) {
    it(fixture.name, () => {
      const run = runFixture(fixture);
      for (const file of fixture.files) {
        const found = describeFound(file, run.findings.get(file.path) ?? [], file.text);
        expect({ file: file.path, findings: found }).toEqual({ file: file.path, findings: describeExpected(file) });
      }
    });
  }
});
