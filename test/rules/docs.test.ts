/**
 * Every registered rule has its doc page (ruff's sections), and the page's examples are
 * checked: the first Python block under "Example" triggers the rule, the first under
 * "Use instead" does not. A page may give the configuration its examples need in an HTML
 * comment: `<!-- aiolint-docs-config: {"blockingCalls": [...]} -->`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/engine/config';
import { createProject } from '../../src/engine/lint-project';
import { RULES } from '../../rules/index';

const ROOT = path.join(__dirname, '..', '..');
const SECTIONS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety', 'When not to use it', 'Aliases'];

/** The text of section `## title` (up to the next `## `). */
function section(markdown: string, title: string): string | null {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

function firstPythonBlock(text: string): string | null {
  const match = /```python\r?\n([\s\S]*?)```/.exec(text);
  return match?.[1] ?? null;
}

function docsConfig(markdown: string, code: string): ResolvedConfig {
  const match = /<!--\s*aiolint-docs-config:\s*(\{[\s\S]*?\})\s*-->/.exec(markdown);
  const extra = match?.[1] ? (JSON.parse(match[1]) as Partial<ResolvedConfig>) : {};
  return { ...DEFAULT_CONFIG, ...extra, select: [code] };
}

function codesFound(source: string, config: ResolvedConfig): string[] {
  const project = createProject({});
  project.setFile('example.py', source);
  const result = project.lint('example.py', config);
  expect(result.parseErrors).toEqual([]);
  expect(result.internalErrors ?? []).toEqual([]);
  return result.findings.map((finding) => finding.code);
}

describe('rule docs', () => {
  it('covers a registry', () => {
    expect(RULES.length).toBeGreaterThan(0);
  });
  for (const rule of RULES) {
    const { code, name } = rule.meta;
    describe(code, () => {
      const file = path.join(ROOT, rule.meta.docs);

      it('has its page at meta.docs, titled with code and name, with every section', () => {
        expect(rule.meta.docs).toBe(`rules/docs/${code}.md`);
        expect(existsSync(file), `${rule.meta.docs} is missing`).toBe(true);
        const markdown = readFileSync(file, 'utf8');
        const title = markdown.split(/\r?\n/)[0] ?? '';
        expect(title.startsWith('# ') && title.includes(code) && title.includes(name), `title: ${title}`).toBe(true);
        for (const heading of SECTIONS) expect(section(markdown, heading), `section "${heading}"`).not.toBeNull();
      });

      it('its Example triggers the rule and its Use instead does not', () => {
        if (!existsSync(file)) return; // reported by the test above
        const markdown = readFileSync(file, 'utf8');
        const config = docsConfig(markdown, code);
        const example = firstPythonBlock(section(markdown, 'Example') ?? '');
        const instead = firstPythonBlock(section(markdown, 'Use instead') ?? '');
        expect(example, 'a ```python block under "Example"').not.toBeNull();
        expect(instead, 'a ```python block under "Use instead"').not.toBeNull();
        expect(codesFound(example ?? '', config), 'Example must trigger the rule').toContain(code);
        expect(codesFound(instead ?? '', config), 'Use instead must not trigger the rule').not.toContain(code);
      });
    });
  }
});
