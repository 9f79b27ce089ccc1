# rule: AIO207
# expect: [0, 1, 2] [10, 20]
import asyncio


async def ticks(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def main():
    seen = []
    for tick in ticks(3):
        seen.append(tick)
    other = []
    async for item in [10, 20]:
        other.append(item)
    print(seen, other)


asyncio.run(main())
