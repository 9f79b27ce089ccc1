# rule: AIO302
# One item fails: after the fix every item still runs, then the first error is raised
# (at the end of the loop rather than at the gather, so the try covers both).
import asyncio
import json

running = 0
peak = 0
done = []


async def work(i):
    global running, peak
    running += 1
    peak = max(peak, running)
    try:
        await asyncio.sleep(0.002 * (i % 3 + 1))
        if i == 7:
            raise ValueError("item 7")
        done.append(i * 2)
    finally:
        running -= 1


async def main(items):
    tasks = []
    try:
        for i in items:
            tasks.append(asyncio.create_task(work(i)))
        await asyncio.gather(*tasks)
    except ValueError as error:
        await asyncio.sleep(0.1)  # the original's other tasks finish in the background
        print(json.dumps({"peak": peak, "results": done, "error": str(error)}))


asyncio.run(main(list(range(30))))
