"""Every folder itbtimer reads or writes, in one place (platformdirs).

Linux: the XDG folders (XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME,
XDG_CACHE_HOME are honoured); macOS and Windows: their own conventions.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import platformdirs

APP = "itbtimer"


def config_dir() -> Path:
    """Settings, recent files, the person's own sounds and routines."""
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    """The history."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def state_dir() -> Path:
    """The log file, pending records."""
    return Path(platformdirs.user_state_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Things that can be made again (rendered voice phrases)."""
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def user_sounds_dir() -> Path:
    return config_dir() / "sounds"


def user_routines_dir() -> Path:
    return config_dir() / "routines"


def package_data(name: str) -> Path:
    """A folder shipped with itbtimer: `routines` or `assets`.

    In a source checkout (and an editable install) they are the top-level `routines/` and
    `assets/` beside the package; an installed wheel carries them inside the package
    (pyproject.toml, `force-include`). This is the one place that decides.
    """
    installed = Path(str(files("itbtimer") / name))
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name


def systemd_user_dir() -> Path:
    """Where the person's own systemd user units go ($XDG_CONFIG_HOME/systemd/user)."""
    return Path(platformdirs.user_config_dir()) / "systemd" / "user"


def autostart_dir() -> Path:
    """What the desktop starts at login ($XDG_CONFIG_HOME/autostart, XDG Autostart spec)."""
    return Path(platformdirs.user_config_dir()) / "autostart"
