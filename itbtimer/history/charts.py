"""What the History charts show, decided without a screen (pure): which weeks, which
points, which labels. The view (gui/history_view.py) only draws it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from itbtimer.core.routine import Side

WEEKS_SHOWN = 12


def dashed_side(side: str | None) -> bool:
    """Is a hold's line dashed: a one-sided exercise's right side is (its left solid, a
    two-sided move solid), on the screen, on paper and in the legend's words."""
    return side == Side.RIGHT


@dataclass(frozen=True)
class WeekWindow:
    """The weeks the bar chart shows: the last 12 by default, scrolled by ← →, or all."""

    weeks: tuple[tuple[date, int], ...]
    first: int  # index of the first shown week
    count: int

    @property
    def shown(self) -> tuple[tuple[date, int], ...]:
        return self.weeks[self.first:self.first + self.count]

    @property
    def whole(self) -> bool:
        return self.count >= len(self.weeks)


def week_window(weeks: Sequence[tuple[date, int]], back: int, whole: bool) -> WeekWindow:
    """`back`: how many screens of 12 weeks to go back from the newest."""
    all_weeks = tuple(weeks)
    if whole or len(all_weeks) <= WEEKS_SHOWN:
        return WeekWindow(all_weeks, 0, len(all_weeks))
    last_start = len(all_weeks) - WEEKS_SHOWN
    first = max(0, last_start - back * WEEKS_SHOWN)
    return WeekWindow(all_weeks, first, WEEKS_SHOWN)


def max_back(weeks: Sequence[tuple[date, int]]) -> int:
    return max(0, -(-(len(weeks) - WEEKS_SHOWN) // WEEKS_SHOWN))


def day_text(day: date, with_year: bool) -> str:
    return f"{day:%d %b %Y}" if with_year else f"{day:%d %b}"


def week_labels(days: Sequence[date], fits: int,
                this_year: int | None = None) -> list[tuple[int, str]]:
    """(index, text) for at most `fits` labels, evenly spaced, the newest always shown;
    a label carries its year when the range crosses a year (the first, and at each change)
    or is not this year."""
    if not days or fits <= 0:
        return []
    if len(days) > 104:  # years of weeks: label the first week of a year, thinned
        starts = [i for i in range(1, len(days)) if days[i].year != days[i - 1].year]
        step = max(1, -(-len(starts) // fits))
        return [(i, str(days[i].year)) for i in starts[::step]]
    crosses = days[0].year != days[-1].year or (this_year is not None
                                                and days[0].year != this_year)
    step = max(1, -(-len(days) // fits))
    chosen = list(range(len(days) - 1, -1, -step))[::-1]
    out = []
    year = None
    for i in chosen:
        show_year = crosses and days[i].year != year
        year = days[i].year
        out.append((i, day_text(days[i], show_year)))
    return out


def time_ticks(first: datetime, last: datetime, fits: int) -> list[tuple[datetime, str]]:
    """Date ticks for a time axis: years, months or days, no more than `fits` of them."""
    if fits <= 0:
        return []
    if last <= first:
        return [(first, f"{first:%d %b %Y}")]
    span_days = (last - first).total_seconds() / 86400
    tz = first.tzinfo
    if span_days > 2 * 365:
        years = list(range(first.year + 1, last.year + 1))
        step = max(1, -(-len(years) // fits))
        return [(datetime(y, 1, 1, tzinfo=tz), str(y)) for y in years[::step]]
    if span_days > 60:
        months = []
        y, m = first.year, first.month
        while True:
            m += 1
            if m > 12:
                y, m = y + 1, 1
            t = datetime(y, m, 1, tzinfo=tz)
            if t > last:
                break
            months.append(t)
        step = max(1, -(-len(months) // fits))
        crosses = first.year != last.year
        return [(t, f"{t:%b %Y}" if crosses or i == 0 else f"{t:%b}")
                for i, t in enumerate(months[::step])]
    days = max(1, int(span_days) + 1)
    step = max(1, -(-days // fits))
    start = datetime(first.year, first.month, first.day, tzinfo=tz)
    crosses = first.year != last.year
    offsets = [d for d in range(step, days + 1, step) if start + timedelta(days=d) <= last]
    if not offsets and days > 1:  # room for one label only, and none fell inside: the middle
        offsets = [-(-days // 2)]  # where two labels would put their first
    return [(start + timedelta(days=d), day_text((start + timedelta(days=d)).date(), crosses))
            for d in offsets]


def reduce_series(points: Sequence[tuple[datetime, float]], buckets: int,
                  combine: Callable[[list[float]], float] = max) -> list[tuple[datetime, float]]:
    """At most `buckets` points (one per slice of the time range), so 20,000 sessions draw
    as fast as 20. Each slice keeps its time of the last point and combine() of its values."""
    if len(points) <= buckets or buckets <= 0:
        return list(points)
    first, last = points[0][0], points[-1][0]
    span = (last - first).total_seconds() or 1.0
    out: list[tuple[datetime, float]] = []
    values: list[float] = []
    current = 0
    when = first
    for t, v in points:
        slot = min(buckets - 1, int((t - first).total_seconds() / span * buckets))
        if slot != current and values:
            out.append((when, combine(values)))
            values = []
        current = slot
        values.append(v)
        when = t
    if values:
        out.append((when, combine(values)))
    return out


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def labelled_points(values: Sequence[float], fits: int) -> list[int]:
    """Which points carry their value: first, last, min, max, then every Nth that fits."""
    n = len(values)
    if n == 0:
        return []
    if n <= fits:
        return list(range(n))
    keep = {0, n - 1, min(range(n), key=values.__getitem__), max(range(n), key=values.__getitem__)}
    spare = fits - len(keep)
    if spare > 0:
        step = max(1, n // (spare + 1))
        for i in range(step, n - 1, step):
            if len(keep) >= fits:
                break
            keep.add(i)
    return sorted(keep)
