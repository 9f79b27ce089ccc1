"""Detailed mode on CPython 3.12+: every task step timed through ``sys.monitoring`` (PEP 669).

The Handle._run wrapper only sees steps of asyncio's pure-Python loop, and an eager task's first
step runs inside the ``create_task`` of another task's step. Coroutine start/resume/yield/return
events see every step on any loop (uvloop included) and tell an eager task's step apart from the
step that created it (its time is not counted twice). It costs a callback per coroutine resume and
suspension, so it is opt-in (``--detailed``).

The tool id is taken the documented way (``use_tool_id``, the profiler slot first, else a free
one), and given back with its events and callbacks cleared when the probe ends.
"""
import sys
import threading
import time

from .recorder import MAX_STEP_S, STEP_S, STEPS

clock = time.perf_counter
# code flags of the frames a task step resumes: coroutines, @types.coroutine generators, async generators
_COROUTINE_FLAGS = 0x80 | 0x100 | 0x200
TOOL_NAME = "aiolint"


def available():
    return hasattr(sys, "monitoring")


class StepMonitor(object):
    """Times task steps on the loop thread. A step begins when a coroutine frame starts or resumes
    with no step running (or when a different task's coroutine starts: an eager task) and ends when
    that frame yields, returns or unwinds."""

    def __init__(self, rec, hooks):
        self.rec = rec
        self.hooks = hooks
        self.tool = None
        self.steps = 0
        self.desyncs = 0
        self._stack = []  # [task, depth, started, time spent in nested steps]

    # ── tool id ──────────────────────────────────────────────────────────────

    def start(self):
        """Claims a tool id and turns the events on; returns why not (a string) or None."""
        mon = sys.monitoring
        for tool in (mon.PROFILER_ID, 4, 3):
            if mon.get_tool(tool) is None:
                try:
                    mon.use_tool_id(tool, TOOL_NAME)
                except ValueError:  # taken meanwhile
                    continue
                self.tool = tool
                break
        if self.tool is None:
            return "every sys.monitoring tool id aiolint could use is taken by another tool"
        events = mon.events
        start, resume, leave = self._callbacks()
        mon.register_callback(self.tool, events.PY_START, start)
        mon.register_callback(self.tool, events.PY_RESUME, resume)
        mon.register_callback(self.tool, events.PY_THROW, global_event(resume))
        mon.register_callback(self.tool, events.PY_YIELD, leave)
        mon.register_callback(self.tool, events.PY_RETURN, leave)
        mon.register_callback(self.tool, events.PY_UNWIND, global_event(leave))
        mon.set_events(
            self.tool,
            events.PY_START | events.PY_RESUME | events.PY_THROW | events.PY_YIELD | events.PY_RETURN | events.PY_UNWIND,
        )
        return None

    def stop(self):
        """Turns the events off and frees the tool id (safe to call twice)."""
        tool = self.tool
        if tool is None:
            return
        self.tool = None
        mon = sys.monitoring
        try:
            mon.set_events(tool, 0)
            events = mon.events
            for event in (events.PY_START, events.PY_RESUME, events.PY_THROW, events.PY_YIELD, events.PY_RETURN, events.PY_UNWIND):
                mon.register_callback(tool, event, None)
        finally:
            mon.free_tool_id(tool)

    def count(self):
        return self.steps

    def idle(self):
        """Called between steps (the heartbeat runs outside any task): a step still open here means
        an event was missed; start afresh rather than time everything after it as one step."""
        if self._stack:
            self.desyncs += 1
            del self._stack[:]

    # ── the callbacks (hot path: one per coroutine resume and suspension) ───

    def _callbacks(self):
        DISABLE = sys.monitoring.DISABLE
        flags = _COROUTINE_FLAGS
        get_ident = threading.get_ident
        stack = self._stack
        hooks = self.hooks
        monitor = self
        try:
            from _asyncio import current_task
        except ImportError:  # pragma: no cover - CPython always has _asyncio
            from asyncio import current_task

        def start(code, offset):
            if not code.co_flags & flags:
                return DISABLE  # not a coroutine: never report this place again
            loop = hooks.loop
            if loop is None or get_ident() != hooks.loop_thread:
                return None  # no loop running (a coroutine driven by hand): not a task step
            task = current_task(loop)
            if stack:
                top = stack[-1]
                if task is None or task is top[0]:
                    top[1] += 1  # a coroutine awaited inside the running step
                    return None
                # another task's coroutine starts inside this step: an eager task's first step
            if task is not None:
                stack.append([task, 1, clock(), 0.0])
            return None

        def resume(code, offset, _exc=None):
            if not code.co_flags & flags:
                return DISABLE
            loop = hooks.loop
            if loop is None or get_ident() != hooks.loop_thread:
                return None
            if stack:
                stack[-1][1] += 1
                return None
            task = current_task(loop)
            if task is not None:
                stack.append([task, 1, clock(), 0.0])
            return None

        def leave(code, offset, _value=None):
            if not code.co_flags & flags:
                return DISABLE
            if not stack or get_ident() != hooks.loop_thread:
                return None
            top = stack[-1]
            top[1] -= 1
            if top[1] > 0:
                return None
            stack.pop()
            took = clock() - top[2]
            if stack:
                stack[-1][3] += took
            own = took - top[3]
            monitor.steps += 1
            task = top[0]
            try:
                info = task._aiolint_info
            except AttributeError:
                # an eager task's first step ends before the task factory returns it: kept on the
                # task until the probe's factory records it (see adopt_early_steps)
                try:
                    early = task._aiolint_early
                except AttributeError:
                    early = [0, 0.0, 0.0]
                    try:
                        task._aiolint_early = early
                    except (AttributeError, TypeError):  # a task type without attributes: not timed
                        return None
                info = [None, None, None, None, early[0], None, None, None, early[1], early[2]]
                info[STEPS] += 1
                info[STEP_S] += own
                if own > info[MAX_STEP_S]:
                    info[MAX_STEP_S] = own
                early[:] = [info[STEPS], info[STEP_S], info[MAX_STEP_S]]
                return None
            info[STEPS] += 1
            info[STEP_S] += own
            if own > info[MAX_STEP_S]:
                info[MAX_STEP_S] = own
            return None

        return start, resume, leave


def adopt_early_steps(task, info):
    """Moves the steps timed before the task had its record (an eager task's first step) into it."""
    early = getattr(task, "_aiolint_early", None)
    if early is not None:
        info[STEPS] += early[0]
        info[STEP_S] += early[1]
        if early[2] > info[MAX_STEP_S]:
            info[MAX_STEP_S] = early[2]
        try:
            del task._aiolint_early
        except AttributeError:
            pass


def global_event(callback):
    """PY_THROW (a coroutine resumed by throwing into it: cancellation) and PY_UNWIND are global
    events: DISABLE may not be returned for them."""

    def call(code, offset, exc):
        callback(code, offset, exc)
        return None

    return call
