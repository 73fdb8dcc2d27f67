"""Writing sessions (one transaction each) and owning the sessions in progress
(an exclusive flock per session, so a start recovers only a window that is gone)."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

from itbtimer.history.connection import Connection
from itbtimer.history.records import SessionRecord
from itbtimer.history.tables import (
    STEP_INSERT,
    HistoryError,
    _dump,
    _step_rows,
    _steps,
    _typed,
    fcntl,
)


class Writing(Connection):
    """Appending, correcting and owning sessions."""

    # --- writing ----------------------------------------------------------------------

    def append(self, record: SessionRecord | dict[str, Any]) -> bool:
        """Record a session (finished, stopped or interrupted), and any still unsaved.

        True when this one is on disk. The write is one transaction: a failure
        leaves the history as it was, and the record waits in `unsaved`.
        """
        session = _typed(record)
        self.unsaved[session.id] = session
        ok = self.retry()
        if session.id not in self.unsaved:
            self._let_go(session.id)
        return ok and session.id not in self.unsaved

    def retry(self) -> bool:
        """Write every unsaved record; True when none is left."""
        if not self.unsaved:
            return True
        try:
            with self._connect(write=True) as db:
                for session in self.unsaved.values():
                    self._put(db, session, in_progress=False)
        except HistoryError as exc:
            self.notice = f"History not saved: {exc}"
            return False
        self.unsaved.clear()
        self.notice = None
        return True

    def save_in_progress(self, record: SessionRecord | dict[str, Any]) -> None:
        """Mirror the running session (its own row, owned by this process) to disk."""
        session = _typed(record)
        try:
            owner = self._own(session.id)
            with self._connect(write=True) as db:
                row = db.execute("SELECT in_progress FROM sessions WHERE id = ?",
                                 (session.id,)).fetchone()
                if row is not None and not row[0]:
                    return  # already recorded for good: never turn it back
                self._put(db, session, in_progress=True, owner=owner)
        except HistoryError as exc:
            self.notice = f"History not saved: {exc}"
            return
        if not self.unsaved:
            self.notice = None

    def set_pain(self, record_id: str, pain: int | None) -> SessionRecord:
        with self._connect(write=True) as db:
            found = self._find(db, record_id)
            session = self._read(db, found).with_pain(pain)
            self._put(db, session, in_progress=False)
        return session

    def delete(self, record_id: str) -> SessionRecord:
        """Move a session to the `deleted` table (undo with undelete)."""
        with self._connect(write=True) as db:
            found = self._find(db, record_id)
            session = self._read(db, found)
            db.execute("INSERT OR REPLACE INTO deleted VALUES (?, ?, ?)",
                       (found, self._now(), _dump(session.to_json())))
            self._remove(db, found)
        return session

    def undelete(self, record_id: str) -> SessionRecord:
        with self._connect(write=True) as db:
            found = self._find(db, record_id, table="deleted")
            (text,) = db.execute("SELECT record FROM deleted WHERE id = ?", (found,)).fetchone()
            session = SessionRecord.from_json(json.loads(text))
            self._put(db, session, in_progress=False)
            db.execute("DELETE FROM deleted WHERE id = ?", (found,))
        return session

    def _put(self, db: sqlite3.Connection, session: SessionRecord, in_progress: bool,
             owner: str | None = None, fresh: bool = False) -> None:
        """Write one session with its steps and holds (inside the caller's transaction);
        `fresh`: its id is known to be new (an import), nothing to replace."""
        data = session.to_json()
        del data["steps"]
        start = session.start.timestamp()
        usable = not session.practice and not in_progress
        if not fresh:
            self._remove(db, session.id)
        db.execute(
            "INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (session.id, start, session.end.timestamp(), session.offset_minutes,
             session.week.isoformat(), session.routine, session.file, int(session.practice),
             int(session.counts_for_week() and not in_progress), session.pain,
             int(in_progress), owner, _dump(data)))
        db.executemany(STEP_INSERT, _step_rows(session))
        db.executemany("INSERT INTO holds VALUES (?,?,?,?,?,?,?)",
                       [(session.id, session.routine, name, start, session.week.isoformat(),
                         seconds, int(usable))
                        for name, seconds in session.holds().items()])

    @staticmethod
    def _remove(db: sqlite3.Connection, record_id: str) -> None:
        for table, key in (("sessions", "id"), ("steps", "session_id"), ("holds", "session_id")):
            db.execute(f"DELETE FROM {table} WHERE {key} = ?", (record_id,))

    def _find(self, db: sqlite3.Connection, short: str, table: str = "sessions") -> str:
        """The one id starting with `short` (as `itbtimer history` shows them)."""
        if not short or any(c in short for c in "%_\\"):
            raise HistoryError(f"no session with the id {short!r}")
        rows = db.execute(f"SELECT id FROM {table} WHERE id >= ? AND id < ? LIMIT 3",
                          (short, short + "\U0010ffff")).fetchall()
        if not rows:
            where = " among deleted sessions" if table == "deleted" else ""
            raise HistoryError(f"no session with the id {short!r}{where}")
        if len(rows) > 1:
            raise HistoryError(f"the id {short!r} fits more than one session; give more of it")
        return str(rows[0][0])

    # --- owning sessions in progress --------------------------------------------------

    def _lock_path(self, record_id: str) -> Path:
        return self.state / "locks" / f"{record_id}.lock"

    def _own(self, record_id: str) -> str:
        path = self._lock_path(record_id)
        if record_id in self._locks or fcntl is None:
            return path.name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise HistoryError(self._cause(exc.errno, exc.strerror)) from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._locks[record_id] = fd
        return path.name

    def _let_go(self, record_id: str) -> None:
        fd = self._locks.pop(record_id, None)
        if fd is not None:
            with contextlib.suppress(OSError):
                self._lock_path(record_id).unlink()
            os.close(fd)

    def _owner_gone(self, record_id: str) -> int | None:
        """Lock the row's file if its owner is gone: the fd (keep it while recovering)."""
        if record_id in self._locks:
            return None  # ours, and alive
        if fcntl is None:
            return -1
        path = self._lock_path(record_id)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return fd


    # --- reading ----------------------------------------------------------------------

    def _read(self, db: sqlite3.Connection, record_id: str) -> SessionRecord:
        (text,) = db.execute("SELECT record FROM sessions WHERE id = ?", (record_id,)).fetchone()
        session = SessionRecord.from_json(json.loads(text) | {"steps": []})
        return replace(session, steps=_steps(db, record_id))


    def close(self) -> None:
        """Let go of every session this process owns (they stay in progress on disk)."""
        for record_id in list(self._locks):
            fd = self._locks.pop(record_id)
            os.close(fd)
