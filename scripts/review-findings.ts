/**
 * Runs the engine over real code and prints every finding with its source line, for review
 * by hand, and a count per code.
 *
 *   npx tsx scripts/review-findings.ts [--select CODES] [--codes-only] <package-dir>...
 *
 * Each argument is a package (or module folder); it is registered relative to its parent
 * directory, so `/.../dist-packages/aiohttp` yields modules `aiohttp.*`. All arguments form
 * one project (calls resolve across them).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../src/engine/config';
import { createProject } from '../src/engine/lint-project';
import { pythonFiles } from './support/measure';

const args = process.argv.slice(2);
let select: string[] = ['AIO1'];
let summaryOnly = false;
const dirs: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i] as string;
  if (arg === '--select') select = (args[++i] ?? '').split(',');
  else if (arg === '--codes-only') summaryOnly = true;
  else dirs.push(arg);
}

if (dirs.length === 0) {
  console.error('usage: npx tsx scripts/review-findings.ts [--select CODES] [--codes-only] <package-dir>...');
  process.exit(2);
}
for (const dir of dirs) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`not a directory: ${dir}`);
    process.exit(2);
  }
}

const project = createProject({});
const files: { key: string; text: string }[] = [];
for (const dir of dirs) {
  const base = path.dirname(path.resolve(dir));
  for (const file of pythonFiles(path.resolve(dir))) {
    const key = path.relative(base, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    project.setFile(key, text);
    files.push({ key, text });
  }
}

const config: ResolvedConfig = { ...DEFAULT_CONFIG, select, targetVersion: '3.9' };
const counts = new Map<string, number>();
const started = performance.now();
let internal = 0;
for (const { key, text } of files) {
  const result = project.lint(key, config);
  internal += result.internalErrors?.length ?? 0;
  for (const message of result.internalErrors ?? []) console.log(`INTERNAL ${key}: ${message.message}`);
  const lines = text.split('\n');
  for (const finding of result.findings) {
    counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
    if (summaryOnly) continue;
    const line = text.slice(0, finding.start).split('\n').length;
    console.log(`${key}:${line}: ${finding.code} ${finding.message}\n    ${(lines[line - 1] ?? '').trim()}`);
  }
}
const elapsed = performance.now() - started;
console.log(`\n${files.length} files, ${elapsed.toFixed(0)} ms, internal errors: ${internal}`);
for (const [code, count] of [...counts].sort()) console.log(`${code}: ${count}`);
