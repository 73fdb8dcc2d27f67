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
- Schema changes are migrations numbered by `PRAGMA user_version`.

Every operation opens its own short connection: nothing is held open between
writes, so a folder that goes away or comes back is seen as it is.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..errors import ItbtimerError
from ..paths import data_dir, state_dir
from . import figures
from .figures import Hold, Listed, Progress
from .records import RecordError, SessionRecord, StepResult, week_start

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


class HistoryStore:
    """The person's history. Every method is safe to call when the disk misbehaves:
    writes return False and set `notice`; reads raise HistoryError."""

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

    def recover_interrupted(self) -> SessionRecord | None:
        """Today's name: the latest session recovered by `recover()`, if any."""
        recovered = self.recover()
        return max(recovered, key=lambda s: s.start) if recovered else None

    def in_progress_ids(self) -> list[str]:
        with self._connect() as db:
            return [r[0] for r in db.execute("SELECT id FROM sessions WHERE in_progress = 1")]

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

    # --- reading ----------------------------------------------------------------------

    def _read(self, db: sqlite3.Connection, record_id: str) -> SessionRecord:
        (text,) = db.execute("SELECT record FROM sessions WHERE id = ?", (record_id,)).fetchone()
        session = SessionRecord.from_json(json.loads(text) | {"steps": []})
        return replace(session, steps=_steps(db, record_id))

    def sessions(self, routines: Iterable[str] | None = None, newest: int | None = None,
                 with_steps: bool = True, in_progress: bool = False) -> Iterator[SessionRecord]:
        """Records oldest first (by instant), optionally of some routines or the newest N;
        sessions still in progress (a window is running them) only when asked."""
        names = None if routines is None else list(routines)
        with self._connect() as db:
            where, args = _routine_filter(names)
            if not in_progress:
                where = (where + " AND" if where else "WHERE") + " in_progress = 0"
            query = f"SELECT id, record FROM sessions {where} ORDER BY start_utc"
            if newest is not None:
                query = (f"SELECT * FROM (SELECT id, record, start_utc FROM sessions {where} "
                         f"ORDER BY start_utc DESC LIMIT {int(newest)}) ORDER BY start_utc")
            cursor = db.cursor()
            for row in db.execute(query, args):
                session = SessionRecord.from_json(json.loads(row[1]) | {"steps": []})
                if with_steps:
                    session = replace(session, steps=_steps(cursor, row[0]))
                yield session

    def load(self) -> tuple[list[dict[str, Any]], str | None]:
        """Today's name: every record as its JSON, oldest first, and a one-time message.

        Reads everything: for tests and small histories only (the window and the
        CLI use `progress` and `listing`).
        """
        try:
            return [s.to_json() for s in self.sessions()], None
        except HistoryError as exc:
            return [], f"History cannot be read: {exc}"

    def listing(self, routines: Iterable[str] | None = None,
                newest: int = 15) -> list[Listed]:
        """The newest sessions for a list, oldest first, without their steps."""
        names = None if routines is None else list(routines)
        where, args = _routine_filter(names)
        out = []
        with self._connect() as db:
            rows = db.execute(
                f"SELECT * FROM (SELECT id, record, in_progress, start_utc FROM sessions {where}"
                f" ORDER BY start_utc DESC LIMIT {int(newest)}) ORDER BY start_utc", args)
            holds = db.cursor()
            for record_id, text, in_progress, _ in rows.fetchall():
                data = json.loads(text)
                data["steps"] = []
                session = SessionRecord.from_json(data)
                best = holds.execute("SELECT exercise, seconds FROM holds WHERE session_id = ?",
                                     (record_id,)).fetchall()
                out.append(Listed(session.id, session.start, session.routine, session.completed,
                                  session.active_seconds, session.pain, session.practice,
                                  session.speed, bool(in_progress), session.interrupted,
                                  tuple((str(n), float(s)) for n, s in best),
                                  session.question))
        return out

    def routines(self) -> list[tuple[str, str | None, int]]:
        """Every routine recorded: (name, last file, sessions), most recent first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT routine, file, COUNT(*), MAX(start_utc) AS last FROM sessions "
                "GROUP BY routine ORDER BY last DESC").fetchall()
        return [(str(r[0]), r[1], int(r[2])) for r in rows]

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])

    def per_week_of(self, routine: str) -> int | None:
        with self._connect() as db:
            row = db.execute("SELECT record FROM sessions WHERE routine = ? "
                             "ORDER BY start_utc DESC LIMIT 1", (routine,)).fetchone()
        return json.loads(row[0]).get("per_week") if row else None

    def progress(self, today: date, routine: str | None = None, per_week: int | None = None,
                 weeks: int = 12, series: bool = False) -> Progress:
        """The figures for the start screen (series=False: a few indexed queries) or the
        History screen (series=True: all weeks, and the holds and pain over time — one
        point per session, or per week when there are more than figures.SERIES_POINTS
        sessions: the week's longest hold and its mean pain, which is what a chart can show).
        The same figures as the pure progress.progress over the same finished sessions."""
        names = None if routine is None else [routine]
        where, args = _routine_filter(names, "AND")
        usable = f"in_progress = 0 AND practice = 0 {where}"
        monday = week_start(today)
        first_week = monday - timedelta(weeks=weeks - 1)
        with self._connect() as db:
            if series:
                row = db.execute(f"SELECT MIN(week), COUNT(*) FROM sessions WHERE {usable}",
                                 args).fetchone()
                if row[0]:
                    first_week = min(first_week, week_start(date.fromisoformat(row[0])))
                weekly = row[1] > figures.SERIES_POINTS
            counts = dict(db.execute(
                f"SELECT week, COUNT(*) FROM sessions WHERE counts = 1 AND week >= ? "
                f"AND {usable} GROUP BY week", [first_week.isoformat(), *args]).fetchall())
            all_weeks = []
            day = first_week
            while day <= monday:
                all_weeks.append((day, int(counts.get(day.isoformat(), 0))))
                day += timedelta(weeks=1)
            last = db.execute(f"SELECT start_utc, offset_minutes FROM sessions WHERE {usable} "
                              "ORDER BY start_utc DESC LIMIT 1", args).fetchone()
            holds = [self._hold(db, routine, exercise, series and weekly, series)
                     for exercise in self._exercises(db, routine)]
            pain: tuple[tuple[datetime, int], ...] = ()
            if series and weekly:
                pain = tuple((_monday(w), int(p)) for w, p in db.execute(
                    f"SELECT week, CAST(ROUND(AVG(pain)) AS INTEGER) FROM sessions "
                    f"WHERE {usable} AND pain IS NOT NULL GROUP BY week ORDER BY week", args))
            elif series:
                pain = tuple((_local(t, m), int(p)) for t, m, p in db.execute(
                    f"SELECT start_utc, offset_minutes, pain FROM sessions WHERE {usable} "
                    "AND pain IS NOT NULL ORDER BY start_utc", args))
            question = db.execute(
                f"SELECT json_extract(record, '$.question') AS q FROM sessions WHERE {usable} "
                "AND q IS NOT NULL ORDER BY start_utc DESC LIMIT 1", args).fetchone()
            if per_week is None and routine is not None:
                target = db.execute(
                    f"SELECT json_extract(record, '$.per_week') FROM sessions WHERE {usable} "
                    "ORDER BY start_utc DESC LIMIT 1", args).fetchone()
                per_week = target[0] if target else None
        return Progress(
            this_week=all_weeks[-1][1],
            per_week=per_week,
            last_session=_local(last[0], last[1]) if last else None,
            weeks=tuple(all_weeks),
            holds=tuple(h for h in holds if h is not None),
            pain=pain,
            question=question[0] if question else None,
        )

    @staticmethod
    def _exercises(db: sqlite3.Connection, routine: str | None) -> list[str]:
        """The held exercises, in the order they were first recorded: index seeks only
        (one per exercise), never a scan of every hold."""
        if routine is None:
            rows = db.execute("SELECT exercise, MIN(start_utc) AS first FROM holds "
                              "WHERE usable = 1 GROUP BY exercise ORDER BY first, exercise")
            return [str(r[0]) for r in rows]
        found: list[tuple[float, str]] = []
        after = ""
        while True:
            row = db.execute("SELECT exercise FROM holds WHERE routine = ? AND usable = 1 "
                             "AND exercise > ? ORDER BY exercise LIMIT 1",
                             (routine, after)).fetchone()
            if row is None:
                break
            after = row[0]
            (first,) = db.execute("SELECT MIN(start_utc) FROM holds WHERE routine = ? "
                                  "AND usable = 1 AND exercise = ?", (routine, after)).fetchone()
            found.append((first, after))
        return [name for _, name in sorted(found)]

    @staticmethod
    def _hold(db: sqlite3.Connection, routine: str | None, exercise: str, weekly: bool,
              series: bool) -> Hold | None:
        where, args = _routine_filter(None if routine is None else [routine], "AND")
        args = [exercise, *args]
        base = f"FROM holds WHERE usable = 1 AND exercise = ? {where}"
        best = db.execute(f"SELECT MAX(seconds) {base}", args).fetchone()[0]
        last = db.execute(f"SELECT seconds {base} ORDER BY start_utc DESC LIMIT 1",
                          args).fetchone()
        if best is None or last is None:
            return None
        points: tuple[tuple[datetime, float], ...] = ()
        if weekly:
            points = tuple((_monday(w), float(v)) for w, v in db.execute(
                f"SELECT week, MAX(seconds) {base} GROUP BY week ORDER BY week", args))
        elif series:
            points = tuple((_local(t, None), float(v)) for t, v in db.execute(
                f"SELECT start_utc, seconds {base} ORDER BY start_utc", args))
        return Hold(exercise, float(best), float(last[0]), points)

    def close(self) -> None:
        """Let go of every session this process owns (they stay in progress on disk)."""
        for record_id in list(self._locks):
            fd = self._locks.pop(record_id)
            os.close(fd)


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
    # mypy cannot see that row[:12] is exactly the twelve fields before `extra`
    return tuple(StepResult(*row[:12], extra=tuple(json.loads(row[12]).items())  # type: ignore[misc]
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

