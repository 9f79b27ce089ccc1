/**
 * `reparseStatement` against the full parser: after generated edits inside a top-level def or
 * class, the spliced tree (the edited statement re-parsed alone, the ones after it moved) must
 * be exactly the tree, comments and errors a full parse of the new text gives. Over the parser
 * corpus (line endings, BOMs, continuations, f-strings, decorators) and every rule fixture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/python/ast';
import { decodePythonSource, parse } from '../../src/python/index';
import { locateStatementEdit, reparseStatement } from '../../src/python/incremental';
import { fixtureProjects, random, randomEdit } from '../support/generated-edits';

const CORPUS = path.join(import.meta.dirname, 'corpus');

function corpusTexts(): { name: string; text: string }[] {
  const texts: { name: string; text: string }[] = [];
  for (const name of readdirSync(CORPUS).sort()) {
    if (!name.endsWith('.py')) continue;
    const decoded = decodePythonSource(readFileSync(path.join(CORPUS, name)));
    if ('text' in decoded) texts.push({ name, text: decoded.text });
  }
  for (const project of fixtureProjects()) for (const [name, text] of Object.entries(project.files)) texts.push({ name: `${project.name}/${name}`, text });
  return texts;
}


/** the tree as data, positions included (the LineIndex is compared by its answers) */
function snapshot(result: ParseResult): unknown {
  return { module: result.module, comments: result.comments, errors: result.errors, source: result.source, lineCount: result.lines.lineCount };
}

describe('reparseStatement', () => {
  it('gives the full parse for generated edits over the corpus and the rule fixtures', () => {
    const next = random(7);
    let clean = 0;
    let spliced = 0;
    for (const { name, text: original } of corpusTexts()) {
      let text = original;
      for (let round = 0; round < 6; round++) {
        const edit = randomEdit(text, next);
        if (!edit) break;
        const before = parse(text);
        const full = parse(edit.text);
        if (full.errors.length === 0 && before.errors.length === 0) clean++;
        const where = locateStatementEdit(before, edit.text);
        const result = where ? reparseStatement(before, edit.text, where) : null;
        if (result) {
          spliced++;
          expect(snapshot(result), `${name} after ${edit.description} (round ${String(round)})`).toEqual(snapshot(full));
          for (const offset of [0, Math.floor(edit.text.length / 2), edit.text.length]) expect(result.lines.positionOf(offset)).toEqual(full.lines.positionOf(offset));
        }
        text = edit.text;
      }
    }
    expect(clean).toBeGreaterThan(100);
    expect(spliced / clean).toBeGreaterThan(0.5);
  });

  it('declines edits it cannot splice exactly', () => {
    const text = 'x = 1\n\n\ndef f():\n    return 1\n\n\ndef g():\n    return 2\n';
    const before = parse(text);
    // an unterminated string swallows what follows: a full parse is needed
    const broken = text.replace('return 1', 'return """1');
    expect(reparseStatement(parse(text), broken, { index: 1, changeStart: text.indexOf('1\n\n\ndef g'), delta: 3 })).toBeNull();
    // a line added at column 0 after the body ends the statement early: declined
    const dedented = text.replace('    return 1\n', '    return 1\ny = 2\n');
    expect(reparseStatement(parse(text), dedented, { index: 1, changeStart: text.indexOf('\n\n\ndef g'), delta: 6 })).toBeNull();
    // typing inside the body: spliced, and the statement after it moved
    const typed = text.replace('return 1', 'return 10');
    const result = reparseStatement(before, typed, { index: 1, changeStart: text.indexOf('1\n\n\ndef g') + 1, delta: 1 });
    expect(result).not.toBeNull();
    expect(snapshot(result as ParseResult)).toEqual(snapshot(parse(typed)));
  });
});
