"""The one loop that drives a running workout, and the timers it (and the flash) wait on.

`Timers` is the seam: Tk's `after` by default, a fake clock's in tests, another
wake-up source when one is needed. Nothing else in gui/ schedules anything.
"""

from __future__ import annotations

import math
import tkinter as tk
from collections.abc import Callable
from typing import Protocol


class Timers(Protocol):
    def after(self, ms: int, callback: Callable[[], None]) -> str: ...

    def after_idle(self, callback: Callable[[], None]) -> str: ...

    def cancel(self, timer: str) -> None: ...


class TkTimers:
    """Tk's own timers, all on the root (so destroying the root drops them all)."""

    def __init__(self, root: tk.Misc):
        self.root = root

    def after(self, ms: int, callback: Callable[[], None]) -> str:
        return self.root.after(ms, callback)

    def after_idle(self, callback: Callable[[], None]) -> str:
        return self.root.after_idle(callback)

    def cancel(self, timer: str) -> None:
        try:
            self.root.after_cancel(timer)
        except tk.TclError:
            pass  # the root is already gone, and its timers with it


class Ticker:
    """Wake at the workout's next deadline or frame, tick it, redraw; again until it ends."""

    def __init__(self, timers: Timers, tick: Callable[[], object],
                 render: Callable[[], None], next_wake: Callable[[], float | None]):
        self.timers = timers
        self._tick = tick
        self._render = render
        self._next_wake = next_wake
        self.pending: str | None = None

    def run(self) -> None:
        """One wake-up: tick, redraw, and schedule the next."""
        self.pending = None
        try:
            self._tick()
            self._render()
        finally:
            self._schedule()

    def redraw(self) -> None:
        """After a command: draw now and wake again at the new deadline."""
        self.stop()
        self._render()
        self._schedule()

    def stop(self) -> None:
        if self.pending is not None:
            self.timers.cancel(self.pending)
            self.pending = None

    def _schedule(self) -> None:
        wait = self._next_wake()
        if wait is None or self.pending is not None:
            return
        self.pending = self.timers.after(max(1, math.ceil(wait * 1000)), self.run)
