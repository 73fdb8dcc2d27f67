"""The colours the report and the card print in (red, green, blue, 0-255): dark enough to
read printed in black and white. Here, apart from the sheet, so that what is drawn can be
named without loading fpdf2."""

from __future__ import annotations

Rgb = tuple[int, int, int]

INK: Rgb = (34, 34, 34)
QUIET: Rgb = (90, 90, 90)  # the lines under a heading: still dark enough to print
RULE: Rgb = (200, 200, 200)
