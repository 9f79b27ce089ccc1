"""Two event loops one after the other (as test runners do): both are profiled."""
import asyncio
import time


async def first():
    await asyncio.sleep(0.02)
    time.sleep(0.12)  # BLOCK-FIRST


async def second():
    await asyncio.gather(*[asyncio.sleep(0.01) for _ in range(3)])
    time.sleep(0.12)  # BLOCK-SECOND


if __name__ == "__main__":
    asyncio.run(first())
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(second())
    finally:
        loop.close()
