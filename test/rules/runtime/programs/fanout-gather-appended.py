# rule: AIO301
# fan-out: ordered
import asyncio
import json

running = 0
peak = 0


async def work(i):
    global running, peak
    running += 1
    peak = max(peak, running)
    await asyncio.sleep(0.005 * (i % 3 + 1))
    running -= 1
    return i * 2


class Crawler:
    async def crawl(self, items):
        coros = []
        for i in items:
            coros.append(work(i))
        return await asyncio.gather(*coros, return_exceptions=False)


async def main():
    results = await Crawler().crawl(list(range(30)))
    print(json.dumps({"peak": peak, "results": results}))


asyncio.run(main())
