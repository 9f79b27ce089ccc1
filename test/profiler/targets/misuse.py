"""A coroutine that is never awaited and a task whose exception is never retrieved."""
import asyncio
import gc
import sys


async def fetch():
    await asyncio.sleep(0)


async def explode():
    raise RuntimeError("never retrieved")


async def main():
    fetch()  # UNAWAITED
    asyncio.ensure_future(explode())  # UNRETRIEVED
    await asyncio.sleep(0.05)
    gc.collect()
    await asyncio.sleep(0.05)
    print("misuse done")


if __name__ == "__main__":
    if sys.argv[1:] == ["uvloop"]:
        import uvloop

        uvloop.install()
    asyncio.run(main())
