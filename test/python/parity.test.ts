/**
 * Parity with CPython 3.13's `ast` on the checked-in corpus of tricky files, plus checks that the
 * parity machinery itself catches differences (a comparer that never complains proves nothing).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, walk, type AnyNode, type Constant, type Name } from '../../src/python/index.js';
import { TreeComparer, Utf8Positions, type DumpHeader } from '../../scripts/parity/compare.js';
import { CPythonAst } from '../../scripts/parity/cpython.js';
import { isIdentical, runParity, type FileOutcome } from '../../scripts/parity/run.js';
import { pythonFiles } from '../../scripts/support/measure.js';
import { python } from '../support/pythons.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpusDir = path.join(here, 'corpus');
const corpusFiles = pythonFiles(corpusDir);

/** CPython 3.13 from pyenv: the referee. Missing it is a failure, not a skip. */
function python313(): string {
  const exe = python('3.13');
  if (exe === null) throw new Error('CPython 3.13 from pyenv is needed for the parity tests');
  return exe;
}

function describeOutcome(outcome: FileOutcome): string {
  const lines = [outcome.failure ?? '', ...outcome.mismatches.map((m) => `line ${m.line ?? '?'}: ${m.path}: expected ${m.expected}, got ${m.got}`)];
  return lines.filter(Boolean).join('\n');
}

describe('parity with CPython 3.13 on the corpus', () => {
  const outcomes = new Map<string, FileOutcome>();

  beforeAll(async () => {
    for (const outcome of await runParity({ python: python313(), files: corpusFiles, limit: 10, cacheDir: null })) outcomes.set(outcome.file, outcome);
  });

  it('has a corpus covering the features of issue 2', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpusFiles.map((f) => [path.relative(corpusDir, f), f]))('%s: CPython accepts it and our AST is identical', (_name, file) => {
    const outcome = outcomes.get(file);
    if (!outcome) throw new Error(`no parity outcome for ${file}`);
    expect(outcome.skipped, 'every corpus file must be valid Python 3.13').toBeUndefined();
    expect(isIdentical(outcome), describeOutcome(outcome)).toBe(true);
  });
});

describe('the parity comparer', () => {
  let cpython: CPythonAst;
  let header: DumpHeader;

  beforeAll(async () => {
    cpython = new CPythonAst(python313());
    header = await cpython.header();
  });
  afterAll(() => {
    cpython.close();
  });

  async function cpythonTree(source: string): Promise<unknown> {
    const answer = await cpython.dumpSource(source);
    if (!('tree' in answer)) throw new Error(`CPython rejected the test source: ${answer.skip}`);
    return answer.tree;
  }

  function find<T extends AnyNode>(root: AnyNode, kind: T['nodeType']): T {
    let found: T | undefined;
    walk(root, (node: AnyNode) => {
      if (!found && node.nodeType === kind) found = node as T;
      return undefined;
    });
    if (!found) throw new Error(`no ${kind} in the tree`);
    return found;
  }

  it('reports a shifted end column with its path, in UTF-8 bytes after astral characters', async () => {
    const source = 's = "😀"; value = name\n';
    const tree = await cpythonTree(source);
    const ours = parse(source);
    const comparer = new TreeComparer(header, 10);
    expect(comparer.compare(tree, ours)).toEqual([]);
    const name = find<Name>(ours.module, 'Name');
    expect(name.id).toBe('s');
    const target = (ours.module.body[1] as { value: Name }).value;
    target.start += 1;
    const mismatches = comparer.compare(tree, ours);
    // `name` starts at UTF-16 offset 18, UTF-8 byte 20 (the emoji is 2 code units, 4 bytes)
    expect(target.start).toBe(19);
    expect(mismatches.map((m) => [m.path, m.expected, m.got, m.line])).toEqual([['body[1].value.col_offset', '20', '21', 1]]);
  });

  it('reports wrong constants, names, kinds and list lengths', async () => {
    const source = 'x = 10**30 + 1.5 + 2j + b"\\xff"\nif x:\n    pass\n';
    const tree = await cpythonTree(source);
    const comparer = new TreeComparer(header, 20);
    const ours = parse(source);
    expect(comparer.compare(tree, ours)).toEqual([]);

    const constant = find<Constant>(ours.module, 'Constant');
    constant.value = 11n;
    expect(comparer.compare(tree, ours).map((m) => `${m.path} ${m.expected} ${m.got}`)).toEqual(['body[0].value.left.left.left.left.value 10 11']);
    constant.value = 10n;

    const name = find<Name>(ours.module, 'Name');
    name.id = 'y';
    expect(comparer.compare(tree, ours).map((m) => m.path)).toEqual(['body[0].targets[0].id']);
    name.id = 'x';

    const ifStmt = ours.module.body[1] as unknown as { body: unknown[] };
    ifStmt.body.push(ifStmt.body[0]);
    expect(comparer.compare(tree, ours).map((m) => m.path)).toEqual(['body[1].body.length']);
    ifStmt.body.pop();

    (ours.module.body[1] as unknown as { nodeType: string }).nodeType = 'While';
    expect(comparer.compare(tree, ours).map((m) => `${m.path} ${m.expected} ${m.got}`)).toEqual(['body[1] If While']);
  });

  it('maps offsets to CPython columns across BOM, CR, CRLF and non-BMP text', () => {
    const source = '\ufeffa = 1\r\nb = "é😀" + c\rd';
    const p = new Utf8Positions(source);
    expect([p.line(1), p.column(1)]).toEqual([1, 0]); // after the BOM
    const b = source.indexOf('b');
    expect([p.line(b), p.column(b)]).toEqual([2, 0]);
    const c = source.indexOf('c');
    expect([p.line(c), p.column(c)]).toEqual([2, 15]); // `b = "` 5, é 2, 😀 4, `" + ` 4 bytes
    const d = source.indexOf('d');
    expect([p.line(d), p.column(d)]).toEqual([3, 0]);
  });
});

describe('npm run parity', () => {
  it('skips what CPython rejects, prints mismatches and ends with the summary line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aiolint-parity-'));
    try {
      writeFileSync(path.join(dir, 'good.py'), 'x = [1, 2]\n');
      writeFileSync(path.join(dir, 'bad.py'), 'def (:\n');
      const run = promisify(execFile);
      // node + tsx's CLI module rather than the .bin shim, which is a .cmd file on Windows
      const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
      const script = path.join(here, '..', '..', 'scripts', 'parity.ts');
      const { stdout } = await run(process.execPath, [tsxCli, script, python313(), dir, '--no-cache']);
      const lines = stdout.trimEnd().split('\n');
      expect(lines.at(-1)).toBe('parity: 1/1 files identical');
      expect(stdout).toMatch(/skipped 1 file\(s\) the given CPython rejects:\n {2}bad\.py: SyntaxError/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Python 3.14 template strings (not checkable with CPython 3.13)', () => {
  const dir = path.join(here, 'corpus-py314');
  it.each(readdirSync(dir).filter((f) => f.endsWith('.py')))('%s parses without errors into TemplateStr nodes', (name) => {
    const result = parse(readFileSync(path.join(dir, name), 'utf8'));
    expect(result.errors).toEqual([]);
    let templates = 0;
    let interpolations = 0;
    walk(result.module, (node: AnyNode) => {
      if (node.nodeType === 'TemplateStr') templates++;
      if (node.nodeType === 'Interpolation') interpolations++;
      return undefined;
    });
    expect(templates).toBeGreaterThanOrEqual(10);
    expect(interpolations).toBeGreaterThanOrEqual(10);
  });
});

describe('\\N{...} escapes', () => {
  it('know every character name CPython 3.13 knows', () => {
    const script = 'import json, sys, unicodedata\nnames = [[unicodedata.name(chr(c), ""), c] for c in range(0x110000)]\njson.dump([n for n in names if n[0]], sys.stdout)';
    const names = JSON.parse(execFileSync(python313(), ['-c', script], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })) as [string, number][];
    expect(names.length).toBeGreaterThan(100_000);
    const failures: string[] = [];
    // one statement per line, a few thousand lines per parse
    for (let from = 0; from < names.length; from += 5000) {
      const batch = names.slice(from, from + 5000);
      const result = parse(batch.map(([name]) => `"\\N{${name}}"\n`).join(''));
      const values = new Map<number, unknown>();
      for (const stmt of result.module.body) {
        if (stmt.nodeType === 'Expr' && stmt.value.nodeType === 'Constant') values.set(result.lines.lineOf(stmt.start), stmt.value.value);
      }
      batch.forEach(([name, codePoint], i) => {
        if (values.get(i + 1) !== String.fromCodePoint(codePoint)) failures.push(`${name} (U+${codePoint.toString(16).toUpperCase()})`);
      });
    }
    expect(failures.length, `${failures.length} names fail, e.g. ${failures.slice(0, 10).join(', ')}`).toBe(0);
  });
});
