"""Reading and writing the durations a person types: 45, 45s, 2m, 1m30s, 30-45s."""

from __future__ import annotations

import re

MAX_STEP_SECONDS = 3600

_UNIT = re.compile(
    r"^\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*(?:(?P<s>\d+)\s*s(?:ec)?)?\s*$"
)
DURATION_HINT = "write 30s, 2m or 1m30s"


def parse_duration(text: str) -> int | None:
    """Seconds for '45', '45s', '2m', '1m30s', '1h'; None if it is not a duration."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    match = _UNIT.match(text)
    if not match or not any(match.group(g) for g in "hms"):
        return None
    h, m, s = (int(match.group(g) or 0) for g in "hms")
    return h * 3600 + m * 60 + s


def parse_range(text: str) -> tuple[int, int] | None:
    """(min, max) for '30-45s', '30s-45s', '1m-1m30s'; None if it is not a range.

    A bare unit on the right ('30-45s') applies to both ends.
    """
    if "-" not in text:
        return None
    left, _, right = text.partition("-")
    right_value = parse_duration(right)
    if right_value is None:
        return None
    left = left.strip()
    if left.isdigit():
        unit = re.sub(r"^[\d\s]+", "", right.strip().lower())
        if unit in ("m", "min"):
            left_value = int(left) * 60
        elif unit in ("h",):
            left_value = int(left) * 3600
        else:
            left_value = int(left)
    else:
        parsed = parse_duration(left)
        if parsed is None:
            return None
        left_value = parsed
    return left_value, right_value


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
