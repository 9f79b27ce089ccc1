# rule: AIO303
# fan-out: unordered
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


async def main(items):
    results = []
    for next_done in asyncio.as_completed([work(i) for i in items]):
        results.append(await next_done)
    print(json.dumps({"peak": peak, "results": results}))


asyncio.run(main(list(range(30))))
