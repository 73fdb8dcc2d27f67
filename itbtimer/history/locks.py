"""Owning sessions in progress: each window holds an exclusive `fcntl.flock` on
`locks/<id>.lock` in the state folder for the session it runs, so a start recovers
only the sessions whose window is gone (crashed, killed), never a live one."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from itbtimer.history.database import Database, HistoryError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; a live row is then only protected by time
    fcntl = None  # type: ignore[assignment]


class Owners:
    """The sessions in progress this process runs, by id."""

    def __init__(self, folder: Path, database: Database):
        self.folder = folder
        self.database = database  # says what is wrong when a lock cannot be made
        self._held: dict[str, int] = {}  # record id -> fd holding its flock
        self.cannot_take: OSError | None = None  # why the last lock could not even be opened

    def path(self, record_id: str) -> Path:
        return self.folder / f"{record_id}.lock"

    def own(self, record_id: str) -> str:
        """Hold this session's lock (from now until `let_go`); the lock file's name."""
        path = self.path(record_id)
        if record_id in self._held or fcntl is None:
            return path.name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise HistoryError(self.database.cause(exc.errno, exc.strerror)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # no locks on this file system (ENOLCK)
            os.close(fd)
            raise HistoryError(self.database.cause(exc.errno, exc.strerror)) from None
        # the pid is for a person looking in the folder; the flock is what owns the session,
        # so a full disk (a new empty file needs no room, its first byte does) takes nothing
        with contextlib.suppress(OSError):
            os.write(fd, f"{os.getpid()}\n".encode())
        self._held[record_id] = fd
        return path.name

    def let_go(self, record_id: str) -> None:
        """The session is recorded for good: its lock file goes."""
        fd = self._held.pop(record_id, None)
        if fd is not None:
            with contextlib.suppress(OSError):
                self.path(record_id).unlink()
            os.close(fd)

    @contextlib.contextmanager
    def if_gone(self, record_id: str) -> Iterator[bool]:
        """True when the session's window is gone; its lock is then held by this process
        until the block ends (another window starting now cannot recover it too)."""
        fd = self._take(record_id)
        try:
            yield fd is not None
        finally:
            if fd is not None and fd >= 0:
                with contextlib.suppress(OSError):
                    self.path(record_id).unlink()
                os.close(fd)

    def _take(self, record_id: str) -> int | None:
        """Lock the session's file if its owner is gone: the fd (-1: no locks here)."""
        if record_id in self._held:
            return None  # ours, and alive
        if fcntl is None:
            return -1
        path = self.path(record_id)
        self.cannot_take = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            self.cannot_take = exc
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return fd

    def running(self, record_id: str) -> bool:
        """Is a window (this one or another) running this session? Read only: a full or
        read-only disk can answer (a lock is tested on a file opened for reading)."""
        if record_id in self._held or fcntl is None:
            return True
        try:
            fd = os.open(self.path(record_id), os.O_RDONLY)
        except OSError:
            return False  # no lock file: its window is gone
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(fd)
        return False

    def close(self) -> None:
        """Let go of every lock without removing the files (the sessions stay in
        progress on disk, and the next start recovers them)."""
        for record_id in list(self._held):
            os.close(self._held.pop(record_id))
