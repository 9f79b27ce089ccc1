"""Stands in for a probe that never connects (a hung interpreter)."""
import time

time.sleep(60)
