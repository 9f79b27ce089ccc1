"""Task counts that come out right only if the tasks that ended are no longer counted as pending when
the next ones are created: two waves, a pool kept at its limit (3,000 jobs, 300 at a time, ending at
staggered times) beside a task that lives past the probe's young-task window, a pool of 100 where
one job ends per loop iteration, 800 tasks that pile up one per loop iteration, and a task left
pending while its loop stops and then finished by a second run of the same loop. Prints the counts
the profile must show.

tasks: 1 starter + 1 background + 1 main + 2 waves of 10 + 1,000 + 1 long + 3,000 jobs + 800 = 4,824,
all finished; most pending at once: main + 800."""
import asyncio
import json
import sys

JOBS = 3000
LIMIT = 300
LOCKSTEP_JOBS = 1000
LOCKSTEP = 100
GROWTH = 800


async def short():
    await asyncio.sleep(0)


async def job(sem, i):
    try:
        await asyncio.sleep(0.0002 * (i % 37))
    finally:
        sem.release()


async def lockstep_job(sem, steps):
    try:
        for _ in range(steps):
            await asyncio.sleep(0)
    finally:
        sem.release()


async def main():
    await asyncio.gather(*[short() for _ in range(10)])
    await asyncio.gather(*[short() for _ in range(10)])
    # a pool at its limit where one job ends per loop iteration: every creation is a candidate peak
    sem = asyncio.Semaphore(LOCKSTEP)
    jobs = []
    for i in range(LOCKSTEP_JOBS):
        await sem.acquire()
        jobs.append(asyncio.ensure_future(lockstep_job(sem, LOCKSTEP + (i if i < LOCKSTEP else 0))))
    await asyncio.gather(*jobs)
    # a pool at its limit where jobs end at staggered times, beside a long-lived task
    long_lived = asyncio.ensure_future(asyncio.sleep(1.6))
    sem = asyncio.Semaphore(LIMIT)
    jobs = []
    for i in range(JOBS):
        await sem.acquire()
        jobs.append(asyncio.ensure_future(job(sem, i)))
    await asyncio.gather(*jobs)
    await long_lived
    # one more pending task per loop iteration: every creation is a new peak (the probe stops
    # looking for ended tasks at each, and gives the tasks done callbacks instead)
    event = asyncio.Event()
    waiting = []
    for _ in range(GROWTH):
        waiting.append(asyncio.ensure_future(event.wait()))
        await asyncio.sleep(0)
    event.set()
    await asyncio.gather(*waiting)


async def background():
    await asyncio.sleep(0.05)


async def start_background():
    return asyncio.ensure_future(background())


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    try:
        pending = loop.run_until_complete(start_background())  # the loop stops with it pending
        loop.run_until_complete(pending)
        loop.run_until_complete(main())
    finally:
        loop.close()
    created = 1 + 1 + 1 + 2 * 10 + LOCKSTEP_JOBS + 1 + JOBS + GROWTH
    json.dump({"created": created, "finished": created, "cancelled": 0, "failed": 0, "maxPending": 1 + GROWTH}, sys.stdout)
    sys.stdout.write("\n")
