"""Command line of the probe: install the hooks, run the target through runpy, report."""
import asyncio
import json
import os
import runpy
import sys
import traceback

from .frames import is_probe_file
from .hooks import LoopHooks, set_origin_tracking
from .recorder import Recorder, clock
from .summary import format_summary

USAGE = (
    "usage: python aiolint_probe [--threshold-ms N] [--out FILE] [--fail-on-block-ms N] [--quiet]\n"
    "                            [--connect HOST:PORT] [--no-step-timing] -- script.py [args...]\n"
    "       python aiolint_probe [options] -- -m module [args...]\n"
)
TOKEN_ENV = "AIOLINT_PROBE_TOKEN"
CONNECT_ENV = "AIOLINT_PROBE_CONNECT"
# Coroutine origin tracking costs 10-20 % on workloads of many short steps (every `await sleep(0)`
# creates a coroutine), so it is opt-in (--detailed). Without it an unawaited coroutine is reported
# where it was dropped, which for the usual mistake (`fetch()` as a statement) is its creation line.
DETAILED_ORIGIN_DEPTH = 3
FAIL_ON_BLOCK_EXIT = 3


class UsageError(Exception):
    pass


def parse_args(argv):
    opts = {"threshold_ms": 50.0, "out": None, "fail_ms": None, "connect": None, "quiet": False, "step_timing": True, "detailed": False}
    valued = {"--threshold-ms": "threshold_ms", "--out": "out", "--fail-on-block-ms": "fail_ms", "--connect": "connect"}
    rest = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest = argv[i + 1:]
            break
        name, eq, value = arg.partition("=")
        if name in valued:
            if not eq:
                if i + 1 >= len(argv):
                    raise UsageError("%s needs a value" % name)
                value = argv[i + 1]
                i += 1
            key = valued[name]
            if key in ("threshold_ms", "fail_ms"):
                try:
                    opts[key] = float(value)
                except ValueError:
                    raise UsageError("%s needs a number, got %r" % (name, value))
                if opts[key] < 0:
                    raise UsageError("%s must not be negative" % name)
            else:
                opts[key] = value
        elif arg == "--quiet":
            opts["quiet"] = True
        elif arg == "--no-step-timing":
            opts["step_timing"] = False
        elif arg == "--detailed":
            opts["detailed"] = True
        elif arg in ("-h", "--help"):
            raise UsageError("")
        elif arg == "-m" or not arg.startswith("-"):
            rest = argv[i:]
            break
        else:
            raise UsageError("unknown option %s" % arg)
        i += 1
    if not rest:
        raise UsageError("no target: give a script or -m module after --")
    if rest[0] == "-m":
        if len(rest) < 2:
            raise UsageError("-m needs a module name")
        opts["module"], opts["script"], opts["args"] = rest[1], None, rest[2:]
    else:
        opts["module"], opts["script"], opts["args"] = None, rest[0], rest[1:]
    return opts


def _quote(arg):
    return arg if arg and all(c.isalnum() or c in "-_./:=+,@%" for c in arg) else json.dumps(arg)


def _fix_sys_path(opts, cwd):
    """sys.path as Python would have set it for the target (its folder, or the cwd for -m)."""
    entries = list(sys.path)
    package = sys.modules.get("aiolint_probe")
    inserted = getattr(package, "_inserted_path", None)
    if inserted is not None and inserted in entries:
        entries.remove(inserted)
    if entries:
        entries = entries[1:]  # our own sys.path[0]: the probe folder, or the cwd under `python -m aiolint_probe`
    first = os.path.dirname(os.path.abspath(opts["script"])) if opts["script"] else cwd
    sys.path[:] = [first] + entries


def _exit_code(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    try:
        sys.stderr.write("%s\n" % (code,))
    except Exception:
        pass
    return 1


def _trim_traceback(tb):
    """Hide the probe and runpy frames, so the user sees the traceback Python would print."""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if is_probe_file(filename) or os.path.basename(filename) == "runpy.py" or filename.startswith("<frozen runpy"):
            tb = tb.tb_next
        else:
            break
    return tb


def main(argv):
    stderr = sys.stderr
    try:
        opts = parse_args(argv)
    except UsageError as exc:
        if str(exc):
            stderr.write("aiolint probe: %s\n" % exc)
        stderr.write(USAGE)
        return 2
    cwd = os.getcwd()
    out = os.path.abspath(opts["out"]) if opts["out"] else None
    if opts["module"]:
        target = " ".join(["-m", opts["module"]] + [_quote(a) for a in opts["args"]])
        argv0 = opts["module"]
    else:
        if not os.path.exists(opts["script"]):
            stderr.write("aiolint probe: can't open file %r: no such file\n" % opts["script"])
            return 2
        target = " ".join([os.path.abspath(opts["script"])] + [_quote(a) for a in opts["args"]])
        argv0 = opts["script"]

    token = os.environ.pop(TOKEN_ENV, None)
    connect = opts["connect"] or os.environ.get(CONNECT_ENV)
    os.environ.pop(CONNECT_ENV, None)

    recorder = Recorder(opts["threshold_ms"], target, [argv0] + list(opts["args"]), cwd)
    hooks = LoopHooks(recorder, step_timing=opts["step_timing"], per_task_steps=opts["detailed"])
    recorder.per_task_steps = opts["detailed"]
    hooks.install()
    if hasattr(asyncio, "capture_call_graph"):
        # CPython 3.14+: not used yet, and said so (it has not been tested against a real 3.14)
        recorder.unavailable.append("await-graph snapshots (asyncio.capture_call_graph): not taken by this probe version yet")
    monitor = None
    if opts["detailed"]:
        set_origin_tracking(DETAILED_ORIGIN_DEPTH)
        monitor = _start_monitor(recorder, hooks)
    else:
        recorder.unavailable.append(
            "creation sites of never-awaited coroutines are where the coroutine was dropped "
            "(exact with --detailed, which is slower: 10-20 % on many short steps, several times that on 3.12+ where it times every step)"
        )
        recorder.unavailable.append("steps per task and their durations (with --detailed)")

    transport = None
    if connect:
        from .transport import Transport

        try:
            transport = Transport(connect, token or "")
            python = {"version": "%d.%d.%d" % sys.version_info[:3], "implementation": sys.implementation.name, "executable": sys.executable}
            transport.hello(recorder, python, os.getpid(), cwd)
            hooks.on_loop = transport.send_loop
            transport.on_stop = _interrupt_main
            transport.listen()
        except (OSError, ValueError) as exc:
            stderr.write("aiolint probe: could not connect to %s: %s\n" % (connect, exc))
            transport = None

    from .watchdog import Watchdog

    watchdog = Watchdog(hooks, recorder, transport)
    watchdog.start()

    _fix_sys_path(opts, cwd)
    sys.argv = [argv0] + list(opts["args"])
    code = 0
    try:
        try:
            if opts["module"]:
                runpy.run_module(opts["module"], run_name="__main__", alter_sys=True)
            else:
                runpy.run_path(opts["script"], run_name="__main__")
        finally:
            recorder.ended_at = clock()
    except SystemExit as exc:
        code = _exit_code(exc)
    except KeyboardInterrupt as exc:
        recorder.error = "KeyboardInterrupt"
        _print_exception(exc)
        code = 130
    except BaseException as exc:  # the target's own exception: report it as Python would, then profile
        recorder.error = "%s: %s" % (type(exc).__name__, exc) if str(exc) else type(exc).__name__
        _print_exception(exc)
        code = 1
    if monitor is not None:
        _stop_monitor(monitor, recorder)
    return _finish(recorder, hooks, watchdog, transport, opts, out, code, stderr, cwd)


def _start_monitor(recorder, hooks):
    """Detailed mode: task steps timed through sys.monitoring on 3.12+, else by the step wrapper."""
    from . import monitoring

    version = "%d.%d" % sys.version_info[:2]
    if not monitoring.available():
        recorder.unavailable.append(
            "step durations per task, and steps on uvloop and of eager tasks (detailed mode uses "
            "sys.monitoring, which needs CPython 3.12 or newer; this is %s): steps per task are "
            "counted on asyncio's own loop only" % version
        )
        return None
    monitor = monitoring.StepMonitor(recorder, hooks)
    try:
        why_not = monitor.start()
    except Exception as exc:  # never break the target over the detailed mode
        why_not = "sys.monitoring failed: %r" % (exc,)
        try:
            monitor.stop()
        except Exception:
            pass
    if why_not:
        recorder.unavailable.append("step durations per task (%s)" % why_not)
        return None
    hooks.monitor = monitor
    hooks.per_task_steps = False  # the monitor counts steps per task (the wrapper would count twice)
    recorder.step_times = True
    recorder.note("detailed mode: task steps timed with sys.monitoring (tool id %d), creation sites exact" % monitor.tool)
    return monitor


def _stop_monitor(monitor, recorder):
    try:
        monitor.stop()
    except Exception as exc:
        recorder.note("could not free the sys.monitoring tool id: %r" % (exc,))
    if monitor.desyncs:
        recorder.note("detailed mode lost track of a step %d times (a missed coroutine event); those steps were not timed" % monitor.desyncs)


def _print_exception(exc):
    # the default hook prints exc.__traceback__ whatever tb it is given: trim it on the exception itself
    exc = exc.with_traceback(_trim_traceback(exc.__traceback__))
    try:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    except Exception:
        traceback.print_exception(type(exc), exc, exc.__traceback__)


def _interrupt_main():
    try:
        import _thread

        _thread.interrupt_main()
    except Exception:
        pass


def _finish(recorder, hooks, watchdog, transport, opts, out, code, stderr, cwd):
    try:
        sys.stdout.flush()
    except Exception:
        pass
    watchdog.stop()
    hooks.loop = None
    hooks.sweep_tasks()
    now = recorder.ended_at or clock()
    if recorder.hist.count and now > recorder.sec_start:
        recorder.roll(now, recorder.pending)
    recorder.exit_code = code
    profile = recorder.profile(True)
    exit_code = code
    if opts["fail_ms"] is not None:
        worst = max([b["maxMs"] for b in profile["blocks"]] or [0.0])
        profile["failOnBlockMs"] = opts["fail_ms"]
        if worst > opts["fail_ms"]:
            profile["failedOnBlock"] = True
            if exit_code == 0:
                exit_code = FAIL_ON_BLOCK_EXIT
    written = None
    if out:
        try:
            parent = os.path.dirname(out)
            if parent and not os.path.isdir(parent):
                os.makedirs(parent)
            with open(out, "w", encoding="utf-8") as handle:
                json.dump(profile, handle, indent=2)
                handle.write("\n")
            written = out
        except OSError as exc:
            stderr.write("aiolint probe: could not write %s: %s\n" % (out, exc))
            if exit_code == 0:
                exit_code = 2
    if transport is not None:
        transport.send_end(profile)
        transport.close()
    if not opts["quiet"]:
        try:
            stderr.write(format_summary(profile, cwd, written))
            stderr.flush()
        except Exception:
            pass
    return exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
