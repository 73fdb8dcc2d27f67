"""Recently used routine files, kept in the config folder (best effort)."""

from __future__ import annotations

import json
from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.paths import config_dir

MAX_RECENT = 5


class RecentFiles:
    def __init__(self, path: Path | None = None):
        self.path = path or config_dir() / "recent.json"

    def paths(self) -> list[Path]:
        try:
            names = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(names, list):
            return []
        return [Path(n) for n in names if isinstance(n, str) and Path(n).is_file()][:MAX_RECENT]

    def add(self, path: Path) -> None:
        name = str(Path(path).resolve())
        names = [name] + [str(p) for p in self.paths() if str(p) != name]
        try:
            write_atomic(self.path, json.dumps(names[:MAX_RECENT]))
        except OSError:
            pass
