"""`itbtimer report`'s PDFs: the report for the physio and the routine card (fpdf2).

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
