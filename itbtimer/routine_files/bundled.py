"""Where routines are: the person's own folder first, then the ones shipped with itbtimer.

A name (`itbtimer knee-physio`) is looked up in the personal routines folder
(paths.user_routines_dir(), e.g. ~/.config/itbtimer/routines) and then among the
bundled routines; a personal file with a bundled routine's name wins, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from itbtimer.errors import ItbtimerError
from itbtimer.paths import package_data, user_routines_dir

SUFFIXES = (".yaml", ".yml")

DEFAULT_ROUTINE = "itb-recovery"


def _folder(name: str) -> Path:
    folder = package_data(name)
    if not folder.is_dir():
        raise ItbtimerError(f"itbtimer is installed without its {name} folder; reinstall it")
    return folder


def routines_dir() -> Path:
    return _folder("routines")


def assets_dir() -> Path:
    return _folder("assets")


def bundled_routines() -> list[Path]:
    return sorted(routines_dir().glob("*.yaml"))


@dataclass(frozen=True)
class RoutineFile:
    """A routine `itbtimer list` and the start screen offer."""

    name: str  # what `itbtimer NAME` takes: the file name without .yaml
    path: Path
    personal: bool
    hidden: bool = False  # a bundled routine that a personal one of the same name replaces


def personal_routines_dir(create: bool = False) -> Path:
    """The person's own routines folder, made on first use when `create`."""
    folder = user_routines_dir()
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ItbtimerError(f"{folder}: cannot make the routines folder "
                                f"({exc.strerror})") from None
    return folder


def personal_routines() -> list[Path]:
    folder = personal_routines_dir()
    try:
        found = [p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stem.lower())


def all_routines() -> list[RoutineFile]:
    """Personal routines first, then the bundled ones (marked when a personal one hides them)."""
    mine = personal_routines()
    names = {p.stem for p in mine}
    return ([RoutineFile(p.stem, p, True) for p in mine]
            + [RoutineFile(p.stem, p, False, p.stem in names) for p in bundled_routines()])


def is_personal(path: Path) -> bool:
    try:
        return path.resolve().parent == personal_routines_dir().resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python < 3.13)
        return False


def shadow_warning(path: Path) -> str | None:
    """A personal routine with a bundled routine's name: say which one is used."""
    if not is_personal(path) or not (routines_dir() / f"{path.stem}.yaml").exists():
        return None
    return (f"note: using your own {path.stem} ({path}), not the bundled routine of the "
            f"same name; rename your file to use both")


def resolve_routine(name_or_path: str) -> Path:
    """A path as given, else the personal routine of that name, else the bundled one."""
    path = Path(name_or_path).expanduser()
    if path.exists() or path.suffix in SUFFIXES or "/" in name_or_path:
        return path
    for folder in (personal_routines_dir(), routines_dir()):
        for suffix in SUFFIXES:
            candidate = folder / f"{name_or_path}{suffix}"
            if candidate.is_file():
                return candidate
    names = ", ".join(sorted({r.name for r in all_routines()}))
    raise ItbtimerError(
        f"{name_or_path}: no such file, and no routine of that name in "
        f"{personal_routines_dir()} or bundled with itbtimer (there are: {names})"
    )
