/**
 * npm run parity -- <python-executable> <folder-or-file> [--max N] [--jobs N] [--no-cache] [--quiet]
 *
 * Compares our parser's AST with CPython's `ast.parse` on every .py file under the folder
 * (files the given CPython rejects are skipped and left out of the count). Prints each
 * mismatching file with its first few mismatches, a tally of mismatch categories, and as the
 * last line `parity: <identical>/<total> files identical`. Exit code 0 when all are identical.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIdentical, runParity, type FileOutcome } from './parity/run.js';
import { pythonFiles } from './support/measure.js';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run parity -- <python-executable> <folder-or-file> [--max N] [--jobs N] [--no-cache] [--quiet]`);
  process.exit(2);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const positional: string[] = [];
  let limit = 3;
  let jobs = Math.max(1, Math.min(4, os.availableParallelism() - 1));
  let useCache = true;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--max') limit = Number(args[++i]);
    else if (arg === '--jobs') jobs = Number(args[++i]);
    else if (arg === '--no-cache') useCache = false;
    else if (arg === '--quiet') quiet = true;
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 2) usage('expected a Python executable and a folder');
  if (!(limit >= 1) || !(jobs >= 1)) usage('--max and --jobs take a positive number');
  const [python, root] = positional as [string, string];
  let files: string[];
  try {
    files = pythonFiles(root);
  } catch (e) {
    usage(`cannot read ${root}: ${String(e)}`);
  }
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const started = performance.now();
  const display = (file: string): string => path.relative(root, file) || path.basename(file);
  const categories = new Map<string, number>();
  const skipped: FileOutcome[] = [];
  let lines = 0;
  const outcomes = await runParity({
    python,
    files,
    limit,
    jobs,
    cacheDir: useCache ? path.join(repoRoot, '.cache', 'parity') : null,
    onOutcome: (outcome) => {
      lines += outcome.lines;
      if (outcome.skipped !== undefined) {
        skipped.push(outcome);
        return;
      }
      if (isIdentical(outcome)) return;
      const first = outcome.mismatches[0];
      const category = outcome.failure !== undefined ? outcome.failure.replace(/[:;].*/s, '').replace(/\d+/g, 'N') : first ? first.category : 'other';
      categories.set(category, (categories.get(category) ?? 0) + 1);
      if (quiet) return;
      console.log(`${display(outcome.file)}:`);
      if (outcome.failure !== undefined) console.log(`  ${outcome.failure.split('\n').slice(0, 6).join('\n    ')}`);
      for (const m of outcome.mismatches) {
        console.log(`  line ${m.line ?? '?'}: ${m.path}: expected ${m.expected}, got ${m.got}`);
      }
    },
  }).catch((e: unknown) => {
    console.error(`parity: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  });
  const compared = outcomes.filter((o) => o.skipped === undefined);
  const identical = compared.filter(isIdentical).length;
  if (skipped.length > 0) {
    console.log(`skipped ${skipped.length} file(s) the given CPython rejects:`);
    for (const s of skipped) console.log(`  ${display(s.file)}: ${s.skipped ?? ''}`);
  }
  if (categories.size > 0) {
    console.log('files by first mismatch (CPython node.field):');
    for (const [category, count] of [...categories].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${String(count).padStart(5)}  ${category}`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`compared ${compared.length} files (${lines} lines) in ${seconds.toFixed(1)} s`);
  console.log(`parity: ${identical}/${compared.length} files identical`);
  return identical === compared.length ? 0 : 1;
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
