"""Writing a report or a card where the person asked: whole or not at all (atomic.py), never
over something that is not a file (a named pipe, a device, a folder), and never into a
folder that is not there (a mistyped -o made /nonexistent at the root of the disk)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.errors import ReportError
from itbtimer.routine_files.loader import NOT_FILES


def save_pdf(target: Path, pdf: bytes) -> Path:
    """Write `pdf` to `target`, in a folder that is there (none is made); the path written,
    absolute. ReportError, in words, when it cannot be."""
    _refuse_odd(target)
    folder = target.absolute().parent
    if not folder.exists():
        raise ReportError(f"{target}: the folder {folder} does not exist (no folder is made: "
                          "name one that is there)")
    try:
        write_atomic(target, pdf)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise ReportError(f"{target}: cannot write the PDF there ({why})") from None
    return target.absolute()


def not_pdf_note(target: Path) -> str | None:
    """A word when the file named does not end in .pdf: it is written as named (the person
    chose the name, and another would be a file they did not name, maybe over one of
    theirs), but a viewer may not open it as a PDF."""
    if target.suffix.lower() == ".pdf":
        return None
    return (f"Note: {target.name} holds a PDF; a PDF viewer may want its name to end "
            "in .pdf")


def _refuse_odd(target: Path) -> None:
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ReportError(f"{target}: cannot write the PDF there ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise ReportError(f"{target}: this is a folder; name the file to write "
                          f"(for example {target / 'report.pdf'})")
    for test, kind in NOT_FILES:
        if test(mode):
            raise ReportError(f"{target}: this is {kind}, not a file: the PDF goes to a file "
                              "(for example -o report.pdf)")
