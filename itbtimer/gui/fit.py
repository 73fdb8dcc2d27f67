"""Fit a text into a width: shrink, then wrap, then ellipsise — never clip a letter.

Pure: the caller passes `measure(text, size) -> pixels` (Tk's `font.measure` at
that size) and the sizes it may use, largest first. Tests pass a fake measure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

ELLIPSIS = "…"
Measure = Callable[[str, int], int]


@dataclass(frozen=True)
class Fitted:
    text: str  # lines joined by "\n"
    size: int  # the font size chosen
    lines: int
    shortened: bool = False  # an ellipsis stands for what did not fit


def fit(text: str, width: int, sizes: Sequence[int], measure: Measure,
        max_lines: int = 1, wrap_first: bool = False) -> Fitted:
    """The largest size at which `text` fits `width` on one line; else wrapped onto at most
    `max_lines` lines at the largest size that allows it; else ellipsised at the smallest.
    `wrap_first` (a paragraph to read): wrapped at the largest size rather than one line
    at a smaller one."""
    text = " ".join(text.split())
    if not text or width <= 0:
        return Fitted(text, sizes[0], 1 if text else 0)
    for size in sizes if not wrap_first else ():
        if measure(text, size) <= width:
            return Fitted(text, size, 1)
    if max_lines > 1:
        for size in sizes:  # a size is out as soon as one line too many is wrapped
            lines = wrap(text, width, size, measure, limit=max_lines + 1)
            if len(lines) <= max_lines:
                return Fitted("\n".join(lines), size, len(lines))
    size = sizes[-1]
    wrapped = wrap(text, width, size, measure)
    lines = wrapped[:max_lines]
    lines[-1] = ellipsise(" ".join(wrapped[max_lines - 1:]), width, size, measure)
    return Fitted("\n".join(lines), size, len(lines), shortened=True)


def wrap(text: str, width: int, size: int, measure: Measure,
         limit: int | None = None) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken between letters. With `limit`,
    only the first `limit` lines (measuring a long text only as far as needed)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if limit is not None and len(lines) >= limit:
            return lines[:limit]
        candidate = f"{line} {word}" if line else word
        if measure(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while measure(word, size) > width and len(word) > 1:
            cut = _longest_prefix(word, width, size, measure, suffix="")
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines if limit is None else lines[:limit]


def ellipsise(text: str, width: int, size: int, measure: Measure) -> str:
    """`text` cut at a letter boundary with "…" so that it fits `width`."""
    if measure(text, size) <= width:
        return text
    cut = _longest_prefix(text, width, size, measure, suffix=ELLIPSIS)
    return text[:cut].rstrip() + ELLIPSIS


def _longest_prefix(text: str, width: int, size: int, measure: Measure, suffix: str) -> int:
    """How many leading characters fit with `suffix` after them (at least one)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle] + suffix, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low
