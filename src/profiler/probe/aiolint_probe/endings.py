"""How the probe learns that a task ended: a sweep of the young tasks it holds, or a done callback.

A done callback on every task is what asyncio offers, but each one costs a Handle (a Python
``__init__``) and a loop iteration when the task finishes: about 11,000 machine instructions per task
on CPython 3.11, whatever the callback does. So on asyncio's own loop (where the probe can tell when
a loop step begins, see hooks.make_progress_marks) new tasks are put in a list instead, and the list
is swept: a task found done there is counted then (finished, cancelled or failed). Sweeps happen:

- when a task is created whose count would be a new pending peak (``maxPending``): pending rises
  only when a task is created, so its peak is reached at a creation, and it is only a peak if the
  tasks that ended before that moment are no longer counted. Held tasks are looked at oldest first
  until enough of them turn out to have ended; a task ends only in a loop step, so within one step
  a look goes on where the last one stopped: the thousands of tasks one step creates (``gather``)
  cost one look, not one each;
- on a heartbeat, spaced by the size of the list (every beat for a few hundred tasks, about once a
  second for ten thousand), and always before a point of the pending series is written;
- when the loop stops, and when the profile is written.

This makes the pending peak exact where done callbacks were not: a callback runs an iteration after
its task ended, and a task created meanwhile counted the ended one as pending (a pool kept at its
limit showed peaks 50 % too high).

A task's end time is that of the sweep that found it done: its lifetime is as precise as the sweeps
are frequent (20 ms for a few hundred tasks, up to a second for tens of thousands).

The list holds the tasks, which keeps them alive: a finished task is freed at the next sweep rather
than at once, and a task the program dropped while pending (asyncio's "Task was destroyed but it is
pending!") cannot be collected while held. So a task is held only while it is young: once it has
been swept 16 times (a third of a second with a few hundred tasks, up to 10 s with ten thousand),
or is 10 s old, or its loop stops, it gets the done callback instead (its cost is then small against
the sweeps it saved) and the list lets it go: a dropped task is collected, and reported by asyncio,
that much later than without the probe. If looking for ended tasks
before new peaks costs more than a few checks per created task (pending growing one task per step
over hundreds of steps: every creation is a true new peak and needs a look at every held task), the
probe switches to done callbacks for good; from then on a peak can again count a task that ended
less than an iteration before.
"""
import time

from .recorder import CREATED, ENDED, NAME, STATE, STEPS, keep_top

clock = time.perf_counter
PENDING = "pending"
SWEEP_S_PER_TASK = 0.0001  # sweep interval per held task: ~100 µs (10,000 tasks: once a second)
SWEEP_MIN_S = 0.02
SWEEP_MAX_S = 1.0
HELD_SWEEPS = 16  # a task is let go (it gets a done callback) after about this many sweeps...
HELD_MAX_S = 10.0  # ...or at this age
PEAK_CHECKS_PER_TASK = 16  # budget of sweep checks per created task for peaks, beyond...
PEAK_CHECKS_FREE = 20000  # ...this many
ELDERS = 50  # records kept of tasks let go while pending, for the live table


def make_task_end(rec):
    """Returns (ended, task_done): ``ended(task, info, now)`` counts a task found done;
    ``task_done(task)`` is the done callback (one call per task: kept to a single function)."""

    def ended(task, info, now):
        if task.cancelled():
            state = "cancelled"
            rec.cancelled += 1
        elif getattr(task, "_exception", None) is not None:  # read without retrieving: "never retrieved" must still be reported
            state = "failed"
            rec.failed += 1
        else:
            state = "finished"
            rec.finished += 1
        info[ENDED] = now
        info[STATE] = state
        if state == "failed":
            try:
                task._aiolint_info = info  # for the "exception never retrieved" report, if it comes
            except Exception:
                pass
        rec.pending -= 1
        life = now - info[CREATED]
        if life > rec.longest_floor:
            rec.longest_floor = keep_top(rec.longest, info, life, task)
        if rec.per_task_steps and info[STEPS] > rec.busiest_floor:
            rec.busiest_floor = keep_top(rec.busiest, info, info[STEPS], task)

    def task_done(task):
        try:
            info = task._aiolint_info
        except AttributeError:
            return
        if info[STATE] != PENDING:
            return
        ended(task, info, clock())

    return ended, task_done


class TaskSweeper(object):
    """The young tasks of the profiled loop and their records, swept for those that ended (see the
    module docstring). Loop thread only, except ``sweep`` at the very end (the profile is written
    after the program). A held task's record is not on the task (``_aiolint_info``: setting an
    attribute gives the task a __dict__, a cost per task) until it leaves the list still needing it:
    let go with a done callback, or failed (the "exception never retrieved" report reads it)."""

    def __init__(self, rec, ended, task_done, new_step):
        self.rec = rec
        self.held = []  # the young tasks, in creation order
        self.records = []  # their records, in the same order
        self.active = True  # False once done callbacks took over for good
        self.new_step = new_step  # () -> True when a loop step began since the last call
        self._ended = ended
        self._task_done = task_done
        self.next_sweep = 0.0
        self._peak_checks = 0
        self._seen_all = True  # before_peak looked at every held task in this step
        self.elders = []  # records of the first tasks let go while pending (for the live table)
        self._resume = 0  # where its last look stopped, if not

    def sweep(self, now):
        """Counts the held tasks that are done and lets them go; the old ones get a done callback."""
        held = self.held
        self._seen_all = True  # every task that ended so far is counted
        if not held:
            return
        records = self.records
        try:
            done = [task.done() for task in held]
        except Exception:
            done = [_done(task) for task in held]
        if True in done:
            ended = self._ended
            keep, keep_records = [], []
            for task, info, is_done in zip(held, records, done):
                if not is_done:
                    keep.append(task)
                    keep_records.append(info)
                elif info[STATE] == PENDING:
                    try:
                        ended(task, info, now)
                    except Exception:
                        pass
            held[:] = keep
            records[:] = keep_records
            keep = keep_records = None
        interval = min(SWEEP_MAX_S, max(SWEEP_MIN_S, len(held) * SWEEP_S_PER_TASK))
        self.next_sweep = now + interval
        # let the old ones go (creation order: they are at the start)
        born_before = now - min(HELD_MAX_S, HELD_SWEEPS * interval)
        let_go = 0
        for info in records:
            if info[CREATED] >= born_before:
                break
            let_go += 1
        if let_go:
            self._let_go(let_go)

    def _let_go(self, count):
        held, records = self.held, self.records
        task_done = self._task_done
        elders = self.elders
        for task, info in zip(held[:count], records[:count]):
            try:
                task._aiolint_info = info
                task.add_done_callback(task_done)
                if len(elders) < ELDERS:
                    info[NAME] = task.get_name()
                    elders.append(info)
            except Exception:
                pass  # a task type that takes neither: no longer followed
        del held[:count]
        del records[:count]

    def before_peak(self):
        """A created task would make a new pending peak: look for held tasks that ended, oldest first
        (in a pool the oldest tend to end first), until they show it is no new peak or all were
        seen. Tasks end only in loop steps: within one step, a look goes on where the last one
        stopped (or is not needed: all were seen). Past the budget of looks, done callbacks for good."""
        if self.new_step():
            start = 0
        elif self._seen_all:
            return
        else:
            start = self._resume
        rec = self.rec
        held, records = self.held, self.records
        ended = self._ended
        now = clock()
        found = []
        index = start
        end = len(held)
        try:
            while index < end:
                task = held[index]
                index += 1
                if task.done():
                    found.append(index - 1)
                    info = records[index - 1]
                    if info[STATE] == PENDING:
                        ended(task, info, now)
                    if rec.pending <= rec.max_pending:
                        break
        except Exception:
            self.sweep(now)
            found = []
            index = end = len(held)
        task = None
        for position in reversed(found):
            del held[position]
            del records[position]
        self._seen_all = index >= end
        self._resume = index - len(found)
        self._peak_checks += index - start
        if self._peak_checks > PEAK_CHECKS_FREE + PEAK_CHECKS_PER_TASK * rec.created:
            self.stop()

    def let_go_all(self):
        """The loop stopped: counts the tasks that ended and lets the others go with a done callback
        (the loop may not run again, and a program may keep pending tasks of a stopped loop)."""
        self.sweep(clock())
        if self.held:
            self._let_go(len(self.held))

    def stop(self):
        """Done callbacks for every held task and the tasks to come (called from the loop thread)."""
        self.sweep(clock())
        self.active = False
        self._let_go(len(self.held))

    def live(self, limit):
        """(record, name) of up to ``limit`` pending tasks, the oldest first: those let go while
        pending (while they still are), then the held ones."""
        elders = self.elders
        elders[:] = [info for info in elders if info[STATE] == PENDING]
        out = [(info, info[NAME]) for info in elders[:limit]]
        for task, info in zip(self.held, self.records):
            if len(out) >= limit:
                break
            try:
                if info[STATE] == PENDING and not task.done():
                    out.append((info, task.get_name()))
            except Exception:
                pass
        return out

    def record_of(self):
        """id(task) -> record of the held tasks (for the once-a-second look at all_tasks())."""
        return dict(zip(map(id, self.held), self.records))


def _done(task):
    try:
        return bool(task.done())
    except Exception:
        return True  # a task that cannot say is no longer followed (counted as ended)
