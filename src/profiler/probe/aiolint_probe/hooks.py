"""Hooks into asyncio: finding the running loop, heartbeat, step timing, tasks, misuse reports.

Everything here chains to what was there before (the user's task factory, exception handler,
warning display) and never replaces it.
"""
import asyncio
import asyncio.base_events
import asyncio.events
import sys
import threading
import time
import warnings

from .endings import TaskSweeper, make_task_end
from .frames import ASYNCIO_DIR, first_user_frame, is_user_file, parse_traceback_entries
from .monitoring import adopt_early_steps
from .recorder import FILE, LINE, STEPS, describe_task, new_task_info

clock = time.perf_counter
HEARTBEAT_S = 0.02
SITE_CHECKS = 8  # tasks of a coroutine function whose creation site is always looked up
SITE_RECHECK = 32  # after that, every n-th one (and every one once two sites differed)
MAX_SITE_CODES = 5000
CROSS_CHECK_S_PER_TASK = 0.001  # all_tasks() is looked at every max(1 s, this × its length)
LIVE_SHOWN = 50  # live tasks kept for the task table
_INTERNAL_COROUTINES = ("shutdown_asyncgens", "shutdown_default_executor")
INTERNAL = ("<asyncio>", 0, "")  # the site of asyncio.run's own coroutines: not tracked


class LoopHooks(object):
    """Installed once, before the user's code is imported."""

    def __init__(self, recorder, step_timing=True, per_task_steps=False):
        self.rec = recorder
        self.per_task_steps = per_task_steps
        self.want_step_timing = step_timing
        self.loop = None  # the loop being profiled (while it runs)
        self.loop_thread = None  # its thread ident
        self.idle_frame = None  # the frame that called run_forever: "waiting for I/O" when innermost
        self.hb_expected = 0.0
        self.hb_seq = 0
        self.hb_last_lag = 0.0
        self._hb_handle = None
        self._orig_set_running_loop = asyncio.events._set_running_loop
        self._step_wrapper_installed = False
        self.step_seq = lambda: 0
        self.on_loop = None  # callback(loop_name, step_timing, unavailable) for the transport
        self.on_attach = None  # callback() when a loop starts running (wakes the watchdog)
        self._user_factories = {}  # id(loop) -> user's task factory
        self._user_handlers = {}  # id(loop) -> user's exception handler
        self._our_factories = {}
        self._our_handlers = {}
        self._next_check = 0.0  # when the next cross-check against all_tasks() is due
        self.task_classes = set()  # classes of the tasks seen (for per-task step counts)
        # coroutine qualname -> [tasks that reuse the site before the next walk, last creation site,
        # always the same?, coroutine code, walks]; by code for a second function of the same name
        self._sites = {}
        self._sites_by_code = {}
        self.exact_sites = per_task_steps  # detailed mode: walk the stack for every task
        self.task_ended, self.task_done_callback = make_task_end(recorder)
        # tasks are swept instead of given a done callback each where the probe can tell when a loop
        # step begins (asyncio's own loop, not detailed mode): see endings.py
        self.sweeper = None  # the profiled loop's TaskSweeper
        self.new_step = None  # () -> True when a loop step began since the last call (loop thread)
        self._per_loop = {}  # id(loop) -> (step_seq, new_step, forget_step, sweeper) of the loops seen
        self._forget_step = _nothing  # drops what new_step keeps (see make_progress_marks)
        self._wrapper_marks = None  # (step_seq, new_step) of the Handle._run wrapper, once installed
        # [deadline]: while the loop thread is inside its selector's select(), the perf_counter time
        # by which select must return (inf without a timeout); 0.0 while it is not (see _wrap_selector)
        self.select_deadline = [0.0]
        # [steps, iterations]: loop steps counted once per loop iteration by the select wrappers,
        # and the iterations (see make_select_wrapper)
        self.iteration_steps = [0, 0]
        self.monitor = None  # StepMonitor in detailed mode on 3.12+ (sys.monitoring)

    # ── installation ─────────────────────────────────────────────────────────

    def install(self):
        try:
            _OWNER_TYPES[0] = _callback_types_with_task_owner()
        except Exception:
            pass
        original = self._orig_set_running_loop
        hooks = self

        def _set_running_loop(loop):
            original(loop)
            try:
                if loop is not None:
                    hooks._attach(loop, sys._getframe(1))
                else:
                    hooks._detach()
            except Exception as exc:  # the probe must never break the target
                hooks.rec.note("probe error while attaching to the loop: %r" % (exc,))

        _set_running_loop.__wrapped__ = original
        asyncio.events._set_running_loop = _set_running_loop
        asyncio._set_running_loop = _set_running_loop
        self._patch_factory_setters()
        self._patch_warnings()
        if sys.version_info[:3] == (3, 13, 0):
            _keep_task_names_with_a_factory()

    def _patch_factory_setters(self):
        """Keep our task factory / exception handler first in line when the user sets theirs later."""
        base = asyncio.base_events.BaseEventLoop
        hooks = self
        orig_set_factory = base.set_task_factory
        orig_get_factory = base.get_task_factory
        orig_set_handler = base.set_exception_handler
        orig_get_handler = base.get_exception_handler

        def set_task_factory(self, factory):
            if _ours(self, hooks._our_factories, orig_get_factory):
                hooks._user_factories[id(self)] = factory
                return None
            return orig_set_factory(self, factory)

        def get_task_factory(self):
            if _ours(self, hooks._our_factories, orig_get_factory):
                return hooks._user_factories.get(id(self))
            return orig_get_factory(self)

        def set_exception_handler(self, handler):
            if _ours(self, hooks._our_handlers, orig_get_handler):
                if handler is not None and not callable(handler):
                    raise TypeError("A callable object or None is expected, got {!r}".format(handler))
                hooks._user_handlers[id(self)] = handler
                return None
            return orig_set_handler(self, handler)

        def get_exception_handler(self):
            if _ours(self, hooks._our_handlers, orig_get_handler):
                return hooks._user_handlers.get(id(self))
            return orig_get_handler(self)

        for name, fn, orig in (
            ("set_task_factory", set_task_factory, orig_set_factory),
            ("get_task_factory", get_task_factory, orig_get_factory),
            ("set_exception_handler", set_exception_handler, orig_set_handler),
            ("get_exception_handler", get_exception_handler, orig_get_handler),
        ):
            fn.__doc__ = orig.__doc__
            fn.__wrapped__ = orig
            setattr(base, name, fn)

    # ── the loop starts / stops ──────────────────────────────────────────────

    def _attach(self, loop, caller):
        if self.loop is not None and self.loop is not loop:
            return  # profile one loop at a time (the first one running)
        if self.loop is loop:
            return
        self.loop = loop
        self.loop_thread = threading.get_ident()
        self.idle_frame = caller
        rec = self.rec
        # a loop is new to us unless our factory is installed on it (ids of dead loops get reused)
        ours = self._our_factories.get(id(loop))
        first_time = ours is None or self._current_factory(loop) is not ours
        if first_time:
            cls = type(loop)
            rec.loop_name = "%s.%s" % (cls.__module__, getattr(cls, "__qualname__", cls.__name__))
            pure = isinstance(loop, asyncio.base_events.BaseEventLoop)
            unavailable = []
            watched = pure and self._wrap_selector(loop)
            monitor = self.monitor
            self.new_step = None
            if pure and self.want_step_timing:
                self._time_steps(loop, watched)
                rec.step_timing = True
            elif monitor is not None:
                # sys.monitoring counts the steps of any loop
                rec.step_timing = True
                rec.steps_fn = monitor.count
                self.step_seq = monitor.count
            else:
                rec.step_timing = False
                unavailable.append(
                    "per-step timing (steps per second, steps per task, exact step durations): "
                    "%s runs callbacks outside asyncio's Python loop; blocks are still found by sampling"
                    % rec.loop_name
                )
            if sys.version_info >= (3, 12) and self._current_factory(loop) is not None and monitor is None:
                unavailable.append("eager tasks run their first step inside create_task and are timed as part of the caller's step")
            for item in unavailable:
                if item not in rec.unavailable:
                    rec.unavailable.append(item)
            sweeper = None
            if pure and self.new_step is not None and not self.per_task_steps and monitor is None:
                sweeper = TaskSweeper(rec, self.task_ended, self.task_done_callback, self.new_step)
            self._per_loop[id(loop)] = (self.step_seq, self.new_step, self._forget_step, sweeper)
            self.sweeper = sweeper
            self._chain_task_factory(loop, sweeper)
            self._chain_exception_handler(loop)
            self._adopt_existing_tasks(loop)
            if self.on_loop is not None:
                self.on_loop(rec.loop_name, rec.step_timing, list(rec.unavailable))
        else:
            marks = self._per_loop.get(id(loop), (self.step_seq, None, _nothing, None))
            self.step_seq, self.new_step, self._forget_step, self.sweeper = marks
        self._start_heartbeat(loop)
        if self.on_attach is not None:
            self.on_attach()

    def _detach(self):
        if self.loop is None or threading.get_ident() != self.loop_thread:
            return
        handle = self._hb_handle
        self._hb_handle = None
        if handle is not None:
            handle.cancel()
        self.loop = None
        self.idle_frame = None
        self._forget_step()
        sweeper = self.sweeper
        if sweeper is not None:
            # the loop may not run again: its pending tasks are let go with a done callback
            try:
                sweeper.let_go_all()
            except Exception as exc:
                self.rec.note("probe error while counting ended tasks: %r" % (exc,))

    def sweep_tasks(self):
        """Counts the held tasks that ended (the profile is being written, after the program)."""
        now = clock()
        for _seq, _new_step, _forget, sweeper in list(self._per_loop.values()):
            if sweeper is not None:
                try:
                    sweeper.sweep(now)
                except Exception as exc:
                    self.rec.note("probe error while counting ended tasks: %r" % (exc,))

    @staticmethod
    def _current_factory(loop):
        base = asyncio.base_events.BaseEventLoop
        try:
            return base.get_task_factory.__wrapped__(loop) if isinstance(loop, base) else loop.get_task_factory()
        except Exception:
            return None

    # ── heartbeat ────────────────────────────────────────────────────────────

    def _start_heartbeat(self, loop):
        self.hb_expected = clock() + HEARTBEAT_S
        self._hb_handle = loop.call_later(HEARTBEAT_S, self._beat)

    def _beat(self):
        now = clock()
        lag = now - self.hb_expected
        if lag < 0.0:
            lag = 0.0
        rec = self.rec
        self.hb_last_lag = lag
        self.hb_expected = now + HEARTBEAT_S
        self.hb_seq += 1
        loop = self.loop
        if loop is None:
            return
        self._hb_handle = loop.call_later(HEARTBEAT_S, self._beat)
        self._forget_step()
        sweeper = self.sweeper
        if sweeper is not None and (now >= sweeper.next_sweep or now - rec.sec_start >= rec.series_step):
            sweeper.sweep(now)  # before a point of the pending series, at least
        rec.beat(now, lag, rec.pending)
        if self.monitor is not None:
            self.monitor.idle()
        if now >= self._next_check:
            count = self._once_a_second(loop)
            # all_tasks() costs about a microsecond per task: with many tasks, look less often
            self._next_check = now + max(1.0, count * CROSS_CHECK_S_PER_TASK)

    def _once_a_second(self, loop):
        """Cross-checks against all_tasks() (tasks made without the task factory are adopted; the
        live tasks shown are refreshed) and re-chains a factory replaced behind our back. Once a
        second, or once per millisecond per task with more than a thousand. Returns how many
        tasks all_tasks() gave."""
        rec = self.rec
        sweeper = self.sweeper
        if sweeper is not None:
            sweeper.sweep(clock())
            registered = _registered_task_count()
            if registered is not None and registered <= rec.pending:
                # every task asyncio knows of (on any loop, ended or not) is one the probe counts
                # as pending on this loop: there is none to adopt, and all_tasks() (a microsecond
                # per task) is not needed
                rec.live_snapshot = sweeper.live(LIVE_SHOWN)
                rec.live_count = rec.pending
                return rec.pending
        try:
            tasks = list(asyncio.all_tasks(loop))
        except Exception:
            tasks = []
        live = []
        held = sweeper.record_of() if sweeper is not None and sweeper.held else {}
        for task in tasks[:2000]:
            info = getattr(task, "_aiolint_info", None)
            if info is None:
                info = held.get(id(task))
                if info is None:
                    info = self._adopt(task, None)
            if info is not None and len(live) < LIVE_SHOWN:
                try:
                    name = task.get_name()
                except Exception:
                    name = None
                live.append((info, name))
        rec.live_snapshot = live
        rec.live_count = len(tasks)
        ours = self._our_factories.get(id(loop))
        if ours is not None and not isinstance(loop, asyncio.base_events.BaseEventLoop):
            try:
                if loop.get_task_factory() is not ours:
                    self._chain_task_factory(loop)
                    rec.note("the task factory was replaced while running; tasks created meanwhile were counted late")
            except Exception:
                pass
        return len(tasks)

    # ── the selector (pure-Python loop) ──────────────────────────────────────

    def _wrap_selector(self, loop):
        """Tells the watchdog when the loop thread waits in select() and until when it should.

        A loop thread found inside select() before its deadline is waiting for I/O (not a block); past
        its deadline it is ready to run but cannot get the GIL or a CPU: starvation. This works on
        every OS (no thread CPU clock needed). The proactor loop on Windows calls its proactor through
        the same ``_selector`` attribute. uvloop has no Python selector: there the stack tells."""
        selector = getattr(loop, "_selector", None)
        select = getattr(selector, "select", None)
        if select is None:
            return False
        if getattr(select, "_aiolint_original", None) is not None:
            return True
        try:
            selector.select = make_select_wrapper(select, self.select_deadline, loop, self.iteration_steps)
            return True
        except Exception as exc:
            self.rec.note("the selector could not be watched (%r); starvation is told from CPU time only" % (exc,))
            return False

    # ── step timing (pure-Python loop) ───────────────────────────────────────

    def _time_steps(self, loop, watched):
        """With the selector watched, steps are counted per loop iteration and a step's start is
        seen in the ready queue (make_progress_marks): nothing runs per step. Otherwise (or per task,
        detailed mode) asyncio's Handle._run is replaced by one that counts each step."""
        if watched and not self.per_task_steps:
            steps = self.iteration_steps
            self.step_seq, self.new_step, self._forget_step = make_progress_marks(loop._ready, steps)
            self.rec.steps_fn = lambda: steps[0]
            return
        if self._wrapper_marks is None:
            self._step_wrapper_installed = True
            handle_cls = asyncio.events.Handle
            original = handle_cls._run
            run_fn, seq_fn, new_step = make_step_wrapper(self.rec, self.task_classes, self.per_task_steps)
            run_fn.__wrapped__ = original
            handle_cls._run = run_fn
            self._wrapper_marks = (seq_fn, new_step)
        self.step_seq, self.new_step = self._wrapper_marks
        self._forget_step = _nothing
        self.rec.steps_fn = self.step_seq

    # ── tasks ────────────────────────────────────────────────────────────────

    def _chain_task_factory(self, loop, sweeper=None):
        rec = self.rec
        hooks = self
        base = asyncio.base_events.BaseEventLoop
        pure = isinstance(loop, base)
        if pure:
            user = base.get_task_factory.__wrapped__(loop)
        else:
            user = loop.get_task_factory()
        key = id(loop)
        self._user_factories[key] = user
        task_cls = asyncio.Task

        user_factories = self._user_factories
        task_classes = self.task_classes
        count_classes = self.per_task_steps  # the step wrapper counts steps of these classes' tasks
        task_done = self.task_done_callback
        getframe = sys._getframe
        sites = self._sites
        site_of = self._site_of
        early_steps = self.monitor is not None
        if sweeper is None:
            sweeper = TaskSweeper(rec, None, None, None)
            sweeper.active = False
        hold = sweeper.held.append
        keep_record = sweeper.records.append

        # The hot path for every task, kept inline and lean (about 3 µs per task is the budget of the
        # whole probe). Walking the caller's frames for the creation site is the dearest part (it makes
        # a frame object per level), so it is sampled per coroutine function (see _site_of): the
        # entry's countdown says how many more tasks reuse the site found last.
        def aiolint_task_factory(loop, coro, **kwargs):
            user_factory = user_factories.get(key)
            if user_factory is not None:
                task = user_factory(loop, coro, **kwargs)
            elif kwargs:
                task = task_cls(coro, loop=loop, **kwargs)
            else:
                task = task_cls(coro, loop=loop)
            recorded = False
            try:
                qualname = coro.__qualname__
                entry = sites.get(qualname)  # keyed by the name: a str hash is cached, a code object's is not
                if entry is not None and entry[0] and entry[3] is coro.cr_code:
                    entry[0] -= 1
                    site = entry[1]
                else:
                    site = site_of(coro, qualname, getframe(1))
                    if site is INTERNAL:
                        return task
                if site is None:
                    info = [qualname, None, None, clock(), 0, "pending", None, None, 0.0, 0.0]
                else:
                    info = [qualname, site[0], site[1], clock(), 0, "pending", None, None, 0.0, 0.0]
                if early_steps:
                    adopt_early_steps(task, info)
                if count_classes and task.__class__ not in task_classes:
                    task_classes.add(task.__class__)
                # a task from our own Task() call is never done yet; an eager one may be
                if (user_factory is not None or kwargs) and task.done():
                    task._aiolint_info = info
                    recorded = True
                    rec.created += 1
                    rec.pending += 1
                    if rec.pending > rec.max_pending:
                        rec.max_pending = rec.pending
                    task_done(task)
                    return task
                if sweeper.active:
                    hold(task)
                    keep_record(info)
                else:
                    task._aiolint_info = info
                    task.add_done_callback(task_done)
                recorded = True
                rec.created += 1
                rec.pending += 1
                if rec.pending > rec.max_pending:
                    if sweeper.active:
                        sweeper.before_peak()  # the tasks that ended are no longer pending
                    if rec.pending > rec.max_pending:
                        rec.max_pending = rec.pending
            except Exception:
                try:
                    if not recorded and getattr(task, "_aiolint_info", None) is None:
                        hooks._track(task, coro, getframe(1))
                except Exception as exc:
                    rec.note("probe error while tracking a task: %r" % (exc,))
            return task

        self._our_factories[key] = aiolint_task_factory
        if pure:
            base.set_task_factory.__wrapped__(loop, aiolint_task_factory)
        else:
            loop.set_task_factory(aiolint_task_factory)

    def _site_of(self, coro, qualname, caller):
        """The creation site of a task (file, line, function), INTERNAL for asyncio.run's own
        coroutines, or None; keeps the per-function sample (_sites) that the factory reuses: the
        first SITE_CHECKS tasks of a coroutine function and every SITE_RECHECK-th after that walk
        the stack; while every walk found the same line, the others reuse it. A coroutine function
        started from several lines is walked every time (--detailed: always)."""
        code = getattr(coro, "cr_code", None)
        sites = self._sites
        key = qualname
        entry = sites.get(qualname)
        if entry is not None and entry[3] is not code:
            # another function of the same qualified name (in another module): keyed by its code
            sites = self._sites_by_code
            key = code
            entry = sites.get(code)
        if entry is None:
            if qualname.endswith(_INTERNAL_COROUTINES) and _internal(coro):
                site = INTERNAL
            else:
                site = first_user_frame(caller)
            entry = [0, site, site is not INTERNAL, code, 1]
            if code is not None and len(sites) < MAX_SITE_CODES:
                sites[key] = entry
            return site
        site = entry[1]
        if site is INTERNAL:
            return site
        if entry[0]:
            entry[0] -= 1
            return site
        site = first_user_frame(caller)
        entry[4] += 1
        if entry[1] != site:
            entry[1] = site
            entry[2] = False
        if entry[2] and entry[4] >= SITE_CHECKS and not self.exact_sites:
            entry[0] = SITE_RECHECK - 1  # the next ones reuse this site
        return site

    def _track(self, task, coro, caller):
        if getattr(task, "_aiolint_info", None) is not None:
            return
        qualname = getattr(coro, "__qualname__", None) or type(coro).__name__
        if qualname.endswith(_INTERNAL_COROUTINES) and _internal(coro):
            return
        site = first_user_frame(caller)
        self._register(task, qualname, site)

    def _register(self, task, qualname, site):
        rec = self.rec
        info = new_task_info(qualname, site, clock())
        try:
            task._aiolint_info = info
        except Exception:
            return None
        if self.monitor is not None:
            adopt_early_steps(task, info)
        cls = task.__class__
        if cls not in self.task_classes:
            self.task_classes.add(cls)
        rec.created += 1
        rec.pending += 1
        if rec.pending > rec.max_pending:
            rec.max_pending = rec.pending
        if task.done():
            self.task_done_callback(task)
        else:
            task.add_done_callback(self.task_done_callback)
        return info

    def _adopt(self, task, site):
        coro = None
        try:
            coro = task.get_coro()
        except Exception:
            pass
        qualname = getattr(coro, "__qualname__", None) or type(coro).__name__
        if qualname.endswith(_INTERNAL_COROUTINES) and _internal(coro):
            return None
        if site is None:
            code = getattr(coro, "cr_code", None)
            if code is not None and is_user_file(code.co_filename):
                site = (code.co_filename, code.co_firstlineno, qualname)
        return self._register(task, qualname, site)

    def _adopt_existing_tasks(self, loop):
        """Tasks created before the loop ran (asyncio.run's main task) count too."""
        try:
            tasks = list(asyncio.all_tasks(loop))
        except Exception:
            return
        for task in tasks:
            if getattr(task, "_aiolint_info", None) is None:
                self._adopt(task, None)

    # ── exceptions never retrieved ───────────────────────────────────────────

    def _chain_exception_handler(self, loop):
        hooks = self
        rec = self.rec
        base = asyncio.base_events.BaseEventLoop
        pure = isinstance(loop, base)
        key = id(loop)
        self._user_handlers[key] = base.get_exception_handler.__wrapped__(loop) if pure else loop.get_exception_handler()

        def aiolint_exception_handler(loop, context):
            try:
                hooks._exception_context(context)
            except Exception as exc:
                rec.note("probe error in the exception handler: %r" % (exc,))
            user = hooks._user_handlers.get(key)
            if user is None:
                loop.default_exception_handler(context)
            else:
                user(loop, context)

        self._our_handlers[key] = aiolint_exception_handler
        if pure:
            base.set_exception_handler.__wrapped__(loop, aiolint_exception_handler)
        else:
            loop.set_exception_handler(aiolint_exception_handler)

    def _exception_context(self, context):
        message = context.get("message") or ""
        if not message.startswith("Task exception was never retrieved"):
            return
        task = context.get("future") or context.get("task")
        exc = context.get("exception")
        info = getattr(task, "_aiolint_info", None)
        site = None
        if info is not None and info[FILE]:
            site = (info[FILE], info[LINE])
        if site is None:
            coro = None
            try:
                coro = task.get_coro()
            except Exception:
                pass
            code = getattr(coro, "cr_code", None)
            if code is not None:
                site = (code.co_filename, code.co_firstlineno)
        if site is None:
            site = ("<unknown>", 0)
        exception = "%s: %s" % (type(exc).__name__, exc) if exc is not None else "?"
        self.rec.add_unretrieved(describe_task(task) or "?", exception, site)

    # ── coroutines never awaited ─────────────────────────────────────────────

    def _patch_warnings(self):
        hooks = self
        name = "_showwarnmsg" if hasattr(warnings, "_showwarnmsg") else None
        if name is not None:
            original = warnings._showwarnmsg

            def _showwarnmsg(msg):
                try:
                    hooks._warning(msg.message, msg.category, msg.filename, msg.lineno, getattr(msg, "source", None))
                except Exception:
                    pass
                return original(msg)

            warnings._showwarnmsg = _showwarnmsg
        else:  # pragma: no cover - every supported version has _showwarnmsg
            original_show = warnings.showwarning

            def showwarning(message, category, filename, lineno, file=None, line=None):
                try:
                    hooks._warning(message, category, filename, lineno, None)
                except Exception:
                    pass
                return original_show(message, category, filename, lineno, file, line)

            warnings.showwarning = showwarning

    def _warning(self, message, category, filename, lineno, source):
        if category is not RuntimeWarning:
            return
        text = str(message)
        if "was never awaited" not in text or not text.startswith("coroutine '"):
            return
        coroutine = text[len("coroutine '"):text.index("'", len("coroutine '"))]
        site = None
        origin = getattr(source, "cr_origin", None)
        entries = list(reversed(origin)) if origin else parse_traceback_entries(text)
        # innermost user frame of the creation stack ("most recent call last")
        for entry in reversed(entries):
            if is_user_file(entry[0]):
                site = (entry[0], entry[1])
                break
        if site is None:
            site = (filename, lineno)
        self.rec.add_unawaited(coroutine, site)


def _keep_task_names_with_a_factory():
    """CPython 3.13.0's create_task renames a factory-made task to str(name) even when no name was
    given (every task becomes 'None'; 3.13.1 fixed it). The probe always installs a factory, so
    without this the program would see its task names change."""
    base = asyncio.base_events.BaseEventLoop
    original = base.create_task

    def create_task(self, coro, *, name=None, context=None):
        if self._task_factory is None or name is not None:
            return original(self, coro, name=name, context=context)
        self._check_closed()
        if context is None:
            return self._task_factory(self, coro)
        return self._task_factory(self, coro, context=context)

    create_task.__doc__ = original.__doc__
    create_task.__wrapped__ = original
    base.create_task = create_task


def _callback_types_with_task_owner():
    """Types of loop callbacks that are a task's step or wakeup (their __self__ is the task).
    Must run before any loop runs in this thread (it runs a throwaway loop)."""
    import types

    kinds = {types.BuiltinMethodType, types.MethodType}
    loop = asyncio.new_event_loop()
    try:
        async def probe_coro():
            await asyncio.sleep(0)

        task = loop.create_task(probe_coro(), name="aiolint-probe")  # a name: no Task-N number used up
        for handle in list(getattr(loop, "_ready", ())):
            kinds.add(type(handle._callback))
        loop.run_until_complete(task)
    except Exception:
        pass
    finally:
        loop.close()
    try:
        import _asyncio

        for name in ("TaskStepMethWrapper", "TaskWakeupMethWrapper"):
            kind = getattr(_asyncio, name, None)
            if kind is not None:
                kinds.add(kind)
    except ImportError:
        pass
    return frozenset(kinds)


def _nothing():
    pass


def _registered_task_count():
    """How many tasks asyncio has registered (all loops; ended ones too while they are alive), in
    constant time, or None where this asyncio keeps them some other way."""
    tasks = asyncio.tasks
    try:
        return len(tasks._all_tasks)  # 3.8-3.11
    except (AttributeError, TypeError):
        pass
    try:
        return len(tasks._scheduled_tasks) + len(tasks._eager_tasks)  # 3.12, 3.13
    except (AttributeError, TypeError):
        return None


def _internal(coro):
    """asyncio.run's own shutdown steps (shutdown_asyncgens, …) are not the user's tasks."""
    code = getattr(coro, "cr_code", None)
    return code is None or not is_user_file(code.co_filename)


def _ours(loop, installed, original_getter):
    """Our factory / handler is the one actually set on this loop (ids of dead loops get reused)."""
    mine = installed.get(id(loop))
    return mine is not None and original_getter(loop) is mine


_OWNER_TYPES = [frozenset()]


def make_step_wrapper(rec, task_classes, per_task=False):
    """Handle._run counting each step, where the ready queue cannot tell a step's start (the
    selector is not watched) or steps are counted per task (detailed mode before 3.12); no
    allocation on the fast path. Returns (run, steps_seen, new_step).

    It replaces asyncio's own Handle._run body rather than wrapping it, to save a call, and reads no
    clock per step (a clock read costs as much as the rest): the watchdog sees a long step as a
    step count that stops changing while the heartbeat is overdue. Counting costs about 250 machine
    instructions a step (a counter past 256 is a new int object each step); per task, an attribute
    increment on the task's record, ~10 % on many short steps.
    """
    from asyncio import format_helpers

    owner_types = _OWNER_TYPES[0]
    seq = 0
    last = [0]  # new_step: the step count it saw last

    def report(handle, exc):
        try:
            cb = format_helpers._format_callback_source(handle._callback, handle._args, debug=handle._loop.get_debug())
        except TypeError:
            cb = format_helpers._format_callback_source(handle._callback, handle._args)
        context = {"message": "Exception in callback %s" % (cb,), "exception": exc, "handle": handle}
        if handle._source_traceback:
            context["source_traceback"] = handle._source_traceback
        handle._loop.call_exception_handler(context)

    def _run(self):
        nonlocal seq
        seq += 1
        try:
            self._context.run(self._callback, *self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            report(self, exc)
        self = None  # break cycles when an exception occurred (as asyncio does)

    def _run_counting_tasks(self):
        nonlocal seq
        seq += 1
        callback = self._callback
        try:
            self._context.run(callback, *self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            report(self, exc)
        if type(callback) in owner_types:
            owner = callback.__self__
            if owner.__class__ in task_classes:
                try:
                    owner._aiolint_info[STEPS] += 1
                except (AttributeError, TypeError):
                    pass
        self = None

    def current_seq():
        return seq

    def new_step():
        if seq != last[0]:
            last[0] = seq
            return True
        return False

    return (_run_counting_tasks if per_task else _run), current_seq, new_step


def make_progress_marks(ready, counters):
    """Tells when a loop step has begun without running anything per step (storing a mark from a
    Handle._run wrapper costs about 110 machine instructions a step). Returns (steps_seen, new_step,
    forget): ``steps_seen()`` (the watchdog) is a number that changes when a step has begun since
    its last call; ``new_step()`` (the task factory, loop thread) says whether one has since its
    last call; ``forget()`` (loop thread) drops the handle new_step keeps.

    A step begins by taking the handle at the front of the loop's ready queue (``_ready``), and the
    select wrapper counts the loop iterations (``counters[1]``). new_step keeps the front handle it
    saw (so that no other object can take its place at the same address): if the front is still
    that object in the same iteration, no handle was taken, so no step began. (Within an iteration
    a step runs only handles queued before the iteration began; once the queue had none of those
    left, the next step is in the next iteration.) It is dropped at the latest on the next heartbeat,
    from the loop thread; until then it keeps its callback's objects alive (20 ms at most longer).

    The watchdog thread must not keep loop objects (it could drop the last reference, and run their
    finalizers, in its own thread): it compares the ids of the front and back handles, the queue
    length and the iteration count. A handle freed and another one made at the same address, at
    both ends of the queue at once, in the same iteration with the same length, would look like no
    step: the watchdog would sample a loop that is only busy, once. It can also see a change
    without a step (a handle queued into an empty queue), which costs one look too many."""
    seen = 0
    last_seen = [None]
    kept = [None, None]  # new_step: [the front handle, the iteration count] it saw last

    def steps_seen():
        nonlocal seen
        try:
            mark = (id(ready[0]), id(ready[-1]), len(ready), counters[1])
        except IndexError:
            mark = (0, 0, 0, counters[1])
        if mark != last_seen[0]:
            last_seen[0] = mark
            seen += 1
        return seen

    def new_step():
        front = ready[0] if ready else None
        iteration = counters[1]
        if front is not kept[0] or iteration != kept[1]:
            kept[0] = front
            kept[1] = iteration
            return True
        return False

    def forget():
        kept[0] = None

    return steps_seen, new_step, forget


def make_select_wrapper(original, deadline, loop, steps):
    """selector.select with ``deadline[0]`` set while it runs (one clock read per loop iteration),
    counting into ``steps[0]`` the steps of the iteration it begins: the callbacks already queued,
    one per I/O event, and the timers that are due (cancelled ones included: they are few); and
    into ``steps[1]`` the iterations."""
    never = float("inf")
    ready = loop._ready
    scheduled = loop._scheduled
    resolution = getattr(loop, "_clock_resolution", 0.0)
    monotonic = loop.time

    def select(timeout=None):
        queued = len(ready)
        deadline[0] = never if timeout is None else clock() + timeout
        try:
            events = original(timeout)
        finally:
            deadline[0] = 0.0
        try:
            queued += len(events)
        except TypeError:
            pass
        if scheduled:
            queued += _due_timers(scheduled, monotonic() + resolution)
        steps[0] += queued
        steps[1] += 1
        return events

    select._aiolint_original = original
    select.__doc__ = getattr(original, "__doc__", None)
    return select


def _due_timers(heap, end):
    """How many timer handles in the heap are due before ``end`` (visits only those and their children)."""
    count = 0
    todo = [0]
    size = len(heap)
    while todo:
        i = todo.pop()
        if i < size and heap[i]._when < end:
            count += 1
            todo.append(2 * i + 1)
            todo.append(2 * i + 2)
    return count


def set_origin_tracking(depth):
    try:
        if sys.get_coroutine_origin_tracking_depth() < depth:
            sys.set_coroutine_origin_tracking_depth(depth)
    except Exception:
        pass


__all__ = ["LoopHooks", "set_origin_tracking", "ASYNCIO_DIR"]
