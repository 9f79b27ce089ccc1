"""Stands in for the probe: proper hello, then garbage lines between valid events, then a clean end."""
import json
import os
import socket
import sys
import time

host, _, port = os.environ["AIOLINT_PROBE_CONNECT"].rpartition(":")
sock = socket.create_connection((host, int(port)))


def send(raw):
    sock.sendall(raw.encode() + b"\n")


def profile(series):
    return {"version": 1, "python": {"version": "3", "implementation": "cpython", "executable": sys.executable},
            "loop": "fake.Loop", "target": "fake", "durationS": 1.0, "exitCode": None,
            "lag": {"p50Ms": 1, "p99Ms": 2, "maxMs": 3, "series": series}, "blocks": [],
            "tasks": {"created": 0, "finished": 0, "cancelled": 0, "failed": 0, "maxPending": 0},
            "unawaited": [], "unretrievedExceptions": []}


send(json.dumps({"type": "hello", "protocol": 1, "token": os.environ["AIOLINT_PROBE_TOKEN"], "probe": "fake",
                 "pid": os.getpid(), "python": {"version": "3", "implementation": "cpython", "executable": "python"},
                 "target": "fake", "argv": [], "cwd": os.getcwd(), "thresholdMs": 50}))
send("this is not json")
send('{"type": 42}')
send(json.dumps({"type": "update", "profile": profile([{"t": 1.0, "maxMs": 3}])}))
send('{"type": "update", "profile": {"half": "a profile"}}')
send('{"type": "something-newer", "x": 1}')
send(json.dumps({"type": "update", "profile": profile([{"t": 2.0, "maxMs": 2}])}))
sock.sendall(b'{"type": "end", "profile": ' + json.dumps(profile([{"t": 1.0, "maxMs": 3}, {"t": 2.0, "maxMs": 2}])).encode() + b"}\n")
print("fake done")
sock.close()
time.sleep(0.1)
