"""A program that really blocks its event loop: run it under aiolint's profiler.

    aiolint: Profile Event Loop (Current File)

A heartbeat task should tick every 10 ms; the handlers below stall it with a blocking sleep and a
CPU-bound loop, which the profiler reports with their lines and durations.
"""
import asyncio
import hashlib
import time


async def heartbeat(stop: asyncio.Event) -> None:
    while not stop.is_set():
        await asyncio.sleep(0.01)


def checksum(data: bytes, rounds: int) -> str:
    digest = data
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


async def handle_upload(index: int) -> str:
    time.sleep(0.12)  # blocks the loop: should be await asyncio.sleep(...)
    return f"upload {index} stored"


async def handle_checksum(index: int) -> str:
    await asyncio.sleep(0.01)
    return checksum(str(index).encode(), 150_000)  # CPU-bound on the loop thread


async def main() -> None:
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(stop))
    for index in range(3):
        print(await handle_upload(index))
        print(await handle_checksum(index))
    stop.set()
    await beat


if __name__ == "__main__":
    asyncio.run(main())
