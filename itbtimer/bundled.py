"""Where the routines and assets that ship with itbtimer are."""

from __future__ import annotations

from pathlib import Path

from .errors import ItbtimerError
from .paths import package_data

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


def resolve_routine(name_or_path: str) -> Path:
    """A path as given, or the bundled routine of that name ('itb-recovery')."""
    path = Path(name_or_path).expanduser()
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in name_or_path:
        return path
    bundled = routines_dir() / f"{name_or_path}.yaml"
    if bundled.exists():
        return bundled
    names = ", ".join(p.stem for p in bundled_routines())
    raise ItbtimerError(
        f"{name_or_path}: no such file, and no bundled routine of that name (bundled: {names})"
    )
