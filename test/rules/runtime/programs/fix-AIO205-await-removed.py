# rule: AIO205
# expect: ok
import asyncio
import time


def log_line(text):
    pass


async def main():
    await time.sleep(0)
    await log_line("x")
    print("ok")


asyncio.run(main())
