# rule: AIO201
# expect: [1, 2]
import asyncio

done = []


async def record(x):
    await asyncio.sleep(0)
    done.append(x)


class Recorder:
    async def record(self, x):
        await record(x)

    async def run(self):
        self.record(2)


async def main():
    record(1)
    await Recorder().run()
    print(done)


asyncio.run(main())
