# rule: AIO210
# expect: held while running
# expect: [3] released: True
import asyncio

done = []


async def record(x):
    await asyncio.sleep(0)
    holders = globals().get("background_tasks")
    print("held while running" if holders and asyncio.current_task() in holders else "not held")
    done.append(x)


async def main():
    asyncio.create_task(record(3))
    await asyncio.sleep(0.05)
    holders = globals().get("background_tasks")
    print(done, "released:", holders is not None and len(holders) == 0)


asyncio.run(main())
