"""Opening the history: one short connection per operation, the schema migrated
on first use, and every SQLite or OS error turned into a HistoryError naming
its cause."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from itbtimer.history.records import SessionRecord
from itbtimer.history.tables import BUSY_MS, DATABASE, LEGACY, MIGRATIONS, HistoryError
from itbtimer.paths import data_dir, state_dir


class Connection:
    """The history's file and how to open it (the base of HistoryStore)."""

    def __init__(self, folder: Path | None = None, state: Path | None = None,
                 now: Callable[[], float] = time.time):
        self.folder = folder or data_dir()
        self.state = state or (state_dir() if folder is None else self.folder)
        self.path = self.folder / DATABASE
        self.legacy = self.folder / LEGACY
        self.notice: str | None = None
        self.messages: list[str] = []  # one-time reports of the first start (import, pending)
        self.unsaved: dict[str, SessionRecord] = {}
        self._now = now
        self._ready = False
        self._locks: dict[str, int] = {}  # record id -> fd holding its flock

    # --- connections and schema -------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """One short connection; a write runs in one IMMEDIATE transaction."""
        if write or not self.path.exists():
            self._make_folder()
        if not write and self._read_only_disk() and self.path.exists():
            db = self._open_read_only()  # nothing to prepare or migrate: read it as it is
        else:
            db = self._open(write)
        try:
            if write:
                db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                    db.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        db.execute("ROLLBACK")
                    raise
            else:
                yield db
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        except OSError as exc:
            raise self._error(exc) from None
        finally:
            db.close()

    def _open(self, write: bool) -> sqlite3.Connection:
        db = None
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
            db.execute("PRAGMA synchronous=FULL")
            if not self._ready:
                self._prepare(db)
            return db
        except sqlite3.Error as exc:
            if db is not None:
                db.close()
            if write or not self._readable_as_it_is():
                raise self._error(exc) from None
            return self._open_read_only()  # a full disk: it can still be read

    def _read_only_disk(self) -> bool:
        try:
            return bool(os.statvfs(self.folder).f_flag & os.ST_RDONLY)
        except OSError:
            return False

    def _readable_as_it_is(self) -> bool:
        """The file alone holds everything (no WAL content waiting), so it can be read
        without the -wal and -shm files SQLite cannot make on a full or read-only disk."""
        if not (self._disk_full() or self._read_only_disk()) or not self.path.exists():
            return False
        wal = self.path.with_name(self.path.name + "-wal")
        try:
            return wal.stat().st_size == 0
        except FileNotFoundError:
            return True
        except OSError:
            return False

    def _disk_full(self) -> bool:
        """SQLite says "disk I/O error" when its -wal or -shm file cannot grow."""
        try:
            free = os.statvfs(self.folder)
        except OSError:
            return False
        return free.f_bavail * free.f_frsize < 256 * 1024

    def _open_read_only(self) -> sqlite3.Connection:
        """A read-only disk (remounted after an error, a backup): WAL needs a writable
        folder for its index, so read the file as immutable — nothing can change it."""
        uri = f"{self.path.resolve().as_uri()}?immutable=1"
        try:
            return sqlite3.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _prepare(self, db: sqlite3.Connection) -> None:
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode=WAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version < len(MIGRATIONS):
            db.execute("BEGIN IMMEDIATE")
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                    for statement in script.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        elif version > len(MIGRATIONS):
            raise HistoryError(f"{self.path} was written by a newer itbtimer (schema {version}, "
                               f"this one knows {len(MIGRATIONS)}); update itbtimer to read it")
        self._ready = True

    def _make_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._error(exc) from None

    def _error(self, exc: BaseException) -> HistoryError:
        if isinstance(exc, HistoryError):
            return exc
        if isinstance(exc, OSError):
            return HistoryError(self._cause(exc.errno, exc.strerror))
        text = str(exc)
        if "full" in text:
            return HistoryError(self._cause(errno.ENOSPC))
        if "readonly" in text or "read-only" in text:
            return HistoryError(self._cause(errno.EROFS))
        if "unable to open" in text or "disk I/O" in text:
            if self._read_only_disk():
                return HistoryError(self._cause(errno.EROFS))
            if self._disk_full():
                return HistoryError(self._cause(errno.ENOSPC))
            if self.folder.is_dir() and not os.access(self.folder, os.W_OK):
                return HistoryError(self._cause(errno.EACCES))
            return HistoryError(self._cause(None, text))
        if "malformed" in text or "not a database" in text:
            return HistoryError(f"{self.path} is damaged ({text}); itbtimer leaves it as it is")
        return HistoryError(f"{self.path}: {text}")

    def _cause(self, number: int | None, text: str | None = None) -> str:
        """Say what is really wrong with the data folder, not just the errno."""
        for parent in (self.folder, *self.folder.parents):
            if parent.exists() and not parent.is_dir():
                if parent == self.folder:
                    return f"the data folder {self.folder} is a file"
                return f"the data folder {self.folder} cannot be made: {parent} is a file"
        if number == errno.ENOSPC:
            return f"the disk holding {self.folder} is full"
        if number == errno.EROFS:
            return f"the disk holding {self.folder} is read-only"
        if number in (errno.EACCES, errno.EPERM):
            return f"no permission to write in {self.folder}"
        if number == errno.EDQUOT:
            return f"the disk quota for {self.folder} is used up"
        return f"{self.folder}: {text or os.strerror(number or 0)}"
