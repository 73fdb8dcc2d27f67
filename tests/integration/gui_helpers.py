"""Driving the real window in-process: a fake clock, real Tk, real key events."""

from __future__ import annotations

import json
import tkinter as tk
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from itbtimer.adapters.logs import log_path
from itbtimer.adapters.recent import RecentFiles
from itbtimer.app.ports import RemoteControl
from itbtimer.app.wiring import bootstrap
from itbtimer.app.workout import EventsLog
from itbtimer.gui.options import Options
from itbtimer.gui.window import Window
from itbtimer.history import HistoryStore
from tests.fakes import FakeAwake, FakeClock, FakePlayer, FakeTimers

SHORT = """\
name: Short
cue: Back straight
per_week: 3
ask: knee pain
defaults: {get_ready: 3, switch: 2}
sections:
  - name: Main
    rest: 5-8s
    exercises:
      - {name: Squat, work: 6s, cue: Knees out}
      - {name: Lunge, work: 5s, sides: both}
      - {name: Plank, until: shaking}
      - {name: Dips, reps: 8-12}
"""


class Harness:
    """A Window on a real Tk root, on a fake clock (its timers too), with a fake player."""

    def __init__(self, tmp: Path, text: str = SHORT, speed: float = 1.0,
                 remote: RemoteControl | None = None,
                 wallclock: Callable[[], datetime] | None = None, **options):
        """`wallclock`: the date and time the window lives in (the real one if not given)."""
        self.routine = tmp / "short.yaml"
        self.routine.write_text(text)
        self.clock = FakeClock()
        self.timers = FakeTimers(self.clock)
        self.player = FakePlayer()
        self.history = HistoryStore(tmp / "data")
        self.awake = FakeAwake()
        self.events_path = tmp / "events.jsonl"
        self.events_file = open(self.events_path, "a", encoding="utf-8")  # noqa: SIM115
        self.root = tk.Tk(className="itbtimer")
        self.app = bootstrap(player=self.player, history=self.history, awake=self.awake,
                             recent=RecentFiles(tmp / "recent.json"), real_clock=self.clock,
                             events=EventsLog(self.events_file), speed=speed, remote=remote,
                             **({"wallclock": wallclock} if wallclock else {}))
        self.window = Window(self.root, Options(routine=self.routine, **options), self.app,
                             self.timers)
        self.root.update()
        self.root.focus_force()
        self.root.update()

    def key(self, keysym: str, state: int = 0) -> None:
        """A real key event delivered to the focused window."""
        if self.root.focus_get() is None:  # as a person clicks the window to focus it
            self.root.focus_force()
            self.root.update()
        target = self.root.focus_get() or self.root
        if keysym in ("question", "plus"):
            state |= 0x1  # typed with Shift, as on a keyboard
        target.event_generate("<KeyPress>", keysym=keysym, state=state, when="now")
        self.timers.run_due()  # what the key queued for "after this" (the finished screen)
        self.root.update()

    def advance(self, seconds: float) -> None:
        """Let fake time pass, running the window's timers at their due times."""
        if self.root.winfo_exists():
            self.timers.advance(seconds)
            self.root.update()

    def settle(self) -> None:
        """Let a cue's border pulse (300 ms) pass, on the fake clock."""
        self.advance(0.35)

    @property
    def errors(self) -> list[str]:
        """Tracebacks the window's own handler logged (its real one: it is not replaced)."""
        path = log_path()
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        return [part for part in text.split("Traceback ") if part.strip()]

    def events(self) -> list[dict]:
        self.events_file.flush()
        return [json.loads(line) for line in self.events_path.read_text().splitlines()]

    def close(self) -> None:
        try:
            if self.root.winfo_exists():
                self.window.quit()
        except tk.TclError:
            pass
        self.events_file.close()


def texts_in(widget: tk.Misc) -> list[str]:
    """Every label's and button's text inside `widget`, depth first, as a person reads them."""
    found = []
    for child in widget.winfo_children():
        if isinstance(child, tk.Label | tk.Button):
            found.append(str(child.cget("text")))
        found += texts_in(child)
    return found
