import { describe, expect, it } from 'vitest';
import { buildModel, type Model } from '../../src/analysis/model';
import { forEachChild, pushChildrenReversed } from '../../src/analysis/children';
import type { AnyExpr, AnyNode, Call } from '../../src/python/ast';
import { parse } from '../../src/python/index';
import { parentMap, walk } from '../../src/python/walk';

function model(source: string, moduleName = 'pkg.mod', isPackage = false): Model {
  return buildModel(parse(source), { moduleName, isPackage });
}

/** The call whose source text is exactly `text` (the first one). */
function call(m: Model, text: string): Call {
  const found = m.nodesOfType('Call').find((c) => m.textOf(c) === text);
  if (!found) throw new Error(`no call ${text}`);
  return found;
}

function qn(m: Model, text: string): string | null {
  return m.resolveCall(call(m, text)).qualifiedName;
}

describe('qualified names', () => {
  it('follows import aliases and from-imports', () => {
    const m = model(`
import time as t
import os.path
import urllib.request as ur
from time import sleep as nap
from requests import get
async def f():
    t.sleep(1)
    nap(2)
    get(3)
    os.path.exists(4)
    ur.urlopen(5)
`);
    expect(qn(m, 't.sleep(1)')).toBe('time.sleep');
    expect(qn(m, 'nap(2)')).toBe('time.sleep');
    expect(qn(m, 'get(3)')).toBe('requests.get');
    expect(qn(m, 'os.path.exists(4)')).toBe('os.path.exists');
    expect(qn(m, 'ur.urlopen(5)')).toBe('urllib.request.urlopen');
  });

  it('resolves relative imports in modules and packages', () => {
    const inModule = model('from . import a\nfrom ..b import c\nfrom .d.e import f\na(); c(); f()', 'pkg.sub.mod');
    expect(qn(inModule, 'a()')).toBe('pkg.sub.a');
    expect(qn(inModule, 'c()')).toBe('pkg.b.c');
    expect(qn(inModule, 'f()')).toBe('pkg.sub.d.e.f');
    const inPackage = model('from . import a\nfrom .x import y\na(); y()', 'pkg.sub', true);
    expect(qn(inPackage, 'a()')).toBe('pkg.sub.a');
    expect(qn(inPackage, 'y()')).toBe('pkg.sub.x.y');
  });

  it('lets local bindings shadow modules and imports', () => {
    const m = model(`
import time
from time import sleep
class Clock:
    def sleep(self, s): pass
async def f(sleep):
    time = Clock()
    time.sleep(1)
    sleep(2)
async def g():
    time.sleep(3)
`);
    expect(qn(m, 'time.sleep(1)')).toBe('pkg.mod.Clock.sleep');
    expect(qn(m, 'sleep(2)')).toBeNull();
    expect(qn(m, 'time.sleep(3)')).toBe('time.sleep');
  });

  it('treats unbound well-known module names as the module, builtins as builtins, others as unknown', () => {
    const m = model('subprocess.run(1)\nopen(2)\nmystery.call(3)\nfrom x import *\n');
    expect(qn(m, 'subprocess.run(1)')).toBe('subprocess.run');
    expect(qn(m, 'open(2)')).toBe('builtins.open');
    expect(qn(m, 'mystery.call(3)')).toBeNull();
    expect(m.moduleScope.hasStarImport).toBe(true);
  });

  it('uses the nearest preceding binding', () => {
    const m = model(`
import time
def f():
    time.sleep(1)
time = None
def g():
    time.sleep(2)
`);
    // g is defined after the rebinding, f before it (flake8-async's reading)
    expect(qn(m, 'time.sleep(1)')).toBe('time.sleep');
    expect(qn(m, 'time.sleep(2)')).toBeNull();
  });

  it('follows simple aliases by assignment, and names local defs by qualname', () => {
    const m = model(`
import time
sleep = time.sleep
def outer():
    def inner(): pass
    inner()
class C:
    def m(self):
        self.m()
sleep(1)
`);
    expect(qn(m, 'sleep(1)')).toBe('time.sleep');
    expect(qn(m, 'inner()')).toBe('pkg.mod.outer.<locals>.inner');
    expect(qn(m, 'self.m()')).toBe('pkg.mod.C.m');
  });

  it('skips class scopes for nested functions and handles comprehension and global scopes', () => {
    const m = model(`
import time
class C:
    time = 1
    def f(self):
        time.sleep(1)
    xs = [time for _ in range(3)]
def g():
    global time
    time.sleep(2)
`);
    expect(qn(m, 'time.sleep(1)')).toBe('time.sleep');
    expect(qn(m, 'time.sleep(2)')).toBe('time.sleep');
    const comprehension = m.scopes.find((s) => s.kind === 'comprehension');
    expect(comprehension?.parent?.kind).toBe('class');
  });
});

describe('async context', () => {
  it('is the body of async def, minus nested def, lambda and class bodies', () => {
    const m = model(`
async def f(x=g0()):
    g1()
    def inner():
        g2()
    lambda: g3()
    class K:
        g4()
    [g5() for _ in x]
    async def nested():
        g6()
def s():
    g7()
`);
    const asyncCalls = ['g0()', 'g1()', 'g2()', 'g3()', 'g4()', 'g5()', 'g6()', 'g7()'].filter((text) => m.isAsyncContext(call(m, text)));
    expect(asyncCalls).toEqual(['g1()', 'g5()', 'g6()']);
  });

  it('knows TYPE_CHECKING bodies and awaited calls', () => {
    const m = model(`
from typing import TYPE_CHECKING
import typing
if TYPE_CHECKING:
    a()
else:
    b()
if typing.TYPE_CHECKING:
    c()
async def f():
    await d()
    e(await d2())
`);
    expect(m.isTypeCheckingOnly(call(m, 'a()'))).toBe(true);
    expect(m.isTypeCheckingOnly(call(m, 'b()'))).toBe(false);
    expect(m.isTypeCheckingOnly(call(m, 'c()'))).toBe(true);
    expect(m.isAwaited(call(m, 'd()'))).toBe(true);
    expect(m.isAwaited(call(m, 'e(await d2())'))).toBe(false);
  });
});

describe('receiver types', () => {
  function receiverType(m: Model, text: string): string | null {
    return m.resolveCall(call(m, text)).receiverType;
  }

  it('types locals, module globals, with targets and self attributes', () => {
    const m = model(`
import threading, queue, requests, aiohttp
from threading import Lock
lock = threading.Lock()
class W:
    def __init__(self):
        self._q = queue.Queue()
    def later(self):
        self._ev = threading.Event()
    async def run(self, path):
        self._q.get()
        self._ev.wait()
        lock.acquire()
        s = requests.Session()
        s.get(1)
        with open(path) as f:
            f.read()
        async with aiohttp.ClientSession() as session:
            await session.get(2)
        l2 = Lock()
        l2.acquire()
`);
    expect(receiverType(m, 'self._q.get()')).toBe('queue.Queue');
    expect(receiverType(m, 'self._ev.wait()')).toBe('threading.Event');
    expect(receiverType(m, 'lock.acquire()')).toBe('threading.Lock');
    expect(receiverType(m, 's.get(1)')).toBe('requests.Session');
    expect(receiverType(m, 'f.read()')).toBe('io.TextIOWrapper');
    expect(receiverType(m, 'session.get(2)')).toBe('aiohttp.ClientSession');
    expect(receiverType(m, 'l2.acquire()')).toBe('threading.Lock');
  });

  it('reads annotations: X, X | None, Optional[X], and a declared type wins over later assignments', () => {
    const m = model(`
import io, httpx
from typing import Optional
async def f(a: io.TextIOWrapper, b: httpx.Client | None, c: Optional[httpx.Client], d: None | int):
    a.read()
    b.get(1)
    c.get(2)
    d.bit_length()
    e: io.TextIOWrapper = make()
    e = other()
    e.read()
    g: io.TextIOWrapper = make()
    g: int = 7
    g.read()
`);
    expect(receiverType(m, 'a.read()')).toBe('io.TextIOWrapper');
    expect(receiverType(m, 'b.get(1)')).toBe('httpx.Client');
    expect(receiverType(m, 'c.get(2)')).toBe('httpx.Client');
    expect(receiverType(m, 'd.bit_length()')).toBe('builtins.int');
    expect(receiverType(m, 'e.read()')).toBe('io.TextIOWrapper');
    expect(receiverType(m, 'g.read()')).toBe('builtins.int');
  });

  it('types calls through return annotations of local functions and factory tables', () => {
    const m = model(`
import sqlite3, io
def opener() -> io.BufferedReader: ...
async def f():
    opener().read()
    sqlite3.connect("x").cursor().execute(1)
`);
    expect(receiverType(m, 'opener().read()')).toBe('io.BufferedReader');
    expect(receiverType(m, 'sqlite3.connect("x").cursor().execute(1)')).toBe('sqlite3.Cursor');
  });

  it('survives self-referential assignments', () => {
    const m = model('x = x\nx.y()\na = b\nb = a\na.c()\n');
    const expr: AnyExpr = call(m, 'x.y()').func;
    expect(m.qualifiedName(expr)).toBeNull();
    expect(m.resolveCall(call(m, 'a.c()')).qualifiedName).toBeNull();
  });
});

describe('indexes', () => {
  it('lists nodes by type in source order and knows parents', () => {
    const m = model('f(g(1), h(2))\nk()\n');
    expect(m.nodesOfType('Call').map((c) => m.textOf(c))).toEqual(['f(g(1), h(2))', 'g(1)', 'h(2)', 'k()']);
    const g = call(m, 'g(1)');
    expect(m.parentOf(g)).toBe(call(m, 'f(g(1), h(2))'));
  });

  it('knows the parent of every node, as a plain tree walk finds it', () => {
    const source = `
import os, sys as system
from . import x
@decorate(1)
class C(Base, metaclass=M):
    attr: int = 1
    def method(self, a: int = 2, *args, b=lambda q: q + 1, **kw) -> str:
        data = {k: [v for v in range(k) if v] for k in a if k}
        items = {1: 'a', **other}
        match data:
            case {'k': [1, *rest]} if rest:
                pass
        return f"{self.attr!r:>{width}}"
try:
    pass
except (ValueError, TypeError) as error:
    del error
with open('f') as f, other() as (a, b):
    async def inner[T](x: T) -> T: return await x
`;
    const result = parse(source);
    const m = buildModel(result, { moduleName: 'pkg.mod', isPackage: false });
    const expected = parentMap(result.module);
    let seen = 0;
    walk(result.module, (node) => {
      expect(m.parentOf(node)).toBe(expected.get(node) ?? null);
      seen++;
      return true;
    });
    expect(seen).toBeGreaterThan(100);
    expect(m.parentOf(result.module)).toBeNull();
  });

  it('places each node in the scope Python evaluates it in', () => {
    const source = `
def outer(a=default1, *, b: ann1 = default2) -> ret1:
    lambda_ = lambda c=default3: c_body
    comp = [elt for x in first_iter for y in second_iter if cond]
    class K(base1):
        body_name = 1
        def method(self) -> ret2: pass
`;
    const m = model(source);
    const name = (id: string) => {
      const found = m.nodesOfType('Name').find((n) => n.id === id);
      if (!found) throw new Error(id);
      return found;
    };
    const kindOf = (id: string) => m.scopeOf(name(id)).kind;
    expect(kindOf('default1')).toBe('module');
    expect(kindOf('ann1')).toBe('module');
    expect(kindOf('default2')).toBe('module');
    expect(kindOf('ret1')).toBe('module');
    expect(kindOf('default3')).toBe('function');
    expect(kindOf('c_body')).toBe('lambda');
    expect(kindOf('elt')).toBe('comprehension');
    expect(kindOf('first_iter')).toBe('function');
    expect(kindOf('second_iter')).toBe('comprehension');
    expect(kindOf('cond')).toBe('comprehension');
    expect(kindOf('base1')).toBe('function');
    expect(kindOf('body_name')).toBe('class');
    expect(kindOf('ret2')).toBe('class');
    // a node of another tree is not in the model: the module scope, no parent
    const stranger = parse('y\n').module.body[0] as AnyNode;
    expect(m.scopeOf(stranger)).toBe(m.moduleScope);
    expect(m.parentOf(stranger)).toBeNull();
  });
});

describe('children', () => {
  it('pushChildrenReversed pops children in forEachChild order, nulls skipped', () => {
    const result = parse('def f(a, b=1, *c, d=None, **e) -> int:\n    return {1: x, **y}[a:b] if p else q(*r, k=s)\n');
    walk(result.module, (node) => {
      const expected: AnyNode[] = [];
      forEachChild(node, (child) => expected.push(child));
      const stack: AnyNode[] = [];
      pushChildrenReversed(node, stack);
      expect(stack.reverse()).toEqual(expected);
      return true;
    });
  });
});

describe('memoised attribute types', () => {
  it('answers self attributes the same when asked again, and through a local base class', () => {
    const m = model(`
import queue
class Base:
    def __init__(self):
        self.q = queue.Queue()
class Child(Base):
    def run(self):
        self.q.get()
        self.q.get()
`);
    const calls = m.nodesOfType('Call').filter((c) => m.textOf(c) === 'self.q.get()');
    expect(calls).toHaveLength(2);
    for (const c of calls) expect(m.resolveCall(c).qualifiedName).toBe('queue.Queue.get');
    const child = m.classScope('pkg.mod.Child');
    if (!child) throw new Error('no class');
    expect(m.attributeType(child, 'q', 0)).toBe('queue.Queue');
    expect(m.attributeType(child, 'q', 0)).toBe('queue.Queue');
    expect(m.attributeType(child, 'missing', 0)).toBeNull();
  });

  it('does not keep an answer cut short by a cycle', () => {
    const m = model(`
class A:
    def __init__(self):
        self.x = self.x
        self.y = make()
def make() -> "Thing": ...
class Thing: ...
`);
    const a = m.classScope('pkg.mod.A');
    if (!a) throw new Error('no class');
    expect(m.attributeType(a, 'x', 0)).toBeNull();
    expect(m.attributeType(a, 'y', 0)).toBe('pkg.mod.Thing');
  });
});

describe('robustness', () => {
  it('builds the model of very deeply nested expressions without recursion', () => {
    const n = 50_000;
    const source = `import time\nasync def f():\n    x = ${Array(n).fill('a').join(' + ')}\n    y = ${Array(n).fill('b').join('.')}.c()\n    time.sleep(1)\n`;
    const m = model(source);
    expect(m.nodesOfType('BinOp')).toHaveLength(n - 1);
    expect(qn(m, 'time.sleep(1)')).toBe('time.sleep');
    const deep = m.nodesOfType('Call')[0];
    expect(deep && m.resolveCall(deep).qualifiedName).toBeNull();
  });

  it('sees outer bindings made after a nested def (nonlocal)', () => {
    const m = model(`
import time
def outer():
    def inner():
        nonlocal clock
        clock = time
        clock.sleep(1)
    clock = None
    return inner
`);
    const binding = m.lookup('clock', call(m, 'clock.sleep(1)'));
    expect(binding?.scope.kind).toBe('function');
    expect((binding?.scope.node as { name?: string }).name).toBe('outer');
  });
});

describe('annotations', () => {
  it('reads quoted annotations, generic instances and ClassVar/Final, not containers', () => {
    const m = model(`
import io, queue
from typing import IO, ClassVar, List
import httpx
async def f(a: "httpx.Client", b: "io.TextIOWrapper | None", c: IO[str], d: "Optional[httpx.Client]", e: List[io.TextIOWrapper], g: queue.Queue[int]):
    a.get(1)
    b.read()
    c.read()
    d.get(2)
    e.pop()
    g.get()
class K:
    q: ClassVar[queue.Queue] = queue.Queue()
    async def m(self):
        self.q.get()
`);
    const receiver = (text: string): string | null => m.resolveCall(call(m, text)).receiverType;
    expect(receiver('a.get(1)')).toBe('httpx.Client');
    expect(receiver('b.read()')).toBe('io.TextIOWrapper');
    expect(receiver('c.read()')).toBe('typing.IO');
    expect(receiver('d.get(2)')).toBe('httpx.Client');
    expect(receiver('e.pop()')).toBeNull();
    expect(receiver('g.get()')).toBe('queue.Queue');
    expect(receiver('self.q.get()')).toBe('queue.Queue');
  });
});
