/** Exact output of the fix helpers on the shapes that are easy to get wrong. */
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/engine/apply-fixes';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/engine/config';
import type { Finding } from '../../src/engine/findings';
import { createProject } from '../../src/engine/lint-project';

function findings(source: string, overrides: Partial<ResolvedConfig> = {}): Finding[] {
  const project = createProject({});
  project.setFile('m.py', source);
  return project.lint('m.py', { ...DEFAULT_CONFIG, select: ['AIO1'], targetVersion: '3.9', ...overrides }).findings;
}

function fixed(source: string, overrides: Partial<ResolvedConfig> = {}): string {
  return applyFixes(source, findings(source, overrides), { unsafe: true }).text;
}

describe('fixes', () => {
  it('places `import asyncio` after the docstring and __future__ imports', () => {
    expect(fixed('"""Doc."""\nfrom __future__ import annotations\nimport time\nasync def f():\n    time.sleep(1)\n')).toBe(
      '"""Doc."""\nfrom __future__ import annotations\nimport asyncio\nimport time\nasync def f():\n    await asyncio.sleep(1)\n',
    );
  });

  it('keeps CRLF line endings and a shebang', () => {
    expect(fixed('#!/usr/bin/env python3\r\nimport time\r\nasync def f():\r\n    time.sleep(1)\r\n')).toBe(
      '#!/usr/bin/env python3\r\nimport asyncio\r\nimport time\r\nasync def f():\r\n    await asyncio.sleep(1)\r\n',
    );
  });

  it('uses the alias asyncio is imported under', () => {
    expect(fixed('import asyncio as aio\nimport time\nasync def f():\n    time.sleep(1)\n')).toBe(
      'import asyncio as aio\nimport time\nasync def f():\n    await aio.sleep(1)\n',
    );
  });

  it('parenthesises `await` where the call is a primary', () => {
    expect(fixed('import time\nasync def f():\n    return time.sleep(1).real\n')).toBe(
      'import asyncio\nimport time\nasync def f():\n    return (await asyncio.sleep(1)).real\n',
    );
    expect(fixed('import requests\nasync def f(u):\n    return requests.get(u)[0]\n')).toBe(
      'import asyncio\nimport requests\nasync def f(u):\n    return (await asyncio.to_thread(requests.get, u))[0]\n',
    );
  });

  it('moves method calls with their bound receiver, keeping every argument as written', () => {
    expect(fixed('import asyncio\nimport requests\nasync def f(u, *a, **k):\n    s = requests.Session()\n    s.get(u, *a, timeout=(1, 2), **k)\n')).toBe(
      'import asyncio\nimport requests\nasync def f(u, *a, **k):\n    s = requests.Session()\n    await asyncio.to_thread(s.get, u, *a, timeout=(1, 2), **k)\n',
    );
  });

  it('offers no fix where it would be wrong', () => {
    // `asyncio` means something else here
    const shadowed = findings('import time\nasyncio = None\nasync def f():\n    time.sleep(1)\n');
    expect(shadowed.map((f) => [f.code, f.fix])).toEqual([['AIO101', null]]);
    // await inside a generator expression would make it an async generator
    const genexp = findings('import time\nasync def f(xs):\n    return list(time.sleep(x) for x in xs)\n');
    expect(genexp.map((f) => [f.code, f.fix])).toEqual([['AIO101', null]]);
    // `async with open(...)` is a different bug
    const asyncWith = findings('async def f(p):\n    async with open(p) as fh:\n        pass\n');
    expect(asyncWith.map((f) => [f.code, f.fix])).toEqual([['AIO104', null]]);
  });

  it('does not touch sync code, and never fixes what it does not report', () => {
    const source = 'import time\ndef f():\n    time.sleep(1)\n';
    expect(fixed(source)).toBe(source);
  });
});
