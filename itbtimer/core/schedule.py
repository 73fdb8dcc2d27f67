"""When each cue of one step visit falls due: the engine's timetable, no clock.

A visit starts at a point of active time; its cues are offsets from there, and a
timed step ends at start + length + time added.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

from itbtimer.core.bests import passing_point
from itbtimer.core.events import CueSound
from itbtimer.core.plan import Step, StepKind

COUNTDOWN_FROM = 3  # pips at 3, 2, 1 s before the end ...
COUNTDOWN_MIN_STEP = 4  # ... of every timed step at least this long
HALFWAY_MIN_STEP = 60
START_SOUNDS = {StepKind.WORK: CueSound.GO, StepKind.REST: CueSound.REST,
                StepKind.SWITCH: CueSound.SWITCH}


class CueKey(NamedTuple):
    """One cue of a visit: its sound and, for the countdown, which pip (3, 2, 1; else 0)."""

    sound: CueSound
    pip: int = 0


@dataclass
class Visit:
    """One visit of a step (Back and Restart make new visits)."""

    index: int
    step: Step
    start: float  # active time
    added: float = 0.0
    fired: set[CueKey] = field(default_factory=set)
    beat: float | None = None  # a hold's best to beat (its "New best" cue); None: none

    @property
    def length(self) -> float:
        """Seconds from start to end (inf for reps/until steps, which wait for Done)."""
        if self.step.seconds is None:
            return math.inf
        return self.step.seconds + self.added

    def end(self) -> float:
        """Active time at which this visit ends by itself (inf for reps/until)."""
        return self.start + self.length

    def cues(self) -> list[tuple[float, CueKey]]:
        """(offset into the visit, cue) for every cue of this visit not yet fired."""
        step = self.step
        due: list[tuple[float, CueKey]] = []
        if step.kind in START_SOUNDS:
            due.append((0.0, CueKey(START_SOUNDS[step.kind])))
        if step.seconds is not None:
            if step.seconds >= COUNTDOWN_MIN_STEP:
                due += [(self.length - k, CueKey(CueSound.COUNTDOWN, k))
                        for k in range(COUNTDOWN_FROM, 0, -1)]
            if step.kind == StepKind.WORK and step.seconds >= HALFWAY_MIN_STEP:
                due.append((step.seconds / 2, CueKey(CueSound.HALFWAY)))
            if step.min_seconds is not None:
                due.append((float(step.min_seconds), CueKey(CueSound.READY)))
        elif self.beat is not None and step.kind == StepKind.WORK and step.until is not None:
            due.append((passing_point(self.beat), CueKey(CueSound.NEW_BEST)))
        return sorted((o, k) for o, k in due if k not in self.fired)
