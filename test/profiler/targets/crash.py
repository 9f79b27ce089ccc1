"""Raises out of the event loop: the traceback goes to stderr and the exit code is 1."""
import asyncio


async def main():
    await asyncio.sleep(0.01)
    raise KeyError("missing")  # CRASH


if __name__ == "__main__":
    asyncio.run(main())
