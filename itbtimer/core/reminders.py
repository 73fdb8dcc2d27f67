"""When to remind the person of a routine, and what to say (pure: no clock, no files).

`itbtimer remind` and `itbtimer calendar` take the training days (`--days mon,wed,fri`)
and the time (`--at 18:00`); without `--days`, the routine's `per_week` sessions are
spread over the week from Monday (`spread_days`). The reminder fires on those days at
that time; it says something only when the week's target is not reached yet (`nudge`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from itbtimer.core.counting import counted
from itbtimer.core.enums import StrEnum
from itbtimer.errors import ItbtimerError

DEFAULT_AT = time(18, 0)
DEFAULT_PER_WEEK = 3  # a routine that says no `per_week`: three days, as most physio plans


class Weekday(StrEnum):
    """A day of the week as `--days` writes it; Monday first, as date.weekday() counts."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """0 for Monday ... 6 for Sunday (date.weekday())."""
        return list(Weekday).index(self)

    @property
    def short(self) -> str:
        """"Mon", as systemd's OnCalendar= and the person's messages write it."""
        return self.value.capitalize()

    @property
    def two_letters(self) -> str:
        """"MO", as an iCalendar RRULE's BYDAY writes it."""
        return self.value[:2].upper()


class ReminderError(ItbtimerError):
    """A day or a time the person wrote that is not one."""


FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAYS_HELP = "write days as mon, tue, wed, thu, fri, sat, sun, separated by commas"


def parse_days(text: str) -> tuple[Weekday, ...]:
    """"mon,wed,fri" (any case, spaces allowed, long names too) -> the days, Monday first."""
    by_word = {day.value: day for day in Weekday}
    days = set()
    for word in (w.strip().casefold() for w in text.split(",")):
        day = by_word.get(word[:3]) if len(word) >= 3 else None
        if day is None or not _names(day, word):
            raise ReminderError(f"itbtimer: --days: {word or text!r} is not a day ({DAYS_HELP})")
        days.add(day)
    return tuple(sorted(days, key=lambda d: d.number))


def _names(day: Weekday, word: str) -> bool:
    """Is `word` the day, short or long ("wed", "wednesday"; not "wedge")?"""
    return word in (day.value, FULL_NAMES[day.number])


def parse_at(text: str) -> time:
    """"18:00" or "7:30" -> the time of day; 24-hour clock, minutes required."""
    hours, colon, minutes = text.strip().partition(":")
    ok = (colon and hours.isascii() and hours.isdigit() and len(hours) <= 2
          and minutes.isascii() and minutes.isdigit() and len(minutes) == 2
          and int(hours) < 24 and int(minutes) < 60)
    if not ok:
        raise ReminderError(f"itbtimer: --at: {text!r} is not a time of day (write HH:MM on "
                            "the 24-hour clock, 00:00 to 23:59)")
    return time(int(hours), int(minutes))


def spread_days(per_week: int | None) -> tuple[Weekday, ...]:
    """`per_week` days spread evenly over the week from Monday (day i of n falls on
    floor(i * 7 / n)): 1 Mon; 2 Mon, Thu; 3 Mon, Wed, Fri; 4 Mon, Tue, Thu, Sat;
    5 Mon, Tue, Wed, Fri, Sat; 6 Mon-Sat; 7 or more: every day."""
    n = min(per_week or DEFAULT_PER_WEEK, 7)
    week = list(Weekday)
    return tuple(week[math.floor(i * 7 / n)] for i in range(n))


def days_text(days: tuple[Weekday, ...]) -> str:
    """"mon,wed,fri", as --days takes them back."""
    return ",".join(day.value for day in days)


@dataclass(frozen=True)
class Reminder:
    """On which days, at what time."""

    days: tuple[Weekday, ...]
    at: time

    def is_day(self, day: date) -> bool:
        return any(d.number == day.weekday() for d in self.days)

    def next_time(self, now: datetime) -> datetime:
        """The next time it fires after `now` (a naive local time, as `now` is)."""
        for ahead in range(8):
            day = now.date() + timedelta(days=ahead)
            when = datetime.combine(day, self.at)
            if self.is_day(day) and when > now:
                return when
        raise AssertionError("a reminder has at least one day")  # parse_days ensures it

    def wait_seconds(self, now: datetime) -> float | None:
        """How long until today's reminder is due (0: it is due now); None when today is
        not a training day. The login check waits this long before it looks."""
        if not self.is_day(now.date()):
            return None
        return max(0.0, (datetime.combine(now.date(), self.at) - now).total_seconds())

    def when_text(self) -> str:
        """"Mon, Wed, Fri at 18:00"; "every day at 07:00"."""
        days = ("every day" if len(self.days) == len(Weekday)
                else ", ".join(d.short for d in self.days))
        return f"{days} at {self.at:%H:%M}"


def week_target(per_week: int | None, reminder: Reminder) -> int:
    """Sessions the week asks for: the routine's `per_week`, or one per reminder day."""
    return per_week or len(reminder.days)


def minutes_text(seconds: float) -> str:
    """A session's length for the reminder and the calendar: "1 minute", "20 minutes"
    (rounded, at least one)."""
    return counted(max(1, round(seconds / 60)), "minute")


def nudge(routine: str, this_week: int, target: int, seconds: float) -> str | None:
    """The notification's words when the week is behind its target; None when it is done:
    "ITB recovery: 1 of 3 this week — 20 minutes?"."""
    if this_week >= target:
        return None
    return f"{routine}: {this_week} of {target} this week — {minutes_text(seconds)}?"
