"""The History screen's "Report…": `itbtimer report` run in a process of its own (the PDF
library, its fonts and images never load in the window's process, which stays small), waited
on by a thread, and what it said handed to the Tk thread on the window's timers."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from itbtimer.core.escaping import escaped
from itbtimer.gui.ticker import Timers

POLL_MS = 100
TIMEOUT = 120  # seconds: a report takes one or two


def report_file(name: str, day: date, home: Path) -> Path:
    """Where the save dialog proposes to put it: "~/Documents/ITB recovery report
    2026-12-07.pdf" (the home folder without a Documents folder); the name kept to
    letters, digits, spaces and a few signs, so it is a file name everywhere."""
    safe = "".join(c if c.isalnum() or c in " -_()" else "-" for c in name).strip(" -")
    folder = home / "Documents" if (home / "Documents").is_dir() else home
    return folder / f"{safe or 'itbtimer'} report {day:%Y-%m-%d}.pdf"


def report_command(routine: str, target: Path, history: Path | None) -> list[str]:
    """The command line that writes the report of `routine` (its file) to `target`."""
    where = ["--history", str(history)] if history is not None else []
    return [sys.executable, "-m", "itbtimer", "report", routine, *where, "-o", str(target)]


def shown(path: Path, home: Path | None = None) -> str:
    """A path as the person reads it: "~/Documents/x.pdf" under their home folder."""
    home = home or Path.home()
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)


class ReportMaker:
    """One report at a time; `done` is called on the Tk thread with what to tell the person."""

    def __init__(self, timers: Timers, done: Callable[[str], None],
                 run: Callable[..., Any] = subprocess.run):
        self.timers = timers
        self.done = done
        self.run = run
        self.busy = False
        self._results: queue.SimpleQueue[str] = queue.SimpleQueue()

    def start(self, command: list[str], target: Path) -> None:
        if self.busy:
            return
        self.busy = True

        def work() -> None:
            try:
                result = self.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  stdin=subprocess.DEVNULL, check=False)
                said = (result.stderr or result.stdout or "").strip().splitlines()
                why = said[-1].replace(str(target), target.name) if said else "?"  # it was
                # just chosen: its name is enough, and the reason fits the line
                self._results.put(f"Report written to {shown(target)}" if result.returncode == 0
                                  else f"Report not written: {why}")
            except (OSError, subprocess.SubprocessError) as exc:
                self._results.put(f"Report not written: {exc}")

        threading.Thread(target=work, name="report", daemon=True).start()
        self.timers.after(POLL_MS, self._poll)

    def _poll(self) -> None:
        try:
            text = self._results.get_nowait()
        except queue.Empty:
            self.timers.after(POLL_MS, self._poll)
            return
        self.busy = False
        self.done(escaped(text))
