"""The person's choices and the window's place, remembered in the config folder (best effort).

settings.json holds choices (`{"flash": false}` turns the cue pulse off); keys
this version does not know are kept as they are, so other features can add theirs.
window.json holds the window's size and whether it was maximised or full screen;
with no window.json (the first start) the window opens maximised. The size is set by
itbtimer too (`Placement.size_on`), so it fills the screen where no window manager
maximises it. asked.json holds the sessions the morning-after question was asked about
(answered or skipped with Esc), so it is asked once (history/morning.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itbtimer.adapters.preferences import PreferenceFile
from itbtimer.paths import config_dir

ASKED_KEPT = 20  # sessions remembered as asked about the morning after (only the newest is asked)
MIN_WIDTH, MIN_HEIGHT = 640, 400  # the smallest a remembered size may be
OPEN_WIDTH, OPEN_HEIGHT = 800, 600  # the smallest the window opens at, where the screen has room


@dataclass(frozen=True)
class Placement:
    width: int = 1024
    height: int = 640
    maximised: bool = True
    fullscreen: bool = False

    def size_on(self, screen_width: int, screen_height: int) -> tuple[int, int]:
        """The size to open at on this screen, so a window manager is not needed for it:
        maximised, the whole screen; else the size left, at least 800x600 and never more
        than the screen."""
        if self.maximised:
            return screen_width, screen_height
        return (min(screen_width, max(OPEN_WIDTH, self.width)),
                min(screen_height, max(OPEN_HEIGHT, self.height)))

    def to_json(self) -> dict[str, Any]:
        return {"width": self.width, "height": self.height, "maximised": self.maximised,
                "fullscreen": self.fullscreen}

    @classmethod
    def from_json(cls, data: Any) -> Placement:
        """A placement from a file; anything odd falls back to the first-start placement."""
        if not isinstance(data, dict):
            return cls()
        width, height = data.get("width"), data.get("height")
        if not (isinstance(width, int) and isinstance(height, int)
                and width >= MIN_WIDTH and height >= MIN_HEIGHT):
            return cls()
        return cls(width, height, data.get("maximised") is True, data.get("fullscreen") is True)


class Settings:
    def __init__(self, folder: Path | None = None):
        self.folder = folder or config_dir()

    @property
    def settings_path(self) -> Path:
        return self.folder / "settings.json"

    @property
    def window_path(self) -> Path:
        return self.folder / "window.json"

    @property
    def asked_path(self) -> Path:
        return self.folder / "asked.json"

    def _choices(self) -> dict[str, Any]:
        return PreferenceFile(self.settings_path).read_dict()

    @property
    def flash(self) -> bool:
        """The coloured border pulse on each cue (on unless turned off)."""
        return self._choices().get("flash") is not False

    def placement(self) -> Placement:
        return Placement.from_json(PreferenceFile(self.window_path).read())

    def save_placement(self, placement: Placement) -> None:
        PreferenceFile(self.window_path).write(placement.to_json())

    def morning_asked(self) -> list[str]:
        """The ids of the sessions the morning-after question was asked about, oldest first."""
        ids = PreferenceFile(self.asked_path).read_dict().get("morning_after")
        return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []

    def remember_morning_asked(self, session_id: str) -> None:
        """A session the morning-after question was asked about: not asked again (best
        effort, as every preference: a folder that cannot be written forgets it)."""
        ids = [i for i in self.morning_asked() if i != session_id] + [session_id]
        PreferenceFile(self.asked_path).write({"morning_after": ids[-ASKED_KEPT:]})
