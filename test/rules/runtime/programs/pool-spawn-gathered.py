# rule: AIO302
# Tasks are appended to a list that is gathered for its side effects only.
import asyncio
import json

running = 0
peak = 0
done = []


async def work(i, scale):
    global running, peak
    running += 1
    peak = max(peak, running)
    await asyncio.sleep(0.001 * scale * (i % 4 + 1))
    running -= 1
    done.append(i * 2)


async def main(items):
    tasks = []
    for i, scale in items:
        tasks.append(asyncio.ensure_future(work(i, scale)))
    await asyncio.gather(*tasks)
    print(json.dumps({"peak": peak, "results": done}))


asyncio.run(main([(i, 3) for i in range(30)]))
