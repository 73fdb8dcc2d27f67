"""What the report says, in words (pure): its period, the weeks against the target, the
answers to the pain question and the holds. The figures are the History screen's own
(history/figures.py, read by history/queries.py; a week's target: present/history_words);
this module only words them for paper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from itbtimer.core.counting import counted
from itbtimer.core.durations import format_clock
from itbtimer.history.figures import Hold, Progress, Scores, by_exercise
from itbtimer.history.records import week_start
from itbtimer.present.history_words import score_text, week_met

DEFAULT_WEEKS = 12
MOST_WEEKS = 520  # ten years: a report's charts still show each week as a bar of a line


@dataclass(frozen=True)
class Period:
    """The weeks a report is of: from the Monday `weeks - 1` weeks before the day it is
    made, to that day; or, when the history is shorter, from the week of its first session
    (`since`): the weeks before it were no weeks missed."""

    first: date  # the Monday of the first week asked for
    last: date  # the day the report is made
    weeks: int  # how many weeks were asked for
    since: date | None = None  # the first session's day, when it is after `first`

    @classmethod
    def of(cls, today: date, weeks: int = DEFAULT_WEEKS,
           first_session: date | None = None) -> Period:
        first = week_start(today) - timedelta(weeks=weeks - 1)
        since = first_session if first_session and first_session > first else None
        return cls(first, today, weeks, since)

    @property
    def counted_from(self) -> date:
        """The Monday the weeks are counted from: the first week asked for, or the first
        session's."""
        return week_start(self.since) if self.since else self.first

    def text(self) -> str:
        """"7 Sep – 29 Nov 2026 (12 weeks)", "07 Dec – 09 Dec 2026 (since the first
        session)"; the first day's year too when it differs."""
        shown = self.since or self.first
        first = f"{shown:%d %b}" if shown.year == self.last.year else f"{shown:%d %b %Y}"
        why = "since the first session" if self.since else counted(self.weeks, "week")
        return f"{first} – {self.last:%d %b %Y} ({why})"

    def start(self) -> datetime:
        """The left end of the pain and holds charts' time axis, local time: the Monday the
        weeks are counted from (the runs' chart is from the first run's week)."""
        return datetime.combine(self.counted_from, datetime.min.time()).astimezone()

    def end(self) -> datetime:
        """Its last instant: the end of the day it is made (the right end of the axis)."""
        return datetime.combine(self.last + timedelta(days=1), datetime.min.time()).astimezone()


def counted_weeks(weeks: Sequence[tuple[date, int]],
                  since: date | None) -> list[tuple[date, int]]:
    """The weeks from the week of `since` (the first session's day) on; all without it."""
    return [(monday, n) for monday, n in weeks if since is None or monday >= week_start(since)]


def weeks_lines(weeks: Sequence[tuple[date, int]], target: int | None,
                since: date | None = None) -> list[str]:
    """"31 sessions in 12 weeks, 2.6 a week" ("2 sessions since Wed 09 Dec 2026, the first
    (1 week), 2.0 a week" when the first session is after the first of `weeks`), and with a
    target: "Target 3 a week: met in 8 of 11 weeks (this week so far: 1)". The last week is
    the one under way: never a week missed, its count "this week so far"."""
    shown = counted_weeks(weeks, since)
    total = sum(n for _, n in shown)
    rate = f"{total / max(1, len(shown)):.1f} a week"
    if since is not None and len(shown) < len(weeks):
        lines = [f"{counted(total, 'session')} since {since:%a %d %b %Y}, the first "
                 f"({counted(len(shown), 'week')}), {rate}"]
    else:
        lines = [f"{counted(total, 'session')} in {counted(len(shown), 'week')}, {rate}"]
    if target:
        done, now = shown[:-1], (shown[-1][1] if shown else 0)
        so_far = f"this week so far: {now}" + (", met" if week_met(now, target) else "")
        met = sum(1 for _, n in done if week_met(n, target))
        whole = (f"met in {met} of {counted(len(done), 'week')}" if done
                 else "no whole week yet")
        lines.append(f"Target {target} a week: {whole} ({so_far})")
    return lines


def scores_line(what: str, series: Sequence[tuple[datetime, float]]) -> str:
    """"After the session: mean 2.1, lowest 0, highest 5; first 4, last 1 (30 answers)"."""
    scores = Scores.of(series)
    if scores is None:
        return f"{what}: no answers in these weeks"
    answers = counted(scores.count, "answer")
    return (f"{what}: mean {scores.mean:.1f}, lowest {score_text(scores.low)}, highest "
            f"{score_text(scores.high)}; first {score_text(scores.first)}, last "
            f"{score_text(scores.last)} ({answers})")


def pain_lines(progress: Progress) -> list[str]:
    """The pain question's answers after the session and the morning after."""
    return [scores_line("After the session", progress.pain),
            scores_line("The morning after", progress.morning)]


HOLD_HEADINGS = ("Exercise", "Side", "First", "Last", "Best ever")
NO_SIDE = "—"  # a two-sided move (a plank): it has no side to name


def hold_rows(holds: Sequence[Hold]) -> list[tuple[str, str, str, str, str]]:
    """One row per exercise and side: its first and last hold of these weeks (the trend)
    and its best ever; "–" where these weeks have none."""
    rows = []
    for exercise, sides in by_exercise(tuple(holds)):
        for hold in sides:
            first = format_clock(hold.series[0][1]) if hold.series else "–"
            last = format_clock(hold.series[-1][1]) if hold.series else "–"
            rows.append((exercise, hold.side or NO_SIDE, first, last, format_clock(hold.best)))
    return rows
