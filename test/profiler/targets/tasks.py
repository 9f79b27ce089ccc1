"""A known number of tasks: 1 main + 10 that finish + 3 cancelled + 2 that fail (16 pending at once)."""
import asyncio
import sys


async def work(i):
    await asyncio.sleep(0.01 * (i % 3))
    return i


async def forever():
    await asyncio.sleep(3600)


async def boom(i):
    await asyncio.sleep(0)
    raise ValueError("boom %d" % i)


async def main():
    workers = [asyncio.ensure_future(work(i)) for i in range(10)]
    sleepers = [asyncio.ensure_future(forever()) for _ in range(3)]
    failing = [asyncio.ensure_future(boom(i)) for i in range(2)]
    await asyncio.gather(*workers)
    results = await asyncio.gather(*failing, return_exceptions=True)
    for task in sleepers:
        task.cancel()
    await asyncio.gather(*sleepers, return_exceptions=True)
    print("tasks done", len(results))


if __name__ == "__main__":
    if sys.argv[1:] == ["uvloop"]:
        import uvloop

        uvloop.install()
    asyncio.run(main())
