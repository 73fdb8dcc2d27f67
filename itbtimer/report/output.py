"""Writing a report or a card where the person asked: whole or not at all (atomic.py), and
never over something that is not a file (a named pipe, a device, a folder)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.errors import ReportError
from itbtimer.routine_files.loader import NOT_FILES


def save_pdf(target: Path, pdf: bytes) -> Path:
    """Write `pdf` to `target` (its folder made if need be); the path written, absolute.
    ReportError, in words, when it cannot be."""
    _refuse_odd(target)
    try:
        write_atomic(target, pdf)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise ReportError(f"{target}: cannot write the PDF there ({why})") from None
    return target.absolute()


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
