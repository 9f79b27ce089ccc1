"""Writes to both streams, reports what it saw of its environment, exits with code 7."""
import asyncio
import json
import os
import sys


async def main():
    await asyncio.sleep(0.01)
    print(json.dumps({"argv": sys.argv, "name": __name__, "cwd": os.getcwd(), "path0": sys.path[0]}))
    print("to stderr", file=sys.stderr)
    sys.exit(7)


if __name__ == "__main__":
    asyncio.run(main())
