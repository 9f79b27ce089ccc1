/**
 * The coroutine knowledge base (rules/knowledge/coroutines.ts): its data is consistent,
 * and each library family is recognised end to end — a receiver obtained the way the
 * library hands it out, then a coroutine method dropped on the floor (AIO201), a
 * context manager used with the wrong `with` (AIO206), an iterable with the wrong `for`
 * (AIO207). Plus the user's `coroutine-functions` extension.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/engine/config';
import { createProject } from '../../src/engine/index';
import { LIBRARY_CLASSES, LIBRARY_FUNCTIONS, libraryFunction, libraryMethod } from '../../rules/knowledge/coroutines';

function codesFor(source: string, overrides: Partial<ResolvedConfig> = {}): string[] {
  const project = createProject();
  project.setFile('snippet.py', source);
  const config: ResolvedConfig = { ...DEFAULT_CONFIG, select: ['AIO2'], ...overrides };
  const result = project.lint('snippet.py', config);
  return result.findings.map((f) => {
    const line = source.slice(0, f.start).split('\n').length;
    return `${line}:${f.code}`;
  });
}

describe('coroutine knowledge base: data', () => {
  it('every type it names is described', () => {
    const named = new Set<string>();
    const collect = (type: string | readonly string[] | true | undefined): void => {
      if (typeof type === 'string') named.add(type);
      else if (Array.isArray(type)) for (const t of type as readonly string[]) named.add(t);
    };
    for (const info of Object.values(LIBRARY_FUNCTIONS)) {
      collect(info.returns);
      collect(info.awaitReturns);
      collect(info.asyncContext);
    }
    for (const cls of Object.values(LIBRARY_CLASSES)) {
      collect(cls.asyncContext);
      for (const t of Object.values(cls.attributes ?? {})) collect(t);
      for (const info of Object.values(cls.methods ?? {})) {
        collect(info.returns);
        collect(info.awaitReturns);
        collect(info.asyncContext);
      }
    }
    const missing = [...named].filter((t) => !(t in LIBRARY_CLASSES) && t !== 'concurrent.futures.Future' && t !== 'asyncio.Future' && t !== 'asyncio.Task');
    expect(missing).toEqual([]);
  });

  it('a name is never both a coroutine and synchronous', () => {
    const contradictory = Object.entries(LIBRARY_FUNCTIONS).filter(([, info]) => info.sync === true && info.awaitable !== undefined);
    expect(contradictory.map(([name]) => name)).toEqual([]);
  });

  it('configured coroutine functions extend functions and methods', () => {
    expect(libraryFunction('mylib.fetch', ['mylib.fetch'])?.awaitable).toBe('coroutine');
    expect(libraryFunction('mylib.other', ['mylib.fetch'])).toBeUndefined();
    expect(libraryMethod('mylib.Client', 'get', ['mylib.Client.get'])?.awaitable).toBe('coroutine');
    expect(libraryMethod('asyncio.StreamWriter', 'drain')?.awaitable).toBe('coroutine');
    expect(libraryMethod('asyncio.StreamWriter', 'write')?.awaitable).toBeUndefined();
  });
});

/** One snippet per family: the marked lines must be exactly the findings. */
const FAMILIES: Record<string, string> = {
  'asyncio streams': `
import asyncio
async def main():
    reader, writer = await asyncio.open_connection("h", 1)
    writer.write(b"x")
    writer.drain()  # AIO201
    reader.readline()  # AIO201
    for line in reader:  # AIO207
        pass
`,
  'asyncio queues, locks, events, subprocess, sleep': `
import asyncio
async def main(q: asyncio.Queue):
    q.get()  # AIO201
    q.put_nowait(1)
    lock = asyncio.Lock()
    with lock:  # AIO206
        pass
    event = asyncio.Event()
    event.wait()  # AIO201
    proc = await asyncio.create_subprocess_exec("ls")
    proc.wait()  # AIO201
    proc.stdout.read()  # AIO201
    asyncio.sleep(1)  # AIO201
    asyncio.wait_for(event.wait(), 1)  # AIO201
    with asyncio.timeout(1):  # AIO206
        pass
`,
  aiohttp: `
import aiohttp
async def main():
    async with aiohttp.ClientSession() as session:
        session.get("u")  # AIO201
        async with session.get("u") as response:
            response.json()  # AIO201
            for chunk in response.content:  # AIO207
                pass
    with aiohttp.ClientSession() as s:  # AIO206
        pass
`,
  asyncpg: `
import asyncpg
async def main():
    conn = await asyncpg.connect("dsn")
    conn.execute("select 1")  # AIO201
    pool = await asyncpg.create_pool("dsn")
    async with pool.acquire() as c:
        c.fetch("select 1")  # AIO201
    with conn.transaction():  # AIO206
        pass
`,
  aiofiles: `
import aiofiles
async def main():
    async with aiofiles.open("f") as f:
        f.write("x")  # AIO201
        for line in f:  # AIO207
            pass
    with aiofiles.open("f") as g:  # AIO206
        pass
`,
  'httpx.AsyncClient': `
import httpx
async def main():
    async with httpx.AsyncClient() as client:
        client.get("u")  # AIO201
        response = await client.get("u")
        response.aread()  # AIO201
        response.json()
`,
  'redis.asyncio': `
import redis.asyncio as redis
async def main():
    r = redis.Redis()
    r.set("k", "v")  # AIO201
    r.get("k")  # AIO201
`,
  motor: `
from motor.motor_asyncio import AsyncIOMotorCollection
async def main(collection: AsyncIOMotorCollection):
    collection.insert_one({})  # AIO201
    for doc in collection.find({}):  # AIO207
        pass
`,
  aiosqlite: `
import aiosqlite
async def main():
    async with aiosqlite.connect("db") as db:
        db.commit()  # AIO201
        async with db.execute("select 1") as cursor:
            cursor.fetchall()  # AIO201
`,
  websockets: `
import websockets
async def main():
    async with websockets.connect("ws://x") as ws:
        ws.send("hi")  # AIO201
        ws.recv()  # AIO201
        for message in ws:  # AIO207
            pass
`,
  anyio: `
import anyio
async def main():
    anyio.sleep(1)  # AIO201
    with anyio.create_task_group() as tg:  # AIO206
        pass
    lock = anyio.Lock()
    lock.acquire()  # AIO201
`,
  'coroutine-functions setting': `
import mylib
async def main():
    mylib.fetch()  # AIO201
    mylib.other()
`,
};

describe('coroutine knowledge base: every family end to end', () => {
  for (const [family, source] of Object.entries(FAMILIES)) {
    it(family, () => {
      const expected: string[] = [];
      source.split('\n').forEach((line, i) => {
        const match = /# (AIO\d+)$/.exec(line);
        if (match?.[1]) expected.push(`${i + 1}:${match[1]}`);
      });
      expect(expected.length).toBeGreaterThan(0);
      expect(codesFor(source, { coroutineFunctions: ['mylib.fetch'] }).sort()).toEqual(expected.sort());
    });
  }
});
