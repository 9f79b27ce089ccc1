# rule: AIO203
# expect: denied
# expect: denied
import asyncio


async def is_allowed(user):
    await asyncio.sleep(0)
    return user == "admin"


async def main():
    if is_allowed("guest"):
        print("welcome")
    else:
        print("denied")
    print("welcome" if is_allowed("guest") and True else "denied")


asyncio.run(main())
