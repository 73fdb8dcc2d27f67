"""Recently used routine files, kept in the config folder (best effort)."""

from __future__ import annotations

from pathlib import Path

from itbtimer.adapters.preferences import PreferenceFile
from itbtimer.paths import config_dir

MAX_RECENT = 5


class RecentFiles:
    def __init__(self, path: Path | None = None):
        self.path = path or config_dir() / "recent.json"

    def paths(self) -> list[Path]:
        names = PreferenceFile(self.path).read()
        if not isinstance(names, list):
            return []
        return [Path(n) for n in names if isinstance(n, str) and Path(n).is_file()][:MAX_RECENT]

    def add(self, path: Path) -> None:
        name = str(Path(path).resolve())
        names = [name] + [str(p) for p in self.paths() if str(p) != name]
        PreferenceFile(self.path).write(names[:MAX_RECENT])
