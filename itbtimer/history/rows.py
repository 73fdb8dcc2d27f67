"""A session as rows of the history's tables: written (with its steps, holds and reps), read
back, removed, found by the short id `itbtimer history` shows. Each runs inside the
caller's connection or transaction (database.py); the readers' helpers for local
times and routine filters are here too."""

from __future__ import annotations

import functools
import json
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

from itbtimer.history.database import HistoryError
from itbtimer.history.limits import check_run, check_stored, why_damaged
from itbtimer.history.records import (
    RecordKind,
    RunRecord,
    SessionRecord,
    StepResult,
    short_id_of,
)

STEP_INSERT = "INSERT INTO steps VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"


def put(db: sqlite3.Connection, session: SessionRecord, in_progress: bool,
        owner: str | None = None, fresh: bool = False) -> None:
    """Write one session with its steps and holds; `fresh`: its id is known to be new
    (an import), nothing to replace."""
    data = session.to_json()
    del data["steps"]
    start = session.start.timestamp()
    usable = not session.practice and not in_progress
    if not fresh:
        remove(db, session.id)
    db.execute(
        "INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (session.id, start, session.end.timestamp(), session.offset_minutes,
         session.week.isoformat(), session.identity, session.file, int(session.practice),
         int(session.counts_for_week() and not in_progress), session.pain,
         int(in_progress), owner, dump(data)))
    db.executemany(STEP_INSERT, step_rows(session))
    db.executemany("INSERT INTO holds VALUES (?,?,?,?,?,?,?,?)",
                   [(session.id, session.identity, held.exercise, held.side or "", start,
                     session.week.isoformat(), seconds, int(usable))
                    for held, seconds in session.side_holds().items()])
    db.executemany("INSERT INTO reps VALUES (?,?,?,?,?,?,?,?)",
                   [(session.id, session.identity, held.exercise, held.side or "", start,
                     session.week.isoformat(), count, int(usable))
                    for held, count in session.side_reps().items()])


def remove(db: sqlite3.Connection, record_id: str) -> None:
    for table, key in (("sessions", "id"), ("steps", "session_id"), ("holds", "session_id"),
                       ("reps", "session_id")):
        db.execute(f"DELETE FROM {table} WHERE {key} = ?", (record_id,))


def read(db: sqlite3.Connection, record_id: str) -> SessionRecord:
    """The session with this (whole) id, with its steps; HistoryError when its row holds
    what no session could (changed outside itbtimer: `--delete ID` removes it)."""
    (text,) = db.execute("SELECT record FROM sessions WHERE id = ?", (record_id,)).fetchone()
    return replace(session_of(text, record_id), steps=steps_of(db, record_id))


def session_of(text: str, record_id: str) -> SessionRecord:
    """A stored session's JSON (its steps apart) as a session, checked as an import is."""
    try:
        data = json.loads(text)
        check_stored(data)
        return SessionRecord.from_json(data | {"steps": data.get("steps", [])})
    except (ValueError, RecursionError):
        raise _damaged(RecordKind.SESSION, record_id, why_damaged(text, check_stored)
                       ) from None


def in_progress(db: sqlite3.Connection, record_id: str) -> bool | None:
    """Is this session's row still in progress? None: there is no such row."""
    row = db.execute("SELECT in_progress FROM sessions WHERE id = ?", (record_id,)).fetchone()
    return None if row is None else bool(row[0])


def find(db: sqlite3.Connection, short: str, deleted: bool = False) -> str:
    """The one id starting with `short` (as `itbtimer history` shows them), among the
    sessions or (deleted) among the deleted ones."""
    table = "deleted" if deleted else "sessions"
    if not short or any(c in short for c in "%_\\"):
        raise HistoryError(f"no session with the id {short!r}")
    rows = db.execute(f"SELECT id FROM {table} WHERE id >= ? AND id < ? LIMIT 3",
                      (short, short + "\U0010ffff")).fetchall()
    if not rows:
        where = " among deleted sessions" if deleted else ""
        raise HistoryError(f"no session with the id {short!r}{where}")
    if len(rows) > 1:
        raise HistoryError(f"the id {short!r} fits more than one session; give more of it")
    return str(rows[0][0])


def find_record(db: sqlite3.Connection, short: str,
                deleted: bool = False) -> tuple[RecordKind, str]:
    """The one session or run whose id starts with `short`, and which it is; among the
    deleted ones (both kinds, in one table) with `deleted`."""
    if deleted:
        found = find(db, short, deleted=True)
        return _deleted_kind(db, found), found
    fits = [(RecordKind.SESSION, i) for i in _starting(db, "sessions", short)]
    fits += [(RecordKind.RUN, i) for i in _starting(db, "runs", short)]
    if not fits:
        raise HistoryError(f"no session with the id {short!r} (nor a run)")
    if len(fits) > 1:
        raise HistoryError(f"the id {short!r} fits more than one session or run; "
                           "give more of it")
    return fits[0]


def _starting(db: sqlite3.Connection, table: str, short: str) -> list[str]:
    """The ids in `table` (sessions, runs) that start with `short` (at most 3)."""
    if not short or any(c in short for c in "%_\\"):
        return []
    return [str(r[0]) for r in db.execute(
        f"SELECT id FROM {table} WHERE id >= ? AND id < ? LIMIT 3",
        (short, short + "\U0010ffff"))]


def _deleted_kind(db: sqlite3.Connection, record_id: str) -> RecordKind:
    (text,) = db.execute("SELECT record FROM deleted WHERE id = ?", (record_id,)).fetchone()
    try:
        data = json.loads(text)
    except ValueError:
        return RecordKind.SESSION
    return RecordKind.RUN if isinstance(data, dict) and data.get(
        "kind") == RecordKind.RUN else RecordKind.SESSION


def put_run(db: sqlite3.Connection, run: RunRecord, fresh: bool = False) -> None:
    """Write one run (replacing the one of its id unless `fresh`)."""
    if not fresh:
        db.execute("DELETE FROM runs WHERE id = ?", (run.id,))
    db.execute("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?)",
               (run.id, run.start.timestamp(), run.offset_minutes, run.week.isoformat(),
                run.distance_m, run.pain_free_m, run.pain, dump(run.to_json())))


def read_run(db: sqlite3.Connection, record_id: str) -> RunRecord:
    """The run with this (whole) id; HistoryError when its row holds what no run could
    (changed outside itbtimer: `itbtimer history --delete ID` removes it)."""
    (text,) = db.execute("SELECT record FROM runs WHERE id = ?", (record_id,)).fetchone()
    return run_of(text, record_id)


def run_of(text: str, record_id: str) -> RunRecord:
    """A stored run's JSON as a run, checked as an import is (limits.check_run)."""
    try:
        data = json.loads(text)
        check_run(data)
        return RunRecord.from_json(data)
    except (ValueError, RecursionError):
        raise _damaged(RecordKind.RUN, record_id, why_damaged(text, check_run)) from None


def _damaged(kind: RecordKind, record_id: str, why: str) -> HistoryError:
    """The one message of a row no record could be, and how to remove it."""
    short = short_id_of(record_id)
    return HistoryError(f"the {kind} {short} is damaged ({why}); "
                        f"itbtimer history --delete {short} removes it")


def steps_of(db: sqlite3.Connection | sqlite3.Cursor, record_id: str) -> tuple[StepResult, ...]:
    rows = db.execute("SELECT name, status, mode, side, set_number, round_number, "
                      "planned_seconds, active_seconds, added_seconds, reps, until_text, "
                      "time_seconds, reps_done, extra FROM steps WHERE session_id = ? "
                      "ORDER BY position", (record_id,)).fetchall()
    return tuple(StepResult.from_row(tuple(row[:13]), tuple(json.loads(row[13]).items())
                                     if row[13] else ()) for row in rows)


def step_rows(session: SessionRecord) -> list[tuple[Any, ...]]:
    return [(session.id, n, s.name, s.status, s.mode, s.side, s.set, s.round, s.planned_seconds,
             s.active_seconds, s.added_seconds, s.reps, s.until, s.time_seconds,
             dump(dict(s.extra)) if s.extra else None, s.reps_done)
            for n, s in enumerate(session.steps)]


def typed(record: SessionRecord | dict[str, Any]) -> SessionRecord:
    return record if isinstance(record, SessionRecord) else SessionRecord.from_json(record)


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- for the readers ----------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def monday_of(week: str) -> datetime:
    """The start of a stored week, local time."""
    return datetime.fromisoformat(week).astimezone()


def local_time(instant: float, offset_minutes: int | None) -> datetime:
    """A stored instant at the offset where it happened (None: this machine's)."""
    if offset_minutes is None:
        return datetime.fromtimestamp(instant).astimezone()
    return datetime.fromtimestamp(instant, timezone(timedelta(minutes=offset_minutes)))


def routine_filter(names: list[str] | None, joiner: str = "WHERE") -> tuple[str, list[str]]:
    """SQL that keeps the rows of these routines, by identity (None: all), and its
    arguments. The `routine` column holds the identity (SessionRecord.identity)."""
    if names is None:
        return "", []
    if not names:
        return f"{joiner} 0", []
    return f"{joiner} routine IN ({','.join('?' * len(names))})", list(names)
