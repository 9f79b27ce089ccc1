"""What the probe has seen so far, aggregated so that memory stays bounded on long runs."""
import heapq
import math
import os
import sys
import threading
import time

from . import PROFILE_VERSION
from .frames import PY_VERSION, absolute, innermost_user, is_user_file

clock = time.perf_counter

MAX_BLOCK_SITES = 200
MAX_SERIES = 3600
MAX_SITES = 200
TASK_TABLE_TOP = 15
LIVE_TASKS_SHOWN = 50


class Histogram(object):
    """Log-bucketed histogram of lags in seconds (about 4 % resolution), O(1) memory."""

    __slots__ = ("counts", "count", "max")
    _BASE = 1.04
    _FLOOR = 1e-5  # 10 µs

    def __init__(self):
        self.counts = {}
        self.count = 0
        self.max = 0.0

    def add(self, value):
        self.count += 1
        if value > self.max:
            self.max = value
        if value <= self._FLOOR:
            index = 0
        else:
            index = int(math.log(value / self._FLOOR, self._BASE)) + 1
        self.counts[index] = self.counts.get(index, 0) + 1

    def quantile(self, q):
        if self.count == 0:
            return 0.0
        rank = q * self.count
        seen = 0
        for index in sorted(self.counts):
            seen += self.counts[index]
            if seen >= rank:
                if index == 0:
                    return self._FLOOR
                return min(self.max, self._FLOOR * self._BASE ** index)
        return self.max


# What the probe keeps per task (as ``task._aiolint_info``): a plain list, because one is made for
# every task and a list literal costs a fraction of an object with an __init__.
# [coroutine qualname, file, line, created (perf_counter), steps, state, ended, name,
#  seconds spent in its steps, longest step (both only timed in detailed mode on 3.12+)]
COROUTINE, FILE, LINE, CREATED, STEPS, STATE, ENDED, NAME, STEP_S, MAX_STEP_S = range(10)


def new_task_info(qualname, site, created):
    if site is None:
        return [qualname, None, None, created, 0, "pending", None, None, 0.0, 0.0]
    return [qualname, site[0], site[1], created, 0, "pending", None, None, 0.0, 0.0]


class Incident(object):
    """One blocking period being sampled by the watchdog."""

    __slots__ = ("key", "start", "samples", "faulthandler", "cpu_start", "sampled_from", "late")

    def __init__(self, key, start):
        self.key = key
        self.start = start
        self.cpu_start = None  # the loop thread's CPU time when sampling began (where the OS tells)
        self.sampled_from = start
        self.late = 0.0  # how much later than asked the watchdog woke while sampling
        # (stack innermost first, 0 running / 1 waiting in the selector / 2 starved inside it,
        #  task description or None, step sequence or None, perf_counter when taken)
        self.samples = []
        self.faulthandler = False


class Recorder(object):
    def __init__(self, threshold_ms, target, argv, cwd):
        self.threshold_s = threshold_ms / 1000.0
        self.threshold_ms = threshold_ms
        self.target = target
        self.argv = list(argv)
        self.cwd = cwd
        self.started = clock()
        self.lock = threading.Lock()
        # loop
        self.loop_name = None
        self.step_timing = False
        self.unavailable = []
        # lag
        self.hist = Histogram()
        self.series = []  # dicts {t, maxMs, pending, stepsPerS}
        self.series_step = 1.0  # seconds per series point (doubles when the series is compacted)
        self.series_sent = 0  # points already streamed
        self.sec_start = self.started
        self.sec_max = 0.0
        self.sec_steps = 0
        # steps (written by the step wrapper in the loop thread)
        self.per_task_steps = False
        self.step_times = False  # per-task step durations (sys.monitoring, detailed mode on 3.12+)
        self.steps_fn = lambda: 0  # total steps so far (set by the step wrapper)
        # tasks
        self.created = 0
        self.finished = 0
        self.cancelled = 0
        self.failed = 0
        self.max_pending = 0
        self.pending = 0
        self.longest = []  # min-heap of (lifetime, id, info): the longest-lived finished tasks
        self.busiest = []  # min-heap of (steps, id, info): the finished tasks with most steps
        self.longest_floor = -1.0  # a finished task must beat this to enter `longest`
        self.busiest_floor = 0
        self.live_snapshot = []  # TaskInfo + name of live tasks, refreshed at most once a second
        self.live_count = 0
        # blocks: (file, line) -> aggregate dict
        self.blocks = {}
        self.starved = {"count": 0, "totalMs": 0.0, "maxMs": 0.0}
        self.unattributed = 0
        self.watchdog_wakes = 0
        # misuse
        self.unawaited = {}  # (coroutine, file, line) -> count
        self.unretrieved = {}  # (task, exception, file, line) -> count
        self.notes = []
        self.error = None
        self.exit_code = None
        self.ended_at = None

    # ── lag (loop thread) ────────────────────────────────────────────────────

    def beat(self, now, lag, pending):
        self.hist.add(lag)
        if lag > self.sec_max:
            self.sec_max = lag
        if now - self.sec_start >= self.series_step:
            self.roll(now, pending)

    def roll(self, now, pending):
        span = now - self.sec_start
        steps = self.steps_fn()
        point = {
            "t": round(self.sec_start - self.started + span, 3),
            "maxMs": round(self.sec_max * 1000.0, 3),
            "pending": pending,
        }
        if self.step_timing and span > 0:
            point["stepsPerS"] = int((steps - self.sec_steps) / span)
        self.sec_steps = steps
        self.series.append(point)
        self.sec_start = now
        self.sec_max = 0.0
        if len(self.series) > MAX_SERIES:
            self._compact()

    def _compact(self):
        merged = []
        for i in range(0, len(self.series) - 1, 2):
            a, b = self.series[i], self.series[i + 1]
            point = {"t": b["t"], "maxMs": max(a["maxMs"], b["maxMs"]), "pending": b.get("pending")}
            if "stepsPerS" in a and "stepsPerS" in b:
                point["stepsPerS"] = int((a["stepsPerS"] + b["stepsPerS"]) / 2)
            merged.append(point)
        if len(self.series) % 2:
            merged.append(self.series[-1])
        self.series = merged
        self.series_step *= 2
        self.series_sent = 0

    # ── tasks ────────────────────────────────────────────────────────────────

    # ── blocks (watchdog thread) ─────────────────────────────────────────────

    def close_incident(self, incident, total_s, cpu_share=None):
        """Splits an incident into segments (one per step or per task) and aggregates them by line.
        ``cpu_share`` is set when the process was starved of CPU meanwhile (the fraction of the time
        the loop thread actually ran): the loop was still unavailable for the whole time, so lines
        sampled repeatedly are reported (labelled 'starved'); a line seen once is likely a bystander
        and its time counts as starvation."""
        samples = incident.samples
        if not samples:
            if total_s >= self.threshold_s:
                self.unattributed += 1
            return
        starved_s = 0.0
        groups = {}
        order = []
        # each sample stands for the time since the one before it (the watchdog wakes late while
        # the loop thread holds the GIL: CPU-bound code is sampled less often than a blocking sleep)
        weights = {}
        previous = incident.start
        for sample in samples:
            _stack, idle, task, seq, taken = sample
            weights[id(sample)] = max(taken - previous, 0.0)
            previous = max(previous, taken)
            key = ("starved",) if idle == 2 else ("idle",) if idle else ("step", seq) if seq is not None else ("task", task)
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(sample)
        # Samples waiting in the selector next to running ones are the loop catching up after the
        # block (or before it was seen): the time goes to the code that ran. Samples that found the
        # loop thread inside select() long past its deadline (it could not get the GIL or a CPU) are
        # starvation whatever else was seen; an incident seen only waiting is starvation too.
        busy = float(sum(len(groups[k]) for k in order if k[0] not in ("idle", "starved")))
        starving = float(len(groups.get(("starved",), ())))
        count = (busy + starving) or float(len(samples))
        for key in order:
            group = groups[key]
            if busy and key[0] == "idle":
                continue
            duration = total_s * (len(group) / count)
            if key[0] in ("idle", "starved") or (cpu_share is not None and len(group) < 2):
                starved_s += duration
                continue
            label = "starved" if cpu_share is not None else "running"
            for part, part_s in self._phases(group, duration, weights):
                if part_s >= self.threshold_s:
                    self._add_block(part, part_s, incident.faulthandler, label)
        if starved_s >= self.threshold_s:
            starved = self.starved
            starved["count"] += 1
            starved["totalMs"] += starved_s * 1000.0
            starved["maxMs"] = max(starved["maxMs"], starved_s * 1000.0)

    def _phases(self, group, duration, weights):
        """Splits one step's (or task's) samples where the code it was in changed for good: a step
        can block in several places one after the other (``await coro()`` runs the callee in the same
        step, so a CPU-bound call followed by a blocking sleep is one step, one incident), and each
        place is its own block. A phase is a run of samples in the same user function reached by the
        same calls; runs too short to be a block themselves are merged into the phase before them
        (a loop calling a helper alternates between two such places without being two blocks).
        Returns (samples, seconds) pairs: ``duration`` shared out by the time each phase covered."""
        phases = []  # [signature, samples, weight]
        for sample in group:
            sig = _phase_signature(sample[0])
            weight = weights.get(id(sample), 0.0)
            if phases and phases[-1][0] == sig:
                phases[-1][1].append(sample)
                phases[-1][2] += weight
            else:
                phases.append([sig, [sample], weight])
        if len(phases) == 1:
            return [(group, duration)]
        whole = sum(phase[2] for phase in phases)
        if whole <= 0.0:  # no usable timestamps: share by sample count
            whole = float(len(group))
            for phase in phases:
                phase[2] = float(len(phase[1]))
        scale = duration / whole
        shortest = self.threshold_s

        def too_short(samples, weight):
            # one sample is no phase: a late wake-up can give a passing moment a long weight
            return len(samples) < 2 or weight * scale < shortest

        merged = []
        for sig, samples, weight in phases:
            if merged and (merged[-1][0] == sig or too_short(samples, weight)):
                merged[-1][1].extend(samples)
                merged[-1][2] += weight
            elif merged and too_short(merged[-1][1], merged[-1][2]):
                # the phase so far is too short to stand alone: it leads into this one
                merged[-1][0] = sig
                merged[-1][1].extend(samples)
                merged[-1][2] += weight
            else:
                merged.append([sig, samples, weight])
        return [(samples, weight * scale) for _sig, samples, weight in merged]

    def _add_block(self, group, duration, via_faulthandler, label):
        votes = {}
        best_stack = {}
        for stack, _idle, task, _seq, _taken in group:
            site = innermost_user(stack)
            if site is None:
                continue
            key = (site[0], site[1])
            votes[key] = votes.get(key, 0) + 1
            best_stack[key] = (site, stack, task)
        if not votes:
            self.unattributed += 1
            return
        key = max(votes, key=lambda k: votes[k])
        site, stack, task = best_stack[key]
        ms = duration * 1000.0
        with self.lock:
            block = self.blocks.get(key)
            if block is None:
                if len(self.blocks) >= MAX_BLOCK_SITES:
                    # keep the worst sites; drop the smallest total when a new one comes in
                    smallest = min(self.blocks, key=lambda k: self.blocks[k]["totalMs"])
                    if self.blocks[smallest]["totalMs"] > ms:
                        return
                    del self.blocks[smallest]
                block = {
                    "file": absolute(site[0], self.cwd),
                    "line": site[1],
                    "function": site[2],
                    "count": 0,
                    "totalMs": 0.0,
                    "maxMs": 0.0,
                    "task": None,
                    "stack": [],
                    "label": "running",
                    "samples": 0,
                }
                self.blocks[key] = block
            block["count"] += 1
            block["totalMs"] += ms
            block["samples"] += len(group)
            if ms >= block["maxMs"]:
                block["maxMs"] = ms
                block["task"] = task
                block["label"] = label
                block["stack"] = [
                    {"file": absolute(f, self.cwd), "line": l, "function": fn} for f, l, fn in stack[:30]
                ]
            if via_faulthandler:
                block["viaFaulthandler"] = True

    # ── misuse ───────────────────────────────────────────────────────────────

    def add_unawaited(self, coroutine, site):
        key = (coroutine, site[0], site[1])
        if key in self.unawaited or len(self.unawaited) < MAX_SITES:
            self.unawaited[key] = self.unawaited.get(key, 0) + 1

    def add_unretrieved(self, task, exception, site):
        key = (task, exception, site[0], site[1])
        if key in self.unretrieved or len(self.unretrieved) < MAX_SITES:
            self.unretrieved[key] = self.unretrieved.get(key, 0) + 1

    def note(self, text):
        if text not in self.notes and len(self.notes) < 50:
            self.notes.append(text)

    # ── output ───────────────────────────────────────────────────────────────

    def _task_rows(self, now):
        rows = []
        seen = set()

        def row(info, name):
            end = info[ENDED] if info[ENDED] is not None else now
            entry = {
                "name": name or info[NAME] or "?",
                "coroutine": info[COROUTINE],
                "file": absolute(info[FILE], self.cwd) if info[FILE] else None,
                "line": info[LINE],
                "state": info[STATE],
                "createdS": round(info[CREATED] - self.started, 3),
                "lifetimeS": round(end - info[CREATED], 3),
                "steps": info[STEPS] if self.per_task_steps and (self.step_timing or self.step_times) else None,
            }
            if self.step_times:
                entry["busyMs"] = round(info[STEP_S] * 1000.0, 3)
                entry["maxStepMs"] = round(info[MAX_STEP_S] * 1000.0, 3)
            return entry

        for info, name in list(self.live_snapshot)[:LIVE_TASKS_SHOWN]:
            if info[STATE] == "pending":
                rows.append(row(info, name))
                seen.add(id(info))
        longest = [entry[2] for entry in sorted(list(self.longest), key=lambda e: e[0], reverse=True)]
        busiest = [entry[2] for entry in sorted(list(self.busiest), key=lambda e: e[0], reverse=True)]
        for info in longest + busiest:
            if id(info) not in seen:
                seen.add(id(info))
                rows.append(row(info, None))
        return rows

    def profile(self, final, series_delta=False):
        now = self.ended_at if self.ended_at is not None else clock()
        hist = self.hist
        with self.lock:
            blocks = [dict(b) for b in self.blocks.values()]
        blocks.sort(key=lambda b: b["totalMs"], reverse=True)
        for block in blocks:
            block["totalMs"] = round(block["totalMs"], 3)
            block["maxMs"] = round(block["maxMs"], 3)
        series = list(self.series)
        if series_delta:
            sent = self.series_sent
            self.series_sent = len(series)
            series = series[sent:]
        unavailable = list(self.unavailable)
        if not self.loop_name:
            unavailable.append("no asyncio event loop ran in this program")
        profile = {
            "version": PROFILE_VERSION,
            "python": {
                "version": PY_VERSION,
                "implementation": sys.implementation.name,
                "executable": sys.executable,
            },
            "loop": self.loop_name,
            "target": self.target,
            "argv": self.argv,
            "durationS": round(now - self.started, 3),
            "exitCode": self.exit_code if final else None,
            "error": self.error,
            "thresholdMs": self.threshold_ms,
            "lag": {
                "p50Ms": round(hist.quantile(0.5) * 1000.0, 3),
                "p99Ms": round(hist.quantile(0.99) * 1000.0, 3),
                "maxMs": round(hist.max * 1000.0, 3),
                "beats": hist.count,
                "series": series,
            },
            "blocks": blocks,
            "tasks": {
                "created": self.created,
                "finished": self.finished,
                "cancelled": self.cancelled,
                "failed": self.failed,
                "maxPending": self.max_pending,
            },
            "pendingTasks": self.pending,
            "unawaited": [
                {"coroutine": c, "file": absolute(f, self.cwd), "line": l, "count": n}
                for (c, f, l), n in list(self.unawaited.items())
            ],
            "unretrievedExceptions": [
                {"task": t, "exception": e, "file": absolute(f, self.cwd), "line": l, "count": n}
                for (t, e, f, l), n in list(self.unretrieved.items())
            ],
            "stepTiming": self.step_timing,
            "steps": self.steps_fn() if self.step_timing else None,
            "starved": {
                "count": self.starved["count"],
                "totalMs": round(self.starved["totalMs"], 3),
                "maxMs": round(self.starved["maxMs"], 3),
            },
            "taskList": self._task_rows(now),
            "unavailable": unavailable,
        }
        profile["probeStats"] = {"watchdogWakes": self.watchdog_wakes}
        if self.notes:
            profile["notes"] = list(self.notes)
        if self.unattributed:
            profile["unattributedBlocks"] = self.unattributed
        return profile


def keep_top(heap, info, score, task):
    """Keeps the TASK_TABLE_TOP highest-scoring entries in a min-heap; returns the score a newcomer
    must beat (O(log n) per task: tasks that finish late often all qualify)."""
    if info[NAME] is None:
        try:
            info[NAME] = task.get_name()
        except Exception:
            pass
    entry = (score, id(info), info)
    if len(heap) < TASK_TABLE_TOP:
        heapq.heappush(heap, entry)
        return -1.0 if len(heap) < TASK_TABLE_TOP else heap[0][0]
    heapq.heapreplace(heap, entry)
    return heap[0][0]


def describe_task(task):
    """'Task-3 (fetch)' for a task, or None."""
    if task is None:
        return None
    try:
        name = task.get_name()
    except Exception:
        name = "Task"
    try:
        coro = task.get_coro()
        qualname = getattr(coro, "__qualname__", None) or type(coro).__name__
    except Exception:
        qualname = "?"
    return "%s (%s)" % (name, qualname)


def _phase_signature(stack):
    """Where a sample is, ignoring the line inside the innermost user function: its user frames
    (file, function) with the call lines of the outer ones."""
    user = [entry for entry in stack if is_user_file(entry[0])]
    if not user:
        return (stack[0][0], stack[0][2]) if stack else None
    inner = user[0]
    return ((inner[0], inner[2]),) + tuple(user[1:])


def user_site_of_code(code):
    if code is not None and is_user_file(code.co_filename):
        return (code.co_filename, code.co_firstlineno)
    return None


def relative(path, cwd):
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel
