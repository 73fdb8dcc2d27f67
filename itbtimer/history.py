"""The history file: one JSON line per session, appended atomically, never lost.

- An append is one write() of one whole line to a file opened O_APPEND, then
  fsync: a crash loses at most the session in progress.
- The session in progress is mirrored to `in-progress.json` (write to a
  temporary file, fsync, rename); the next start records it as interrupted.
- Unreadable lines are copied to `history.jsonl.bad` once and skipped; the
  history file itself is never rewritten.
- A folder that cannot be written never stops a workout: the error becomes a
  notice and the record stays in memory to be written on the next try.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .paths import data_dir

HISTORY = "history.jsonl"
IN_PROGRESS = "in-progress.json"


class HistoryStore:
    def __init__(self, folder: Path | None = None):
        self.folder = folder or data_dir()
        self.path = self.folder / HISTORY
        self.bad_path = self.folder / (HISTORY + ".bad")
        self.in_progress = self.folder / IN_PROGRESS
        self.notice: str | None = None
        self._pending: dict[str, str] = {}  # record id -> line not yet on disk

    # --- writing ----------------------------------------------------------------------

    def append(self, record: dict[str, Any]) -> bool:
        """Write the record (and any earlier one that could not be written). True if saved."""
        key = str(record.get("id") or len(self._pending))
        self._pending[key] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                self._heal_torn_end(fd)
                for key in list(self._pending):
                    line = (self._pending[key] + "\n").encode("utf-8")
                    if os.write(fd, line) != len(line):
                        raise OSError("short write")
                    os.fsync(fd)
                    del self._pending[key]
            finally:
                os.close(fd)
        except OSError as exc:
            self.notice = f"History not saved ({_reason(exc)}): {self.folder}"
            return False
        self.notice = None
        self.clear_in_progress()
        return True

    def _heal_torn_end(self, fd: int) -> None:
        """After a crash mid-line, start the next record on a line of its own."""
        size = os.fstat(fd).st_size
        if size == 0:
            return
        with open(self.path, "rb") as f:
            f.seek(size - 1)
            if f.read(1) != b"\n":
                os.write(fd, b"\n")

    def save_in_progress(self, record: dict[str, Any]) -> None:
        tmp = self.in_progress.with_suffix(".tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(json.dumps(record, ensure_ascii=False))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.in_progress)
        except OSError as exc:
            self.notice = f"History not saved ({_reason(exc)}): {self.folder}"

    def clear_in_progress(self) -> None:
        try:
            self.in_progress.unlink()
        except OSError:
            pass

    def recover_interrupted(self) -> dict[str, Any] | None:
        """A session the last run could not finish recording (a crash): record it now."""
        try:
            record = json.loads(self.in_progress.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            self.clear_in_progress()
            return None
        if not isinstance(record, dict):
            self.clear_in_progress()
            return None
        record["interrupted"] = True
        if self.append(record):
            return record
        return None

    # --- reading ----------------------------------------------------------------------

    def load(self) -> tuple[list[dict[str, Any]], str | None]:
        """Every readable record, and a message about unreadable lines (once)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return [], None
        except OSError as exc:
            return [], f"History cannot be read ({_reason(exc)}): {self.path}"
        records: list[dict[str, Any]] = []
        bad: list[bytes] = []
        for raw in data.split(b"\n"):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                bad.append(raw)
                continue
            if isinstance(record, dict) and isinstance(record.get("start"), str):
                records.append(record)
            else:
                bad.append(raw)
        return records, self._keep_aside(bad)

    def _keep_aside(self, bad: list[bytes]) -> str | None:
        if not bad:
            return None
        try:
            known = set(self.bad_path.read_bytes().split(b"\n"))
        except OSError:
            known = set()
        new = [line for line in bad if line not in known]
        if not new:
            return None
        try:
            with open(self.bad_path, "ab") as f:
                f.write(b"".join(line + b"\n" for line in new))
        except OSError:
            return f"{len(bad)} unreadable lines in {self.path.name} were skipped"
        return (f"{len(new)} unreadable line{'s' if len(new) > 1 else ''} in {self.path.name} "
                f"{'were' if len(new) > 1 else 'was'} kept aside in {self.bad_path.name}")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
