"""Open a file in the person's own text editor (the desktop's choice for it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def open_in_text_editor(path: Path) -> str | None:
    """Ask the desktop to open `path` (not waited for); None when asked, else why not."""
    if sys.platform == "win32":
        try:
            os.startfile(str(path), "edit")  # type: ignore[attr-defined]
        except OSError as exc:
            return exc.strerror or str(exc)
        return None
    # macOS: -t, the default text editor; elsewhere the desktop's program for the file
    command = ["open", "-t", str(path)] if sys.platform == "darwin" else ["xdg-open", str(path)]
    if shutil.which(command[0]) is None:
        return f"{command[0]} is not installed"
    try:
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
