"""A routine as the rest of itbtimer sees it: frozen values, standard library only.

Reading a routine file (YAML) and checking it is the job of itbtimer.routine_files
(`load_routine`, `parse_routine`); this module knows nothing of files.
"""

from __future__ import annotations

from dataclasses import dataclass

from itbtimer.core.enums import StrEnum

SIDE_NAMES = ("left", "right")


@dataclass(frozen=True)
class Rest:
    """A rest: fixed (minimum == maximum) or flexible (you may go from the minimum)."""

    min_seconds: int
    max_seconds: int

    @property
    def flexible(self) -> bool:
        return self.min_seconds < self.max_seconds


NO_REST = Rest(0, 0)


@dataclass(frozen=True)
class Growth:
    """`progress: {by: 5s, up_to: 60s}` (seconds: timed work, or a hold's `expect`) or
    `{by: 2, up_to: 15}` (reps): each level adds `by`, never past `up_to`
    (core/progression.py)."""

    by: int
    up_to: int


DEFAULT_PAIN_AT_MOST = 3  # progression: step up when two answers are at most this (0-10)


class ExerciseMode(StrEnum):
    """How an exercise ends: after `work` seconds, or when the person presses Done."""

    TIMED = "timed"  # work: 30s
    REPS = "reps"  # reps: 8-12, Done when counted
    UNTIL = "until"  # until: shaking, Done when it is reached (a hold)


class Side(StrEnum):
    """A side of a one-sided exercise (`sides: both` in a routine; a step's and a hold's
    `side`, None for a two-sided move)."""

    LEFT = "left"
    RIGHT = "right"


class PictureKind(StrEnum):
    PNG = "PNG"
    GIF = "GIF"


@dataclass(frozen=True)
class Picture:
    """An exercise's `image:`, as its check found it (routine_files/images.py)."""

    path: str  # where it is (the routine's folder joined with what the routine says)
    kind: PictureKind
    width: int
    height: int
    frames: int = 1  # an animated GIF: more than one

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    def describe(self) -> str:
        """"banana.gif (GIF, 240×240, animated: 24 frames)"."""
        moving = f", animated: {self.frames} frames" if self.frames > 1 else ""
        return f"{self.name} ({self.kind}, {self.width}×{self.height}{moving})"


@dataclass(frozen=True)
class Exercise:
    name: str
    mode: ExerciseMode
    work: int | None  # seconds, for timed exercises
    reps: str | None  # "10" or "8-12"
    until: str | None  # a label shown to the person ("shaking"), never interpreted
    sides: tuple[str, ...]  # () for a two-sided move
    sets: int
    rest: Rest
    cue: str | None = None
    all_sets_per_side: bool = False  # every set on the first side, then on the second
    rep_seconds: int | None = None  # an estimate of one rep, for reps exercises
    expect: int | None = None  # an estimate of an `until` hold
    how: str | None = None  # how to do it and what to feel: a few sentences, shown on screen
    tempo: tuple[int, int, int] | None = None  # reps: seconds down, hold, up (`tempo: 3-1-3`)
    link: str | None = None  # an http(s) address (the physio's video): shown, never fetched
    growth: Growth | None = None  # `progress:`: how it grows when the knee allows
    image: Picture | None = None  # a PNG or GIF beside the routine, shown by the countdown

    @property
    def estimate(self) -> int | None:
        """About how long one side of one set takes, for a step that waits for Done."""
        if self.mode == ExerciseMode.UNTIL:
            return self.expect
        if self.mode == ExerciseMode.REPS and self.reps and self.rep_seconds:
            low, _, high = self.reps.partition("-")
            count = (int(low) + int(high or low) + 1) // 2  # 8-12 counts as 10
            return count * self.rep_seconds
        return None


@dataclass(frozen=True)
class Section:
    name: str
    exercises: tuple[Exercise, ...]
    rounds: int = 1
    note: str | None = None
    cue: str | None = None
    round_rest: Rest | None = None  # between rounds; None: the rest of the exercise before
    sets_up_to: int | None = None  # `progress: {sets_up_to: 3}`: one more set a level


# What a copy of a bundled routine is called ("ITB recovery (my copy)").
COPY_SUFFIX = " (my copy)"


@dataclass(frozen=True)
class Routine:
    name: str
    sections: tuple[Section, ...]
    description: str | None = None
    cue: str | None = None
    per_week: int | None = None
    get_ready: int = 10
    switch: int = 5
    source: str = "<routine>"
    fingerprint: str = ""
    ask: str | None = None  # the question after the session ("knee pain"); None: ask nothing
    id: str | None = None  # the history it continues (`id:`): kept by copies and renames
    pain_at_most: int = DEFAULT_PAIN_AT_MOST  # `progress: {pain_at_most: 3}` at the top

    @property
    def identity(self) -> str:
        """What its sessions are recorded under: its `id:`, else its name. A copy or a
        renamed routine keeps its origin's identity, so its history stays one history."""
        return self.id or self.name
