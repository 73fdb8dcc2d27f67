"""Open a file in the person's own text editor, or a web address in their browser (the
desktop's choice for each), never waited for."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit


def open_in_text_editor(path: Path) -> str | None:
    """Ask the desktop to open `path` (not waited for); None when asked, else why not."""
    if sys.platform == "win32":
        return _start(str(path), "edit")
    # macOS: -t, the default text editor; elsewhere the desktop's program for the file
    return _launch(["open", "-t", str(path)] if sys.platform == "darwin"
                   else ["xdg-open", str(path)])


def open_in_browser(url: str) -> str | None:
    """Ask the desktop's browser to open `url`, an http(s) address (a routine's `link:`,
    checked when it was read; anything else is refused here too). None when asked, else
    why not."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return "only http and https addresses are opened"
    if sys.platform == "win32":
        return _start(url, "open")
    return _launch(["open" if sys.platform == "darwin" else "xdg-open", url])


def _start(target: str, verb: str) -> str | None:
    try:
        os.startfile(target, verb)  # type: ignore[attr-defined]
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _launch(command: list[str]) -> str | None:
    if shutil.which(command[0]) is None:
        return f"{command[0]} is not installed"
    try:
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
