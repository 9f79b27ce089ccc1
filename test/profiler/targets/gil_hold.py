"""C code that holds the GIL (catastrophic regex backtracking): only faulthandler can see it."""
import asyncio
import re


async def main():
    await asyncio.sleep(0.05)
    re.match(r"(x+x+)+y", "x" * 25)  # BLOCK-GIL (about 2 s: well past the 0.5 s faulthandler arms at, even on a fast idle machine)
    await asyncio.sleep(0.05)


if __name__ == "__main__":
    asyncio.run(main())
