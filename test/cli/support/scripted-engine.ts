/**
 * A deliberately simple engine for testing the command-line layer on its own (file discovery,
 * encodings, fixes on disk, output formats, exit codes), independent of how the real rules
 * evolve: `time.sleep(` is a finding with a safe fix, `requests.get(` one with an unsafe fix,
 * `breakme()` one whose fix breaks the syntax, a line `def (` a syntax error. The real engine is exercised by cli-real.test.ts.
 */
import { decodePythonSource } from '../../../src/python/decode';
import type { ResolvedConfig } from '../../../src/engine/config';
import type { Finding } from '../../../src/engine/findings';
import type { FileLintResult, LintProject } from '../../../src/engine/project';
import type { CheckEngine } from '../../../src/cli/engine-api';

export interface ScriptedEngine extends CheckEngine {
  /** registered paths of every project created, in order */
  registered: string[][];
}

export function createScriptedEngine(): ScriptedEngine {
  const registered: string[][] = [];
  return {
    registered,
    createProject(): LintProject {
      const files = new Map<string, string>();
      const list: string[] = [];
      registered.push(list);
      return {
        setFile(path, text) {
          if (!files.has(path)) list.push(path);
          files.set(path, text);
        },
        updateFile(path, text) {
          const changed = files.get(path) !== text;
          this.setFile(path, text);
          return { changed, interfaceChanged: changed, dependants: [] };
        },
        removeFile(path) {
          files.delete(path);
        },
        hasFile(path) {
          return files.has(path);
        },
        dependentsOf() {
          return [];
        },
        lint(path: string, config: ResolvedConfig): FileLintResult {
          const text = files.get(path);
          if (text === undefined) throw new Error(`not registered: ${path}`);
          const findings: Finding[] = [];
          const off = (code: string): boolean => config.ignore.includes(code);
          for (const match of text.matchAll(/time\.sleep\(/g)) {
            if (off('AIO101')) break;
            findings.push({
              file: path,
              code: 'AIO101',
              name: 'blocking-sleep',
              aliases: ['ASYNC251'],
              severity: 'warning',
              message: '`time.sleep` blocks the event loop',
              start: match.index,
              end: match.index + 'time.sleep'.length,
              fix: {
                applicability: 'safe',
                message: 'Replace with `await asyncio.sleep(...)`',
                edits: [{ start: match.index, end: match.index + 'time.sleep('.length, content: 'await asyncio.sleep(' }],
              },
              related: [{ file: path, start: 0, end: 0, line: 1, column: 0, message: 'the file starts here' }],
            });
          }
          for (const match of text.matchAll(/requests\.get\(/g)) {
            findings.push({
              file: path,
              code: 'AIO102',
              name: 'blocking-http',
              aliases: ['ASYNC210'],
              severity: 'error',
              message: '`requests.get` blocks the event loop;\nuse aiohttp',
              start: match.index,
              end: match.index + 'requests.get'.length,
              fix: {
                applicability: 'unsafe',
                message: 'Run in a thread',
                // inserts a line break: the CLI must write it with the file's own line ending
                edits: [{ start: match.index, end: match.index + 'requests.get('.length, content: 'await to_thread(\n        http_get, ' }],
              },
              related: [],
            });
          }
          for (const match of text.matchAll(/breakme\(\)/g)) {
            // a rule with a buggy fix: its edit makes the file unparsable
            findings.push({
              file: path,
              code: 'AIO103',
              name: 'broken-fix',
              aliases: [],
              severity: 'warning',
              message: 'a finding whose fix is broken',
              start: match.index,
              end: match.index + 'breakme()'.length,
              fix: { applicability: 'safe', message: 'Break the file', edits: [{ start: match.index, end: match.index + 'breakme()'.length, content: 'def (' }] },
              related: [],
            });
          }
          const parseErrors = [...text.matchAll(/def \(/g)].map((m) => ({ message: 'invalid syntax', start: m.index + 4, end: m.index + 5 }));
          return { file: path, findings, parseErrors, skipped: text.includes('# aiolint: skip-file') };
        },
      };
    },
    decode: decodePythonSource,
    applyFixes(text, findings) {
      const edits = findings
        .flatMap((f) => f.fix?.edits ?? [])
        .sort((a, b) => b.start - a.start);
      let out = text;
      let lastStart = Number.POSITIVE_INFINITY;
      let applied = 0;
      for (const edit of edits) {
        if (edit.end > lastStart) continue;
        out = out.slice(0, edit.start) + edit.content + out.slice(edit.end);
        lastStart = edit.start;
        applied++;
      }
      return { text: out, applied };
    },
    rules: [
      { code: 'AIO101', name: 'blocking-sleep', aliases: ['ASYNC251'], summary: 'time.sleep in async context', defaultSeverity: 'warning' },
      { code: 'AIO102', name: 'blocking-http', aliases: ['ASYNC210'], summary: 'blocking HTTP in async context', defaultSeverity: 'error' },
    ],
    unknownSelectors(selectors) {
      return selectors.filter((s) => !['ALL', 'AIO', 'AIO1', 'AIO10', 'AIO101', 'AIO102', 'ASYNC251', 'ASYNC210'].includes(s.toUpperCase()));
    },
    ruleDoc(code) {
      return Promise.resolve(code === 'AIO101' || code === 'ASYNC251' ? { code: 'AIO101', markdown: '# AIO101 blocking-sleep\n' } : undefined);
    },
  };
}
