"""The holds to beat: the person's best and last hold of an exercise on a side, handed in
from the history (plain numbers; the core reads no history), and when a count passes it."""

from __future__ import annotations

import math
from dataclasses import dataclass

HoldKey = tuple[str, "str | None"]  # (exercise, side): ("Side plank", "left"), ("Plank", None)


@dataclass(frozen=True)
class HoldTarget:
    """A hold's best so far (the one to beat) and the last session's, in seconds."""

    best: float
    last: float | None = None


def passing_point(best: float) -> float:
    """Seconds into a hold at which its count passes `best`: the first whole second the
    clock shows beyond it (best 0:57.4 is passed when the clock shows 0:58)."""
    return math.floor(best) + 1.0


def key_of(name: str, side: str | None) -> HoldKey:
    return (name, side)
