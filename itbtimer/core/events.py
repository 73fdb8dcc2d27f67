"""What a session says happened: small frozen events, each with the time it was due.

`at` is on the caller's clock (the `now` passed to the session). For events the
session produced by itself (a step ending, a countdown pip) it is the exact time
the event fell due, even when the caller asked late.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar

from itbtimer.core.enums import StrEnum
from itbtimer.core.plan import Step


class CueSound(StrEnum):
    """The eight cue sounds; each is a WAV file of that name (assets/sounds/go.wav)."""

    COUNTDOWN = "countdown"  # a pip, 3, 2 and 1 s before a timed step ends
    GO = "go"  # a work step starts
    REST = "rest"  # a rest starts
    SWITCH = "switch"  # a switch of sides starts
    HALFWAY = "halfway"  # half of a long work step is done
    READY = "ready"  # a flexible rest has reached its minimum: go when ready
    FINISH = "finish"  # the routine is done
    NEW_BEST = "new_best"  # a hold's count passes the person's best (core/bests.py)
    TICK = "tick"  # a soft tick at each phase of a paced rep (`tempo: 3-1-3`)


@dataclass(frozen=True)
class Event:
    at: float
    name: ClassVar[str] = "event"

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k not in ("at", "step")}
        return {"event": self.name, **data}


@dataclass(frozen=True)
class SessionStarted(Event):
    name: ClassVar[str] = "session_started"


@dataclass(frozen=True)
class StepStarted(Event):
    index: int
    step: Step
    name: ClassVar[str] = "step_started"

    def to_json(self) -> dict[str, Any]:
        return {"event": self.name, "index": self.index, "kind": self.step.kind,
                "name": self.step.name, "side": self.step.side, "set": self.step.set}


@dataclass(frozen=True)
class Cue(Event):
    """A sound is due: countdown, go, rest, switch, halfway, ready, finish, new best or tick."""

    sound: CueSound
    index: int
    name: ClassVar[str] = "cue"


@dataclass(frozen=True)
class StepDone(Event):
    index: int
    active_seconds: float
    skipped: bool
    added_seconds: float
    name: ClassVar[str] = "step_done"


@dataclass(frozen=True)
class Paused(Event):
    name: ClassVar[str] = "paused"


@dataclass(frozen=True)
class Resumed(Event):
    name: ClassVar[str] = "resumed"


@dataclass(frozen=True)
class Skipped(Event):
    index: int
    name: ClassVar[str] = "skipped"


@dataclass(frozen=True)
class WentBack(Event):
    from_index: int
    to_index: int
    name: ClassVar[str] = "back"


@dataclass(frozen=True)
class Restarted(Event):
    index: int
    name: ClassVar[str] = "restarted"


@dataclass(frozen=True)
class Extended(Event):
    index: int
    seconds: float
    name: ClassVar[str] = "extended"


@dataclass(frozen=True)
class Finished(Event):
    name: ClassVar[str] = "finished"


@dataclass(frozen=True)
class Stopped(Event):
    name: ClassVar[str] = "stopped"
