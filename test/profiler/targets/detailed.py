"""Detailed mode (sys.monitoring, 3.12+): step durations per task, eager tasks timed on their own."""
import asyncio
import atexit
import sys
import time


def spin(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


async def eager_child():
    spin(0.3)  # its first step runs inside the parent's create_task (eagerly)
    await asyncio.sleep(0)
    return 1


async def parent():
    spin(0.02)
    child = asyncio.get_running_loop().create_task(eager_child())
    await asyncio.sleep(0)
    return await child


async def many():
    for _ in range(5):
        await asyncio.sleep(0)


async def main():
    if hasattr(asyncio, "eager_task_factory"):
        asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    await asyncio.gather(parent(), many())


@atexit.register
def tool_id_freed():
    monitoring = getattr(sys, "monitoring", None)
    print("tool ids in use after exit:", [] if monitoring is None else [i for i in range(6) if monitoring.get_tool(i)])


async def by_hand():
    return 5


def drive_by_hand():
    """A coroutine run without a loop (after asyncio.run): no task step, and no error from the probe."""
    coro = by_hand()
    try:
        coro.send(None)
    except StopIteration as stop:
        print("driven by hand:", stop.value)


if __name__ == "__main__":
    asyncio.run(main())
    drive_by_hand()
