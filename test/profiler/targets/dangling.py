"""A task dropped while pending (nothing refers to it or to the future it waits for): the garbage
collector destroys it and asyncio says so. The probe holds young tasks for a while (see the probe's
endings.py) but must let this one go well within a second."""
import asyncio
import gc


async def wait_forever():
    await asyncio.get_running_loop().create_future()


async def main():
    asyncio.ensure_future(wait_forever())  # DANGLING
    await asyncio.sleep(1.0)
    gc.collect()
    await asyncio.sleep(0.05)
    print("collected")


if __name__ == "__main__":
    asyncio.run(main())
