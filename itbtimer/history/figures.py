"""The figures read from the history: weeks against the target, holds, pain (pure values)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from itbtimer.core.durations import format_clock

SERIES_POINTS = 1500  # above this many sessions the History charts get one point a week


def pain_label(question: str | None) -> str:
    """What a pain score answers, as a label: "Knee pain" (`ask: knee pain`); "Pain" when
    the record has no question (written before records kept one)."""
    text = question or "pain"
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Hold:
    exercise: str
    best: float
    last: float
    series: tuple[tuple[datetime, float], ...]  # (session start, longest hold that session)

    def text(self) -> str:
        return f"{self.exercise}: best {format_clock(self.best)}, last {format_clock(self.last)}"


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
    holds: tuple[tuple[str, float], ...]
    question: str | None = None  # what `pain` answers (the routine's `ask`)
    damaged: str | None = None  # what no session could hold (a row changed outside itbtimer)

    def pain_label(self) -> str:
        return pain_label(self.question)

    @property
    def short_id(self) -> str:
        return self.id[:8]
