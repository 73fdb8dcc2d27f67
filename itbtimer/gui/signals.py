"""SIGTERM, SIGINT and SIGHUP end the session as Ctrl+Q does: recorded at once, exit 0.

A signal must not act inside whatever Tk callback happens to be running (a
KeyboardInterrupt raised there is swallowed as a callback error, and the app runs
on). So the Python handlers do nothing; `signal.set_wakeup_fd` writes each
signal's number into a pipe that the Tk loop watches with `createfilehandler`, and
the quit runs there, between callbacks, as a key press would.
"""

from __future__ import annotations

import os
import signal
import sys
import tkinter as tk
from collections.abc import Callable
from types import FrameType

from itbtimer.adapters.quit_signals import QUIT_SIGNALS, end_at_once


class QuitOnSignals:
    """Calls `on_quit(signal number)` on the Tk thread, once, for the first quit signal."""

    def __init__(self, root: tk.Tk, on_quit: Callable[[int], None],
                 signals: tuple[int, ...] = QUIT_SIGNALS, opening: bool = False):
        self.root = root
        # while the window is being made (`opening`), no Tk loop would ever read the pipe:
        # a quit signal ends the program there and then (exit 128 + its number), so
        # nothing a start waits on (a slow disk, a locked file) can hold it
        self.opening = opening
        self.on_quit = on_quit
        self.signals = signals
        self.received: list[int] = []
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self._old_fd = signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
        self._old = {s: signal.signal(s, self._noted) for s in signals}
        root.tk.createfilehandler(self._read, tk.READABLE, self._on_signal)

    def _noted(self, signum: int, frame: FrameType | None) -> None:
        """The real work happens in the Tk loop, woken by the wakeup fd."""
        if self.opening:
            end_at_once(signum)

    def opened(self) -> None:
        """The window is made: from now on a signal quits it from the Tk loop."""
        self.opening = False

    def _on_signal(self, fd: int, mask: int) -> None:
        try:
            data = os.read(self._read, 512)
        except (BlockingIOError, OSError):
            return
        ours = [n for n in data if n in self.signals]
        if not ours:
            return
        first = not self.received
        self.received += ours
        if first:
            try:
                self.on_quit(ours[0])
            except Exception:  # reported as any Tk callback's error would be
                self.root.report_callback_exception(*sys.exc_info())

    def close(self) -> None:
        """Put back the handlers that were there before (tests; the end of the program)."""
        for s, old in self._old.items():
            signal.signal(s, old)
        signal.set_wakeup_fd(self._old_fd)
        try:
            self.root.tk.deletefilehandler(self._read)
        except tk.TclError:
            pass
        os.close(self._read)
        os.close(self._write)
