"""The small interfaces the workout and the window need from the world.

Real adapters: sounds.SimpleaudioPlayer, history.HistoryStore, awake.ScreenAwake,
bus.DesktopBus.
Fakes for tests: tests/fakes.py. app.py chooses which.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Protocol

from itbtimer.adapters.sound import Player
from itbtimer.core.progression import Progression
from itbtimer.core.routine import Routine
from itbtimer.history.figures import Listed, Progress
from itbtimer.history.records import DamagedRow, RunRecord, SessionRecord
from itbtimer.present.now_playing import NowPlaying, Remote

__all__ = ["Awake", "HistoryStore", "Player", "Record", "RemoteControl"]

Record = SessionRecord  # one session's record, typed (history/records.py)


class HistoryStore(Protocol):
    """Where sessions are kept (history.HistoryStore on SQLite; tests.fakes.MemoryHistory).

    Writes never raise: they return False / set `notice` and keep the record in
    `unsaved`. Reads raise history.HistoryError with the real cause.
    """

    notice: str | None  # a problem the person should see (e.g. the history cannot be written)
    unsaved: dict[str, Record]  # records that could not be written yet, by id
    messages: list[str]  # one-time reports of the start (old file imported, pending saved)

    @property
    def folder(self) -> Path | None:
        """Where it is kept (None: in memory); a report's own process reads it there."""

    def save_in_progress(self, record: Record) -> None:
        """Mirror the session in progress (its own row, owned by this process)."""
        ...

    def append(self, record: Record) -> bool:
        """Keep this session's one record (and retry unsaved ones); True when it is stored."""
        ...

    def retry(self) -> bool:
        """Write every unsaved record; True when none is left."""
        ...

    def keep_pending(self) -> Path | None:
        """Unsaved records to files the next start imports (on a signal or at quit)."""
        ...

    def save_to(self, target: Path) -> int:
        """Unsaved records to a file the person chose (JSONL); how many."""
        ...

    def recover(self) -> list[Record]:
        """At start: record sessions whose window is gone (once, never a live one)."""
        ...

    def progress(self, today: date, routine: str | None = None, per_week: int | None = None,
                 weeks: int = 12, series: bool = False, since: date | None = None) -> Progress:
        """The figures of the start screen (series=False), the History screen, or (since)
        a report of the weeks from that day's."""
        ...

    def listing(self, routines: Iterable[str] | None = None, newest: int = 15) -> list[Listed]:
        """The newest sessions, oldest first, without their steps."""
        ...

    def progression(self, routine: Routine, assumed: Record | None = None) -> Progression:
        """The levels the routine's next session runs at, and why (core/progression.py);
        `assumed`: as if this session were recorded so."""
        ...

    def delete(self, record_id: str) -> Record | RunRecord | DamagedRow:
        """A session or a run, to the deleted ones (`itbtimer history --undelete`); a
        damaged one (its row changed outside itbtimer) goes too, as a DamagedRow."""
        ...

    def set_pain(self, record_id: str, pain: int | None) -> Record:
        ...

    def set_morning(self, record_id: str, morning: int | None) -> Record:
        """The answer the morning after a session (the start screen's question)."""
        ...

    def set_note(self, record_id: str, note: str | None) -> Record | RunRecord:
        """A session's or a run's note (None: none)."""
        ...

    def log_run(self, run: RunRecord) -> RunRecord:
        """Keep a run; raises history.HistoryError when it cannot be written."""
        ...

    def runs(self, newest: int | None = None, since: date | None = None) -> list[RunRecord]:
        """Runs, oldest first."""
        ...


class Awake(Protocol):
    """Keeps the screen from blanking while a workout runs."""

    window_id: int | None

    def hold(self) -> None: ...

    def release(self) -> None: ...


class RemoteControl(Protocol):
    """Media remotes on the desktop bus (bus.DesktopBus; tests.fakes.FakeRemote).

    Commands arrive in another thread; `wake_fd` turns readable when some are
    waiting, or when the bus went away or came back (`gone`), and `take()` (on the
    Tk thread) hands them over. `publish` and `notify` may be called from the Tk
    thread at any time and never block.
    """

    @property
    def wake_fd(self) -> int: ...

    @property
    def gone(self) -> bool: ...

    def take(self) -> list[Remote]: ...

    def publish(self, now_playing: NowPlaying) -> None: ...

    def notify(self, summary: str, body: str) -> None: ...

    def close(self) -> None: ...
