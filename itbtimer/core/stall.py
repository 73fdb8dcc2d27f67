"""Time the person could not have seen: a stalled process or a sleeping computer.

A running session is only trusted while its ticks come when they were asked for.
When a tick comes more than 2 s after it was scheduled (the process was stopped,
swapped out, held in a debugger), or the computer slept since the previous tick,
the session is paused as of the previous tick: no cue due inside the gap plays,
the gap is paused time, and the screen says why. Space resumes exactly there.

Pure: no clock is read here. The loop reports when a tick was scheduled and when it
ran (real monotonic seconds) and how long the computer slept in between (the growth
of CLOCK_BOOTTIME minus that of CLOCK_MONOTONIC, read by the shell).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from itbtimer.core.enums import StrEnum
from itbtimer.core.events import Event
from itbtimer.core.states import SessionState

HELD_UP_AFTER = 2.0  # real seconds a tick may come late before the session is paused
LATE_CUE_SECONDS = 0.5  # a cue later than this is not played (it would mislead)


class HoldUpKind(StrEnum):
    HELD_UP = "held_up"  # the process did not run (SIGSTOP, swapping, a debugger)
    ASLEEP = "asleep"  # the computer was suspended


@dataclass(frozen=True)
class HoldUp:
    """Why the session was paused by itself, in words for the screen."""

    kind: HoldUpKind
    seconds: float  # real seconds lost

    @property
    def message(self) -> str:
        if self.kind is HoldUpKind.ASLEEP:
            return "Paused: the computer was asleep"
        return f"Paused: the timer was held up for {round(self.seconds)} s"

    def to_json(self) -> dict[str, object]:
        return {"why": self.kind.value, "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class TickTimes:
    """What the loop knows about one tick, in real seconds on the monotonic clock."""

    at: float  # when the tick ran
    scheduled: float | None = None  # when it was asked for (None: a tick nobody scheduled)
    asleep: float = 0.0  # seconds the computer was suspended since the previous tick


def held_up(tick: TickTimes) -> HoldUp | None:
    """The hold-up this tick reveals, or None when it came in time."""
    if tick.asleep > HELD_UP_AFTER:
        return HoldUp(HoldUpKind.ASLEEP, tick.asleep)
    if tick.scheduled is not None and tick.at - tick.scheduled > HELD_UP_AFTER:
        return HoldUp(HoldUpKind.HELD_UP, tick.at - tick.scheduled)
    return None


def cue_too_late(due: float, now: float) -> bool:
    """A cue played more than half a second after it fell due (real seconds) misleads."""
    return now - due > LATE_CUE_SECONDS


class Ticked(Protocol):
    """The part of a Session the guard drives."""

    @property
    def state(self) -> SessionState: ...
    def tick(self, now: float) -> list[Event]: ...
    def pause(self, now: float) -> list[Event]: ...


class TickGuard:
    """Ticks a session; pauses it as of the previous tick when a tick came too late.

    `now` is the session's clock (routine time, scaled by --speed); `times` are real.
    The session never goes back in time: a command taken after the previous tick
    (it advanced the session) moves the pause to that command's time.
    """

    def __init__(self) -> None:
        self.previous: float | None = None  # session time of the previous tick
        self.hold_up: HoldUp | None = None  # shown while paused by it; cleared once running

    def tick(self, session: Ticked, now: float, times: TickTimes) -> list[Event]:
        hold = held_up(times)
        previous, self.previous = self.previous, now
        if session.state != SessionState.RUNNING:
            return session.tick(now)
        if hold is None:
            self.hold_up = None
            return session.tick(now)
        self.hold_up = hold
        # never ticked yet: as of the session's own latest time (its start)
        return session.pause(previous if previous is not None else -math.inf)
