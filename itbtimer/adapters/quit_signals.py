"""The signals that quit itbtimer, and how they end it where nothing is there to record a
session: at once, with exit status 128 + the signal's number (as a shell reports a
process a signal ended). The window takes them over once it is open (gui/signals.py) and
quits as Ctrl+Q does."""

from __future__ import annotations

import signal
from types import FrameType

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def end_at_once(signum: int, frame: FrameType | None = None) -> None:
    raise SystemExit(128 + signum)


def install_quit_signals() -> None:
    """A quit signal ends the program at once, whatever it waits on."""
    for signum in QUIT_SIGNALS:
        signal.signal(signum, end_at_once)
