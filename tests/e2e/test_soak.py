"""`make soak`: the bundled routine looped at speed 100 with random keys for ten minutes."""

from __future__ import annotations

import os
import random
import time
import tkinter as tk
from pathlib import Path

import pytest

from itbtimer.adapters.logs import log_path
from itbtimer.adapters.recent import RecentFiles
from itbtimer.app.wiring import bootstrap
from itbtimer.core.navigation import Action
from itbtimer.gui.options import Options
from itbtimer.gui.window import Window
from itbtimer.history import HistoryStore
from itbtimer.routine_files.bundled import resolve_routine
from tests.fakes import FakeAwake, FakePlayer

pytestmark = [pytest.mark.soak, pytest.mark.gui]
SECONDS = float(os.environ.get("SOAK_SECONDS", "600"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_soak(xdisplay, tmp_path):
    root = tk.Tk(className="itbtimer")
    app = bootstrap(player=FakePlayer(), history=HistoryStore(tmp_path / "data"),
                    awake=FakeAwake(), recent=RecentFiles(tmp_path / "recent.json"), speed=100)
    window = Window(root, Options(routine=resolve_routine("itb-recovery"), autostart=True), app)
    rng = random.Random(1)
    keys = ["space", "Right", "Right", "Left", "r", "plus", "m", "Return", "Return"]
    end = time.monotonic() + SECONDS
    warm = time.monotonic() + 30
    base_rss = None
    most_pending = 0
    sessions = 0
    while time.monotonic() < end:
        root.update()
        if window.screen == "finished":
            sessions += 1
            window.act(Action.NEXT)  # back to the start screen
        if window.screen == "start":
            window.act(Action.TOGGLE)  # a new workout
        if rng.random() < 0.3:
            target = root.focus_get() or root
            target.event_generate("<KeyPress>", keysym=rng.choice(keys), when="now")
        pending = len(root.tk.splitlist(root.tk.call("after", "info")))
        most_pending = max(most_pending, pending)
        if base_rss is None and time.monotonic() > warm:
            base_rss = rss_mb()
        time.sleep(0.01)  # real time is what a soak is: ten minutes at a person's pace
    growth = rss_mb() - (base_rss or rss_mb())
    window.quit()
    print(f"soak: {SECONDS:.0f} s, {sessions} sessions, RSS growth {growth:.2f} MB, "
          f"at most {most_pending} pending after callbacks")
    bugs = log_path().read_text() if log_path().exists() else ""  # the window's own handler
    assert "Traceback" not in bugs, bugs[:2000]
    assert growth < 5.0
    assert most_pending <= 20
    assert sessions >= 1
