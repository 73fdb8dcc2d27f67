"""Recently used routine files, kept in the config folder (best effort)."""

from __future__ import annotations

import json
import os
from pathlib import Path

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
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(names[:MAX_RECENT]), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass
