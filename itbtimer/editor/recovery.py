"""Unsaved edits kept when itbtimer is ended without asking (a signal, a remote's Quit).

The document's text goes to a file in the state folder, named after the routine; the
next time that routine is opened in the editor, the person is told where it is. The
routine's own file is never touched here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.editor.document import Document
from itbtimer.editor.words import home_path

FOLDER = "unsaved-edits"


def recovery_file(routine: Path, state: Path) -> Path:
    """Where the unsaved edits of the routine at `routine` are kept."""
    digest = hashlib.sha256(str(routine.absolute()).encode()).hexdigest()[:10]
    return state / FOLDER / f"{routine.stem}-{digest}.yaml"


def keep(document: Document, state: Path) -> Path | None:
    """Write the document's unsaved text to its recovery file; None when there is nothing
    to keep (no changes, or no file it belongs to)."""
    if document.path is None or not document.dirty:
        return None
    target = recovery_file(document.path, state)
    write_atomic(target, document.text)
    return target


def kept_notice(routine: Path | None, state: Path, home: str) -> str | None:
    """What to tell the person when the routine being opened has unsaved edits kept."""
    if routine is None:
        return None
    found = recovery_file(routine, state)
    if not found.exists():
        return None
    return (f"Changes not saved when itbtimer was ended last time are kept in "
            f"{home_path(found, home)} "
            "(copy what you want from it; delete it when done)")
