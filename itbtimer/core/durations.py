"""Reading and writing the durations a person types: 45, 45 secs, 1.5 min, 1:30, 30-45s.

Every form a person may write is listed in DURATION_FORMS (the error messages and
the docs show the same list); anything else is not a duration.
"""

from __future__ import annotations

import re
from fractions import Fraction

MAX_STEP_SECONDS = 3600

DURATION_FORMS = ("45, 45s, 45 sec, 45 secs, 45 seconds, 2m, 2 min, 2 mins, 2 minutes, "
                  "1m30s, 1 min 30 s, 1.5m, 1.5 min, 0:45, 1:30")
RANGE_FORMS = "30-45s, 30–45 s, 30 to 45 seconds"
DURATION_HINT = f"write it like one of: {DURATION_FORMS}"
RANGE_HINT = f"write it like one of: {DURATION_FORMS}; or a range: {RANGE_FORMS}"

_UNITS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
}
_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)")
_CLOCK = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d))?")
_RANGE = re.compile(r"^(.*?)(?:\s*[-–—]\s*|\s+to\s+)(.*)$")


def parse_duration(text: str) -> int | None:
    """Whole seconds for any form in DURATION_FORMS (and hours: '1h'); None otherwise."""
    text = text.strip().lower()
    if text.isascii() and text.isdigit():  # not "¹": a digit int() cannot read
        return int(text)
    clock = _CLOCK.fullmatch(text)
    if clock:
        a, b, c = clock.groups()
        return int(a) * 3600 + int(b) * 60 + int(c) if c else int(a) * 60 + int(b)
    total, pos, last_unit = Fraction(0), 0, None
    while pos < len(text):
        part = _PART.match(text, pos)
        if not part or part.group(2) not in _UNITS:
            return None
        unit = _UNITS[part.group(2)]
        if last_unit is not None and unit >= last_unit:
            return None  # '30s 1m', '1m 2m': larger units come first, once each
        total += Fraction(part.group(1)) * unit
        last_unit, pos = unit, part.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
    if last_unit is None or total.denominator != 1:
        return None
    return int(total)


def _unit_of(text: str) -> int | None:
    """The multiplier of the first unit word in '45s', '2 min 30 s'; None without one."""
    words = re.findall(r"[a-z]+", text.lower())
    return _UNITS.get(words[0]) if words else None


def looks_like_range(text: str) -> bool:
    """'30-45s', '30 – 45 s', '30 to 45 seconds' (but not '-5', a negative number)."""
    body = text.strip().lstrip("-–—")
    return bool(re.search(r"\d\s*[a-z]*\s*(?:[-–—]|\sto\s)\s*\d", body.lower()))


def parse_range(text: str) -> tuple[int, int] | None:
    """(shortest, longest) for '30-45s', '30s-45s', '1m-1m30s', '30 to 45 seconds'.

    A bare number on the left takes the unit of the right ('1-2 min' is 60 to 120).
    """
    match = _RANGE.match(text.strip().lower())
    if not match:
        return None
    left, right = match.group(1).strip(), match.group(2).strip()
    high = parse_duration(right)
    if high is None or not left:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", left) and ":" not in right:
        value = Fraction(left) * (_unit_of(right) or 1)
        low = int(value) if value.denominator == 1 else None
    else:
        low = parse_duration(left)
    if low is None:
        return None
    return low, high


def format_duration(seconds: int) -> str:
    """The shortest way to write it that parse_duration reads back: 45s, 2m, 1m30s, 1h."""
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    text = (f"{h}h" if h else "") + (f"{m}m" if m else "") + (f"{s}s" if s else "")
    return text or "0s"


def seconds_text(seconds: int) -> str:
    """A length as the screens, the plan and the card say it to the person: "45 s", "90 s"
    (format_duration is the routine file's form: "1m30s")."""
    return f"{seconds} s"


def format_clock(seconds: float) -> str:
    """m:ss, or h:mm:ss from an hour on; whole seconds rounded up while counting down."""
    total = int(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_hms(seconds: float) -> str:
    total = int(round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"
