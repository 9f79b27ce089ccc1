"""Stands in for the probe: connects to the session but presents a wrong token, then lingers."""
import json
import os
import socket
import time

host, _, port = os.environ["AIOLINT_PROBE_CONNECT"].rpartition(":")
sock = socket.create_connection((host, int(port)))
hello = {"type": "hello", "protocol": 1, "token": "not-the-token", "probe": "fake", "pid": os.getpid(),
         "python": {"version": "3", "implementation": "cpython", "executable": "python"},
         "target": "fake", "argv": [], "cwd": os.getcwd(), "thresholdMs": 50}
sock.sendall((json.dumps(hello) + "\n").encode())
time.sleep(60)
