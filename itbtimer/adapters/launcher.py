"""`itbtimer install-desktop [--uninstall]`: a launcher in the applications menu, with its icon.

Writes `itbtimer.desktop` into $XDG_DATA_HOME/applications and the icon at 48,
128 and 256 px into $XDG_DATA_HOME/icons/hicolor/SIZExSIZE/apps/itbtimer.png.
`StartupWMClass` is the window's class (WM_CLASS), so the dock matches the
running window to the launcher and shows its icon.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.core.escaping import escaped
from itbtimer.errors import ItbtimerError
from itbtimer.routine_files.bundled import assets_dir

APP_ID = "itbtimer"
# WM_CLASS of the window is ("itbtimer", "Itbtimer"): Tk capitalises the className given
# in app.py. Docks match StartupWMClass against the class, the second string.
WINDOW_CLASS = "Itbtimer"
ICON_SIZES = (48, 128, 256)


class DesktopError(ItbtimerError):
    """The launcher could not be written or removed."""


@dataclass(frozen=True)
class Installed:
    entry: Path
    icons: tuple[Path, ...]


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share (the launcher's place on every freedesktop system)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def entry_path(home: Path) -> Path:
    return home / "applications" / f"{APP_ID}.desktop"


def icon_path(home: Path, size: int) -> Path:
    return home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def launch_command() -> list[str]:
    """How the menu starts this very installation: its `itbtimer` script, else python -m."""
    beside = Path(sys.executable).parent / "itbtimer"  # a virtualenv's bin, off PATH
    script = str(beside) if os.access(beside, os.X_OK) else shutil.which("itbtimer")
    if script:
        return [os.path.abspath(script)]
    return [os.path.abspath(sys.executable), "-m", "itbtimer"]


def exec_line(command: list[str]) -> str:
    """The Exec key: each argument quoted as the Desktop Entry spec asks, then %f."""
    def quote(arg: str) -> str:
        if not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`='):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{escaped}"'.replace("\\", "\\\\")

    return " ".join(quote(a) for a in command) + " %f"


def entry_text(command: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=itbtimer",
        "GenericName=Interval Timer",
        "Comment=Follow a physiotherapy or recovery routine: big countdown, cues, beeps",
        f"Exec={escaped(exec_line(command))}",  # a line break would end the key
        f"TryExec={escaped(command[0])}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Utility;Clock;",
        "Keywords=timer;interval;workout;physiotherapy;exercise;rehab;",
        f"StartupWMClass={WINDOW_CLASS}",
        "StartupNotify=true",
        "",
    ])


def install(home: Path | None = None, command: list[str] | None = None) -> Installed:
    home = home or data_home()
    entry = entry_path(home)
    icons = []
    try:
        for size in ICON_SIZES:
            target = icon_path(home, size)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(assets_dir() / f"icon-{size}.png", target)
            icons.append(target)
        write_atomic(entry, entry_text(command or launch_command()))
    except OSError as exc:
        raise DesktopError(f"itbtimer: cannot write the launcher: {exc.filename}: "
                           f"{exc.strerror}") from None
    return Installed(entry, tuple(icons))


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what `install` wrote; the paths that were there."""
    home = home or data_home()
    removed = []
    for path in (entry_path(home), *(icon_path(home, s) for s in ICON_SIZES)):
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopError(f"itbtimer: cannot remove {path}: {exc.strerror}") from None
    return removed
