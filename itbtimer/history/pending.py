"""Sessions that could not be saved (pending files), recovering sessions whose
window is gone, and importing: pending files, the old history.jsonl, a JSONL file."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from itbtimer.history.records import RecordError, SessionRecord
from itbtimer.history.tables import (
    LEGACY,
    LEGACY_IN_PROGRESS,
    HistoryError,
    _better,
    _dump,
    _write_file,
)
from itbtimer.history.writing import Writing


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


class Pending(Writing):
    """Recovery, pending files and imports."""

    def recover(self) -> list[SessionRecord]:
        """Record every session whose window is gone (crashed, killed), once; never a live one.

        Also imports, once, the old `history.jsonl`, its in-progress mirror, and
        pending records written when a save failed.
        """
        self._import_legacy()
        self._import_pending()
        try:
            with self._connect() as db:
                ids = [r[0] for r in db.execute(
                    "SELECT id FROM sessions WHERE in_progress = 1")]
        except HistoryError as exc:
            self.notice = f"History not read: {exc}"
            return []
        recovered = []
        for record_id in ids:
            fd = self._owner_gone(record_id)
            if fd is None:
                continue
            try:
                with self._connect(write=True) as db:
                    row = db.execute("SELECT in_progress FROM sessions WHERE id = ?",
                                     (record_id,)).fetchone()
                    if row is None or not row[0]:
                        continue  # another window recovered it first
                    session = self._read(db, record_id)
                    session = SessionRecord.from_json(session.to_json() | {"interrupted": True})
                    self._put(db, session, in_progress=False)
                recovered.append(session)
            except HistoryError as exc:
                self.notice = f"History not saved: {exc}"
            finally:
                if fd >= 0:
                    with contextlib.suppress(OSError):
                        self._lock_path(record_id).unlink()
                    os.close(fd)
        return recovered

    # --- records that could not be saved ----------------------------------------------

    def keep_pending(self) -> Path | None:
        """Write unsaved records as files the next start imports (on a signal, at quit).

        The state folder first, then $XDG_RUNTIME_DIR. Returns the folder used.
        """
        if not self.unsaved:
            return None
        places = [self.state / "pending"]
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if runtime:
            places.append(Path(runtime) / "itbtimer-pending")
        for place in places:
            try:
                place.mkdir(parents=True, exist_ok=True)
                for session in self.unsaved.values():
                    _write_file(place / f"{session.id}.json", _dump(session.to_json()) + "\n")
            except OSError:
                continue
            return place
        return None

    def save_to(self, target: Path) -> int:
        """Write unsaved records to a file the person chose (JSONL, importable)."""
        lines = "".join(_dump(s.to_json()) + "\n" for s in self.unsaved.values())
        try:
            _write_file(target, lines)
        except OSError as exc:
            raise HistoryError(f"{target}: cannot write ({exc.strerror})") from None
        return len(self.unsaved)

    def _pending_folders(self) -> list[Path]:
        folders = [self.state / "pending"]
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if runtime:
            folders.append(Path(runtime) / "itbtimer-pending")
        return folders

    def _import_pending(self) -> None:
        for folder in self._pending_folders():
            try:
                files = sorted(folder.glob("*.json"))
            except OSError:
                continue
            for file in files:
                try:
                    session = SessionRecord.from_json(json.loads(file.read_text("utf-8")))
                except (OSError, ValueError, RecordError):
                    continue  # left in place: a person can look at it
                try:
                    with self._connect(write=True) as db:
                        self._put(db, session, in_progress=False)
                except HistoryError as exc:
                    self.notice = f"History not saved: {exc}"
                    return
                file.unlink(missing_ok=True)
                self.messages.append(f"Recorded the session of {session.start:%a %d %b %H:%M} "
                                     "that could not be saved before")

    # --- import and export ------------------------------------------------------------

    def _import_legacy(self) -> None:
        """history.jsonl (itbtimer ≤ 0.3) into the store, once; kept as .imported."""
        if not self.legacy.is_file():
            return
        try:
            report = self.import_jsonl(self.legacy)
        except HistoryError as exc:
            self.notice = f"History not imported: {exc}"
            return
        mirror = self.folder / LEGACY_IN_PROGRESS
        try:
            session = SessionRecord.from_json(json.loads(mirror.read_text("utf-8")))
            session = SessionRecord.from_json(session.to_json() | {"interrupted": True})
            with self._connect(write=True) as db:
                if db.execute("SELECT 1 FROM sessions WHERE id = ?",
                              (session.id,)).fetchone() is None:
                    self._put(db, session, in_progress=False)
            mirror.unlink()
        except (OSError, ValueError, RecordError, HistoryError):
            pass
        try:
            self.legacy.rename(self.legacy.with_name(LEGACY + ".imported"))
        except OSError as exc:
            self.notice = f"{self.legacy} imported but not renamed ({exc.strerror})"
        self.messages.append(report.text(LEGACY) + f"; the old file is kept as {LEGACY}.imported")

    def import_jsonl(self, source: Path) -> ImportReport:
        """Merge records from a JSONL file; ids already there are skipped. One transaction,
        read line by line (a 200 MB file does not need 200 MB of memory)."""
        try:
            stream = open(source, "rb")  # noqa: SIM115
        except OSError as exc:
            raise HistoryError(f"{source}: cannot read ({exc.strerror})") from None
        local = datetime.now().astimezone().tzinfo
        zone = local if isinstance(local, timezone) else None
        unreadable: list[int] = []
        taken: dict[str, tuple[bool, float]] = {}  # id -> (interrupted, active) of this import
        already: set[str] = set()
        with stream, self._connect(write=True) as db:
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
                    self._put(db, session, in_progress=False, fresh=True)
                elif _better(session, earlier):
                    self._put(db, session, in_progress=False)
                else:
                    continue
                taken[session.id] = (session.interrupted, session.active_seconds)
        return ImportReport(len(taken), len(already), tuple(unreadable))
