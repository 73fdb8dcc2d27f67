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


MAX_PACED_REPS = 100  # ticks stop after the highest rep count (or this many); Done ends it


class RepAt(NamedTuple):
    """Where a paced rep is: which rep (from 1), which phase (0 down, 1 hold, 2 up) and
    the seconds left in that phase."""

    rep: int
    phase: int
    left: float


def rep_at(tempo: tuple[int, int, int], elapsed: float) -> RepAt:
    """The rep and phase `elapsed` seconds into a paced reps step."""
    rep, into = divmod(max(0.0, elapsed), sum(tempo))
    for phase, seconds in enumerate(tempo):
        if into < seconds:
            return RepAt(int(rep) + 1, phase, seconds - into)
        into -= seconds
    return RepAt(int(rep) + 2, 0, float(tempo[0]))  # rounding at a rep's very end


def highest_rep(reps: str) -> int:
    """"8-12" -> 12, "10" -> 10, at most MAX_PACED_REPS."""
    return min(MAX_PACED_REPS, int(reps.rpartition("-")[2]))


def reps_counted(tempo: tuple[int, int, int], reps: str, seconds: float) -> int:
    """The paced reps done in `seconds`: the whole reps the tempo counted (each down, hold
    and up), at most the highest count (the ticks stop there)."""
    return min(highest_rep(reps), int(max(0.0, seconds) // sum(tempo)))


def tempo_ticks(tempo: tuple[int, int, int], reps: str) -> list[float]:
    """Seconds into the step of each phase change of each rep, up to the end of the highest
    rep; not at 0 (the go sound starts the first rep), none for a hold of 0 s."""
    down, hold, up = tempo
    ticks: set[float] = set()
    start = 0.0
    for _ in range(highest_rep(reps)):
        ticks |= {start, start + down, start + down + hold}  # a hold of 0: one tick there
        start += down + hold + up
    return sorted((ticks | {start}) - {0.0})


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
    # Every cue of the visit in order, fired or not, for the (added, beat) it was made for:
    # the engine asks for the next cue at every tick (100 a second on a fast screen), and
    # the timetable changes only when time is added or a best is set.
    _timetable: tuple[float, float | None, list[tuple[float, CueKey]]] | None = field(
        default=None, init=False, repr=False, compare=False)

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
        """(offset into the visit, cue) for every cue of this visit not yet fired, in order."""
        return [cue for cue in self._all_cues() if cue[1] not in self.fired]

    def next_cue(self) -> tuple[float, CueKey] | None:
        """The first of `cues()`, or None when every cue has fired."""
        return next((cue for cue in self._all_cues() if cue[1] not in self.fired), None)

    def _all_cues(self) -> list[tuple[float, CueKey]]:
        made = self._timetable
        if made is None or made[0] != self.added or made[1] != self.beat:
            made = self._timetable = (self.added, self.beat, self._timetable_now())
        return made[2]

    def _timetable_now(self) -> list[tuple[float, CueKey]]:
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
        elif step.tempo and step.reps:
            due += [(at, CueKey(CueSound.TICK, n))
                    for n, at in enumerate(tempo_ticks(step.tempo, step.reps), 1)]
        return sorted(due)
