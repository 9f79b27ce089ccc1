import { describe, expect, it } from 'vitest';
import { moduleNameOf, relativeTo } from '../../src/analysis/module-names';
import type { BlockingClassifier } from '../../src/analysis/types';
import { Workspace } from '../../src/analysis/workspace';

/** Classifies `time.sleep` only, counting how often it is asked. */
function sleepClassifier(): BlockingClassifier & { calls: number } {
  return {
    calls: 0,
    classify(_model, call) {
      this.calls++;
      return call.qualifiedName === 'time.sleep' ? { code: 'AIO101', callee: 'time.sleep' } : null;
    },
  };
}

describe('module names', () => {
  it('handles package, src and namespace layouts', () => {
    expect(moduleNameOf('pkg/mod.py')).toEqual({ name: 'pkg.mod', isPackage: false });
    expect(moduleNameOf('pkg/__init__.py')).toEqual({ name: 'pkg', isPackage: true });
    expect(moduleNameOf('src/pkg/mod.py')).toEqual({ name: 'pkg.mod', isPackage: false });
    expect(moduleNameOf('ns/sub/mod.pyi')).toEqual({ name: 'ns.sub.mod', isPackage: false });
    expect(moduleNameOf('script.py')).toEqual({ name: 'script', isPackage: false });
    expect(relativeTo('C:\\work\\proj', 'C:\\work\\proj\\pkg\\a.py')).toBe('pkg/a.py');
    expect(relativeTo('/abs/root', '/abs/root/pkg/a.py')).toBe('pkg/a.py');
  });
});

describe('workspace index', () => {
  function workspace(): Workspace {
    const ws = new Workspace('/project');
    ws.setFile('/project/src/lib/__init__.py', 'from .impl import helper, Base\n');
    ws.setFile(
      '/project/src/lib/impl.py',
      'import time\ndef helper():\n    deeper()\ndef deeper():\n    time.sleep(1)\nclass Base:\n    def run(self):\n        time.sleep(1)\n',
    );
    ws.setFile(
      '/project/app/main.py',
      'from lib import helper, Base\nclass Child(Base):\n    pass\nasync def a(): pass\nasync def ag():\n    yield 1\ndef g():\n    yield 1\ndef s(): pass\n',
    );
    return ws;
  }

  it('indexes functions and classes with their kind, following re-exports and inheritance', () => {
    const ws = workspace();
    const main = ws.module('app.main');
    expect(main?.functions.get('app.main.a')?.kind).toBe('async');
    expect(main?.functions.get('app.main.ag')?.kind).toBe('async-generator');
    expect(main?.functions.get('app.main.g')?.kind).toBe('generator');
    expect(main?.functions.get('app.main.s')?.kind).toBe('sync');
    expect(ws.resolveFunction('lib.helper')?.qualifiedName).toBe('lib.impl.helper');
    expect(ws.findMethod('app.main.Child', 'run')?.qualifiedName).toBe('lib.impl.Base.run');
    expect(ws.resolveClass('app.main.Child')?.bases).toEqual(['lib.Base']);
  });

  it('finds blocking chains across files, memoised, and none for functions that block nothing', () => {
    const ws = workspace();
    const classifier = sleepClassifier();
    const helper = ws.resolveFunction('lib.helper');
    expect(helper).not.toBeNull();
    if (!helper) return;
    const chain = ws.blockingChain(helper, classifier, 8);
    expect(chain?.map((step) => step.callee)).toEqual(['lib.impl.deeper', 'time.sleep']);
    const asked = classifier.calls;
    expect(ws.blockingChain(helper, classifier, 8)).toBe(chain);
    expect(classifier.calls).toBe(asked);
    const s = ws.resolveFunction('app.main.s');
    expect(s && ws.blockingChain(s, classifier, 8)).toBeNull();
    expect(ws.blockingChain(helper, classifier, 1)).toBeNull();
  });

  it('is cycle-safe and does not cache a negative answer reached by cutting a cycle', () => {
    const ws = new Workspace();
    ws.setFile('m.py', 'import time\ndef a(n):\n    b(n)\n    c()\ndef b(n):\n    a(n)\ndef c():\n    time.sleep(1)\n');
    const classifier = sleepClassifier();
    const a = ws.resolveFunction('m.a');
    const b = ws.resolveFunction('m.b');
    if (!a || !b) throw new Error('missing');
    expect(ws.blockingChain(a, classifier, 8)?.map((s) => s.callee)).toEqual(['m.c', 'time.sleep']);
    expect(ws.blockingChain(b, classifier, 8)?.map((s) => s.callee)).toEqual(['m.a', 'm.c', 'time.sleep']);
  });

  it('re-parses only the changed file and invalidates chains', () => {
    const ws = workspace();
    const classifier = sleepClassifier();
    const helper = ws.resolveFunction('lib.helper');
    if (!helper) throw new Error('missing');
    expect(ws.blockingChain(helper, classifier, 8)).not.toBeNull();
    const mainParse = ws.parseOf('/project/app/main.py');
    ws.setFile('/project/src/lib/impl.py', 'def helper():\n    deeper()\ndef deeper():\n    return 1\n');
    expect(ws.parseOf('/project/app/main.py')).toBe(mainParse);
    const updated = ws.resolveFunction('lib.helper');
    if (!updated) throw new Error('missing');
    expect(ws.blockingChain(updated, classifier, 8)).toBeNull();
    // setting the same text again changes nothing
    const version = ws.version;
    ws.setFile('/project/app/main.py', ws.parseOf('/project/app/main.py')?.source ?? '');
    expect(ws.version).toBe(version);
  });

  it('lists dependents transitively and forgets removed files', () => {
    const ws = new Workspace();
    ws.setFile('a.py', 'def f(): pass\n');
    ws.setFile('b.py', 'from a import f\n');
    ws.setFile('c.py', 'import b\n');
    ws.setFile('d.py', 'import os\n');
    expect(ws.dependentsOf('a.py')).toEqual(['b.py', 'c.py']);
    ws.removeFile('b.py');
    expect(ws.dependentsOf('a.py')).toEqual([]);
    expect(ws.hasFile('b.py')).toBe(false);
  });

  it('resolves modules by suffix when the root is above the package', () => {
    const ws = new Workspace();
    ws.setFile('checkout/proj/pkg/__init__.py', '');
    ws.setFile('checkout/proj/pkg/util.py', 'def f(): pass\n');
    expect(ws.resolveFunction('pkg.util.f')?.qualifiedName).toBe('checkout.proj.pkg.util.f');
  });
});

describe('cross-file answers stay current', () => {
  it('types module globals of other modules, and follows their changes', () => {
    const ws = new Workspace();
    ws.setFile('db.py', 'import queue\npool = queue.Queue()\n');
    ws.setFile('app.py', 'from db import pool\nimport db\nasync def f():\n    pool.get()\n    db.pool.put(1)\n');
    const model = ws.modelOf('app.py');
    if (!model) throw new Error('missing');
    const calls = model.nodesOfType('Call');
    expect(calls.map((c) => model.resolveCall(c).qualifiedName)).toEqual(['queue.Queue.get', 'queue.Queue.put']);
    ws.setFile('db.py', 'pool = None\n');
    expect(calls.map((c) => model.resolveCall(c).qualifiedName)).toEqual(['db.pool.get', 'db.pool.put']);
  });

  it('drops summaries when a callee in another file changes', () => {
    const ws = new Workspace();
    ws.setFile('util.py', 'import time\ndef helper():\n    time.sleep(1)\n');
    ws.setFile('mid.py', 'from util import helper\ndef run():\n    helper()\n');
    const classifier = sleepClassifier();
    const run = ws.resolveFunction('mid.run');
    if (!run) throw new Error('missing');
    expect(ws.blockingChain(run, classifier, 8)).not.toBeNull();
    ws.setFile('util.py', 'import asyncio\nasync def helper():\n    await asyncio.sleep(1)\n');
    const again = ws.resolveFunction('mid.run');
    if (!again) throw new Error('missing');
    expect(ws.blockingChain(again, classifier, 8)).toBeNull();
  });
});
