"""The one escaping rule for text that leaves the program: the terminal, the window title,
MPRIS metadata, desktop notifications, the desktop file and the cells of a CSV export.

A routine's names are the person's (or a downloaded file's) text. Shown raw, a control
character drives a terminal (colours, cursor moves, a fake prompt), a line separator
breaks a desktop file or a one-line title, and a format character such as U+202E
(right-to-left override) turns the rest of a line around so it reads as something else.
Each of them is shown as an escape (`\\x1b`, `\\u202e`) instead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

HIDDEN = frozenset(("Cc", "Cf", "Zl", "Zp"))  # control, format, line and paragraph separators


def escaped(text: str) -> str:
    """`text` with every control, format and line/paragraph separator character escaped:
    "Squat\\x1b[31m" -> "Squat\\\\x1b[31m", "Knee\\u202e" -> "Knee\\\\u202e"."""
    if text.isprintable():  # the common case: nothing to do (no Cc, Cf, Zl, Zp, Cs, Co, Cn)
        return text
    return "".join(_escape(c) if unicodedata.category(c) in HIDDEN else c for c in text)


# A cell starting with one of these is run as a formula by a spreadsheet (a name written
# "=HYPERLINK(...)" in a routine would become a link, or worse, in the exported CSV).
FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """`escaped` text for a CSV cell, with a `'` before a formula sign so a spreadsheet
    shows it as text: "=1+1" -> "'=1+1", "-Squat" -> "'-Squat" (numbers are not texts)."""
    return ("'" if text.startswith(FORMULA_SIGNS) else "") + escaped(text)


def escaped_for(text: str, shows: Callable[[str], bool]) -> str:
    """`escaped`, and each character `shows` says cannot be shown (a font without its
    glyph: a PDF's) written as its escape too, never left out unseen."""
    return "".join(_escape(c) if unicodedata.category(c) in HIDDEN or not shows(c) else c
                   for c in text)


def escaped_lines(text: str) -> str:
    """`escaped` for each line of a text that has several (the line breaks stay)."""
    return "\n".join(escaped(line) for line in text.split("\n"))


def _escape(c: str) -> str:
    code = ord(c)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
