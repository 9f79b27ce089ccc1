"""Run as `-m modtarget`: reports its __name__ and blocks once."""
import asyncio
import sys
import time


async def main():
    time.sleep(0.15)  # BLOCK-MODULE
    print("module", __name__, sys.argv[1:])


if __name__ == "__main__":
    asyncio.run(main())
