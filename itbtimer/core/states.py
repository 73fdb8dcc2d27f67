"""The session's words: its states, what became of each step, and what a screen reads.

Kept apart from the engine (session.py) so readers (the presenter, history, the
window) import the shapes without the machinery.
"""

from __future__ import annotations

from dataclasses import dataclass

from itbtimer.core.bests import HoldTarget
from itbtimer.core.enums import StrEnum
from itbtimer.core.plan import Step
from itbtimer.errors import ItbtimerError


class SessionState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"

    @property
    def over(self) -> bool:
        return self in (SessionState.FINISHED, SessionState.STOPPED)


class StepStatus(StrEnum):
    """What became of a step (its last visit)."""

    NOT_REACHED = "not_reached"
    DONE = "done"
    SKIPPED = "skipped"
    INTERRUPTED = "interrupted"  # left by Back or Restart, before its end (was "left")
    STOPPED = "stopped"


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
    status: StepStatus = StepStatus.NOT_REACHED
    active_seconds: float = 0.0
    added_seconds: float = 0.0
    visits: int = 0


@dataclass(frozen=True)
class View:
    """Everything a screen needs, at one moment."""

    state: SessionState
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
    target: HoldTarget | None = None  # a hold's best to beat (and last), from the history
    new_best: bool = False  # this hold's count has passed that best

    @property
    def paused(self) -> bool:
        return self.state == SessionState.PAUSED
