"""The session: a pure state machine that walks a plan against a clock it is given.

No I/O and no clock of its own: every call takes `now` (seconds on any monotonic
clock) and returns the events that happened up to then. Everything that decides
what happens when lives here; the window, the sound player and the history log
are only callers.

Time inside is *active time*: seconds since start with paused time left out.
Each step visit has a start in active time; its end is start + length + time
added. Events are computed from those deadlines, never by counting ticks, so a
caller may tick every millisecond or every five seconds and get the same events
with the same due times.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import itbtimer.core.commands as do
import itbtimer.core.events as ev
from itbtimer.core.bests import HoldKey, HoldTarget, passing_point
from itbtimer.core.plan import Plan, Step, StepKind
from itbtimer.core.routine import ExerciseMode
from itbtimer.core.schedule import Visit
from itbtimer.core.states import (
    NotStarted,
    SessionError,
    SessionOver,
    SessionState,
    StepRecord,
    StepStatus,
    View,
)

__all__ = ["SHORTEST_HOLD", "NotStarted", "Session", "SessionError", "SessionOver", "SessionState",
           "StepRecord", "StepStatus", "View"]

BACK_RESTARTS_AFTER = 3.0  # seconds into a work step after which `back` restarts it
# A hold ("until shaking") ended by Done sooner than this was skipped, not held: a quick →
# past it must not put "best 0:00" on the start screen (docs/history-format.md).
SHORTEST_HOLD = 3.0


class Session:
    def __init__(self, plan: Plan, targets: Mapping[HoldKey, HoldTarget] | None = None):
        """`targets`: the holds to beat, by exercise and side (the history's bests); a hold
        beaten in this session is the one to beat in its next set."""
        if not plan.steps:
            raise SessionError("this routine has no steps")
        self.plan = plan
        self.targets: dict[HoldKey, HoldTarget] = dict(targets or {})
        self.steps = plan.steps
        self.state = SessionState.READY
        self.records = [StepRecord(i, s) for i, s in enumerate(self.steps)]
        self._visit = Visit(0, self.steps[0], 0.0, beat=self._best_of(0))
        self._started_at: float | None = None
        self._origin = 0.0  # wall time minus active time, while running
        self._paused_total = 0.0
        self._paused_since: float | None = None
        self._ended_active: float | None = None
        self._last_now = -math.inf
        # seconds of timed steps from each index to the end
        self._left_from = [0.0] * (len(self.steps) + 1)
        for i in range(len(self.steps) - 1, -1, -1):
            self._left_from[i] = self._left_from[i + 1] + (self.steps[i].seconds or 0)
        total = self.plan.total_seconds
        self._before = [total - self._left_from[i] for i in range(len(self.steps))]

    # --- clock --------------------------------------------------------------------------

    def _clamp(self, now: float) -> float:
        now = max(now, self._last_now)  # a clock never runs backwards here
        self._last_now = now
        return now

    def _active(self, now: float) -> float:
        if self._ended_active is not None:
            return self._ended_active
        if self._started_at is None:
            return 0.0
        if self._paused_since is not None:
            return self._paused_since - self._origin
        return now - self._origin

    def _wall(self, active: float) -> float:
        return self._origin + active

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def step(self) -> Step:
        return self.steps[self._visit.index]

    def _advance(self, now: float) -> list[ev.Event]:
        """Every event due up to `now`, in order, each at its due time."""
        if self.state != SessionState.RUNNING:
            return []
        target = self._active(now)
        out: list[ev.Event] = []
        while self.state == SessionState.RUNNING:
            cue = self._visit.next_cue()
            end = self._visit.end()
            if cue is not None and self._visit.start + cue[0] <= min(target, end):
                offset, key = cue
                self._visit.fired.add(key)
                at = self._wall(self._visit.start + offset)
                out.append(ev.Cue(at, key.sound, self._visit.index))
            elif end <= target:
                out += self._leave(end, StepStatus.DONE)
                out += self._enter(self._visit.index + 1, end)
            else:
                break
        return out

    # --- moving between steps ----------------------------------------------------------

    def _leave(self, active: float, status: StepStatus) -> list[ev.Event]:
        visit = self._visit
        record = self.records[visit.index]
        record.status = status
        record.active_seconds = active - visit.start
        record.added_seconds = visit.added
        if status == StepStatus.DONE:
            self._beaten(visit.index, record.active_seconds)
        at = self._wall(active) if self._paused_since is None else self._last_now
        return [ev.StepDone(at, visit.index, record.active_seconds, status == StepStatus.SKIPPED,
                         visit.added)]

    def target(self, index: int) -> HoldTarget | None:
        """The hold to beat on step `index` (a hold with a best), else None."""
        step = self.steps[index]
        if step.kind != StepKind.WORK or step.until is None:
            return None
        return self.targets.get((step.name, step.side))

    def _best_of(self, index: int) -> float | None:
        target = self.target(index)
        return target.best if target is not None else None

    def _beaten(self, index: int, held: float) -> None:
        """A hold done longer than its best is the best to beat from now on."""
        target = self.target(index)
        if target is not None and held > target.best:
            step = self.steps[index]
            self.targets[(step.name, step.side)] = HoldTarget(held, target.last)

    def _enter(self, index: int, active: float) -> list[ev.Event]:
        """Begin a visit of step `index` at active time `active` (or finish)."""
        at = self._wall(active) if self._paused_since is None else self._last_now
        if index >= len(self.steps):
            # Done on the last step ends the session, paused or not: the finish sound
            # answers the person's own key press.
            if self._paused_since is not None:
                self._paused_total += at - self._paused_since
                self._paused_since = None
            self._ended_active = active
            self.state = SessionState.FINISHED
            return [ev.Cue(at, ev.CueSound.FINISH, len(self.steps) - 1), ev.Finished(at)]
        self._visit = Visit(index, self.steps[index], active, beat=self._best_of(index))
        self.records[index].visits += 1
        return [ev.StepStarted(at, index, self.steps[index])]

    # --- commands ----------------------------------------------------------------------

    def _command(self, now: float) -> tuple[float, list[ev.Event]]:
        if self.over:
            raise SessionOver(f"the session has {self.state}; start a new one")
        if self._started_at is None:
            raise NotStarted("the session has not started yet")
        now = self._clamp(now)
        return now, self._advance(now)

    def apply(self, command: do.Command, now: float) -> list[ev.Event]:
        """One entry point for every command (keys, buttons, a remote control)."""
        if isinstance(command, do.Extend):
            return self.extend(now, command.seconds)
        handlers = {do.Start: self.start, do.TogglePause: self.toggle, do.Pause: self.pause,
                    do.Resume: self.resume, do.Next: self.next, do.Back: self.back,
                    do.Restart: self.restart_step, do.Stop: self.stop}
        handler = handlers.get(type(command))
        if handler is None:
            raise SessionError(f"the session does not know the command {command!r}")
        return handler(now)

    def start(self, now: float) -> list[ev.Event]:
        if self.over:
            raise SessionOver(f"the session has {self.state}; start a new one")
        if self._started_at is not None:
            raise SessionError("the session has already started")
        now = self._clamp(now)
        self._started_at = now
        self._origin = now
        self.state = SessionState.RUNNING
        out: list[ev.Event] = [ev.SessionStarted(now)]
        out += self._enter(0, 0.0)
        return out + self._advance(now)

    def tick(self, now: float) -> list[ev.Event]:
        if self._started_at is None or self.over:
            return []
        return self._advance(self._clamp(now))

    def pause(self, now: float) -> list[ev.Event]:
        now, out = self._command(now)
        if self.state != SessionState.RUNNING:
            return out
        self._paused_since = now
        self.state = SessionState.PAUSED
        return out + [ev.Paused(now)]

    def resume(self, now: float) -> list[ev.Event]:
        now, out = self._command(now)
        if self.state != SessionState.PAUSED:
            return out
        assert self._paused_since is not None
        self._paused_total += now - self._paused_since
        self._origin += now - self._paused_since
        self._paused_since = None
        self.state = SessionState.RUNNING
        return out + [ev.Resumed(now)] + self._advance(now)

    def toggle(self, now: float) -> list[ev.Event]:
        if self._started_at is None and not self.over:
            return self.start(now)
        if self.state == SessionState.PAUSED:
            return self.resume(now)
        return self.pause(now)

    def next(self, now: float) -> list[ev.Event]:
        """Skip a timed step; Done on a reps/until step; go on from a flexible rest."""
        now, out = self._command(now)
        if self.over:
            return out
        step, active = self.step, self._active(now)
        elapsed = active - self._visit.start
        if step.mode == ExerciseMode.UNTIL:  # Done on a hold: held, unless it barely began
            done_early = elapsed >= SHORTEST_HOLD
        else:
            done_early = not step.timed or (step.min_seconds is not None
                                            and elapsed >= step.min_seconds)
        if not done_early:
            out.append(ev.Skipped(now, self._visit.index))
        out += self._leave(active, StepStatus.DONE if done_early else StepStatus.SKIPPED)
        out += self._enter(self._visit.index + 1, active)
        return out + self._advance(now)

    def back(self, now: float) -> list[ev.Event]:
        """Restart a work step more than 3 s in; else go to the previous work step."""
        now, out = self._command(now)
        if self.over:
            return out
        active = self._active(now)
        here = self._visit.index
        if self.step.kind == StepKind.WORK and active - self._visit.start > BACK_RESTARTS_AFTER:
            return out + self._restart(now, active)
        target = next((i for i in range(here - 1, -1, -1)
                       if self.steps[i].kind == StepKind.WORK), None)
        if target is None:
            return out + self._restart(now, active)
        out += self._leave(active, StepStatus.INTERRUPTED)
        out.append(ev.WentBack(now, here, target))
        out += self._enter(target, active)
        return out + self._advance(now)

    def restart_step(self, now: float) -> list[ev.Event]:
        now, out = self._command(now)
        if self.over:
            return out
        return out + self._restart(now, self._active(now))

    def _restart(self, now: float, active: float) -> list[ev.Event]:
        index = self._visit.index
        out = self._leave(active, StepStatus.INTERRUPTED)
        out.append(ev.Restarted(now, index))
        out += self._enter(index, active)
        return out + self._advance(now)

    def extend(self, now: float, seconds: float = 10.0) -> list[ev.Event]:
        """Add time to the running timed step (a rest too); reps/until steps have no end."""
        now, out = self._command(now)
        if self.over or not self.step.timed or seconds <= 0:
            return out
        self._visit.added += seconds
        return out + [ev.Extended(now, self._visit.index, seconds)]

    def stop(self, now: float) -> list[ev.Event]:
        now, out = self._command(now)
        if self.over:
            return out
        active = self._active(now)
        if self._paused_since is not None:
            self._paused_total += now - self._paused_since
            self._paused_since = None
        out += self._leave(active, StepStatus.STOPPED)
        self._ended_active = active
        self.state = SessionState.STOPPED
        return out + [ev.Stopped(now)]

    # --- reading -----------------------------------------------------------------------

    def next_due(self) -> float | None:
        """When the next event falls due on its own (None while paused or waiting)."""
        if self.state != SessionState.RUNNING:
            return None
        cue = self._visit.next_cue()
        due = self._visit.end()
        if cue is not None:
            due = min(due, self._visit.start + cue[0])
        return None if due == math.inf else self._wall(due)

    def active_seconds(self, now: float) -> float:
        return self._active(now)

    def paused_seconds(self, now: float) -> float:
        current = now - self._paused_since if self._paused_since is not None else 0.0
        return self._paused_total + max(0.0, current)

    @property
    def started_at(self) -> float | None:
        return self._started_at

    def view(self, now: float) -> View:
        """The state at `now` as last advanced (call tick(now) first for the latest)."""
        step, visit = self.step, self._visit
        active = self._active(max(now, self._last_now))
        elapsed = max(0.0, min(active, self._visit.end()) - visit.start)
        if self.state == SessionState.FINISHED:
            elapsed = (step.seconds or 0) + visit.added if step.timed else elapsed
        remaining = progress = None
        done_before = self._before[visit.index]
        if step.timed:
            length = step.seconds + visit.added  # type: ignore[operator]
            remaining = max(0.0, length - elapsed)
            progress = min(1.0, elapsed / length) if length else 1.0
            done_before += min(float(step.seconds), elapsed)  # type: ignore[arg-type]
            routine_left = remaining + self._left_from[visit.index + 1]
        else:
            routine_left = self._left_from[visit.index + 1]
        total = self.plan.total_seconds
        session_progress = done_before / total if total else visit.index / len(self.steps)
        if self.state == SessionState.FINISHED:
            session_progress, routine_left, remaining = 1.0, 0.0, 0.0 if step.timed else None
        next_index = visit.index + 1
        return View(
            state=self.state,
            index=visit.index,
            count=len(self.steps),
            step=step,
            next_step=self.steps[next_index] if next_index < len(self.steps) else None,
            elapsed=elapsed,
            remaining=remaining,
            step_progress=progress,
            session_progress=min(1.0, session_progress),
            can_go=bool(step.flexible and elapsed >= (step.min_seconds or 0)),
            routine_left=routine_left,
            active_seconds=active,
            paused_seconds=self.paused_seconds(max(now, self._last_now)),
            added_seconds=visit.added,
            target=(target := self.target(visit.index)),
            new_best=target is not None and elapsed >= passing_point(target.best),
        )
