"""Sessions from elsewhere into the history: a JSONL file (another machine's export), and
once, the history.jsonl of itbtimer 0.3 and before."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from itbtimer.history import rows
from itbtimer.history.database import Database, HistoryError
from itbtimer.history.limits import LINE_BYTES, check_import
from itbtimer.history.records import RecordError, RecordKind, RunRecord, SessionRecord

LEGACY = "history.jsonl"
LEGACY_IN_PROGRESS = "in-progress.json"
SHOWN_REASONS = 20  # rejected lines listed with their reason; the rest counted
TOO_LONG = f"the line is longer than {LINE_BYTES // 1024 // 1024} MiB (a record is at most " \
           f"{LINE_BYTES // 1024 // 1024} MiB)"


@dataclass(frozen=True)
class ImportReport:
    added: int
    already: int
    rejected: tuple[tuple[int, str], ...]  # (line number, what is wrong with it)
    runs: int = 0  # runs added

    @property
    def unreadable(self) -> tuple[int, ...]:
        return tuple(number for number, _ in self.rejected)

    def text(self, name: str) -> str:
        """One line: how many were imported, already there, rejected (and where)."""
        runs = f" and {self.runs} run{'s' if self.runs != 1 else ''}" if self.runs else ""
        parts = [f"Imported {self.added} session{'s' if self.added != 1 else ''}{runs} "
                 f"from {name}"]
        if self.already:
            parts.append(f"{self.already} already in the history")
        if self.rejected:
            lines = ", ".join(str(n) for n in self.unreadable[:10])
            more = " …" if len(self.rejected) > 10 else ""
            parts.append(f"{len(self.rejected)} line{'s' if len(self.rejected) != 1 else ''}"
                         f" rejected ({lines}{more})")
        return "; ".join(parts)

    def reasons(self) -> list[str]:
        """What is wrong with each rejected line (the first few), one per line."""
        shown = [f"  line {n}: {why}" for n, why in self.rejected[:SHOWN_REASONS]]
        if len(self.rejected) > SHOWN_REASONS:
            shown.append(f"  … and {len(self.rejected) - SHOWN_REASONS} more")
        return shown


def import_jsonl(database: Database, source: Path) -> ImportReport:
    """Merge records from a JSONL file; ids already there (or deleted) are skipped. One
    transaction, read line by line (a 200 MB file does not need 200 MB of memory)."""
    try:
        stream = open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        raise HistoryError(f"{source}: cannot read ({exc.strerror})") from None
    local = datetime.now().astimezone().tzinfo
    zone = local if isinstance(local, timezone) else None
    rejected: list[tuple[int, str]] = []
    taken: dict[str, tuple[bool, float]] = {}  # id -> (interrupted, active) of this import
    runs: set[str] = set()
    already: set[str] = set()
    first: dict[str, tuple[RecordKind, int]] = {}  # id -> what it was, on which line
    with stream, database.writing() as db:
        known = {r[0] for r in db.execute("SELECT id FROM sessions")}
        known |= {r[0] for r in db.execute("SELECT id FROM runs")}
        known |= {r[0] for r in db.execute("SELECT id FROM deleted")}
        for number, raw in _lines(stream):
            if raw is not None and not raw.strip():
                continue
            try:
                record = _record(raw, zone)
                if record.id not in known:
                    _not_twice(record, number, first)
            except RecordError as exc:
                rejected.append((number, str(exc)))
                continue
            if record.id in known:
                already.add(record.id)
            elif isinstance(record, RunRecord):
                rows.put_run(db, record, fresh=True)
                runs.add(record.id)
            else:
                _take(db, record, taken)
    return ImportReport(len(taken), len(already), tuple(rejected), len(runs))


def _record(raw: bytes | None, zone: timezone | None) -> SessionRecord | RunRecord:
    """One line as a record, checked (limits.py); RecordError says what is wrong."""
    if raw is None:
        raise RecordError(TOO_LONG)
    try:
        data = json.loads(raw)
        if check_import(data) == RecordKind.RUN:
            return RunRecord.from_json(data, zone)
        return SessionRecord.from_json(data, zone)
    except RecordError:
        raise
    except (ValueError, RecursionError) as exc:
        raise RecordError(_not_json(exc)) from None


def _not_twice(record: SessionRecord | RunRecord, number: int,
               first: dict[str, tuple[RecordKind, int]]) -> None:
    """RecordError when an earlier line of the file had this id and this line cannot be
    merged with it: a run and a session never share an id, a run comes once. (A session
    twice is an old bug's, merged by _take.)"""
    kind = RecordKind.RUN if isinstance(record, RunRecord) else RecordKind.SESSION
    earlier = first.setdefault(record.id, (kind, number))
    if earlier[1] == number or earlier[0] == kind == RecordKind.SESSION:
        return
    if earlier[0] == kind:
        raise RecordError(f"id: the same {kind} as on line {earlier[1]}")
    raise RecordError(f"id: {record.id} is the id of the {earlier[0]} on line {earlier[1]} "
                      f"too; a run and a session never share one")


def _take(db: sqlite3.Connection, session: SessionRecord,
          taken: dict[str, tuple[bool, float]]) -> None:
    """Write an imported session; the same id twice in one file (an old bug): keep the
    finished one, else the longer."""
    earlier = taken.get(session.id)
    if earlier is None:
        rows.put(db, session, in_progress=False, fresh=True)
    elif _better(session, earlier):
        rows.put(db, session, in_progress=False)
    else:
        return
    taken[session.id] = (session.interrupted, session.active_seconds)


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Each line with its number; None for a line over LINE_BYTES, which is skipped
    without ever being held whole (a 100 MB name costs 1 MiB of memory, not 100 MB)."""
    number = 0
    while True:
        raw = stream.readline(LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) <= LINE_BYTES or raw.endswith(b"\n"):
            yield number, raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = stream.readline(LINE_BYTES)
        yield number, None


def _not_json(exc: ValueError | RecursionError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg} at column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "not a record: nested too deep"
    return "not JSON text (UTF-8)"


def _better(new: SessionRecord, old: tuple[bool, float]) -> bool:
    """Of two records with one id: the one not interrupted, else the longer."""
    interrupted, active = old
    if new.interrupted != interrupted:
        return interrupted
    return new.active_seconds > active


def import_legacy(database: Database) -> tuple[list[str], str | None]:
    """history.jsonl (itbtimer ≤ 0.3) into the store, once, kept as history.jsonl.imported;
    and its in-progress mirror, as an interrupted session. The one-time messages, and a
    notice when something went wrong."""
    legacy = database.folder / LEGACY
    if not legacy.is_file():
        return [], None
    try:
        report = import_jsonl(database, legacy)
    except HistoryError as exc:
        return [], f"History not imported: {exc}"
    mirror = database.folder / LEGACY_IN_PROGRESS
    try:
        session = SessionRecord.from_json(json.loads(mirror.read_text("utf-8")))
        session = SessionRecord.from_json(session.to_json() | {"interrupted": True})
        with database.writing() as db:
            if rows.in_progress(db, session.id) is None:
                rows.put(db, session, in_progress=False)
        mirror.unlink()
    except (OSError, ValueError, RecordError, HistoryError):
        pass
    notice = None
    try:
        legacy.rename(legacy.with_name(LEGACY + ".imported"))
    except OSError as exc:
        notice = f"{legacy} imported but not renamed ({exc.strerror})"
    return [report.text(LEGACY) + f"; the old file is kept as {LEGACY}.imported"], notice
