"""Fakes for the adapters in itbtimer.ports: in memory, inspectable, no disk."""

from __future__ import annotations

import copy

from itbtimer.ports import Record


class MemoryHistory:
    """A HistoryStore in memory. `fail` makes every write fail as a full disk would."""

    def __init__(self, records: list[Record] | None = None, fail: bool = False):
        self.records: list[Record] = list(records or [])
        self.in_progress: Record | None = None
        self.fail = fail
        self.notice: str | None = None
        self.snapshots = 0

    def save_in_progress(self, record: Record) -> None:
        if self.fail:
            self.notice = "History not saved (No space left on device): memory"
            return
        self.snapshots += 1
        self.in_progress = copy.deepcopy(record)

    def append(self, record: Record) -> bool:
        if self.fail:
            self.notice = "History not saved (No space left on device): memory"
            return False
        self.records.append(copy.deepcopy(record))
        self.in_progress = None
        return True

    def load(self) -> tuple[list[Record], str | None]:
        return [copy.deepcopy(r) for r in self.records], None

    def recover_interrupted(self) -> Record | None:
        record, self.in_progress = self.in_progress, None
        if record is None:
            return None
        record["interrupted"] = True
        return record if self.append(record) else None


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
