# async def, await, async for / with, async comprehensions and generators.
import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


async def main():
    result = await fetch(1)
    both = await asyncio.gather(fetch(1), fetch(2))
    chained = await (await fetch(fetch))(3)
    power = await fetch(2) ** 2
    neg = -await fetch(1)
    attr = (await fetch("x")).upper()
    async with asyncio.Lock() as lock, asyncio.Lock():
        pass
    async with (
        asyncio.Lock() as a,
        asyncio.Lock() as b,
    ):
        pass
    async for item in agen():
        print(item)
    else:
        pass
    lst = [x async for x in agen()]
    st = {x async for x in agen() if await fetch(x)}
    dct = {x: await fetch(x) async for x in agen()}
    gen = (x async for x in agen())
    mixed = [y for x in [1] async for y in agen() if y]
    awaited = [await fetch(x) for x in range(3)]
    nested = [[z async for z in agen()] for _ in range(2)]
    return result, both, chained, power, neg, attr, lst, st, dct, gen, mixed, awaited, nested


async def agen():
    yield 1
    x = yield
    yield await fetch(2)


async def with_return():
    async with ctx() as (a, b), ctx() as [c, d], ctx() as e.f, ctx() as g[0]:
        return


class AsyncThing:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    async def __aiter__(self):
        yield self


def ctx():
    return AsyncThing()


async def lambda_returning_coroutine():
    f = lambda: fetch(1)
    return await f()
