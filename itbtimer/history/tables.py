"""The history file's layout: its tables and their migrations, and the small
helpers every part of the store shares (rows, JSON, local times, atomic files)."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from itbtimer.errors import ItbtimerError
from itbtimer.history.records import SessionRecord, StepResult

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; a live row is then only protected by time
    fcntl = None  # type: ignore[assignment]

DATABASE = "history.sqlite3"
LEGACY = "history.jsonl"
LEGACY_IN_PROGRESS = "in-progress.json"
BUSY_MS = 10_000

MIGRATIONS: tuple[str, ...] = (
    # 1: sessions, their steps, the longest hold per exercise, deleted sessions
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        start_utc REAL NOT NULL,          -- POSIX seconds
        end_utc REAL NOT NULL,
        offset_minutes INTEGER NOT NULL,  -- the local UTC offset where it was done
        week TEXT NOT NULL,               -- Monday of the ISO week of the local date
        routine TEXT NOT NULL,
        file TEXT,
        practice INTEGER NOT NULL,
        counts INTEGER NOT NULL,          -- counts for its week (SessionRecord.counts_for_week)
        pain INTEGER,
        in_progress INTEGER NOT NULL DEFAULT 0,
        owner TEXT,                       -- the lock file of the window writing it
        record TEXT NOT NULL              -- every field but the steps, as JSON
    );
    CREATE INDEX sessions_by_routine ON sessions (routine, start_utc);
    CREATE INDEX sessions_by_week ON sessions (routine, in_progress, practice, week, counts, pain);
    CREATE INDEX sessions_by_start ON sessions (start_utc);
    CREATE INDEX sessions_in_progress ON sessions (in_progress) WHERE in_progress = 1;
    CREATE TABLE steps (
        session_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        mode TEXT NOT NULL,
        side TEXT,
        set_number INTEGER,
        round_number INTEGER,
        planned_seconds REAL,
        active_seconds REAL NOT NULL,
        added_seconds REAL NOT NULL,
        reps TEXT,
        until_text TEXT,
        time_seconds REAL,
        extra TEXT,                       -- fields of a newer version, as JSON
        PRIMARY KEY (session_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE holds (
        session_id TEXT NOT NULL,
        routine TEXT NOT NULL,
        exercise TEXT NOT NULL,
        start_utc REAL NOT NULL,
        week TEXT NOT NULL,
        seconds REAL NOT NULL,
        usable INTEGER NOT NULL,          -- not practice, not in progress
        PRIMARY KEY (session_id, exercise)
    ) WITHOUT ROWID;
    CREATE INDEX holds_by_time ON holds (routine, usable, exercise, start_utc, seconds);
    CREATE INDEX holds_by_week ON holds (routine, usable, exercise, week, seconds);
    CREATE INDEX holds_by_length ON holds (routine, usable, exercise, seconds);
    CREATE TABLE deleted (
        id TEXT PRIMARY KEY,
        deleted_utc REAL NOT NULL,
        record TEXT NOT NULL              -- the whole record with its steps
    );
    """,
)


class HistoryError(ItbtimerError):
    """The history cannot be read or written; the message names the real cause."""


# --- helpers --------------------------------------------------------------------------


STEP_INSERT = "INSERT INTO steps VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"


def _step_rows(session: SessionRecord) -> list[tuple[Any, ...]]:
    return [(session.id, n, s.name, s.status, s.mode, s.side, s.set, s.round, s.planned_seconds,
             s.active_seconds, s.added_seconds, s.reps, s.until, s.time_seconds,
             _dump(dict(s.extra)) if s.extra else None) for n, s in enumerate(session.steps)]


def _steps(db: sqlite3.Connection | sqlite3.Cursor, record_id: str) -> tuple[StepResult, ...]:
    rows = db.execute("SELECT name, status, mode, side, set_number, round_number, "
                      "planned_seconds, active_seconds, added_seconds, reps, until_text, "
                      "time_seconds, extra FROM steps WHERE session_id = ? ORDER BY position",
                      (record_id,)).fetchall()
    return tuple(StepResult.from_row(tuple(row[:12]), tuple(json.loads(row[12]).items())
                                     if row[12] else ()) for row in rows)


def _typed(record: SessionRecord | dict[str, Any]) -> SessionRecord:
    return record if isinstance(record, SessionRecord) else SessionRecord.from_json(record)


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _better(new: SessionRecord, old: tuple[bool, float]) -> bool:
    """Of two records with one id: the one not interrupted, else the longer."""
    interrupted, active = old
    if new.interrupted != interrupted:
        return interrupted
    return new.active_seconds > active


@functools.lru_cache(maxsize=8192)
def _monday(week: str) -> datetime:
    return datetime.fromisoformat(week).astimezone()


def _local(instant: float, offset_minutes: int | None) -> datetime:
    if offset_minutes is None:
        return datetime.fromtimestamp(instant).astimezone()
    return datetime.fromtimestamp(instant, timezone(timedelta(minutes=offset_minutes)))


def _routine_filter(names: list[str] | None, joiner: str = "WHERE") -> tuple[str, list[str]]:
    if names is None:
        return "", []
    if not names:
        return f"{joiner} 0", []
    return f"{joiner} routine IN ({','.join('?' * len(names))})", list(names)


def _write_file(path: Path, text: str) -> None:
    """Write whole or not at all: a temporary file, fsync, rename."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
