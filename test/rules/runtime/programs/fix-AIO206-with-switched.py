# rule: AIO206
# expect: 1 entered
import asyncio


class Resource:
    def __enter__(self):
        print("entered", end="")
        return self

    def __exit__(self, *exc):
        print()
        return False


async def main():
    lock = asyncio.Lock()
    state = {"n": 0}
    with lock:
        state["n"] += 1
    print(state["n"], end=" ")
    async with Resource():
        pass


asyncio.run(main())
