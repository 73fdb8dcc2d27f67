"""Sessions from elsewhere into the history: a JSONL file (another machine's export), and
once, the history.jsonl of itbtimer 0.3 and before."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from itbtimer.history import rows
from itbtimer.history.database import Database, HistoryError
from itbtimer.history.records import RecordError, SessionRecord

LEGACY = "history.jsonl"
LEGACY_IN_PROGRESS = "in-progress.json"


@dataclass(frozen=True)
class ImportReport:
    added: int
    already: int
    unreadable: tuple[int, ...]  # line numbers

    def text(self, name: str) -> str:
        parts = [f"Imported {self.added} session{'s' if self.added != 1 else ''} from {name}"]
        if self.already:
            parts.append(f"{self.already} already in the history")
        if self.unreadable:
            lines = ", ".join(str(n) for n in self.unreadable[:10])
            more = " …" if len(self.unreadable) > 10 else ""
            parts.append(f"{len(self.unreadable)} unreadable line"
                         f"{'s' if len(self.unreadable) != 1 else ''} skipped ({lines}{more})")
        return "; ".join(parts)


def import_jsonl(database: Database, source: Path) -> ImportReport:
    """Merge records from a JSONL file; ids already there (or deleted) are skipped. One
    transaction, read line by line (a 200 MB file does not need 200 MB of memory)."""
    try:
        stream = open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        raise HistoryError(f"{source}: cannot read ({exc.strerror})") from None
    local = datetime.now().astimezone().tzinfo
    zone = local if isinstance(local, timezone) else None
    unreadable: list[int] = []
    taken: dict[str, tuple[bool, float]] = {}  # id -> (interrupted, active) of this import
    already: set[str] = set()
    with stream, database.writing() as db:
        known = {r[0] for r in db.execute("SELECT id FROM sessions")}
        known |= {r[0] for r in db.execute("SELECT id FROM deleted")}
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                session = SessionRecord.from_json(json.loads(raw), zone)
            except (ValueError, RecordError):
                unreadable.append(number)
                continue
            if session.id in known:
                already.add(session.id)
                continue
            earlier = taken.get(session.id)
            # the same id twice (an old bug): keep the finished one, else the longer
            if earlier is None:
                rows.put(db, session, in_progress=False, fresh=True)
            elif _better(session, earlier):
                rows.put(db, session, in_progress=False)
            else:
                continue
            taken[session.id] = (session.interrupted, session.active_seconds)
    return ImportReport(len(taken), len(already), tuple(unreadable))


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
