"""`itbtimer install-desktop [--uninstall]`: a launcher in the applications menu, with its icon.

Writes `itbtimer.desktop` into $XDG_DATA_HOME/applications and the icon at 48,
128 and 256 px into $XDG_DATA_HOME/icons/hicolor/SIZExSIZE/apps/itbtimer.png.
`StartupWMClass` is the window's class (WM_CLASS), so the dock matches the
running window to the launcher and shows its icon.

The launcher runs `itbtimer` by name when an itbtimer on the PATH is not inside a
virtual environment (pipx's ~/.local/bin, a system install), so it survives upgrades
and moves. Otherwise it must run this installation by its absolute path, which breaks
when that folder moves; `install` says so, and `check` finds a launcher that points
nowhere.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
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
    how: str  # how the launcher starts itbtimer, and what could break it


@dataclass(frozen=True)
class Checked:
    """What `itbtimer install-desktop --check` found."""

    works: bool
    text: str


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share (the launcher's place on every freedesktop system)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def entry_path(home: Path) -> Path:
    return home / "applications" / f"{APP_ID}.desktop"


def icon_path(home: Path, size: int) -> Path:
    return home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def launch_command() -> list[str]:
    """How the menu starts itbtimer: by name when the PATH has one outside a virtual
    environment; else this installation's script, or python -m itbtimer, by full path."""
    found = shutil.which(APP_ID)
    if found and not _in_virtual_environment(Path(found)):
        return [APP_ID]
    beside = Path(sys.executable).parent / APP_ID  # a virtualenv's bin, off PATH
    script = str(beside) if os.access(beside, os.X_OK) else found
    if script:
        return [os.path.abspath(script)]
    return [os.path.abspath(sys.executable), "-m", APP_ID]


def _in_virtual_environment(program: Path) -> bool:
    """A program in a virtual environment's bin folder (next to its pyvenv.cfg). pipx's
    ~/.local/bin/itbtimer is a link into one, but the link itself stays put."""
    return (program.parent.parent / "pyvenv.cfg").is_file()


def how_it_starts(command: list[str]) -> str:
    """What the person should know about the launcher's command."""
    if command == [APP_ID]:
        return (f"the launcher finds itbtimer on the PATH (now {shutil.which(APP_ID)}), so it "
                "keeps working when itbtimer is upgraded or reinstalled")
    program = Path(command[0])
    where = ("in a virtual environment" if _in_virtual_environment(program)
             else "by its full path")
    return (f"note: the launcher runs {program}, {where}: it stops working if that folder "
            "is moved or deleted. Installed with pipx (pipx install .), itbtimer is on the "
            "PATH and the launcher finds it there; itbtimer install-desktop --check tells "
            "whether the launcher still works.")


def check(home: Path | None = None) -> Checked:
    """Does the launcher in the menu still start something?"""
    entry = entry_path(home or data_home())
    try:
        text = entry.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return Checked(False, "itbtimer is not in the applications menu (itbtimer "
                       "install-desktop adds it)")
    except OSError as exc:
        return Checked(False, f"cannot read the launcher {entry}: {exc.strerror}")
    value = next((line[len("Exec="):] for line in text.splitlines()
                  if line.startswith("Exec=")), "")
    command = exec_arguments(value)
    again = "run itbtimer install-desktop again with the itbtimer you use"
    if not command:
        return Checked(False, f"the launcher {entry} has no command to run: {again}")
    program = command[0]
    if "/" not in program:
        found = shutil.which(program)
        if found is None:
            return Checked(False, f"the launcher {entry} runs {program} from the PATH, but "
                           f"there is no {program} on the PATH: install it (pipx install .) "
                           f"or {again}")
        return Checked(True, f"the launcher {entry} runs {program} from the PATH (now {found})")
    if not os.access(program, os.X_OK) or Path(program).is_dir():
        return Checked(False, f"the launcher {entry} runs {program}, which is not there any "
                       f"more (moved or deleted?): {again}")
    return Checked(True, f"the launcher {entry} runs {program}")


_STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r"}


def exec_arguments(value: str) -> list[str]:
    """The Exec key's arguments, unquoted (what `exec_line` wrote), without field codes."""
    unescaped = re.sub(r"\\(.)", lambda m: _STRING_ESCAPES.get(m.group(1), m.group(1)),
                       value)
    arguments: list[str] = []
    current: list[str] | None = None  # the argument being read, None between arguments
    quoted = escape = False
    for c in unescaped:
        if escape:  # inside quotes, \ keeps the next of " ` $ \ as it is
            current = (current or []) + ([] if c in '"`$\\' else ["\\"]) + [c]
            escape = False
        elif quoted and c == "\\":
            escape = True
        elif c == '"':
            quoted, current = not quoted, current or []
        elif c == " " and not quoted:
            if current is not None:
                arguments.append("".join(current))
            current = None
        else:
            current = (current or []) + [c]
    if quoted or escape:
        return []
    if current is not None:
        arguments.append("".join(current))
    return [a.replace("%%", "%") for a in arguments if not re.fullmatch(r"%[A-Za-z]", a)]


def exec_line(command: list[str], field_code: str | None = "%f") -> str:
    """The Exec key, as the Desktop Entry spec asks: an argument with a reserved character
    in double quotes (" ` $ \\ escaped with a backslash), every literal % written %%, and
    the whole a string value (`string_value`); then the field code (%f: the file the menu
    was given), if any. `exec_arguments` reads it back."""
    def quote(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if not any(c in arg for c in ' \t\n\r"\'\\><~|&;$*?#()`='):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{escaped}"'

    words = [*(quote(a) for a in command), *([field_code] if field_code else [])]
    return string_value(" ".join(words))


def string_value(text: str) -> str:
    """`text` as a desktop entry's string value that reads back as it is: each backslash
    doubled, a line break, tab or return as the spec's escape (\\n \\t \\r); every other
    character as it is (a format character such as U+200D in an emoji folder's name is part
    of the path). Another control character cannot be written: DesktopError, in words."""
    odd = next((c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t\r"),
               None)
    if odd is not None:
        raise DesktopError(f"itbtimer: {escaped(text)} has a control character "
                           f"{escaped(odd)} that a desktop entry cannot hold: move it to "
                           "a folder whose name has none")
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def entry_text(command: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=itbtimer",
        "GenericName=Interval Timer",
        "Comment=Follow a physiotherapy or recovery routine: big countdown, cues, beeps",
        f"Exec={exec_line(command)}",  # a line break is written \n: it cannot end the key
        f"TryExec={string_value(command[0])}",  # a bare name is looked up on the PATH
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
    command = command or launch_command()
    icons = []
    try:
        for size in ICON_SIZES:
            target = icon_path(home, size)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(assets_dir() / f"icon-{size}.png", target)
            icons.append(target)
        write_atomic(entry, entry_text(command))
    except OSError as exc:
        raise DesktopError(f"itbtimer: cannot write the launcher: {exc.filename}: "
                           f"{exc.strerror}") from None
    return Installed(entry, tuple(icons), how_it_starts(command))


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
