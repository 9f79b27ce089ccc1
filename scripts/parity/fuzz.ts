/**
 * npx tsx scripts/parity/fuzz.ts <python-executable> <folder> [--every N] [--offset K] [--seed S]
 *
 * Differential fuzzing against CPython: every N-th .py file of the folder is damaged in seeded
 * ways (typo-like token insertions, token deletions and duplications, a truncation) and CPython
 * judges each damaged text. Reports where CPython accepts the text but we report errors or build
 * a different tree, and where CPython rejects it but we report nothing. Not a test: a bug finder
 * for the parser (findings go to test/python/PARITY-NOTES.md and the corpus).
 */
import { readFileSync } from 'node:fs';
import { decodePythonSource, parse } from '../../src/python/index.js';
import { roughTokens, tokenEdits, truncations, vocabularyInsertions } from '../../test/python/robustness/damage.js';
import { TreeComparer } from './compare.js';
import { CPythonAst } from './cpython.js';
import { pythonFiles } from '../support/measure.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const positional: string[] = [];
  let every = 5;
  let offset = 0;
  let seed = '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--every') every = Number(args[++i]);
    else if (arg === '--offset') offset = Number(args[++i]);
    else if (arg === '--seed') seed = args[++i] ?? '';
    else positional.push(arg);
  }
  const [python, folder] = positional;
  if (python === undefined || folder === undefined || !(every >= 1)) {
    console.error('usage: npx tsx scripts/parity/fuzz.ts <python-executable> <folder> [--every N] [--offset K] [--seed S]');
    return 2;
  }
  const cpython = new CPythonAst(python);
  const comparer = new TreeComparer(await cpython.header(), 3);
  let accepted = 0;
  let rejected = 0;
  const problems: string[] = [];
  try {
    for (const file of pythonFiles(folder).filter((_, i) => i % every === offset)) {
      const decoded = decodePythonSource(readFileSync(file));
      if ('error' in decoded || decoded.text.length > 100_000) continue;
      const source = decoded.text;
      const tokens = roughTokens(source);
      const name = `${seed}${file}`;
      const whole = { start: 0, end: source.length };
      const damages = [...vocabularyInsertions(source, tokens, name, 4), ...tokenEdits(source, tokens, whole, name, 3), ...truncations(source, name, 1)];
      const answers = await Promise.all(damages.map((d) => cpython.dumpSource(d.text)));
      damages.forEach((damage, i) => {
        const answer = answers[i];
        if (!answer) return;
        const ours = parse(damage.text);
        const where = `${file}, ${damage.label}`;
        if ('tree' in answer) {
          accepted++;
          const first = ours.errors[0];
          const mismatch = comparer.compare(answer.tree, ours)[0];
          if (first) problems.push(`CPython accepts, we report "${first.message}" at line ${ours.lines.lineOf(first.start)}: ${where}`);
          else if (mismatch) problems.push(`CPython accepts, trees differ at ${mismatch.path} (line ${mismatch.line ?? '?'}): expected ${mismatch.expected}, got ${mismatch.got}: ${where}`);
        } else {
          rejected++;
          if (ours.errors.length === 0) problems.push(`CPython rejects (${answer.skip}), we report nothing: ${where}`);
        }
      });
    }
  } finally {
    cpython.close();
  }
  for (const problem of problems) console.log(problem);
  console.log(`fuzz: ${accepted} damaged texts CPython accepts, ${rejected} it rejects, ${problems.length} disagreements`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 2;
  },
);
