"""Each side on its own, for reps (issue 23): the reps a tempo counted, per exercise and
side, through the real SQLite store (an old file gains them from its steps), the command
line (text and --json) and the real window's start screen on Xvfb."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from itbtimer.cli.history import run_history
from itbtimer.history import HistoryStore, SessionRecord
from itbtimer.history import database as history_database
from tests.helpers import wait_until
from tests.integration.gui_helpers import Harness, texts_in
from tests.integration.history_helpers import args, old_history_file
from tests.sides_helpers import ITB, TZ, dips_session

DIPS_ROUTINE = """\
name: ITB recovery
per_week: 3
defaults: {get_ready: 3, switch: 5}
sections:
  - name: Strength
    exercises:
      - {name: Plank, until: shaking}
      - {name: Single leg dips, sides: both, reps: 8-12, tempo: 3-1-1}
"""


def shoot(name: str) -> None:
    """A picture of the whole screen into $ITBTIMER_SHOTS (to look at), when it is set."""
    folder = os.environ.get("ITBTIMER_SHOTS")
    if folder and shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(Path(folder) / name)], check=True)


def two_sessions(question: str | None = "knee pain") -> list[SessionRecord]:
    today = datetime.combine(date.today(), datetime.min.time())
    return [replace(dips_session((today - timedelta(days=d, hours=-18)).replace(tzinfo=TZ),
                                 left, right), question=question)
            for d, left, right in ((3, 12, 7), (1, 10, 8))]


def test_itbtimer_history_shows_the_reps_of_each_side(tmp_path, capsys):
    store = HistoryStore(tmp_path / "data")
    for record in two_sessions():
        assert store.append(record)
    assert run_history(args(), store, date.today()) == 0
    out = capsys.readouterr().out
    assert "  Single leg dips: L 10 · R 8 reps (last), best L 12 · R 8" in out
    assert "  Squats: 12 reps (last), best 12" in out
    assert "Single leg dips (left) 10 reps, Single leg dips (right) 8 reps" in out  # the list
    assert run_history(args(json=True), store, date.today()) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"exercise": "Single leg dips", "side": "right", "best_reps": 8,
            "last_reps": 8} in data["reps"]
    assert {"exercise": "Single leg dips", "side": "left", "reps": 10} in data["sessions"][-1][
        "reps"]
    (asymmetry,) = data["asymmetry"]
    assert (asymmetry["measure"], asymmetry["shorter"], asymmetry["percent"]) == (
        "reps", "right", 32)  # means: left 11, right 7.5 (the last four weeks)


def test_an_old_file_gains_reps_per_side_from_its_steps(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    old_history_file(folder, two_sessions(), version=6)
    monkeypatch.setattr(history_database.Database, "_read_only_disk", lambda self: True)
    read_only = HistoryStore(folder).progress(date.today(), ITB)  # as it is: through a view
    monkeypatch.undo()
    with sqlite3.connect(folder / "history.sqlite3") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 6  # left as it was
    migrated = HistoryStore(folder).progress(date.today(), ITB)
    for progress in (read_only, migrated):
        assert [(r.label, r.last, r.best) for r in progress.reps] == [
            ("Single leg dips (left)", 10, 12), ("Single leg dips (right)", 8, 8),
            ("Squats", 12, 12)]
    with sqlite3.connect(folder / "history.sqlite3") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(history_database.MIGRATIONS)


@pytest.mark.gui
def test_the_start_screen_shows_the_reps_of_each_side_beside_the_holds(tmp_path, xdisplay):
    """The history's counts on the start screen; then a session in the window (3 paced
    reps on the left, 2 on the right) and the start screen says them as the last."""
    store = HistoryStore(tmp_path / "data")
    for record in two_sessions(question=None):  # no question: none the morning after
        assert store.append(record)
    ui = Harness(tmp_path, DIPS_ROUTINE)
    try:
        ui.root.geometry("1366x768+0+0")
        ui.root.update()
        words = texts_in(ui.root)
        assert "Single leg dips: L 10 · R 8 reps (last), best L 12 · R 8" in words, words
        shoot("reps-sides-start.png")
        ui.key("space")
        ui.advance(3.5)  # get ready, then the plank
        ui.advance(20.0)
        ui.key("Return")  # the plank held 0:20
        ui.advance(0.1)  # the dips on the left: rep 1 from now, 5 s a rep
        assert ui.window.runner.screen.shown.side == "◀ LEFT"
        ui.advance(16.0)
        ui.key("Return")  # Done after 3 whole reps
        ui.advance(5.5)  # the switch
        assert ui.window.runner.screen.shown.side == "RIGHT ▶"
        ui.advance(11.0)
        ui.key("Return")  # Done after 2 whole reps: the session is over
        assert ui.window.screen == "finished"
        ui.key("space")  # back to the start screen: recorded
        ui.settle()
        assert ui.window.screen == "start"
        words = texts_in(ui.root)
        assert "Single leg dips: L 3 · R 2 reps (last), best L 12 · R 8" in words, words
        assert "Plank: best 0:20, last 0:20" in words
        shoot("reps-sides-after.png")
        ui.key("h")  # the History screen says the asymmetry of the reps in words
        view = ui.window.history_view
        assert view.worker is not None
        view.worker.join(5)
        assert wait_until(lambda: view.loaded, ui.root.update)
        assert view.error is None
        canvas = view.canvas
        said = [canvas.itemcget(i, "text") for i in canvas.find_withtag("asymmetry")]
        # means of the last four weeks: left (12 + 10 + 3) / 3, right (7 + 8 + 2) / 3
        assert said == ["Single leg dips: right side 32 % fewer reps than left (last 4 weeks)"]
        shoot("reps-sides-history.png")
    finally:
        ui.close()
    assert ui.errors == []


def test_the_sessions_csv_has_a_reps_column_per_side(tmp_path, capsys):
    store = HistoryStore(tmp_path / "data")
    sessions = two_sessions()
    unpaced = dips_session(sessions[-1].start + timedelta(hours=1), None, None)
    for record in [*sessions, replace(unpaced, id="unpaced")]:
        assert store.append(record)
    target = tmp_path / "weeks.csv"
    assert run_history(args(export=str(target)), store) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["Single leg dips (left) reps"], r["Single leg dips (right) reps"], r["Squats reps"])
            for r in rows] == [("12", "7", "12"), ("10", "8", "12"), ("", "", "12")]
    # in the order first done (the squats came first), after the holds' columns
    assert list(rows[0])[-5:] == ["Squats reps", "Single leg dips (left) reps",
                                  "Single leg dips (right) reps", "note", "session_id"]
