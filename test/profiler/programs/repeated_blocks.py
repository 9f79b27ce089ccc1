"""Blocks repeated at the same line: each must be reported once per occurrence.

Phase 1: a blocking sleep, three times, with a short await between (one step each).
Phase 2: a CPU-bound call and then a blocking sleep in the same step (``await upload()`` runs the
callee without yielding), three times: two blocks per step, one after the other.
"""
import asyncio
import time


async def upload():
    time.sleep(0.15)  # AFTER-CPU


async def handle():
    end = time.perf_counter() + 0.2
    while time.perf_counter() < end: pass  # CPU
    await upload()


async def main():
    for _ in range(3):
        time.sleep(0.15)  # SLEEP-REPEAT
        await asyncio.sleep(0.05)
    for _ in range(3):
        await handle()
        await asyncio.sleep(0.05)
    print("repeated done")


asyncio.run(main())
