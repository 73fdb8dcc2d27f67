"""A bare Tcl interpreter's event loop, for tests that need no display (the `tcl`
fixture is in conftest.py)."""

from __future__ import annotations

import time
import tkinter as tk


def run_until(interp: tk.Tk, done, limit: float = 5.0) -> None:
    """The Tk loop as mainloop runs it: block in Tcl until an event comes."""
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        interp.dooneevent(0)
