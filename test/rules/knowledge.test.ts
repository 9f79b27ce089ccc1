/**
 * The blocking-call knowledge base, entry by entry: every function entry, called in an
 * `async def`, is reported by the rule its entry names; every method entry is reported on a
 * receiver annotated with its type; every blocking type reports an arbitrary method. This
 * catches typos in the data and entries shadowed by the classifier's other paths.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config';
import { createProject } from '../../src/engine/lint-project';
import { BLOCKING_CALLS, BLOCKING_TYPES } from '../../rules/knowledge/blocking-calls';
import { RETURN_TYPES, TYPE_ALIASES } from '../../src/analysis/library';
import { compilePattern } from '../../rules/knowledge/patterns';

/** Method entries are `<type>.<method>` where the type's last component is a class name. */
function splitMethod(name: string): { type: string; method: string } | null {
  const parts = name.split('.');
  const method = parts.pop() as string;
  const type = parts.join('.');
  const last = parts[parts.length - 1] ?? '';
  const isType = /^[A-Z]/.test(last) || ['socket.socket', 'psycopg2.extensions.connection', 'psycopg2.extensions.cursor'].includes(type);
  return isType ? { type, method } : null;
}

function codesFor(source: string): string[] {
  const project = createProject({});
  project.setFile('probe.py', source);
  return project.lint('probe.py', { ...DEFAULT_CONFIG, select: ['AIO1'] }).findings.map((f) => f.code);
}

describe('blocking-call knowledge base', () => {
  const entries = [...BLOCKING_CALLS.entries()];

  it('has entries for every AIO101–AIO109 rule', () => {
    const codes = new Set(entries.map(([, info]) => info.code));
    expect([...codes].sort()).toEqual(['AIO101', 'AIO102', 'AIO103', 'AIO104', 'AIO105', 'AIO106', 'AIO107', 'AIO108', 'AIO109']);
  });

  for (const [name, info] of entries) {
    it(`${name} → ${info.code}`, () => {
      const method = splitMethod(name);
      const top = name.split('.')[0] as string;
      let source: string;
      if (name.startsWith('builtins.')) {
        source = `async def f():\n    ${name.slice('builtins.'.length)}()\n`;
      } else if (method) {
        source = `import ${top}\nasync def f(receiver: ${method.type}):\n    receiver.${method.method}()\n`;
      } else {
        source = `import ${top}\nasync def f():\n    ${name}()\n`;
      }
      expect(codesFor(source), source).toEqual([info.code]);
      // never in sync code
      expect(codesFor(source.replace('async def', 'def'))).toEqual([]);
    });
  }

  for (const [type, info] of BLOCKING_TYPES) {
    it(`${type}.<method> → ${info.code}`, () => {
      const top = type.split('.')[0] as string;
      const source = `import ${top}\nasync def f(receiver: ${type}):\n    receiver.some_method()\n`;
      expect(codesFor(source), source).toEqual([info.code]);
      for (const safe of info.except) {
        expect(codesFor(source.replace('some_method', safe)), `${type}.${safe}`).toEqual([]);
      }
    });
  }

  it('factory return types and aliases name types the model can use', () => {
    for (const [factory, type] of [...RETURN_TYPES, ...TYPE_ALIASES]) {
      expect(factory).toMatch(/^[\w.]+$/);
      expect(type).toMatch(/^[\w.]+$/);
    }
  });

  it('compiles configured patterns: `*` within one component, whole names only', () => {
    expect(compilePattern('*.postwild').test('bar.postwild')).toBe(true);
    expect(compilePattern('*.postwild').test('a.b.postwild')).toBe(false);
    expect(compilePattern('*session.get').test('session.get')).toBe(true);
    expect(compilePattern('*session.get').test('my_session.get')).toBe(true);
    expect(compilePattern('bee').test('bee.bonnet')).toBe(false);
    expect(compilePattern('a.b+c').test('a.bbc')).toBe(false);
  });
});
