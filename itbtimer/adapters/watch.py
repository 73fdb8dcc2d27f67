"""Has a routine file changed on disk since it was read? (The start screen asks every second.)"""

from __future__ import annotations

from pathlib import Path

Signature = tuple[int, int, int]  # modification time (ns), size, inode


def _signature(path: Path) -> Signature | None:
    try:
        stat = path.stat()
    except OSError:
        return None  # gone, or not readable: a change when it comes back
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


class RoutineWatch:
    """Remembers the file as it was when read; `changed()` says once per change."""

    def __init__(self, path: Path):
        self.path = path
        self.seen = _signature(path)

    def changed(self) -> bool:
        now = _signature(self.path)
        if now == self.seen:
            return False
        self.seen = now
        return True
