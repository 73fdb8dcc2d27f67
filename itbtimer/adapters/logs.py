"""Where bugs go: a log file in the state folder, never a traceback on the screen."""

from __future__ import annotations

import logging
import tempfile
import traceback
from pathlib import Path

from itbtimer.core.escaping import escaped_lines
from itbtimer.paths import state_dir


def log_path() -> Path:
    folder = state_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / "itbtimer.log"
        with open(probe, "a", encoding="utf-8"):
            pass
        return probe
    except OSError:
        return Path(tempfile.gettempdir()) / "itbtimer.log"


def log_bug(exc: BaseException) -> Path:
    path = log_path()
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(escaped_lines("".join(traceback.format_exception(type(exc), exc,
                                                                     exc.__traceback__))))
    except OSError:
        pass
    return path


def bug_notice(exc: BaseException) -> str:
    """Log a bug; the one line the person sees about it."""
    where = log_bug(exc)
    return f"Something went wrong ({type(exc).__name__}: {exc}); details in {where}"


log = logging.getLogger("itbtimer")


class _Escaping(logging.Formatter):
    """Log lines escaped like every text that leaves (the log is read in a terminal)."""

    def format(self, record: logging.LogRecord) -> str:
        return escaped_lines(super().format(record))


class _LogFile(logging.FileHandler):
    """The log file; a line it cannot write (a full disk) is lost quietly, where logging
    would print '--- Logging error ---' and a traceback on the terminal."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def setup() -> None:
    """Warnings go to the log file, not the terminal (the window shows notices)."""
    try:
        handler: logging.Handler = _LogFile(log_path(), encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(_Escaping("%(asctime)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
