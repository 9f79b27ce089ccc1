import { describe, expect, it } from 'vitest';
import { createProject } from '../../src/engine/index';
import { nodesOfTypeWithin } from '../../rules/support/nodes-in-range';

const SOURCE = [
  'import functools',
  '@functools.lru_cache(maxsize=size(1))',
  'def helper(x=default()):',
  '    return inner(lambda: late())',
  'class Client(base()):',
  '    @decorate(2)',
  '    async def fetch(self, y=[z() for z in zs()]):',
  '        await one()',
  '        two()',
  'three()',
  '',
].join('\n');

function modelOf(source: string) {
  const project = createProject({});
  project.setFile('m.py', source);
  const model = project.workspace.modelOf('m.py');
  if (!model) throw new Error('no model');
  return model;
}

describe('nodesOfTypeWithin', () => {
  it('relies on the Call index being in source order, decorators, defaults and bases included', () => {
    const calls = modelOf(SOURCE).nodesOfType('Call');
    const starts = calls.map((call) => call.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(calls.length).toBe(12);
  });

  it('returns exactly the calls a full scan finds inside the range', () => {
    const model = modelOf(SOURCE);
    const all = model.nodesOfType('Call');
    const bounds = [0, 5, SOURCE.indexOf('def helper'), SOURCE.indexOf('class'), SOURCE.indexOf('await one'), SOURCE.indexOf('two'), SOURCE.length];
    for (const start of bounds) {
      for (const end of bounds) {
        const scanned = all.filter((call) => call.start >= start && call.end <= end);
        expect(nodesOfTypeWithin(model, 'Call', start, end)).toEqual(scanned);
      }
    }
  });
});
