"""A run as the person writes it: a distance ("5.2km", "3.1mi"), the time it took ("31:20"),
the pain and where it began ("4km"), the day, a note. Read here, in one place, for the
command line (`itbtimer run`) and the window's "Log a run" form alike; each mistake is
said in the person's words (`RunEntryError`). Pure: no clock (today is given), no disk.

Distances are kept in metres; a run remembers the unit it was written in (km or mi) and
is shown in it. The figures of many runs are shown in the unit of the newest one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from itbtimer.core.durations import format_clock, parse_duration
from itbtimer.core.enums import StrEnum
from itbtimer.core.escaping import escaped
from itbtimer.core.limits import NOTE_CHARS


class DistanceUnit(StrEnum):
    """The unit a run was written in (and is shown in)."""

    KM = "km"
    MI = "mi"


METRES = {DistanceUnit.KM: 1000.0, DistanceUnit.MI: 1609.344}
UNIT_WORDS = {"km": DistanceUnit.KM, "k": DistanceUnit.KM, "mi": DistanceUnit.MI,
              "mile": DistanceUnit.MI, "miles": DistanceUnit.MI}
LONGEST_RUN_M = 500_000.0  # 500 km: an ultramarathon over days, and no further
LONGEST_RUN_SECONDS = 7 * 24 * 3600
DISTANCE_FORM = "a distance such as 5.2km or 3.1mi"
TIME_FORM = "a time such as 31:20 (minutes:seconds), 1:05:00 or 45 (minutes)"
DAY_FORM = "a date such as 2026-12-06, today or yesterday"
_DISTANCE = re.compile(r"(\d+(?:[.,]\d+)?|[.,]\d+)\s*([a-z]*)")


class RunEntryError(ValueError):
    """What is wrong with what was written, in the person's words; `field`: the RunText
    field it is about (the form puts the cursor there), when RunText.read knows it."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Distance:
    metres: float
    unit: DistanceUnit


@dataclass(frozen=True)
class RunEntry:
    """A run as written, checked: what history.records.RunRecord is made from."""

    day: date
    distance: Distance
    seconds: float | None = None
    pain: int | None = None
    pain_from_m: float | None = None
    note: str | None = None


def parse_distance(text: str, unit: DistanceUnit = DistanceUnit.KM,
                   what: str = "the distance") -> Distance:
    """"5.2km", "5,2 km", "3.1mi", "3.1 miles"; a bare number is in `unit`."""
    match = _DISTANCE.fullmatch(text.strip().lower())
    if match is None or (match.group(2) and match.group(2) not in UNIT_WORDS):
        raise RunEntryError(f"{what} must be {DISTANCE_FORM}, not {escaped(repr(text))}")
    number = float(match.group(1).replace(",", "."))
    chosen = UNIT_WORDS[match.group(2)] if match.group(2) else unit
    metres = number * METRES[chosen]
    if metres > LONGEST_RUN_M:
        most = math.floor(LONGEST_RUN_M / METRES[chosen] * 10) / 10  # 310.6 mi, not 310.7
        raise RunEntryError(f"{what} must be at most {most:.1f} {chosen}, "
                            f"not {escaped(text.strip())}")
    return Distance(round(metres, 1), chosen)


def format_distance(metres: float, unit: DistanceUnit) -> str:
    """"5.2 km", "3.1 mi": to a tenth, as a run is written."""
    return f"{metres / METRES[unit]:.1f} {unit}"


def parse_run_time(text: str) -> float:
    """"31:20", "1:05:00", "45" (minutes), "31m 20s"."""
    cleaned = text.strip().lower()
    seconds = int(cleaned) * 60 if cleaned.isascii() and cleaned.isdigit() else \
        parse_duration(cleaned)
    if seconds is None or seconds <= 0:
        raise RunEntryError(f"the time must be {TIME_FORM}, not {escaped(repr(text))}")
    if seconds > LONGEST_RUN_SECONDS:
        raise RunEntryError(f"the time must be at most 7 days, not {escaped(text.strip())}")
    return float(seconds)


def parse_pain(text: str) -> int:
    cleaned = text.strip()
    if cleaned.isascii() and cleaned.isdigit() and int(cleaned) <= 10:
        return int(cleaned)
    raise RunEntryError(f"the pain must be a whole number from 0 to 10, "
                        f"not {escaped(repr(text))}")


def parse_day(text: str, today: date) -> date:
    """"today", "yesterday", "2026-12-06"; never after today."""
    cleaned = text.strip().lower()
    if cleaned in ("", "today"):
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(cleaned)
    except ValueError:
        raise RunEntryError(f"the day must be {DAY_FORM}, not {escaped(repr(text))}") from None
    if day > today:
        raise RunEntryError(f"the day {day:%d %b %Y} has not come yet: log a run once it is run")
    if day.year < 1971:
        raise RunEntryError(f"the day must be after 1970, not {day.isoformat()}")
    return day


def check_note(text: str | None) -> str | None:
    """A note of one line, at most NOTE_CHARS characters; blank is no note."""
    if text is None or not text.strip():
        return None
    note = text.strip()
    if "\n" in note or "\r" in note:
        raise RunEntryError("a note is one line: no line breaks")
    if len(note) > NOTE_CHARS:
        raise RunEntryError(f"the note is {len(note)} characters long; a note is at most "
                            f"{NOTE_CHARS}")
    return note


@dataclass(frozen=True)
class RunText:
    """A run's fields as typed (the command's arguments, the form's boxes): '' is none."""

    distance: str
    time: str = ""
    pain: str = ""
    pain_from: str = ""
    day: str = ""
    note: str = ""

    def read(self, today: date, unit: DistanceUnit = DistanceUnit.KM) -> RunEntry:
        """The run these texts say, checked; `unit`: a bare number's (the newest run's)."""
        try:
            return self._read(today, unit)
        except RunEntryError as exc:
            if exc.field is None:
                raise
            raise RunEntryError(str(exc), exc.field) from None

    def _read(self, today: date, unit: DistanceUnit) -> RunEntry:
        if not self.distance.strip():
            raise RunEntryError(f"write the distance run: {DISTANCE_FORM}", "distance")
        distance = _about("distance", parse_distance, self.distance, unit)
        if distance.metres <= 0:
            raise RunEntryError("the distance must be more than 0", "distance")
        pain_from = None
        if self.pain_from.strip():
            pain_from = _about("pain_from", parse_distance, self.pain_from, distance.unit,
                               "where the pain began").metres
            if pain_from > distance.metres:
                raise RunEntryError(
                    f"the pain cannot begin at {format_distance(pain_from, distance.unit)}, "
                    f"after the end of a {format_distance(distance.metres, distance.unit)} run",
                    "pain_from")
        pain = _about("pain", parse_pain, self.pain) if self.pain.strip() else None
        if pain == 0 and pain_from is not None:
            raise RunEntryError("a pain of 0 has no place where it began: leave one out",
                                "pain_from")
        return RunEntry(
            day=_about("day", parse_day, self.day, today), distance=distance,
            seconds=_about("time", parse_run_time, self.time) if self.time.strip() else None,
            pain=pain, pain_from_m=pain_from, note=_about("note", check_note, self.note))


Read = TypeVar("Read")


def _about(field: str, parse: Callable[..., Read], *args: Any) -> Read:
    """parse(*args), its mistake said to be about `field`."""
    try:
        return parse(*args)
    except RunEntryError as exc:
        raise RunEntryError(str(exc), field) from None


def pain_free_metres(distance_m: float, pain: int | None, pain_from_m: float | None
                     ) -> float | None:
    """How far before the pain began: where it began, or the whole run when there was none
    (pain 0). None (unknown, no figure) when it hurt and where it began was not said, or
    when the pain was not said at all: no answer is not "no pain"."""
    if pain_from_m is not None:
        return pain_from_m
    if pain == 0:
        return distance_m
    return None


def pace_text(distance_m: float, seconds: float, unit: DistanceUnit) -> str:
    """"6:01 /km"."""
    per_unit = seconds / (distance_m / METRES[unit])
    return f"{format_clock(round(per_unit))} /{unit}"
