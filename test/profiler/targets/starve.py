"""The loop waits while another thread holds the GIL in C code: the heartbeat is late, but not
because of the loop's own code (reported as starvation, not as a blocking line)."""
import asyncio
import re
import threading
import time


def hog():
    time.sleep(0.3)  # let the loop settle into its selector first
    re.match(r"(x+x+)+y", "x" * 24)  # HOG


async def main():
    await asyncio.sleep(0.1)
    thread = threading.Thread(target=hog)
    thread.start()
    await asyncio.sleep(1.5)  # IDLE-WAIT
    thread.join()


if __name__ == "__main__":
    asyncio.run(main())
