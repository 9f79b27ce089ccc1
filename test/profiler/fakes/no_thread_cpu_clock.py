"""Runs the probe as on a platform without per-thread CPU clocks (time.pthread_getcpuclockid and
time.clock_gettime are missing on Windows): ``python no_thread_cpu_clock.py <probe> [args...]``."""
import runpy
import sys
import time

for name in ("pthread_getcpuclockid", "clock_gettime"):
    if hasattr(time, name):
        delattr(time, name)

probe = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(probe, run_name="__main__")
