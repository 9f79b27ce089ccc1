"""Blocks the event loop at known lines (the tests read the BLOCK-* markers)."""
import asyncio
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def spin(seconds):
    deadline = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < deadline: n += 1  # BLOCK-CPU
    return n


class SlowHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(0.25)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


async def sleeper():
    time.sleep(0.2)  # BLOCK-SLEEP


async def cpu():
    spin(0.2)


async def http_get(port):
    urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=5).read()  # BLOCK-HTTP


async def file_io(path):
    with open(path, "wb") as handle:
        for _ in range(40):
            handle.write(os.urandom(1 << 16)); handle.flush(); os.fsync(handle.fileno()); time.sleep(0.005)  # BLOCK-FILE


async def run_subprocess():
    subprocess.run([sys.executable, "-c", "import time; time.sleep(0.3)"], check=True)  # BLOCK-SUBPROCESS


async def main():
    server = http.server.HTTPServer(("127.0.0.1", 0), SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = tempfile.NamedTemporaryFile(delete=False)
    tmp.close()
    try:
        for step in (sleeper(), cpu(), http_get(server.server_address[1]), file_io(tmp.name), run_subprocess()):
            await step
            await asyncio.sleep(0.1)
    finally:
        server.shutdown()
        os.unlink(tmp.name)
    print("blocking done")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "uvloop":
        import uvloop

        uvloop.install()
    asyncio.run(main())
