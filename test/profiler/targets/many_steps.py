"""Benchmark workload: many tasks, each awaiting asyncio.sleep(0) many times (short loop steps).
Prints the wall and process CPU time of the asyncio.run() call as JSON on stdout."""
import asyncio
import json
import sys
import time

TASKS = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
STEPS = int(sys.argv[2]) if len(sys.argv) > 2 else 100


async def worker():
    for _ in range(STEPS):
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(*[worker() for _ in range(TASKS)])


if __name__ == "__main__":
    started, cpu = time.perf_counter(), time.process_time()
    asyncio.run(main())
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({"wallS": wall, "cpuS": cpu, "tasks": TASKS, "steps": STEPS}))
