"""The figures read from the history: weeks against the target, holds, reps counted, pain
(pure values)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from itbtimer.core.durations import format_clock
from itbtimer.core.enums import StrEnum
from itbtimer.core.routine import Side
from itbtimer.core.runs import DistanceUnit
from itbtimer.history.records import Held

SERIES_POINTS = 1500  # above this many sessions the History charts get one point a week


def pain_label(question: str | None) -> str:
    """What a pain score answers, as a label: "Knee pain" (`ask: knee pain`); "Pain" when
    the record has no question (written before records kept one)."""
    text = question or "pain"
    return text[:1].upper() + text[1:]


SIDE_LETTERS: dict[str, str] = {Side.LEFT: "L", Side.RIGHT: "R"}
ASYMMETRY_WEEKS = 4  # the asymmetry is of the holds (or reps) of the last this many weeks


class Measure(StrEnum):
    """What a per-side figure measures: the time held, or the reps a tempo counted."""

    HOLD = "hold"
    REPS = "reps"


# How one side's figure is less than the other's, in the asymmetry's words
LESS = {Measure.HOLD: "shorter", Measure.REPS: "fewer reps"}


@dataclass(frozen=True)
class Hold:
    """An exercise's holds on one side ("left", "right"), or on both (side None)."""

    exercise: str
    best: float
    last: float
    series: tuple[tuple[datetime, float], ...]  # (session start, longest hold that session)
    side: str | None = None

    @property
    def label(self) -> str:
        """"Side plank (left)", "Plank" (as records.Held.label)."""
        return self.exercise + (f" ({self.side})" if self.side else "")

    def text(self) -> str:
        return f"{self.label}: best {format_clock(self.best)}, last {format_clock(self.last)}"

    def side_text(self) -> str:
        """One side's figure beside the other's: "L best 0:40"."""
        return f"{SIDE_LETTERS.get(self.side or '', self.side)} best {format_clock(self.best)}"


@dataclass(frozen=True)
class Reps:
    """A paced reps exercise's counts on one side ("left", "right"), or on both (side
    None): the most reps counted in one set, in the last session and at best."""

    exercise: str
    best: int
    last: int
    side: str | None = None

    @property
    def label(self) -> str:
        """"Single leg dips (left)", "Squats" (as records.Held.label)."""
        return self.exercise + (f" ({self.side})" if self.side else "")


_Figure = TypeVar("_Figure", Hold, Reps)


def by_exercise(figures: tuple[_Figure, ...]) -> list[tuple[str, list[_Figure]]]:
    """The figures (holds, reps) grouped by exercise, in their order: a one-sided
    exercise's sides together."""
    groups: dict[str, list[_Figure]] = {}
    for figure in figures:
        groups.setdefault(figure.exercise, []).append(figure)
    return list(groups.items())


def reps_lines(reps: tuple[Reps, ...]) -> list[str]:
    """One line per paced reps exercise: "Squats: 11 reps (last), best 12"; a one-sided
    exercise's sides on one line, each on its own: "Single leg dips: L 10 · R 8 reps
    (last), best L 12 · R 9"."""
    lines = []
    for exercise, sides in by_exercise(reps):
        def each(value: Callable[[Reps], int], sides: list[Reps] = sides) -> str:
            return " · ".join(f"{SIDE_LETTERS.get(r.side or '', r.side or '')} {value(r)}"
                              .strip() for r in sides)
        lines.append(f"{exercise}: {each(lambda r: r.last)} reps (last), "
                     f"best {each(lambda r: r.best)}")
    return lines


def hold_lines(holds: tuple[Hold, ...]) -> list[str]:
    """One line per exercise: "Plank: best 0:57, last 0:52"; a one-sided exercise's sides
    on one line, each on its own: "Side plank: L best 0:40 · R best 0:31"."""
    lines = []
    for exercise, sides in by_exercise(holds):
        if len(sides) == 1 and sides[0].side is None:
            lines.append(sides[0].text())
        else:
            lines.append(f"{exercise}: " + " · ".join(h.side_text() for h in sides))
    return lines


@dataclass(frozen=True)
class Asymmetry:
    """How much shorter one side's holds are than the other's: the mean of each session's
    longest hold per side, over the last ASYMMETRY_WEEKS weeks; `was`: the same over the
    first ASYMMETRY_WEEKS weeks of that exercise's history, when they are earlier."""

    exercise: str
    shorter: str  # "right"
    longer: str  # "left"
    percent: int  # 0: the sides are even
    was: Asymmetry | None = None
    was_since: date | None = None  # the first day of the weeks `was` is of
    measure: Measure = Measure.HOLD  # of the holds, or of the reps counted

    @classmethod
    def of(cls, exercise: str, means: dict[str, float],
           measure: Measure = Measure.HOLD) -> Asymmetry | None:
        """From the mean figure per side ("left", "right"): each session's longest hold,
        or most reps counted; None without both."""
        left, right = means.get(Side.LEFT), means.get(Side.RIGHT)
        if not left or not right:
            return None
        shorter, longer = ((Side.RIGHT, Side.LEFT) if right < left
                           else (Side.LEFT, Side.RIGHT))
        low, high = sorted((left, right))
        return cls(exercise, shorter, longer, round(100 * (high - low) / high),
                   measure=measure)

    def text(self, short: bool = False) -> str:
        """"Side plank: right side 22 % shorter than left (last 4 weeks), was 35 % in
        October 2026" ("... 20 % fewer reps than left ..." of reps); `short`: without what
        it was."""
        weeks = f"(last {ASYMMETRY_WEEKS} weeks)"
        less = LESS[self.measure]
        if self.percent == 0:
            text = f"{self.exercise}: left and right even {weeks}"
        else:
            text = (f"{self.exercise}: {self.shorter} side {self.percent} % {less} than "
                    f"{self.longer} {weeks}")
        was = self.was
        if was is not None and self.was_since is not None and not short:
            when = f"{self.was_since:%B %Y}"
            if was.percent == 0:
                text += f", were even in {when}"
            elif was.shorter == self.shorter and self.percent:
                text += f", was {was.percent} % in {when}"
            else:
                text += f", was {was.shorter} {was.percent} % {less} in {when}"
        return text


@dataclass(frozen=True)
class Progress:
    """One routine's figures (or all): practice runs and sessions in progress left out."""

    this_week: int
    per_week: int | None
    last_session: datetime | None
    weeks: tuple[tuple[date, int], ...]  # (Monday, sessions), oldest first, gaps as 0
    holds: tuple[Hold, ...]
    pain: tuple[tuple[datetime, int], ...]
    question: str | None = None  # what the pain scores answer (the latest session's `ask`)
    # the last session, when it is left out of its week (SessionRecord.counts_for_week):
    # (exercises done, exercises in it); None when it counts, or there is none
    last_left_out: tuple[int, int] | None = None
    # one-sided holds whose sides differ (or not), then one-sided reps counted
    asymmetries: tuple[Asymmetry, ...] = ()
    morning: tuple[tuple[datetime, int], ...] = ()  # the answers the morning after (series)
    # every run's distance before the pain, in metres (series; all routines: runs have none)
    pain_free: tuple[tuple[datetime, float], ...] = ()
    run_unit: DistanceUnit = DistanceUnit.KM  # the newest run's: the figures are shown in it
    first_session: datetime | None = None  # the history's first (with series; else None)
    reps: tuple[Reps, ...] = ()  # paced reps exercises' counts per side (no series)

    def pain_label(self) -> str:
        return pain_label(self.question)

    def week_text(self) -> str:
        target = f" of {self.per_week}" if self.per_week else ""
        return f"This week: {self.this_week}{target}"


@dataclass(frozen=True)
class Recorded:
    """A routine the history holds sessions of: its identity, the name its newest session
    had, that session's file, and how many sessions."""

    identity: str
    name: str
    file: str | None
    sessions: int


@dataclass(frozen=True)
class Listed:
    """A session as `itbtimer history` and the History screen list it (no steps)."""

    id: str
    start: datetime
    routine: str
    completed: bool
    active_seconds: float
    pain: int | None
    practice: bool
    speed: float
    in_progress: bool
    interrupted: bool
    holds: tuple[tuple[Held, float], ...]  # the longest hold per exercise and side
    question: str | None = None  # what `pain` answers (the routine's `ask`)
    damaged: str | None = None  # what no session could hold (a row changed outside itbtimer)
    left: bool = False  # in progress, but its window is gone: interrupted, not yet saved
    morning: int | None = None  # the answer the morning after (`pain`'s question)
    note: str | None = None  # the person's words on it
    reps: tuple[tuple[Held, int], ...] = ()  # the most reps counted per paced exercise and side

    def pain_label(self) -> str:
        return pain_label(self.question)

    @property
    def short_id(self) -> str:
        return self.id[:8]


@dataclass(frozen=True)
class Scores:
    """A series of 0-10 answers in a few figures: how many, their mean, the lowest and
    highest, the first and the last (a report's line beside its chart)."""

    count: int
    mean: float
    low: float
    high: float
    first: float
    last: float

    @classmethod
    def of(cls, series: Sequence[tuple[datetime, float]]) -> Scores | None:
        values = [v for _, v in series]
        if not values:
            return None
        return cls(len(values), sum(values) / len(values), min(values), max(values),
                   values[0], values[-1])
