# rule: AIO301
# fan-out: ordered
from asyncio import gather, run, sleep
import json

running = 0
peak = 0


async def work(i):
    global running, peak
    running += 1
    peak = max(peak, running)
    await sleep(0.005 * (i % 3 + 1))
    running -= 1
    return i * 2


async def main(items):
    results = await gather(*map(work, items))
    print(json.dumps({"peak": peak, "results": results}))


run(main(list(range(30))))
