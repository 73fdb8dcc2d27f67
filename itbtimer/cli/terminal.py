"""Text for the terminal: never a name cut mid-word (escaping is core/escaping.py's)."""

from __future__ import annotations

import argparse


def shorten(text: str, width: int) -> str:
    """At most `width` characters: cut at a word boundary with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    space = cut.rfind(" ")
    if text[width - 1] != " " and space >= width // 2:
        cut = cut[:space]
    return cut.rstrip(" -–,") + "…"


def utf8_text(value: str) -> str:
    """An argument kept in the history or looked up in it (a note, a run's fields, an id, a
    score): `type=` of every such argument, so text that is not UTF-8 (Python reads such
    bytes of argv as lone surrogates) gets argparse's plain message and status 2."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            "is not UTF-8 text (a byte the terminal sent is not UTF-8); type it again") from None
    return value
