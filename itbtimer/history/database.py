"""The history's SQLite file: its tables (migrations numbered by `PRAGMA user_version`),
one short connection per operation, the schema migrated on first use, a write as one
transaction, and every SQLite or OS error turned into a HistoryError naming its cause.

Nothing is held open between operations, so a folder that goes away or comes back is
seen as it is. The readers (queries.py) and the writers (store.py, imports.py) use a
`Database`; they never open the file themselves.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from itbtimer.errors import ItbtimerError
from itbtimer.history.records import identity_of

DATABASE = "history.sqlite3"
BUSY_MS = 10_000  # how long a write waits for another window's

# Every session's longest hold per exercise and side, from its steps (as rows.put writes
# them from SessionRecord.side_holds): migration 3 fills the `holds` table with it, and a
# file of an older schema read as it is (a read-only disk) reads its holds through it.
# A stored run's pain-free distance under the rule of core/runs.pain_free_metres since
# migration 7: a run with no pain answer (and no `pain_from_m`) has none; schema 4-6
# counted it as the whole run. Migration 7 rewrites the column with it, and a file of
# schema 4-6 read as it is (a read-only disk) reads its runs through it.
def record_field(key: str) -> str:
    """SQL for one field of a row's record (its JSON): NULL where the record is no JSON
    at all (a row changed outside itbtimer; `itbtimer history` lists it as damaged), which
    json_extract alone makes an error of the whole query, and so of the whole history."""
    if not key.isidentifier():  # written into the SQL: a field's name, never a value
        raise ValueError(f"not a record field: {key!r}")
    return f"json_extract(CASE WHEN json_valid(record) THEN record END, '$.{key}')"


PAIN_FREE_SAID = f"""
    CASE WHEN pain IS NULL AND {record_field('pain_from_m')} IS NULL
         THEN NULL ELSE pain_free_m END"""

SIDE_HOLDS = """
    SELECT st.session_id, s.routine, st.name, COALESCE(st.side, ''), s.start_utc, s.week,
           MAX(st.time_seconds), s.practice = 0 AND s.in_progress = 0
    FROM steps st JOIN sessions s ON s.id = st.session_id
    WHERE st.mode = 'until' AND st.time_seconds > 0
    GROUP BY st.session_id, st.name, COALESCE(st.side, '')
"""

# Every session's most reps counted in one set per paced reps exercise and side (as
# rows.put writes them from SessionRecord.side_reps): migration 8 fills the `reps` table
# with it, and a file of schema 6 or 7 read as it is (a read-only disk) reads it through it.
SIDE_REPS = """
    SELECT st.session_id, s.routine, st.name, COALESCE(st.side, ''), s.start_utc, s.week,
           MAX(st.reps_done), s.practice = 0 AND s.in_progress = 0
    FROM steps st JOIN sessions s ON s.id = st.session_id
    WHERE st.mode = 'reps' AND st.reps_done > 0
    GROUP BY st.session_id, st.name, COALESCE(st.side, '')
"""

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
    # 2: the `routine` columns hold the routine's identity (SessionRecord.identity), not its
    # name (kept in `record`): a copy or a renamed routine keeps one history. Sessions of
    # "ITB recovery (my copy)" join those of "ITB recovery" (records.identity_of).
    """
    UPDATE sessions SET routine = identity_of(routine) WHERE routine <> identity_of(routine);
    UPDATE holds SET routine = identity_of(routine) WHERE routine <> identity_of(routine);
    """,
    # 3: holds per side (SessionRecord.side_holds): a one-sided exercise's left and right are
    # figures of their own, '' for a two-sided move. Filled again from the steps, which
    # always kept the side.
    """
    DROP TABLE holds;
    CREATE TABLE holds (
        session_id TEXT NOT NULL,
        routine TEXT NOT NULL,
        exercise TEXT NOT NULL,
        side TEXT NOT NULL,               -- 'left', 'right', or '' on both (a two-sided move)
        start_utc REAL NOT NULL,
        week TEXT NOT NULL,
        seconds REAL NOT NULL,
        usable INTEGER NOT NULL,          -- not practice, not in progress
        PRIMARY KEY (session_id, exercise, side)
    ) WITHOUT ROWID;
    CREATE INDEX holds_by_time ON holds (routine, usable, exercise, side, start_utc, seconds);
    CREATE INDEX holds_by_week ON holds (routine, usable, exercise, side, week, seconds);
    CREATE INDEX holds_by_length ON holds (routine, usable, exercise, side, seconds);
    INSERT INTO holds """ + SIDE_HOLDS + ";",
    # 4: runs (records.RunRecord), beside the sessions and never among them: no routine, no
    # week's count. `pain_free_m` is RunRecord.pain_free_m, kept for the History chart. A
    # deleted run goes to `deleted` as a session does (its record says its kind).
    """
    CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        start_utc REAL NOT NULL,          -- POSIX seconds
        offset_minutes INTEGER NOT NULL,  -- the local UTC offset where it was run
        week TEXT NOT NULL,               -- Monday of the ISO week of the local date
        distance_m REAL NOT NULL,
        pain_free_m REAL,                 -- how far before the pain (NULL: not said)
        pain INTEGER,
        record TEXT NOT NULL              -- the whole record, as JSON
    );
    CREATE INDEX runs_by_start ON runs (start_utc);
    """,
    # 5: progression levels set by hand (`itbtimer progress ROUTINE --set/--reset`), by the
    # routine's identity. The levels each session ran at are in its record (`levels`);
    # where an exercise stands now is derived from those (core/progression.py), so no
    # decision is stored and none is applied twice.
    """
    CREATE TABLE levels_set (
        routine TEXT NOT NULL,            -- the routine's identity
        grows TEXT NOT NULL,              -- 'exercises' or 'sections'
        name TEXT NOT NULL,               -- the exercise's (or the section's) name
        level INTEGER NOT NULL,
        set_utc REAL NOT NULL,            -- when: only sessions after it count
        PRIMARY KEY (routine, grows, name)
    ) WITHOUT ROWID;
    """,
    # 6: a paced (tempo) reps step's reps counted (StepResult.reps_done; record version 7);
    # older steps have none
    """
    ALTER TABLE steps ADD COLUMN reps_done INTEGER;
    """,
    # 7: a run with no pain answer is not pain-free (PAIN_FREE_SAID)
    "UPDATE runs SET pain_free_m = " + PAIN_FREE_SAID + ";",
    # 8: the reps counted per side (SessionRecord.side_reps), as `holds` keeps the holds:
    # a paced reps exercise's most reps in one set per session, exercise and side ('' on
    # both). Filled from the steps' reps_done (migration 6); un-paced reps have no row.
    """
    CREATE TABLE reps (
        session_id TEXT NOT NULL,
        routine TEXT NOT NULL,
        exercise TEXT NOT NULL,
        side TEXT NOT NULL,               -- 'left', 'right', or '' on both (a two-sided move)
        start_utc REAL NOT NULL,
        week TEXT NOT NULL,
        reps INTEGER NOT NULL,
        usable INTEGER NOT NULL,          -- not practice, not in progress
        PRIMARY KEY (session_id, exercise, side)
    ) WITHOUT ROWID;
    CREATE INDEX reps_by_time ON reps (routine, usable, exercise, side, start_utc, reps);
    CREATE INDEX reps_by_count ON reps (routine, usable, exercise, side, reps);
    INSERT INTO reps """ + SIDE_REPS + ";",
)


class HistoryError(ItbtimerError):
    """The history cannot be read or written; the message names the real cause."""


class Database:
    """`history.sqlite3` in `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / DATABASE
        self._ready = False  # the schema is known to be current

    def reading(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A connection to read with (a full or read-only disk: the file as it is)."""
        return self._connect(write=False)

    def writing(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A connection inside one IMMEDIATE transaction: committed whole when the block
        ends, rolled back when it raises."""
        return self._connect(write=True)

    @contextlib.contextmanager
    def _connect(self, write: bool) -> Iterator[sqlite3.Connection]:
        db = self._open_for(write)
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
        except (sqlite3.Error, OSError) as exc:
            raise self.error(exc) from None
        finally:
            self._done(db)

    def _open_for(self, write: bool) -> sqlite3.Connection:
        if write or not self.path.exists():
            self._make_folder()
        if not write and self._read_only_disk() and self.path.exists():
            return self._open_read_only()  # nothing to prepare or migrate: read it as it is
        return self._open(write)

    def _done(self, db: sqlite3.Connection) -> None:
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
                raise self.error(exc) from None
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
            db = sqlite3.connect(uri, uri=True, isolation_level=None)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if 0 < version < 3:
                # holds per side, as migration 3 would make them (a temporary view is
                # found before the file's own table of that name)
                db.execute("CREATE TEMP VIEW holds (session_id, routine, exercise, side, "
                           "start_utc, week, seconds, usable) AS " + SIDE_HOLDS)
            if 5 < version < 8:  # the reps counted per side, as migration 8 would make them
                db.execute("CREATE TEMP VIEW reps (session_id, routine, exercise, side, "
                           "start_utc, week, reps, usable) AS " + SIDE_REPS)
            elif 0 < version < 8:  # no reps were counted before migration 6
                db.execute("CREATE TEMP TABLE reps (session_id, routine, exercise, side, "
                           "start_utc, week, reps, usable)")
            if 0 < version < 4:  # no run was kept before migration 4
                db.execute("CREATE TEMP TABLE runs (id, start_utc, offset_minutes, week, "
                           "distance_m, pain_free_m, pain, record)")
            if 4 <= version < 7:  # runs with no pain answer were counted pain-free
                db.execute("CREATE TEMP VIEW runs AS SELECT id, start_utc, offset_minutes, "
                           "week, distance_m, " + PAIN_FREE_SAID + " AS pain_free_m, pain, "
                           "record FROM main.runs")
            if 0 < version < 5:  # no level was set by hand before migration 5
                db.execute("CREATE TEMP TABLE levels_set (routine, grows, name, level, "
                           "set_utc)")
            return db
        except sqlite3.Error as exc:
            raise self.error(exc) from None

    def _prepare(self, db: sqlite3.Connection) -> None:
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode=WAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version < len(MIGRATIONS):
            db.create_function("identity_of", 1, identity_of, deterministic=True)
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
            raise self.error(exc) from None

    # --- what is wrong, in the person's words --------------------------------------------

    def error(self, exc: BaseException) -> HistoryError:
        """A SQLite or OS error as a HistoryError that says what is really wrong."""
        if isinstance(exc, HistoryError):
            return exc
        if isinstance(exc, OSError):
            return HistoryError(self.cause(exc.errno, exc.strerror))
        text = str(exc)
        if "full" in text:
            return HistoryError(self.cause(errno.ENOSPC))
        if "readonly" in text or "read-only" in text:
            return HistoryError(self.cause(errno.EROFS))
        if "unable to open" in text or "disk I/O" in text:
            if self._read_only_disk():
                return HistoryError(self.cause(errno.EROFS))
            if self._disk_full():
                return HistoryError(self.cause(errno.ENOSPC))
            if self.folder.is_dir() and not os.access(self.folder, os.W_OK):
                return HistoryError(self.cause(errno.EACCES))
            return HistoryError(self.cause(None, text))
        if "malformed" in text or "not a database" in text:
            return HistoryError(f"{self.path} is damaged ({text}); itbtimer leaves it as it is")
        return HistoryError(f"{self.path}: {text}")

    def cause(self, number: int | None, text: str | None = None) -> str:
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


class MemoryDatabase(Database):
    """A history held in memory, gone with the object: the same schema, queries and
    transactions as the file, on one connection (tests/fakes.py's store uses it)."""

    def __init__(self) -> None:
        super().__init__(Path(":memory:"))
        self._db = sqlite3.connect(":memory:", isolation_level=None)
        self._prepare(self._db)

    def _open_for(self, write: bool) -> sqlite3.Connection:
        return self._db

    def _done(self, db: sqlite3.Connection) -> None:
        pass  # the one connection is the database: closing it would lose everything
