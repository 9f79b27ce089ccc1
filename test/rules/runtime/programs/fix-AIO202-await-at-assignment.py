# rule: AIO202
# expect: ['saved']
import asyncio

done = []


async def save():
    await asyncio.sleep(0)
    done.append("saved")
    return True


async def main():
    ok = save()
    print(done)


asyncio.run(main())
