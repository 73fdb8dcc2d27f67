"""The knee-pain score typed on the finished screen: keys in, a score out.

Digits choose 0-9; `1` then `0` within 1.5 s means 10, as does `T`. Choosing is
not saving: the score can be corrected until the person moves on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

TEN_WITHIN = 1.5  # seconds between "1" and "0" for them to mean 10


@dataclass
class PainEntry:
    score: int | None = None
    closed: bool = False  # saved: keys and clicks change nothing any more
    _typed: str = ""
    _typed_at: float = -math.inf

    def key(self, key: str, now: float) -> bool:
        """A key typed at `now` (seconds, any clock); True when it was a score key."""
        if self.closed:
            return key in ("t", "T") or (len(key) == 1 and key.isascii() and key.isdigit())
        if key in ("t", "T"):
            self._type("1", now)
            self._type("0", now)
            return True
        if len(key) == 1 and key.isascii() and key.isdigit():
            self._type(key, now)
            return True
        return False

    def _type(self, digit: str, now: float) -> None:
        if self._typed == "1" and digit == "0" and now - self._typed_at < TEN_WITHIN:
            self._typed = "10"
        else:
            self._typed = digit
        self._typed_at = now
        self.score = int(self._typed)

    def choose(self, score: int | None) -> None:
        """A click on a score (or None: no score this time)."""
        if self.closed:
            return
        self.score = score
        self._typed = ""
