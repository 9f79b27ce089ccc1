/**
 * npm run bench:parser -- <folder> [--rounds N] [--unbundled]
 *
 * Parses every .py file under the folder several rounds in one process, with our parser and with
 * tree-sitter-python (web-tree-sitter), after a warm-up round each; rounds alternate between the
 * two so machine noise hits both alike. Throughput is the folder's line count over the median
 * round. Also measures the heap taken by holding every file's parse result at once.
 * Our parser is measured as it ships: bundled by esbuild like `npm run build` does (run unbundled
 * through tsx, cross-module const enums and namespace imports are not inlined and it parses
 * several times slower); `--unbundled` measures the tsx-loaded sources instead.
 * Last line, exactly: `parser: <ours> klines/s, tree-sitter: <theirs> klines/s, ratio <ours/theirs>`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Language, Parser } from 'web-tree-sitter';
import { build } from 'esbuild';
import * as sources from '../src/python/index.js';
import { decodePythonSource, type ParseResult } from '../src/python/index.js';
import { countLines, median, pythonFiles } from './support/measure.js';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run bench:parser -- <folder> [--rounds N] [--unbundled]`);
  process.exit(2);
}

type Parse = (source: string) => ParseResult;

/** `parse` from an esbuild bundle of src/python, built into a temporary folder. */
async function bundledParse(): Promise<Parse> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aiolint-bench-'));
  try {
    const outfile = path.join(dir, 'python.mjs');
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'python', 'index.ts');
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    const module = (await import(pathToFileURL(outfile).href)) as { parse: Parse };
    return module.parse;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A full garbage collection, for heap figures that mean something. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let rounds = 5;
  let unbundled = false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--rounds') rounds = Number(args[++i]);
    else if (arg === '--unbundled') unbundled = true;
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [folder] = positional;
  if (positional.length !== 1 || folder === undefined) usage('expected one folder');
  if (!(rounds >= 1)) usage('--rounds takes a positive number');

  const texts: string[] = [];
  let lines = 0;
  let undecodable = 0;
  for (const file of pythonFiles(folder)) {
    const decoded = decodePythonSource(readFileSync(file));
    if ('error' in decoded) {
      undecodable++;
      continue;
    }
    texts.push(decoded.text);
    lines += countLines(decoded.text);
  }
  console.log(`${texts.length} files, ${lines} lines${undecodable ? ` (${undecodable} undecodable files left out)` : ''}`);
  const parse: Parse = unbundled ? sources.parse : await bundledParse();
  console.log(`our parser: ${unbundled ? 'sources loaded by tsx' : 'esbuild bundle, as shipped'}`);

  const require = createRequire(import.meta.url);
  const wasm = path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm');
  await Parser.init();
  const treeSitter = new Parser();
  treeSitter.setLanguage(await Language.load(wasm));

  let sink = 0; // results are used, so no round can be optimised away
  const ours = (): number => {
    const started = performance.now();
    for (const text of texts) sink += parse(text).module.body.length;
    return performance.now() - started;
  };
  const theirs = (): number => {
    const started = performance.now();
    for (const text of texts) {
      const tree = treeSitter.parse(text);
      if (tree) {
        sink += tree.rootNode.childCount;
        tree.delete();
      }
    }
    return performance.now() - started;
  };

  console.log(`warm-up: ours ${(ours() / 1000).toFixed(2)} s, tree-sitter ${(theirs() / 1000).toFixed(2)} s`);
  const oursTimes: number[] = [];
  const theirTimes: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const oursTime = ours();
    const theirTime = theirs();
    oursTimes.push(oursTime);
    theirTimes.push(theirTime);
    console.log(`round ${round}: ours ${(oursTime / 1000).toFixed(2)} s, tree-sitter ${(theirTime / 1000).toFixed(2)} s`);
  }

  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const held: ParseResult[] = texts.map((text) => parse(text));
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  const nodes = held.reduce((n, r) => n + r.module.body.length, 0);
  console.log(`heap used by all ${held.length} ASTs held at once: ${((after - before) / 2 ** 20).toFixed(0)} MB (${nodes} top-level statements)`);
  if (sink < 0) console.log(sink);

  const oursRate = lines / median(oursTimes); // lines per ms = klines/s
  const theirRate = lines / median(theirTimes);
  console.log(`parser: ${oursRate.toFixed(1)} klines/s, tree-sitter: ${theirRate.toFixed(1)} klines/s, ratio ${(oursRate / theirRate).toFixed(2)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
