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
from dataclasses import dataclass, field

from .errors import ItbtimerError
from .events import (
    Cue,
    Event,
    Extended,
    Finished,
    Paused,
    Restarted,
    Resumed,
    SessionStarted,
    Skipped,
    StepDone,
    StepStarted,
    Stopped,
    WentBack,
)
from .plan import Plan, Step

BACK_RESTARTS_AFTER = 3.0  # seconds into a work step after which `back` restarts it
COUNTDOWN_FROM = 3  # pips at 3, 2, 1 s before the end ...
COUNTDOWN_MIN_STEP = 4  # ... of every timed step at least this long
HALFWAY_MIN_STEP = 60
START_SOUNDS = {"work": "go", "rest": "rest", "switch": "switch"}


class SessionError(ItbtimerError):
    """A command the session cannot take in its present state."""


class NotStarted(SessionError):
    pass


class SessionOver(SessionError):
    pass


@dataclass
class StepRecord:
    """What happened to one step of the plan (its last visit)."""

    index: int
    step: Step
    status: str = "not_reached"  # done | skipped | left | stopped | not_reached
    active_seconds: float = 0.0
    added_seconds: float = 0.0
    visits: int = 0


@dataclass(frozen=True)
class View:
    """Everything a screen needs, at one moment."""

    state: str  # ready | running | paused | finished | stopped
    index: int
    count: int
    step: Step
    next_step: Step | None
    elapsed: float  # active seconds into this step
    remaining: float | None  # timed steps only
    step_progress: float | None  # 0..1, timed steps only
    session_progress: float  # 0..1
    can_go: bool  # a flexible rest has reached its minimum
    routine_left: float  # seconds of timed steps still to come, this one included
    active_seconds: float
    paused_seconds: float
    added_seconds: float

    @property
    def paused(self) -> bool:
        return self.state == "paused"


@dataclass
class _Visit:
    index: int
    start: float  # active time
    added: float = 0.0
    fired: set[str] = field(default_factory=set)


class Session:
    def __init__(self, plan: Plan):
        if not plan.steps:
            raise SessionError("this routine has no steps")
        self.plan = plan
        self.steps = plan.steps
        self.state = "ready"
        self.records = [StepRecord(i, s) for i, s in enumerate(self.steps)]
        self._visit = _Visit(0, 0.0)
        self._started_at: float | None = None
        self._origin = 0.0  # wall time minus active time, while running
        self._paused_total = 0.0
        self._paused_since: float | None = None
        self._ended_active: float | None = None
        self._ended_at: float | None = None
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
        return self.state in ("finished", "stopped")

    @property
    def step(self) -> Step:
        return self.steps[self._visit.index]

    # --- the schedule of one step visit ------------------------------------------------

    def _cues(self) -> list[tuple[float, str]]:
        """(offset into the visit, cue key) for every cue of this visit not yet fired."""
        step, visit = self.step, self._visit
        due: list[tuple[float, str]] = []
        if step.kind in START_SOUNDS:
            due.append((0.0, "start"))
        if step.timed:
            length = step.seconds + visit.added  # type: ignore[operator]
            if step.seconds >= COUNTDOWN_MIN_STEP:  # type: ignore[operator]
                due += [(length - k, f"countdown{k}") for k in range(COUNTDOWN_FROM, 0, -1)]
            if step.kind == "work" and step.seconds >= HALFWAY_MIN_STEP:  # type: ignore[operator]
                due.append((step.seconds / 2, "halfway"))  # type: ignore[operator]
            if step.flexible:
                due.append((float(step.min_seconds), "ready"))  # type: ignore[arg-type]
        return sorted((o, k) for o, k in due if k not in visit.fired)

    def _end(self) -> float:
        """Active time at which this visit ends by itself (inf for reps/until)."""
        if not self.step.timed:
            return math.inf
        return self._visit.start + self.step.seconds + self._visit.added  # type: ignore[operator]

    def _sound(self, key: str) -> str:
        if key == "start":
            return START_SOUNDS[self.step.kind]
        return "countdown" if key.startswith("countdown") else key

    def _advance(self, now: float) -> list[Event]:
        """Every event due up to `now`, in order, each at its due time."""
        if self.state != "running":
            return []
        target = self._active(now)
        out: list[Event] = []
        while self.state == "running":
            cues = self._cues()
            end = self._end()
            if cues and self._visit.start + cues[0][0] <= min(target, end):
                offset, key = cues[0]
                self._visit.fired.add(key)
                at = self._wall(self._visit.start + offset)
                out.append(Cue(at, self._sound(key), self._visit.index))
            elif end <= target:
                out += self._leave(end, "done")
                out += self._enter(self._visit.index + 1, end)
            else:
                break
        return out

    # --- moving between steps ----------------------------------------------------------

    def _leave(self, active: float, status: str) -> list[Event]:
        visit = self._visit
        record = self.records[visit.index]
        record.status = status
        record.active_seconds = active - visit.start
        record.added_seconds = visit.added
        at = self._wall(active) if self._paused_since is None else self._last_now
        return [StepDone(at, visit.index, record.active_seconds, status == "skipped",
                         visit.added)]

    def _enter(self, index: int, active: float) -> list[Event]:
        """Begin a visit of step `index` at active time `active` (or finish)."""
        at = self._wall(active) if self._paused_since is None else self._last_now
        if index >= len(self.steps):
            # Done on the last step ends the session, paused or not: the finish sound
            # answers the person's own key press.
            if self._paused_since is not None:
                self._paused_total += at - self._paused_since
                self._paused_since = None
            self._ended_active = active
            self._ended_at = at
            self.state = "finished"
            return [Cue(at, "finish", len(self.steps) - 1), Finished(at)]
        self._visit = _Visit(index, active)
        self.records[index].visits += 1
        return [StepStarted(at, index, self.steps[index])]

    # --- commands ----------------------------------------------------------------------

    def _command(self, now: float) -> tuple[float, list[Event]]:
        if self.over:
            raise SessionOver(f"the session has {self.state}; start a new one")
        if self._started_at is None:
            raise NotStarted("the session has not started yet")
        now = self._clamp(now)
        return now, self._advance(now)

    def start(self, now: float) -> list[Event]:
        if self.over:
            raise SessionOver(f"the session has {self.state}; start a new one")
        if self._started_at is not None:
            raise SessionError("the session has already started")
        now = self._clamp(now)
        self._started_at = now
        self._origin = now
        self.state = "running"
        out: list[Event] = [SessionStarted(now)]
        out += self._enter(0, 0.0)
        return out + self._advance(now)

    def tick(self, now: float) -> list[Event]:
        if self._started_at is None or self.over:
            return []
        return self._advance(self._clamp(now))

    def pause(self, now: float) -> list[Event]:
        now, out = self._command(now)
        if self.state != "running":
            return out
        self._paused_since = now
        self.state = "paused"
        return out + [Paused(now)]

    def resume(self, now: float) -> list[Event]:
        now, out = self._command(now)
        if self.state != "paused":
            return out
        assert self._paused_since is not None
        self._paused_total += now - self._paused_since
        self._origin += now - self._paused_since
        self._paused_since = None
        self.state = "running"
        return out + [Resumed(now)] + self._advance(now)

    def toggle(self, now: float) -> list[Event]:
        if self._started_at is None and not self.over:
            return self.start(now)
        if self.state == "paused":
            return self.resume(now)
        return self.pause(now)

    def next(self, now: float) -> list[Event]:
        """Skip a timed step; Done on a reps/until step; go on from a flexible rest."""
        now, out = self._command(now)
        if self.over:
            return out
        step, active = self.step, self._active(now)
        elapsed = active - self._visit.start
        done_early = not step.timed or (step.flexible and elapsed >= step.min_seconds)
        if not done_early:
            out.append(Skipped(now, self._visit.index))
        out += self._leave(active, "done" if done_early else "skipped")
        out += self._enter(self._visit.index + 1, active)
        return out + self._advance(now)

    def back(self, now: float) -> list[Event]:
        """Restart a work step more than 3 s in; else go to the previous work step."""
        now, out = self._command(now)
        if self.over:
            return out
        active = self._active(now)
        here = self._visit.index
        if self.step.kind == "work" and active - self._visit.start > BACK_RESTARTS_AFTER:
            return out + self._restart(now, active)
        target = next((i for i in range(here - 1, -1, -1) if self.steps[i].kind == "work"), None)
        if target is None:
            return out + self._restart(now, active)
        out += self._leave(active, "left")
        out.append(WentBack(now, here, target))
        out += self._enter(target, active)
        return out + self._advance(now)

    def restart_step(self, now: float) -> list[Event]:
        now, out = self._command(now)
        if self.over:
            return out
        return out + self._restart(now, self._active(now))

    def _restart(self, now: float, active: float) -> list[Event]:
        index = self._visit.index
        out = self._leave(active, "left")
        out.append(Restarted(now, index))
        out += self._enter(index, active)
        return out + self._advance(now)

    def extend(self, now: float, seconds: float = 10.0) -> list[Event]:
        """Add time to the running timed step (a rest too); reps/until steps have no end."""
        now, out = self._command(now)
        if self.over or not self.step.timed or seconds <= 0:
            return out
        self._visit.added += seconds
        return out + [Extended(now, self._visit.index, seconds)]

    def stop(self, now: float) -> list[Event]:
        now, out = self._command(now)
        if self.over:
            return out
        active = self._active(now)
        if self._paused_since is not None:
            self._paused_total += now - self._paused_since
            self._paused_since = None
        out += self._leave(active, "stopped")
        self._ended_active = active
        self._ended_at = now
        self.state = "stopped"
        return out + [Stopped(now)]

    # --- reading -----------------------------------------------------------------------

    def next_due(self) -> float | None:
        """When the next event falls due on its own (None while paused or waiting)."""
        if self.state != "running":
            return None
        cues = self._cues()
        due = self._end()
        if cues:
            due = min(due, self._visit.start + cues[0][0])
        return None if due == math.inf else self._wall(due)

    def active_seconds(self, now: float) -> float:
        return self._active(now)

    def paused_seconds(self, now: float) -> float:
        current = now - self._paused_since if self._paused_since is not None else 0.0
        return self._paused_total + max(0.0, current)

    @property
    def started_at(self) -> float | None:
        return self._started_at

    @property
    def ended_at(self) -> float | None:
        return self._ended_at

    def view(self, now: float) -> View:
        """The state at `now` as last advanced (call tick(now) first for the latest)."""
        step, visit = self.step, self._visit
        active = self._active(max(now, self._last_now))
        elapsed = max(0.0, min(active, self._end()) - visit.start)
        if self.state == "finished":
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
        if self.state == "finished":
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
        )
