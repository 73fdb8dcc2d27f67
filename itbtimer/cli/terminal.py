"""Text for the terminal: never raw control characters, never a name cut mid-word."""

from __future__ import annotations

import unicodedata


def safe(text: str) -> str:
    """Control characters shown escaped (`\\x1b`), so a routine file cannot drive the
    terminal (colours, cursor moves, a fake prompt)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != " ":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def safe_lines(text: str) -> str:
    """`safe` for each line of a text that has several."""
    return "\n".join(safe(line) for line in text.split("\n"))


def shorten(text: str, width: int) -> str:
    """At most `width` characters: cut at a word boundary with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    space = cut.rfind(" ")
    if text[width - 1] != " " and space >= width // 2:
        cut = cut[:space]
    return cut.rstrip(" -–,") + "…"
