# rule: AIO302
# Tasks are dropped; the original polls until every item is done.
import asyncio
import json

running = 0
peak = 0
done = []


async def work(i):
    global running, peak
    running += 1
    peak = max(peak, running)
    await asyncio.sleep(0.005 * (i % 3 + 1))
    running -= 1
    done.append(i * 2)


async def main(items):
    for i in items:
        asyncio.create_task(work(i))
    while len(done) < len(items):
        await asyncio.sleep(0.005)
    print(json.dumps({"peak": peak, "results": done}))


asyncio.run(main(list(range(30))))
