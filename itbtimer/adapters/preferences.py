"""A small JSON file of the person's preferences, kept best effort.

settings.json, window.json, recent.json and voice.json are each one of these: a file
that is missing, unreadable or not JSON reads as nothing (the defaults), and a write
that fails (a read-only config folder) is forgotten rather than stopping the timer.
Writes are whole or nothing (itbtimer.atomic).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from itbtimer.atomic import write_atomic


class PreferenceFile:
    def __init__(self, path: Path):
        self.path = path

    def read(self) -> Any:
        """What the file holds, or None when it is missing, unreadable or not JSON."""
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def read_dict(self) -> dict[str, Any]:
        """The file's object, or {} when it holds anything else."""
        data = self.read()
        return data if isinstance(data, dict) else {}

    def write(self, data: Any) -> bool:
        """Write `data` as JSON; False when it could not be (it is not remembered)."""
        try:
            write_atomic(self.path, json.dumps(data, indent=1) + "\n")
        except OSError:
            return False
        return True
