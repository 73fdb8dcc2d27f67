"""fpdf2, as the sheet uses it; the one module that imports it, so the report's words,
charts and colours can be read (and tested) without loading it.

fpdf2 imports numpy, when it is installed (the voice brings it), only to read images
faster; a report has no image, and numpy's import is a sixth of a report's time. So while
fpdf2 is first imported here, numpy reads as absent; afterwards it imports as usual.
"""

from __future__ import annotations

import sys

if "numpy" not in sys.modules and "fpdf" not in sys.modules:
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import fpdf  # noqa: F401
    finally:
        del sys.modules["numpy"]

from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace, TTFFont

__all__ = ["FPDF", "Align", "FontFace", "TTFFont", "TableBordersLayout", "XPos", "YPos"]
