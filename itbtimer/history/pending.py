"""Sessions that could not be saved, as files: written at a signal or at quit, imported
by the next start; or written to a file the person chose."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.history.records import RecordError, SessionRecord
from itbtimer.history.rows import dump


class PendingFiles:
    """`pending/<id>.json` in the state folder, else in $XDG_RUNTIME_DIR/itbtimer-pending,
    else in the temp folder (itbtimer-pending-<uid>: on another disk, often memory)."""

    def __init__(self, state: Path):
        self.state = state

    def folders(self) -> list[Path]:
        folders = [self.state / "pending"]
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if runtime:
            folders.append(Path(runtime) / "itbtimer-pending")
        folders.append(Path(tempfile.gettempdir()) / f"itbtimer-pending-{os.getuid()}")
        return folders

    def keep(self, records: Iterable[SessionRecord]) -> Path | None:
        """Write each record as a file in the first folder that takes them all; that
        folder, or None when none could."""
        records = list(records)
        for place in self.folders():
            try:
                place.mkdir(mode=0o700, parents=True, exist_ok=True)
                if not _ours(place):
                    continue
                for session in records:
                    write_atomic(place / f"{session.id}.json", dump(session.to_json()) + "\n")
            except OSError:
                continue
            return place
        return None

    def waiting(self) -> Iterator[tuple[Path, SessionRecord]]:
        """The records waiting to be imported, each with its file (to remove once it is
        stored). A file that cannot be read is left in place: a person can look at it."""
        for folder in self.folders():
            try:
                files = sorted(folder.glob("*.json"))
            except OSError:
                continue
            if files and not _ours(folder):
                continue  # a shared temp folder: only a folder of this person's is read
            for file in files:
                try:
                    yield file, SessionRecord.from_json(json.loads(file.read_text("utf-8")))
                except (OSError, ValueError, RecordError):
                    continue


def _ours(folder: Path) -> bool:
    """A real folder of this user's, not a link someone else put in a shared folder."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


def write_jsonl(target: Path, records: Iterable[SessionRecord]) -> None:
    """Records as JSON lines (importable with `itbtimer history --import`)."""
    write_atomic(target, "".join(dump(s.to_json()) + "\n" for s in records))
