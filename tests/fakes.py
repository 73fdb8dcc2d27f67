"""Fakes for the adapters in itbtimer.app.ports: in memory, inspectable, no disk."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from itbtimer.app.ports import Record
from itbtimer.history import HistoryError, Listed, Progress
from itbtimer.history.from_session import progress

FULL = "History not saved: the disk holding memory is full"


class MemoryHistory:
    """A HistoryStore in memory. `fail` makes every write fail as a full disk would."""

    def __init__(self, records: list[Record] | None = None, fail: bool = False):
        self.records: list[Record] = list(records or [])
        self.in_progress: Record | None = None
        self.fail = fail
        self.notice: str | None = None
        self.unsaved: dict[str, Record] = {}
        self.messages: list[str] = []
        self.pending: list[Record] = []
        self.snapshots = 0

    def save_in_progress(self, record: Record) -> None:
        if self.fail:
            self.notice = FULL
            return
        self.snapshots += 1
        self.in_progress = record

    def append(self, record: Record) -> bool:
        self.unsaved[record.id] = record
        return self.retry()

    def retry(self) -> bool:
        if self.fail:
            self.notice = FULL
            return False
        for record in self.unsaved.values():
            self.records = [r for r in self.records if r.id != record.id] + [record]
            if self.in_progress is not None and self.in_progress.id == record.id:
                self.in_progress = None
        self.unsaved.clear()
        self.notice = None
        return True

    def keep_pending(self) -> Path | None:
        self.pending.extend(self.unsaved.values())
        return Path("/memory/pending") if self.unsaved else None

    def save_to(self, target: Path) -> int:
        return len(self.unsaved)

    def recover(self) -> list[Record]:
        record, self.in_progress = self.in_progress, None
        if record is None:
            return []
        record = replace(record, interrupted=True)
        return [record] if self.append(record) else []

    def progress(self, today: date, routine: str | None = None, per_week: int | None = None,
                 weeks: int = 12, series: bool = False) -> Progress:
        return progress(self.records, today, routine, per_week, weeks, series)

    def listing(self, routines: Iterable[str] | None = None, newest: int = 15) -> list[Listed]:
        names = None if routines is None else set(routines)
        chosen = sorted((r for r in self.records if names is None or r.routine in names),
                        key=lambda r: r.start)[-newest:]
        return [Listed(r.id, r.start, r.routine, r.completed, r.active_seconds, r.pain,
                       r.practice, r.speed, False, r.interrupted,
                       tuple(r.holds().items()), r.question) for r in chosen]

    def _find(self, record_id: str) -> Record:
        found = [r for r in self.records if r.id.startswith(record_id)]
        if len(found) != 1:
            raise HistoryError(f"no session with the id {record_id!r}")
        return found[0]

    def delete(self, record_id: str) -> Record:
        record = self._find(record_id)
        self.records.remove(record)
        return record

    def set_pain(self, record_id: str, pain: int | None) -> Record:
        record = self._find(record_id).with_pain(pain)
        self.records = [record if r.id == record.id else r for r in self.records]
        return record


class FakeAwake:
    """Records whether the screen is being kept awake."""

    def __init__(self) -> None:
        self.window_id: int | None = None
        self.active = False
        self.calls: list[str] = []

    def hold(self) -> None:
        self.calls.append("hold")
        self.active = True

    def release(self) -> None:
        self.calls.append("release")
        self.active = False


class FakeTimers:
    """The window's timers on a fake clock: callbacks run when `advance` reaches them."""

    def __init__(self, clock: Callable[[], float], set_clock: Callable[[float], None]):
        self.clock = clock
        self.set_clock = set_clock
        self.pending: dict[str, tuple[float, int, Callable[[], None]]] = {}
        self.count = 0

    def after(self, ms: int, callback: Callable[[], None]) -> str:
        self.count += 1
        timer = f"fake-after#{self.count}"
        due = round(self.clock() + ms / 1000, 6)  # no float creep over many frames
        self.pending[timer] = (due, self.count, callback)
        return timer

    def after_idle(self, callback: Callable[[], None]) -> str:
        return self.after(0, callback)

    def cancel(self, timer: str) -> None:
        self.pending.pop(timer, None)

    def run_due(self) -> None:
        """Every callback due by now, in the order they fall due."""
        self.advance(0.0)

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass, running each callback at its own due time."""
        end = self.clock() + seconds
        while self.pending:
            timer, (due, _, callback) = min(self.pending.items(), key=lambda kv: kv[1][:2])
            if due > end:
                break
            del self.pending[timer]
            self.set_clock(max(self.clock(), due))
            callback()
        self.set_clock(max(self.clock(), end))
