"""aiolint event-loop probe: runs a Python program unchanged and measures its asyncio event loop.

Standard library only; CPython 3.8 and newer. Run as
``python <this folder> [--threshold-ms 50] [--out profile.json] [--fail-on-block-ms N] -- script.py args``
or ``python -m aiolint_probe ...`` when the parent folder is on ``sys.path``.
"""

__version__ = "0.1.0"
PROFILE_VERSION = 1
PROTOCOL_VERSION = 1
