# rule: AIO402
# original: same
# python-flags: -W error::DeprecationWarning
# expect: main ran
import asyncio


async def main():
    await asyncio.sleep(0)
    print("main ran")


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(main())
    finally:
        loop.close()
