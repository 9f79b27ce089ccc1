"""NDJSON over a loopback socket to the extension: hello with the token first, then events."""
import json
import socket
import threading

from . import PROTOCOL_VERSION, __version__


class Transport(object):
    def __init__(self, address, token):
        host, _, port = address.rpartition(":")
        self.sock = socket.create_connection((host or "127.0.0.1", int(port)), timeout=10)
        self.sock.settimeout(10)
        self.token = token
        self.lock = threading.Lock()
        self.alive = True
        self.on_stop = None

    def send(self, event):
        if not self.alive:
            return False
        try:
            data = (json.dumps(event, separators=(",", ":"), default=str) + "\n").encode("utf-8")
            with self.lock:
                self.sock.sendall(data)
            return True
        except (OSError, ValueError, TypeError):
            self.alive = False  # the extension went away: the target keeps running, unobserved
            return False

    def hello(self, recorder, python, pid, cwd):
        return self.send(
            {
                "type": "hello",
                "protocol": PROTOCOL_VERSION,
                "token": self.token,
                "probe": __version__,
                "pid": pid,
                "python": python,
                "target": recorder.target,
                "argv": recorder.argv,
                "cwd": cwd,
                "thresholdMs": recorder.threshold_ms,
            }
        )

    def send_loop(self, loop_name, step_timing, unavailable):
        self.send({"type": "loop", "loop": loop_name, "stepTiming": step_timing, "unavailable": unavailable})

    def send_update(self, recorder):
        if self.alive:
            self.send({"type": "update", "profile": recorder.profile(False, series_delta=True)})

    def send_end(self, profile):
        self.send({"type": "end", "profile": profile})

    def listen(self):
        """Reads commands (`stop`) on a daemon thread."""
        thread = threading.Thread(target=self._read, name="aiolint-transport")
        thread.daemon = True
        thread.start()

    def _read(self):
        buffered = b""
        while self.alive:
            try:
                chunk = self.sock.recv(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            if not chunk:
                return
            buffered += chunk
            while b"\n" in buffered:
                line, buffered = buffered.split(b"\n", 1)
                try:
                    command = json.loads(line.decode("utf-8"))
                except ValueError:
                    continue
                if isinstance(command, dict) and command.get("type") == "stop" and self.on_stop is not None:
                    self.on_stop()

    def close(self):
        self.alive = False
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass
