"""Bundled routines are never changed: editing one edits the person's own copy of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.core.routine import COPY_SUFFIX
from itbtimer.editor.document import ROUTINE, Document
from itbtimer.errors import ItbtimerError
from itbtimer.paths import user_routines_dir
from itbtimer.routine_files.bundled import resolve_routine, routines_dir
from itbtimer.routine_files.starter import copy_pictures

COPY_PREFIX = "my-"


@dataclass(frozen=True)
class Editable:
    """The file to edit, and what to tell the person about it (None: their own file)."""

    path: Path
    notice: str | None = None


def is_bundled(path: Path) -> bool:
    try:
        return path.resolve().parent == routines_dir().resolve()
    except ItbtimerError:
        return False


def copy_path(bundled: Path) -> Path:
    return user_routines_dir() / f"{COPY_PREFIX}{bundled.stem}.yaml"


def editable(name_or_path: str) -> Editable:
    """The file `itbtimer edit NAME` edits: the file itself, or a personal copy of a
    bundled routine (made now, or the one made before)."""
    path = resolve_routine(name_or_path)
    if not is_bundled(path):
        return Editable(path, _copy_notice(path))
    mine = copy_path(path)
    if mine.exists():
        return Editable(mine, f"{path.stem} is bundled with itbtimer and is never changed; "
                              f"editing your copy {mine}")
    write_atomic(mine, personal_copy_text(path.read_text(encoding="utf-8"), path.stem))
    copy_pictures(path, mine.parent)
    return Editable(mine, f"{path.stem} is bundled with itbtimer and is never changed; "
                          f"made your own copy to edit: {mine}")


def _copy_notice(path: Path) -> str | None:
    """What to say when the file is the person's copy of a bundled routine."""
    try:
        mine = path.resolve().parent == user_routines_dir().resolve()
    except OSError:
        return None
    stem = path.stem[len(COPY_PREFIX):] if path.stem.startswith(COPY_PREFIX) else ""
    if mine and stem and (routines_dir() / f"{stem}.yaml").exists():
        return f"your own copy of the bundled {stem} (that one is never changed): {path}"
    return None


def personal_copy_text(text: str, stem: str) -> str:
    """The bundled text with a first comment saying where it came from, and its name
    marked as a copy ("ITB recovery (my copy)")."""
    header = (f"# Your copy of the bundled routine `{stem}`; change it as you like.\n"
              f"# The original stays as it is (itbtimer plan {stem}).\n")
    document = Document(header + text)
    name = str(document.value(ROUTINE, "name"))
    if not name.endswith(COPY_SUFFIX):
        document.set_field(ROUTINE, "name", name + COPY_SUFFIX)
    return document.text
