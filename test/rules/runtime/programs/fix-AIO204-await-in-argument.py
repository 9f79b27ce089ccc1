# rule: AIO204
# expect: count: 3
# expect: 3
import asyncio
import json


async def fetch_count():
    await asyncio.sleep(0)
    return 3


async def main():
    print(f"count: {fetch_count()}")
    print(json.dumps(fetch_count()))


asyncio.run(main())
