# rule: AIO402
# python-flags: -W error::DeprecationWarning
# expect: result: 6
import asyncio


async def compute(n):
    await asyncio.sleep(0)
    return n * 2


loop = asyncio.get_event_loop()
result = loop.run_until_complete(compute(3))
loop.close()
print("result:", result)
