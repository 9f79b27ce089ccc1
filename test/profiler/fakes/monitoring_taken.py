"""Runs the probe with every sys.monitoring tool id it could use already taken by other tools:
``python monitoring_taken.py <probe> [args...]``."""
import runpy
import sys

for tool in (2, 3, 4):
    sys.monitoring.use_tool_id(tool, "another tool %d" % tool)

probe = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(probe, run_name="__main__")
