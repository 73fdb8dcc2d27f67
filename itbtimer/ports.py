"""The small interfaces the workout and the window need from the world.

Real adapters: sounds.SimpleaudioPlayer, history.HistoryStore, awake.ScreenAwake.
Fakes for tests: tests/fakes.py. app.py chooses which.
"""

from __future__ import annotations

from typing import Any, Protocol

from .sounds import Player

__all__ = ["Awake", "HistoryStore", "Player", "Record"]

# One session's record as history stores it (a typed SessionRecord is coming: issue 12).
Record = dict[str, Any]


class HistoryStore(Protocol):
    """Where sessions are kept: the mirror of the one in progress, and the finished ones."""

    @property
    def notice(self) -> str | None:
        """A problem the person should see (e.g. the history cannot be written)."""
        ...

    def save_in_progress(self, record: Record) -> None:
        """Mirror the session in progress, so a crash loses at most a few seconds of it."""
        ...

    def append(self, record: Record) -> bool:
        """Keep this session's one record; True when it is safely stored."""
        ...

    def load(self) -> tuple[list[Record], str | None]:
        """Every readable record, and a message about unreadable ones."""
        ...

    def recover_interrupted(self) -> Record | None:
        """A session the last run could not finish recording: record it now, return it."""
        ...


class Awake(Protocol):
    """Keeps the screen from blanking while a workout runs."""

    window_id: int | None

    def hold(self) -> None: ...

    def release(self) -> None: ...
