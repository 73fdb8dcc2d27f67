"""Text for the terminal: never a name cut mid-word (escaping is core/escaping.py's)."""

from __future__ import annotations


def shorten(text: str, width: int) -> str:
    """At most `width` characters: cut at a word boundary with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    space = cut.rfind(" ")
    if text[width - 1] != " " and space >= width // 2:
        cut = cut[:space]
    return cut.rstrip(" -–,") + "…"
