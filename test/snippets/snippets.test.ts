/**
 * Every snippet we contribute is valid Python that our own rules accept: each body is expanded with
 * its placeholders' defaults, placed where a user would type it (statements that await go inside an
 * `async def`), parsed and linted with every rule selected.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import { createProject } from '../../src/engine/index';

interface Snippet { prefix: string; description: string; body: string[] }

const snippets = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'snippets', 'python.json'), 'utf8')) as Record<string, Snippet>;

/** `${1:name}` → `name`, `${0}` / `$1` → '' (nested placeholders expanded from the inside out). */
export function expandPlaceholders(body: string): string {
  let text = body;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return text.replace(/\$\{\d+\}/g, '').replace(/\$\d+/g, '');
}

/** Top-level statements that need a coroutine around them are indented into `async def`. */
function placeInModule(code: string): string {
  const needsCoroutine = code.split('\n').some((line) => /^(await |async (with|for) |\S.*\bawait )/.test(line));
  const body = needsCoroutine ? `async def snippet_host():\n${code.split('\n').map((l) => (l === '' ? '' : `    ${l}`)).join('\n')}\n` : `${code}\n`;
  return `import asyncio\n\n\n${body}`;
}

describe('snippets', () => {
  const entries = Object.entries(snippets);

  it('covers the everyday asyncio patterns', () => {
    const prefixes = entries.map(([, snippet]) => snippet.prefix);
    expect(prefixes).toEqual(expect.arrayContaining(['arun', 'agather', 'agatherlimit', 'ataskgroup', 'atimeout', 'atask', 'athread', 'awith', 'afor', 'agen', 'aworkers', 'aiohttpfetch', 'acancel']));
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it.each(entries)('%s: parses without errors and has no findings', (_name, snippet) => {
    const source = placeInModule(expandPlaceholders(snippet.body.join('\n')));
    const project = createProject({ root: '/snippets' });
    project.setFile('snippet.py', source);
    const result = project.lint('snippet.py', { ...DEFAULT_CONFIG, select: ['ALL'], ignore: ['AIO405'] });
    expect(result.parseErrors, source).toEqual([]);
    expect(result.findings.map((f) => `${f.code}: ${f.message}`), source).toEqual([]);
  });
});
