"""A count in words: "1 session", "2 sessions", "0 runs" (English plurals by -s)."""

from __future__ import annotations


def counted(n: int, word: str) -> str:
    """`n` and `word`, the word plural unless `n` is one."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
