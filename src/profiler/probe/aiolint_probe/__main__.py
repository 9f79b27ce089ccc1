"""Entry point for ``python <folder>/aiolint_probe ...`` and ``python -m aiolint_probe ...``."""
import os
import sys

if sys.version_info < (3, 8):
    sys.stderr.write("aiolint probe: Python 3.8 or newer is needed, this is %s\n" % sys.version.split()[0])
    sys.exit(2)

if __package__ in (None, ""):
    # Run as a folder: make the package importable by its name, then let the CLI fix sys.path
    # for the target (it must not see this folder as its sys.path[0]).
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.dirname(_here))
    import aiolint_probe

    aiolint_probe._inserted_path = os.path.dirname(_here)
    from aiolint_probe.cli import main
else:
    from .cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
