# rule: AIO401
# original: same
# expect: True 42
import asyncio
from asyncio import get_event_loop


async def main():
    loop = asyncio.get_event_loop()
    other = get_event_loop()
    future = loop.create_future()
    loop.call_soon(future.set_result, 42)
    print(loop is other, await future)


asyncio.run(main())
