"""What the report says, in words (pure): its period, the weeks against the target, the
answers to the pain question and the holds. The figures are the History screen's own
(history/figures.py, read by history/queries.py; a week's target: present/history_words);
this module only words them for paper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from itbtimer.core.durations import format_clock
from itbtimer.history.figures import Hold, Progress, Scores, by_exercise
from itbtimer.history.records import week_start
from itbtimer.present.history_words import score_text, week_met

DEFAULT_WEEKS = 12
MOST_WEEKS = 520  # ten years: a report's charts still show each week as a bar of a line


@dataclass(frozen=True)
class Period:
    """The weeks a report is of: from the Monday `weeks - 1` weeks before the day it is
    made, to that day."""

    first: date  # the Monday of its first week
    last: date  # the day the report is made
    weeks: int

    @classmethod
    def of(cls, today: date, weeks: int = DEFAULT_WEEKS) -> Period:
        return cls(week_start(today) - timedelta(weeks=weeks - 1), today, weeks)

    def text(self) -> str:
        """"7 Sep – 29 Nov 2026 (12 weeks)"; the first day's year too when it differs."""
        first = (f"{self.first:%d %b}" if self.first.year == self.last.year
                 else f"{self.first:%d %b %Y}")
        weeks = "1 week" if self.weeks == 1 else f"{self.weeks} weeks"
        return f"{first} – {self.last:%d %b %Y} ({weeks})"

    def start(self) -> datetime:
        """Its first instant, local time (the left end of the charts' time axis)."""
        return datetime.combine(self.first, datetime.min.time()).astimezone()

    def end(self) -> datetime:
        """Its last instant: the end of the day it is made (the right end of the axis)."""
        return datetime.combine(self.last + timedelta(days=1), datetime.min.time()).astimezone()


def weeks_lines(weeks: Sequence[tuple[date, int]], target: int | None) -> list[str]:
    """"31 sessions in 12 weeks, 2.6 a week", and with a target: "Target 3 a week: met in 8
    of 12 weeks (this week so far: 1)"."""
    total = sum(n for _, n in weeks)
    count = len(weeks)
    sessions = "1 session" if total == 1 else f"{total} sessions"
    lines = [f"{sessions} in {count} week{'s' if count != 1 else ''}, "
             f"{total / max(1, count):.1f} a week"]
    if target:
        met = sum(1 for _, n in weeks if week_met(n, target))
        line = f"Target {target} a week: met in {met} of {count} weeks"
        if weeks and not week_met(weeks[-1][1], target):
            line += f" (this week so far: {weeks[-1][1]})"
        lines.append(line)
    return lines


def scores_line(what: str, series: Sequence[tuple[datetime, float]]) -> str:
    """"After the session: mean 2.1, lowest 0, highest 5; first 4, last 1 (30 answers)"."""
    scores = Scores.of(series)
    if scores is None:
        return f"{what}: no answers in these weeks"
    answers = "1 answer" if scores.count == 1 else f"{scores.count} answers"
    return (f"{what}: mean {scores.mean:.1f}, lowest {score_text(scores.low)}, highest "
            f"{score_text(scores.high)}; first {score_text(scores.first)}, last "
            f"{score_text(scores.last)} ({answers})")


def pain_lines(progress: Progress) -> list[str]:
    """The pain question's answers after the session and the morning after."""
    return [scores_line("After the session", progress.pain),
            scores_line("The morning after", progress.morning)]


HOLD_HEADINGS = ("Exercise", "Side", "First", "Last", "Best ever")


def hold_rows(holds: Sequence[Hold]) -> list[tuple[str, str, str, str, str]]:
    """One row per exercise and side: its first and last hold of these weeks (the trend)
    and its best ever; "–" where these weeks have none."""
    rows = []
    for exercise, sides in by_exercise(tuple(holds)):
        for hold in sides:
            first = format_clock(hold.series[0][1]) if hold.series else "–"
            last = format_clock(hold.series[-1][1]) if hold.series else "–"
            rows.append((exercise, hold.side or "both", first, last, format_clock(hold.best)))
    return rows
