# rule: AIO302
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


async def main(items):
    tasks = []
    for i in items:
        tasks.append(asyncio.create_task(work(i)))
    results = [await t for t in tasks]
    print(json.dumps({"peak": peak, "results": results}))


asyncio.run(main(list(range(30))))
