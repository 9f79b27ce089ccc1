"""An event loop that mostly waits (the watchdog should mostly sleep too)."""
import asyncio


async def main():
    await asyncio.sleep(2)


if __name__ == "__main__":
    asyncio.run(main())
