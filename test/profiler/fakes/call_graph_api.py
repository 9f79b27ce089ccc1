"""Runs the probe on an asyncio that has CPython 3.14's capture_call_graph (a stand-in: no 3.14 is
installed here): ``python call_graph_api.py <probe> [args...]``."""
import asyncio
import runpy
import sys


def capture_call_graph(future=None, *, depth=1, limit=None):
    raise AssertionError("the probe does not take await-graph snapshots yet")


asyncio.capture_call_graph = capture_call_graph
probe = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(probe, run_name="__main__")
