"""Which frames are the user's code, and how to turn stacks into plain tuples."""
import asyncio
import os
import re
import selectors
import sys
import sysconfig

PROBE_DIR = os.path.normcase(os.path.dirname(os.path.abspath(__file__)))
ASYNCIO_DIR = os.path.normcase(os.path.dirname(os.path.abspath(asyncio.__file__)))
SELECTORS_FILE = os.path.normcase(os.path.abspath(selectors.__file__))
RUNPY_NAMES = ("runpy.py",)

# loop machinery where a task step's stack stops being interesting
_LOOP_FUNCTIONS = frozenset(
    ["_run", "Handle._run", "_run_once", "BaseEventLoop._run_once", "run_forever", "BaseEventLoop.run_forever",
     "run_until_complete", "BaseEventLoop.run_until_complete", "run", "Runner.run"]
)


def _library_roots():
    roots = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        try:
            path = sysconfig.get_path(key)
        except Exception:  # a broken install must not stop the probe
            path = None
        if path:
            roots.add(os.path.normcase(os.path.abspath(path)))
    try:
        import site

        for path in site.getsitepackages() + [site.getusersitepackages()]:
            roots.add(os.path.normcase(os.path.abspath(path)))
    except Exception:
        pass
    roots.add(PROBE_DIR)
    roots.add(ASYNCIO_DIR)
    return tuple(sorted(roots))


_ROOTS = _library_roots()
_user_cache = {}


def _classify(filename):
    if not filename or filename.startswith("<"):
        return False
    path = os.path.normcase(os.path.abspath(filename))
    for root in _ROOTS:
        if path == root or path.startswith(root + os.sep):
            return False
    parts = path.split(os.sep)
    if "site-packages" in parts or "dist-packages" in parts:
        return False
    return True


def is_user_file(filename):
    """True for the user's own code: not the standard library, site-packages or the probe."""
    known = _user_cache.get(filename)
    if known is None:
        known = _classify(filename)
        if len(_user_cache) < 20000:
            _user_cache[filename] = known
    return known


def is_probe_file(filename):
    return os.path.normcase(filename).startswith(PROBE_DIR + os.sep)


def _function_name(code):
    return getattr(code, "co_qualname", code.co_name)


def capture(frame, limit=48):
    """The stack from ``frame`` outwards as (file, line, function) tuples, innermost first."""
    out = []
    while frame is not None and len(out) < limit:
        code = frame.f_code
        out.append((code.co_filename, frame.f_lineno or code.co_firstlineno, _function_name(code)))
        frame = frame.f_back
    return out


def is_idle(frame, idle_frame):
    """The loop thread is waiting for I/O (in the selector, or in the C loop under uvloop).
    On 3.13 the loop sets itself running from a helper that has returned by then: ``idle_frame`` is
    not on the stack, and a stack whose innermost frame is the selector's select counts as idle."""
    if frame is not None and os.path.normcase(frame.f_code.co_filename) == SELECTORS_FILE:
        return True
    depth = 0
    while frame is not None and depth < 6:
        if frame is idle_frame:
            return True
        filename = os.path.normcase(frame.f_code.co_filename)
        if filename != SELECTORS_FILE and not filename.startswith(ASYNCIO_DIR + os.sep):
            return False
        frame = frame.f_back
        depth += 1
    return False


def is_idle_stack(stack):
    """Same question for a stack read from a faulthandler dump (no frame objects)."""
    if not stack:
        return True
    filename = os.path.normcase(stack[0][0])
    return filename == SELECTORS_FILE


def trim(stack):
    """Drops the loop machinery below the running step and the probe's own frames."""
    out = []
    for entry in stack:
        filename = entry[0]
        normalized = os.path.normcase(filename)
        if normalized.startswith(PROBE_DIR + os.sep):
            continue
        if out and (normalized.startswith(ASYNCIO_DIR + os.sep) or os.path.basename(normalized) in RUNPY_NAMES):
            if entry[2] in _LOOP_FUNCTIONS:
                break
        if "uvloop" in normalized.split(os.sep) and out:
            break
        out.append(entry)
    return out or list(stack[:1])


def innermost_user(stack):
    for entry in stack:
        if is_user_file(entry[0]):
            return entry
    return stack[0] if stack else None


def first_user_frame(frame, limit=30):
    """The innermost frame in user code starting at ``frame`` (file, line, function), or None.
    Runs for every task created: the cache lookup is inlined."""
    cache = _user_cache
    depth = 0
    while frame is not None and depth < limit:
        code = frame.f_code
        filename = code.co_filename
        known = cache.get(filename)
        if known is None:
            known = is_user_file(filename)
        if known:
            return (filename, frame.f_lineno or code.co_firstlineno, _function_name(code))
        frame = frame.f_back
        depth += 1
    return None


_FILE_LINE = re.compile(r'File "(.+?)", line (\d+)(?:, in (.+))?')
_FAULT_LINE = re.compile(r'^\s*File "(.+?)", line (\d+) in (.+?)\s*$')
_FAULT_THREAD = re.compile(r"^(?:Current thread|Thread) (0x[0-9a-fA-F]+)")


def parse_traceback_entries(text):
    """(file, line, function) from lines like ``File "x.py", line 3, in f`` (outermost first)."""
    out = []
    for match in _FILE_LINE.finditer(text):
        out.append((match.group(1), int(match.group(2)), (match.group(3) or "?").strip()))
    return out


def parse_faulthandler_dump(text):
    """{thread ident: stack innermost first} from a faulthandler dump."""
    threads = {}
    current = None
    for line in text.splitlines():
        head = _FAULT_THREAD.match(line)
        if head:
            current = int(head.group(1), 16)
            threads[current] = []
            continue
        if current is None:
            continue
        frame = _FAULT_LINE.match(line)
        if frame:
            threads[current].append((frame.group(1), int(frame.group(2)), frame.group(3)))
    return threads


def absolute(path, base):
    if not path or path.startswith("<"):
        return path
    return os.path.normpath(os.path.join(base, path)) if not os.path.isabs(path) else path


PY_VERSION = "%d.%d.%d" % sys.version_info[:3]
