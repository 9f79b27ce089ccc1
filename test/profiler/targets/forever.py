"""Runs until it is stopped; blocks briefly now and then so live updates have content."""
import asyncio
import time


async def main():
    print("started", flush=True)
    while True:
        await asyncio.sleep(0.05)
        time.sleep(0.08)  # BLOCK-FOREVER


if __name__ == "__main__":
    asyncio.run(main())
