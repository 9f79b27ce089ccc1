"""The watchdog thread: notices a late heartbeat, samples the loop thread's stack while the
block lasts, and streams live updates. Wakes at most 100 times a second (while sampling a block);
otherwise about 20 times a second, when a block could first be seen."""
import asyncio
import faulthandler
import os
import sys
import tempfile
import threading
import time

from .frames import capture, is_idle, is_idle_stack, parse_faulthandler_dump, trim
from .hooks import HEARTBEAT_S
from .recorder import Incident, describe_task

clock = time.perf_counter
TICK_S = 0.01
UPDATE_S = 0.25
MAX_SAMPLES = 1000
FAULT_TIMEOUT_S = 0.6
FAULT_REARM_S = 0.3
# faulthandler's timed dump reads every thread's frames without the GIL: safe while the loop thread
# sits in C code holding the GIL (what it is armed for), but a dump that lands while Python code runs
# can read a frame being pushed or freed and crash the target (SIGSEGV; reproduced on CPython 3.8,
# 3.11 and 3.13 with a 1 ms repeating timer). It lands there when the whole machine is short of CPU
# (the watchdog is descheduled, not locked out by the GIL): then the timer stays disarmed this long.
FAULT_PAUSE_S = 5.0
# a loop thread still inside select() this long after select should have returned is waiting for
# the GIL or a CPU, not for I/O (twice the interpreter's default GIL switch interval)
STARVED_MARGIN_S = 0.01
RUNNING, WAITING, STARVED = 0, 1, 2  # what a sample found the loop thread doing


class FaultTimer(object):
    """faulthandler.dump_traceback_later as a last-resort sampler for C code that holds the GIL.

    Re-armed by the watchdog a few times a second; it only fires when the watchdog itself could
    not run for FAULT_TIMEOUT_S. faulthandler has one timer per process: while the user's program
    has its own armed, the probe steps aside (and never cancels it); when the probe closes, the
    module's functions are put back and a user's timer still armed stays armed. The probe never
    calls faulthandler.enable/disable, so the user's fatal-error settings are untouched.
    """

    def __init__(self):
        self.file = tempfile.TemporaryFile()
        self.fd = self.file.fileno()
        self.user_active = False
        self.user_until = None  # when the user's one-shot timer has fired for sure (None: repeating)
        self.armed_at = 0.0
        self._lock = threading.Lock()  # the user's call and the watchdog's re-arm must not interleave
        self._orig_dump = faulthandler.dump_traceback_later
        self._orig_cancel = faulthandler.cancel_dump_traceback_later
        timer = self

        def dump_traceback_later(*args, **kwargs):
            with timer._lock:
                result = timer._orig_dump(*args, **kwargs)  # raises on bad arguments: nothing changed
                timer.user_active = True
                timer.armed_at = 0.0
                timeout = args[0] if args else kwargs.get("timeout", 0)
                repeat = args[1] if len(args) > 1 else kwargs.get("repeat", False)
                timer.user_until = None if repeat else clock() + float(timeout) + FAULT_REARM_S
                return result

        def cancel_dump_traceback_later():
            with timer._lock:
                timer.user_active = False
                return timer._orig_cancel()

        dump_traceback_later.__doc__ = self._orig_dump.__doc__
        cancel_dump_traceback_later.__doc__ = self._orig_cancel.__doc__
        dump_traceback_later.__wrapped__ = self._orig_dump
        cancel_dump_traceback_later.__wrapped__ = self._orig_cancel
        self._ours = (dump_traceback_later, cancel_dump_traceback_later)
        faulthandler.dump_traceback_later = dump_traceback_later
        faulthandler.cancel_dump_traceback_later = cancel_dump_traceback_later

    def arm(self, now):
        with self._lock:
            if self.user_active:
                if self.user_until is None or now < self.user_until:
                    return
                self.user_active = False  # the user's one-shot timer has fired: the probe may use it again
            self.armed_at = now
            self._orig_dump(FAULT_TIMEOUT_S, repeat=False, file=self.fd, exit=False)

    def disarm(self):
        with self._lock:
            if self.user_active or not self.armed_at:
                return
            self.armed_at = 0.0
            self._orig_cancel()

    def take(self):
        """The dump written since the last call, as {thread ident: stack}, or None."""
        try:
            size = os.fstat(self.fd).st_size
            if size == 0:
                return None
            os.lseek(self.fd, 0, os.SEEK_SET)
            data = os.read(self.fd, min(size, 1 << 20))
            os.ftruncate(self.fd, 0)
            os.lseek(self.fd, 0, os.SEEK_SET)
        except OSError:
            return None
        self.armed_at = 0.0  # it fired: arm again on the next tick
        return parse_faulthandler_dump(data.decode("utf-8", "replace"))

    def close(self):
        self.disarm()
        # put the module back as it was (unless the program replaced the functions itself)
        if faulthandler.dump_traceback_later is self._ours[0]:
            faulthandler.dump_traceback_later = self._orig_dump
        if faulthandler.cancel_dump_traceback_later is self._ours[1]:
            faulthandler.cancel_dump_traceback_later = self._orig_cancel
        try:
            self.file.close()
        except Exception:
            pass


class Watchdog(threading.Thread):
    def __init__(self, hooks, recorder, transport=None):
        threading.Thread.__init__(self, name="aiolint-watchdog")
        self.daemon = True
        self.hooks = hooks
        self.rec = recorder
        self.transport = transport
        self.early = max(0.005, recorder.threshold_s / 2.0)
        self.incident = None
        self._stop_event = threading.Event()
        self._kick = threading.Event()
        hooks.on_attach = self.kick
        self._last_tick = clock()
        self._last_update = 0.0
        self._last_seq = 0
        self._last_step_seq = None
        self._busy = False
        self._requested = TICK_S
        self._last_cpu = time.process_time()
        self._fault_paused_until = 0.0
        self._cpu_clock = None  # the loop thread's CPU clock (POSIX), to tell starvation from blocking
        self._cpu_thread = None
        self.fault = None
        try:
            self.fault = FaultTimer()
        except Exception as exc:
            recorder.note("faulthandler sampling unavailable: %r" % (exc,))
            recorder.unavailable.append("stacks of C code holding the GIL (faulthandler could not be used)")

    def kick(self):
        """Wake up now (a loop just started: arm faulthandler before the loop can hold the GIL)."""
        self._kick.set()

    def run(self):
        wait = TICK_S
        while True:
            self._kick.wait(wait)
            self._kick.clear()
            if self._stop_event.is_set():
                break
            try:
                self._requested = wait
                wait = self.tick(clock())
            except Exception as exc:  # never let the watchdog die silently
                self.rec.note("watchdog error: %r" % (exc,))
                wait = TICK_S

    def stop(self):
        self._stop_event.set()
        self._kick.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(2.0)
        now = clock()
        if self.incident is not None:
            self._close(self.incident, now - self.incident.start)
        if self.fault is not None:
            self.fault.close()

    # ── one tick ─────────────────────────────────────────────────────────────

    def tick(self, now):
        self.rec.watchdog_wakes += 1
        hooks = self.hooks
        gap = now - self._last_tick
        self._last_tick = now
        loop = hooks.loop
        seq = hooks.hb_seq
        fault = self.fault
        cpu = time.process_time()
        cpu_used = cpu - self._last_cpu
        self._last_cpu = cpu
        if fault is not None and (gap > FAULT_REARM_S or fault.armed_at == 0.0):
            dump = fault.take() if gap > FAULT_REARM_S else None
            if dump and hooks.loop_thread in dump:
                self._fault_sample(dump[hooks.loop_thread], now, gap)
            if gap > FAULT_REARM_S and _machine_starved(gap, cpu_used):
                self._fault_paused_until = now + FAULT_PAUSE_S
                fault.disarm()
                self.rec.note(
                    "the machine was short of CPU: faulthandler sampling (C code holding the GIL) was paused "
                    "meanwhile, since its dumps are unsafe while Python code runs"
                )
        incident = self.incident
        if incident is None and seq == self._last_seq + 1 and hooks.hb_last_lag >= self.rec.threshold_s and gap > self.early:
            # a block came and went while this thread could not run (and faulthandler had no dump)
            self.rec.unattributed += 1
        if incident is not None and (incident.key != seq or loop is None):
            # the heartbeat's lag is a lower bound of the block (it may have begun up to one heartbeat
            # interval before the beat was due): half an interval more is the unbiased estimate
            total = hooks.hb_last_lag + HEARTBEAT_S / 2 if seq == incident.key + 1 else now - incident.start
            self._close(incident, max(total, 0.0))
            incident = None
        self._busy = False
        step_seq = hooks.step_seq() if self.rec.step_timing else None
        if loop is not None:
            overdue = now - hooks.hb_expected
            if overdue >= self.early:
                if incident is None and step_seq is not None and step_seq != self._last_step_seq:
                    # the loop is late but still stepping: many short steps, not one long block;
                    # look again soon instead of sampling every tick
                    self._busy = True
                else:
                    if incident is None:
                        incident = self.incident = Incident(seq, hooks.hb_expected - HEARTBEAT_S)
                        incident.cpu_start = self._loop_cpu()
                        incident.sampled_from = now
                    else:
                        incident.late += max(0.0, gap - self._requested)
                    self._sample(incident, loop)
            if fault is not None and now - fault.armed_at >= FAULT_REARM_S and now >= self._fault_paused_until:
                fault.arm(now)
        elif fault is not None:
            fault.disarm()
        self._last_seq = seq
        self._last_step_seq = step_seq
        if self.transport is not None and now - self._last_update >= UPDATE_S:
            self._last_update = now
            self.transport.send_update(self.rec)
        return self._next_wait(now, loop)

    def _next_wait(self, now, loop):
        """Sleep until something can happen: every wake-up costs the loop thread a GIL hand-off,
        so while the heartbeat keeps coming the watchdog wakes only when a block could first be
        seen (heartbeat due + half the threshold), to re-arm faulthandler, or to stream an update."""
        if self.incident is not None:
            return TICK_S
        if self._busy:
            return max(TICK_S, self.early / 2.0)
        wake = now + (0.1 if loop is None else max(TICK_S, self.hooks.hb_expected + self.early - now))
        if self.transport is not None:
            wake = min(wake, self._last_update + UPDATE_S)
        fault = self.fault
        if loop is not None and fault is not None:
            if now < self._fault_paused_until:
                wake = min(wake, self._fault_paused_until)
            elif fault.armed_at:
                wake = min(wake, fault.armed_at + FAULT_REARM_S)
        return min(max(TICK_S, wake - clock()), 0.25)

    def _sample(self, incident, loop):
        hooks = self.hooks
        frame = sys._current_frames().get(hooks.loop_thread)
        if frame is None:
            return
        try:
            idle = self._in_select(clock())
            if idle == RUNNING and is_idle(frame, hooks.idle_frame):
                idle = WAITING
            stack = capture(frame, 6) if idle else trim(capture(frame))
        finally:
            del frame
        task = None
        if not idle:
            try:
                task = describe_task(asyncio.current_task(loop))
            except Exception:
                task = None
        seq = hooks.step_seq() if self.rec.step_timing else None
        samples = incident.samples
        if len(samples) >= MAX_SAMPLES:
            del samples[::2]  # keep the shape of a long block, halve the resolution
        samples.append((stack, idle, task, seq, clock()))

    def _fault_sample(self, stack, now, gap):
        """The watchdog was stalled (C code held the GIL): the faulthandler dump is our sample."""
        hooks = self.hooks
        incident = self.incident
        if incident is None:
            # still overdue: the block is in progress (it ends with the next beat); otherwise the
            # beat that ended it has fired already
            seq = hooks.hb_seq
            key = seq if clock() - hooks.hb_expected >= 0 else seq - 1
            incident = self.incident = Incident(key, now - gap)
        # the dump shows what the loop thread was doing when it was written (the loop may have moved
        # on since): only a dump inside the selector can be starvation, when select is still overdue
        idle = RUNNING
        if is_idle_stack(stack):
            idle = STARVED if self._in_select(now) == STARVED else WAITING
        if not idle:
            incident.faulthandler = True  # the loop thread itself held the GIL
        step = hooks.step_seq() if self.rec.step_timing else None
        incident.samples.append((stack if idle else trim(stack), idle, None, step, now))

    def _in_select(self, now):
        """WAITING or STARVED while the loop thread is inside the selector's select() (before or long
        after its deadline), RUNNING otherwise or where the selector is not watched (uvloop)."""
        deadline = self.hooks.select_deadline[0]
        if not deadline:
            return RUNNING
        return STARVED if now - deadline > STARVED_MARGIN_S else WAITING

    def _loop_cpu(self):
        """CPU seconds used so far by the loop thread, or None where the OS does not say."""
        thread = self.hooks.loop_thread
        if thread != self._cpu_thread:
            self._cpu_thread = thread
            try:
                self._cpu_clock = time.pthread_getcpuclockid(thread)
            except (AttributeError, OSError, OverflowError, ValueError):
                self._cpu_clock = None
        if self._cpu_clock is None:
            return None
        try:
            return time.clock_gettime(self._cpu_clock)
        except OSError:
            return None

    def _close(self, incident, total):
        self.incident = None
        # Starvation, not a block: the loop thread got little CPU while the watchdog itself woke
        # late too (the whole process was waiting for a CPU). A blocking sleep keeps the watchdog on
        # time; C code holding the GIL keeps the loop thread on the CPU.
        # Then only the CPU time the loop thread did get counts against its code; the rest is starvation.
        cpu_share = None
        cpu_start = incident.cpu_start
        watched = clock() - incident.sampled_from
        if cpu_start is not None and watched > 0 and not incident.faulthandler:
            cpu_now = self._loop_cpu()
            if cpu_now is not None:
                share = max(0.0, cpu_now - cpu_start) / watched
                if share < 0.5 and incident.late > 0.5 * watched:
                    cpu_share = share
        self.rec.close_incident(incident, total, cpu_share)


def _machine_starved(gap, cpu_used):
    """The watchdog slept ``gap`` seconds past its time while the process used ``cpu_used`` CPU
    seconds: the OS gave the process little CPU (a thread holding the GIL in C code would have used
    about the whole gap) and the machine is loaded beyond its cores. Where the load average is not
    available (Windows) this says no: faulthandler keeps sampling as before."""
    if cpu_used >= gap * 0.5:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return False
    return load > (os.cpu_count() or 1)
