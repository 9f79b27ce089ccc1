/**
 * One long-lived CPython process running pyast_dump.py: requests go in as JSON lines
 * (a file path, or a source text), answers come back in the same order.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DumpHeader } from './compare.js';

export const DUMPER_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pyast_dump.py');

/** `tree` is CPython's AST in pyast_dump.py's compact form; `skip` says why CPython rejects the file. */
export type DumpAnswer = { tree: unknown; raw: string } | { skip: string; raw: string };

export class CPythonAst {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (answer: DumpAnswer) => void; reject: (e: Error) => void }[] = [];
  private headerPromise: Promise<DumpHeader>;
  private stderr = '';
  private exited: Error | null = null;

  constructor(python: string) {
    this.child = spawn(python, ['-X', 'utf8', DUMPER_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    let resolveHeader!: (h: DumpHeader) => void;
    let rejectHeader!: (e: Error) => void;
    this.headerPromise = new Promise((resolve, reject) => {
      resolveHeader = resolve;
      rejectHeader = reject;
    });
    // keep an unobserved rejection from crashing the process: callers see it through header()
    this.headerPromise.catch(() => undefined);
    let gotHeader = false;
    const lines = createInterface({ input: this.child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (!gotHeader) {
        gotHeader = true;
        try {
          resolveHeader(JSON.parse(line) as DumpHeader);
        } catch (e) {
          rejectHeader(new Error(`unexpected first line from ${python}: ${line.slice(0, 200)} (${String(e)})`));
        }
        return;
      }
      const waiter = this.waiting.shift();
      if (!waiter) return;
      try {
        const parsed = JSON.parse(line) as { tree?: unknown; skip?: string };
        if (typeof parsed.skip === 'string') waiter.resolve({ skip: parsed.skip, raw: line });
        else waiter.resolve({ tree: parsed.tree, raw: line });
      } catch (e) {
        waiter.reject(new Error(`bad answer from the CPython dumper: ${String(e)}`));
      }
    });
    const fail = (error: Error): void => {
      this.exited = error;
      if (!gotHeader) rejectHeader(error);
      for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    };
    this.child.on('error', (e) => {
      fail(new Error(`cannot run ${python}: ${e.message}`));
    });
    this.child.on('exit', (code, signal) => {
      fail(new Error(`${python} exited (${signal ?? String(code)})${this.stderr ? `: ${this.stderr.trim()}` : ''}`));
    });
    this.child.stdin.on('error', () => undefined); // reported through 'exit'
  }

  header(): Promise<DumpHeader> {
    return this.headerPromise;
  }

  /** CPython's tree for a file (read and decoded by CPython itself, as `ast.parse(bytes)`). */
  dumpFile(file: string): Promise<DumpAnswer> {
    return this.send(JSON.stringify(file));
  }

  /** CPython's tree for a source text. */
  dumpSource(source: string): Promise<DumpAnswer> {
    return this.send(JSON.stringify({ source }));
  }

  private send(line: string): Promise<DumpAnswer> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${line}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}
