"""A program that uses faulthandler itself: its settings and timers must work as if no probe ran,
while the probe keeps its own timer armed whenever the loop runs (for GIL-holding C code)."""
import asyncio
import atexit
import faulthandler
import sys
import tempfile


def timeouts(handle):
    handle.seek(0)
    return handle.read().count(b"Timeout (")


async def main():
    await asyncio.sleep(0.4)  # the probe has armed (and re-armed) its own timer by now
    faulthandler.enable(file=sys.stderr)
    with tempfile.TemporaryFile() as once, tempfile.TemporaryFile() as repeated:
        faulthandler.dump_traceback_later(0.15, file=once)
        await asyncio.sleep(0.5)
        print("one-shot timer fired:", timeouts(once))
        faulthandler.dump_traceback_later(0.1, repeat=True, file=repeated)
        await asyncio.sleep(0.65)  # about 6 dumps; had the probe re-armed its own timer (which
        # replaces the user's), there would be one at most
        faulthandler.cancel_dump_traceback_later()
        fired = timeouts(repeated)
        await asyncio.sleep(0.4)  # the probe arms its own timer again: nothing more lands here
        print("repeating timer kept firing:", fired >= 2, "and stopped:", timeouts(repeated) == fired)
    faulthandler.dump_traceback_later(30, exit=False)  # still armed when the program ends


@atexit.register
def after_the_probe():
    builtin = type(len)
    print(
        "after exit: functions restored:",
        type(faulthandler.dump_traceback_later) is builtin and type(faulthandler.cancel_dump_traceback_later) is builtin,
        "enabled:",
        faulthandler.is_enabled(),
    )
    faulthandler.cancel_dump_traceback_later()


if __name__ == "__main__":
    asyncio.run(main())
