"""The history on disk: one SQLite file, `history.sqlite3` in the data folder.

- WAL mode with synchronous=FULL: a session and its steps are written in one
  transaction, so a crash, a kill -9 or a full disk leaves the history exactly
  as it was before the write, or with the whole record.
- Each window's session in progress is its own row (`in_progress = 1`), updated
  in place every few seconds. The window owns it through an exclusive
  `fcntl.flock` on `locks/<id>.lock` in the state folder; a start recovers only
  rows whose lock nobody holds (their window is gone), once.
- A record that cannot be written stays in memory (`unsaved`) and is retried at
  every write and on `retry()`; `keep_pending()` writes it to
  `pending/<id>.json` in the state folder (or $XDG_RUNTIME_DIR), and the next
  start imports it.
- The old `history.jsonl` is imported once at the first start (idempotent by
  record id) and kept as `history.jsonl.imported`.

HistoryStore is made of parts, each given the one `Database` (database.py: the
file, its schema, connections and transactions): `Queries` reads (queries.py),
`Owners` holds the locks of sessions in progress (locks.py), `PendingFiles` keeps
what could not be saved (pending.py); imports.py brings sessions in. The writes
are here, with what the person is told about them (`notice`, `messages`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from itbtimer.core.progression import (
    NO_PROGRESSION,
    LevelKey,
    Progression,
    assuming,
    growing,
    progression,
)
from itbtimer.core.routine import Routine
from itbtimer.history import imports, rows
from itbtimer.history.database import Database, HistoryError
from itbtimer.history.figures import Listed, Progress, Recorded
from itbtimer.history.imports import ImportReport
from itbtimer.history.limits import EARLIEST, LATEST
from itbtimer.history.locks import Owners
from itbtimer.history.pending import PendingFiles, write_jsonl
from itbtimer.history.queries import ANSWERED, Queries
from itbtimer.history.records import DamagedRow, RecordKind, RunRecord, SessionRecord
from itbtimer.paths import data_dir, state_dir

__all__ = ["HistoryError", "HistoryStore", "ImportReport"]


class HistoryStore:
    """The person's history. Every method is safe to call when the disk misbehaves:
    writes return False and set `notice`; reads raise HistoryError."""

    def __init__(self, folder: Path | None = None, state: Path | None = None,
                 now: Callable[[], float] = time.time, database: Database | None = None):
        self.database = database or Database(folder or data_dir())
        self.folder = self.database.folder
        self.state = state or (state_dir() if folder is None else self.folder)
        self.path = self.database.path
        self.notice: str | None = None
        self.messages: list[str] = []  # one-time reports of the first start (import, pending)
        self.unsaved: dict[str, SessionRecord] = {}
        self.queries = Queries(self.database)
        self.owners = Owners(self.state / "locks", self.database)
        self.pending = PendingFiles(self.state)
        self._now = now

    # --- writing ------------------------------------------------------------------------

    def append(self, record: SessionRecord | dict[str, Any]) -> bool:
        """Record a session (finished, stopped or interrupted), and any still unsaved.

        True when this one is on disk. The write is one transaction: a failure
        leaves the history as it was, and the record waits in `unsaved`.
        """
        session = rows.typed(record)
        self.unsaved[session.id] = session
        ok = self.retry()
        if session.id not in self.unsaved:
            self.owners.let_go(session.id)
        return ok and session.id not in self.unsaved

    def retry(self) -> bool:
        """Write every unsaved record; True when none is left."""
        if not self.unsaved:
            return True
        try:
            with self.database.writing() as db:
                for session in self.unsaved.values():
                    rows.put(db, session, in_progress=False)
        except HistoryError as exc:
            self.notice = f"History not saved: {exc}"
            return False
        self.unsaved.clear()
        self.notice = None
        return True

    def save_in_progress(self, record: SessionRecord | dict[str, Any]) -> None:
        """Mirror the running session (its own row, owned by this process) to disk."""
        session = rows.typed(record)
        try:
            owner = self.owners.own(session.id)
            with self.database.writing() as db:
                if rows.in_progress(db, session.id) is False:
                    return  # already recorded for good: never turn it back
                rows.put(db, session, in_progress=True, owner=owner)
        except HistoryError as exc:
            self.notice = f"History not saved: {exc}"
            return
        if not self.unsaved:
            self.notice = None

    def set_pain(self, record_id: str, pain: int | None) -> SessionRecord:
        with self.database.writing() as db:
            session = rows.read(db, rows.find(db, record_id)).with_pain(pain)
            rows.put(db, session, in_progress=False)
        return session

    def set_morning(self, record_id: str, morning: int | None) -> SessionRecord:
        """The answer the morning after a session (issue 23: the pain-monitoring model)."""
        with self.database.writing() as db:
            session = rows.read(db, rows.find(db, record_id)).with_morning(morning)
            rows.put(db, session, in_progress=False)
        return session

    def set_levels(self, routine: str, levels: Mapping[LevelKey, int]) -> None:
        """Set progression levels by hand (`itbtimer progress`; 0: the routine's own figure);
        only sessions after now count towards the next change."""
        at = self._now()
        with self.database.writing() as db:
            db.executemany("INSERT OR REPLACE INTO levels_set VALUES (?, ?, ?, ?, ?)",
                           [(routine, key.grows.value, key.name, level, at)
                            for key, level in levels.items()])

    def set_note(self, record_id: str, note: str | None) -> SessionRecord | RunRecord:
        """A session's or a run's note (None: none). A session still waiting unsaved (its
        whole id) gets it in memory: saved with it, or in its pending file."""
        if record_id in self.unsaved:
            session = self.unsaved[record_id] = self.unsaved[record_id].with_note(note)
            self.retry()
            return session
        with self.database.writing() as db:
            kind, found = rows.find_record(db, record_id)
            if kind == RecordKind.RUN:
                run = rows.read_run(db, found).with_note(note)
                rows.put_run(db, run)
                return run
            session = rows.read(db, found).with_note(note)
            rows.put(db, session, in_progress=False)
        return session

    def log_run(self, run: RunRecord) -> RunRecord:
        """Keep a run (raises HistoryError, with the cause, when it cannot be written)."""
        with self.database.writing() as db:
            rows.put_run(db, run)
        return run

    def delete(self, record_id: str) -> SessionRecord | RunRecord | DamagedRow:
        """Move a session or a run to the `deleted` table (undo with undelete); a damaged
        one goes all the same, its text kept as it was (a DamagedRow says which it was)."""
        with self.database.writing() as db:
            kind, found = rows.find_record(db, record_id)
            record: SessionRecord | RunRecord | DamagedRow
            if kind == RecordKind.RUN:
                text, start = db.execute("SELECT record, start_utc FROM runs WHERE id = ?",
                                         (found,)).fetchone()
                record = _record_or_mark(lambda: rows.run_of(text, found), kind, found, start)
                db.execute("DELETE FROM runs WHERE id = ?", (found,))
            else:
                text, start = db.execute("SELECT record, start_utc FROM sessions WHERE id = ?",
                                         (found,)).fetchone()
                record = _record_or_mark(lambda: rows.read(db, found), kind, found, start)
                if isinstance(record, SessionRecord):
                    text = rows.dump(record.to_json())  # with its steps
                rows.remove(db, found)
            db.execute("INSERT OR REPLACE INTO deleted VALUES (?, ?, ?)",
                       (found, self._now(), text))
        return record

    def undelete(self, record_id: str) -> SessionRecord | RunRecord:
        with self.database.writing() as db:
            kind, found = rows.find_record(db, record_id, deleted=True)
            (text,) = db.execute("SELECT record FROM deleted WHERE id = ?", (found,)).fetchone()
            record: SessionRecord | RunRecord
            if kind == RecordKind.RUN:
                record = rows.run_of(text, found)
                rows.put_run(db, record)
            else:
                record = rows.session_of(text, found)
                rows.put(db, record, in_progress=False)
            db.execute("DELETE FROM deleted WHERE id = ?", (found,))
        return record

    def close(self) -> None:
        """Let go of every session this process owns (they stay in progress on disk)."""
        self.owners.close()

    # --- a start: recovering, and what waits to be imported -----------------------------

    def recover(self) -> list[SessionRecord]:
        """Record every session whose window is gone (crashed, killed), once; never a live one.

        Also imports, once, the old `history.jsonl`, its in-progress mirror, and
        pending records written when a save failed.
        """
        messages, notice = imports.import_legacy(self.database)
        self.messages += messages
        self.notice = notice or self.notice
        self._import_pending()
        try:
            with self.database.reading() as db:
                ids = [r[0] for r in db.execute("SELECT id FROM sessions WHERE in_progress = 1")]
        except HistoryError as exc:
            self.notice = f"History not read: {exc}"
            return []
        recovered = []
        for record_id in ids:
            with self.owners.if_gone(record_id) as gone:
                if not gone:
                    why = self.owners.cannot_take
                    if why is not None and not self.owners.running(record_id):
                        # its window is gone, but a read-only disk keeps its lock from us
                        cause = self.database.cause(why.errno, why.strerror)
                        self.notice = f"History not saved: {cause}"
                    continue
                try:
                    with self.database.writing() as db:
                        if not rows.in_progress(db, record_id):
                            continue  # another window recovered it first
                        session = rows.read(db, record_id)
                        session = SessionRecord.from_json(session.to_json()
                                                          | {"interrupted": True})
                        rows.put(db, session, in_progress=False)
                    recovered.append(session)
                except HistoryError as exc:
                    self.notice = f"History not saved: {exc}"
        return recovered

    def _import_pending(self) -> None:
        for file, session in self.pending.waiting():
            try:
                with self.database.writing() as db:
                    rows.put(db, session, in_progress=False)
            except HistoryError as exc:
                self.notice = f"History not saved: {exc}"
                return
            file.unlink(missing_ok=True)
            self.messages.append(f"Recorded the session of {session.start:%a %d %b %H:%M} "
                                 "that could not be saved before")

    def keep_pending(self) -> Path | None:
        """Write unsaved records as files the next start imports (on a signal, at quit).

        The state folder first, then $XDG_RUNTIME_DIR, then the temp folder. Returns the
        folder used.
        """
        if not self.unsaved:
            return None
        place = self.pending.keep(self.unsaved.values())
        if place is not None:
            for record_id in self.unsaved:
                self.owners.let_go(record_id)  # kept for the next start: no lock left over
        return place

    def save_to(self, target: Path) -> int:
        """Write unsaved records to a file the person chose (JSONL, importable)."""
        try:
            write_jsonl(target, self.unsaved.values())
        except OSError as exc:
            raise HistoryError(f"{target}: cannot write ({exc.strerror})") from None
        return len(self.unsaved)

    def import_jsonl(self, source: Path) -> ImportReport:
        """Merge records from a JSONL file; ids already there are skipped."""
        return imports.import_jsonl(self.database, source)

    # --- reading (queries.py) -----------------------------------------------------------

    def sessions(self, routines: Iterable[str] | None = None, newest: int | None = None,
                 with_steps: bool = True, in_progress: bool = False) -> Iterator[SessionRecord]:
        """Records oldest first (by instant); sessions in progress only when asked."""
        return self.queries.sessions(routines, newest, with_steps, in_progress)

    def load(self) -> tuple[list[dict[str, Any]], str | None]:
        """Every record as its JSON, oldest first, and a message when it cannot be read."""
        return self.queries.load()

    def listing(self, routines: Iterable[str] | None = None,
                newest: int = 15) -> list[Listed]:
        """The newest sessions for a list, oldest first, without their steps; a session in
        progress whose window is gone (not yet recorded: a full or read-only disk) is `left`."""
        return [replace(s, left=True) if s.in_progress and not self.owners.running(s.id) else s
                for s in self.queries.listing(routines, newest)]

    def notes(self, routine: str, since: date) -> list[tuple[datetime, str]]:
        """The notes on a routine's sessions from a day on, oldest first: (start, note)."""
        return self.queries.notes(routine, since)

    def damaged_runs(self, newest: int | None = None) -> list[tuple[str, str]]:
        """Runs whose row holds what no run could (changed outside itbtimer): (id, why);
        among the newest N, or all."""
        return self.queries.damaged_runs(newest)

    def runs(self, newest: int | None = None, since: date | None = None) -> list[RunRecord]:
        """Runs, oldest first: the newest N, or those since a day (both: the newest N of
        those); damaged rows left out."""
        return self.queries.runs(newest, since)

    def routines(self) -> list[Recorded]:
        """Every routine recorded, by identity, most recent first."""
        return self.queries.routines()

    def progression(self, routine: Routine,
                    assumed: SessionRecord | None = None) -> Progression:
        """The levels the routine's next session runs at, and why (core/progression.py),
        from its sessions and the levels set by hand; `assumed`: as if this session were
        recorded so (the finished screen, before its answer is kept)."""
        if not growing(routine):
            return NO_PROGRESSION
        sessions = self.queries.answered(routine.identity)
        if assumed is not None and assumed.moves_levels:
            sessions = assuming(sessions, assumed.answered(), ANSWERED)
        return progression(routine, sessions, self.queries.levels_set(routine.identity))

    def progress(self, today: date, routine: str | None = None, per_week: int | None = None,
                 weeks: int = 12, series: bool = False, since: date | None = None) -> Progress:
        """The figures of the start screen (series=False), the History screen, or (since)
        a report of the weeks from that day's."""
        return self.queries.progress(today, routine, per_week, weeks, series, since)


def _record_or_mark(read: Callable[[], SessionRecord | RunRecord], kind: RecordKind,
                    record_id: str, start_utc: float) -> SessionRecord | RunRecord | DamagedRow:
    """A record being deleted, as it reads; a damaged one as a mark of its id, its day and
    its kind (what `itbtimer history` says it deleted)."""
    try:
        return read()
    except HistoryError:
        instant = min(max(float(start_utc), EARLIEST), LATEST)
        return DamagedRow(record_id, datetime.fromtimestamp(instant, timezone.utc), kind)
