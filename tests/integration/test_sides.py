"""Each side on its own, through the real SQLite store, the command line and real windows
on Xvfb: an old history file gains holds per side; the start screen, the History chart and
`itbtimer history` (text and --json) show left and right and the asymmetry in words."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from itbtimer.cli.history import run_history
from itbtimer.history import HistoryStore
from itbtimer.history import database as history_database
from tests.integration.gui_helpers import Harness, texts_in
from tests.integration.history_helpers import args, old_history_file
from tests.sides_helpers import ITB, TZ, side_session, weeks_of_sessions

ITB_ROUTINE = """\
name: ITB recovery
per_week: 3
ask: knee pain
defaults: {get_ready: 3, switch: 5}
sections:
  - name: Exercises
    exercises:
      - {name: Plank, until: shaking}
      - {name: Side plank, sides: both, until: shaking}
"""


def today() -> datetime:
    return datetime.combine(date.today(), datetime.min.time())


def shoot(name: str) -> None:
    """A picture of the whole screen into $ITBTIMER_SHOTS (to look at), when it is set."""
    folder = os.environ.get("ITBTIMER_SHOTS")
    if folder and shutil.which("import"):
        subprocess.run(["import", "-window", "root", str(Path(folder) / name)], check=True)


def test_an_old_file_gains_holds_per_side_from_its_steps(tmp_path):
    folder = tmp_path / "data"
    sessions = [side_session(datetime(2026, 12, d, 18, tzinfo=TZ), 40.0 + d, 30.0 + d)
                for d in (1, 3)]
    old_history_file(folder, sessions, version=2)
    store = HistoryStore(folder)
    progress = store.progress(date(2026, 12, 7), ITB)
    assert [(h.label, h.best) for h in progress.holds] == [
        ("Plank", 50.0), ("Side plank (left)", 43.0), ("Side plank (right)", 33.0)]
    assert list(store.sessions()) == sessions  # the records read as they were written
    with sqlite3.connect(folder / "history.sqlite3") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(history_database.MIGRATIONS)
        assert db.execute("SELECT COUNT(*) FROM holds WHERE side = 'right'").fetchone() == (2,)


def test_an_old_file_on_a_read_only_disk_reads_per_side_as_it_is(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    old_history_file(folder, [side_session(datetime(2026, 12, 1, 18, tzinfo=TZ), 40.0, 31.0)],
                     version=2)
    monkeypatch.setattr(history_database.Database, "_read_only_disk", lambda self: True)
    store = HistoryStore(folder)
    assert [h.label for h in store.progress(date(2026, 12, 7), ITB).holds] == [
        "Plank", "Side plank (left)", "Side plank (right)"]
    monkeypatch.undo()
    with sqlite3.connect(folder / "history.sqlite3") as db:  # left as it was
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2


def test_itbtimer_history_shows_each_side_and_the_asymmetry(tmp_path, capsys):
    store = HistoryStore(tmp_path / "data")
    for record in weeks_of_sessions(today()):
        assert store.append(record)
    assert run_history(args(), store, today().date()) == 0
    out = capsys.readouterr().out
    assert "  Side plank: L best 0:50 · R best 0:40" in out
    assert "  Side plank: right side 20 % shorter than left (last 4 weeks), was 35 % in " in out
    assert "Side plank (left) 0:50, Side plank (right) 0:40" in out  # the session list
    assert run_history(args(json=True), store, today().date()) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"exercise": "Side plank", "side": "right", "best_seconds": 40.0,
            "last_seconds": 40.0} in data["holds"]
    (asymmetry,) = data["asymmetry"]
    assert (asymmetry["shorter"], asymmetry["percent"], asymmetry["was_percent"]) == (
        "right", 20, 35)
    assert {"exercise": "Side plank", "side": "left", "seconds": 50.0} in data["sessions"][-1][
        "holds"]


@pytest.mark.gui
def test_the_start_screen_and_the_history_chart_show_each_side(tmp_path, xdisplay):
    store = HistoryStore(tmp_path / "data")
    for record in weeks_of_sessions(today()):
        assert store.append(record)
    ui = Harness(tmp_path, ITB_ROUTINE)
    try:
        ui.root.geometry("1100x700+0+0")
        ui.root.update()
        words = texts_in(ui.root)
        assert "Side plank: L best 0:50 · R best 0:40" in words
        assert "Plank: best 0:50, last 0:50" in words
        shoot("sides-start.png")
        ui.key("h")
        view = ui.window.history_view
        assert view.worker is not None
        view.worker.join(5)
        deadline = time.monotonic() + 10
        while not view.loaded and time.monotonic() < deadline:  # polled by a Tk timer
            ui.root.update()
        assert view.loaded and view.error is None
        shoot("sides-history.png")
        canvas = view.canvas
        lines = {canvas.gettags(i)[1]: canvas.itemcget(i, "dash")
                 for i in canvas.find_withtag("hold")}
        assert set(lines) == {"Plank", "Side plank (left)", "Side plank (right)"}
        assert lines["Side plank (left)"] == "" and lines["Side plank (right)"] != ""
        colour = {canvas.gettags(i)[1]: canvas.itemcget(i, "fill")
                  for i in canvas.find_withtag("hold")}
        assert colour["Side plank (left)"] == colour["Side plank (right)"] != colour["Plank"]
        (said,) = [canvas.itemcget(i, "text") for i in canvas.find_withtag("asymmetry")]
        assert said.startswith("Side plank: right side 20 % shorter than left (last 4 weeks)")
        texts = [canvas.itemcget(i, "text") for i in canvas.find_all()
                 if canvas.type(i) == "text"]
        assert any(t.startswith("Side plank") and t.endswith("R dashed") for t in texts), texts
    finally:
        ui.close()


def test_a_week_of_sessions_spans_the_asymmetry_windows():
    """The helper's history: the first weeks are before the last four (a guard on it)."""
    sessions = weeks_of_sessions(today())
    assert sessions[0].start.date() < today().date() - timedelta(weeks=8)
    assert sessions[-1].start.date() <= today().date()


def status_text(ui: Harness) -> str:
    shown = ui.window.runner.screen.shown
    assert shown is not None
    return shown.status


@pytest.mark.gui
def test_a_hold_in_the_window_aims_at_its_sides_best_and_the_finish_names_new_bests(
        tmp_path, xdisplay):
    store = HistoryStore(tmp_path / "data")
    for record in weeks_of_sessions(today()):  # bests: plank 0:50, left 0:50, right 0:40
        assert store.append(record)
    ui = Harness(tmp_path, ITB_ROUTINE)
    try:
        ui.root.geometry("1100x700+0+0")
        ui.key("space")
        ui.advance(3.5)  # get ready, then the plank
        assert status_text(ui) == "Best 0:50 · last 0:50 — press → when done"
        ui.advance(20.0)
        ui.key("Return")  # a plank of 0:20: no new best
        ui.advance(10.0)
        assert ui.window.runner.screen.shown.side == "◀ LEFT"
        assert status_text(ui) == "Best 0:50 · last 0:50 — press → when done"
        shoot("best-holding.png")
        assert "new_best" not in ui.player.played
        ui.advance(41.0)  # 0:51 on the left: past 0:50
        assert status_text(ui) == "New best! (was 0:50) — press → when done"
        assert ui.player.played.count("new_best") == 1
        shoot("best-passed.png")
        ui.key("Return")
        ui.advance(5.5)  # the switch
        assert ui.window.runner.screen.shown.side == "RIGHT ▶"
        assert status_text(ui) == "Best 0:40 · last 0:40 — press → when done"
        ui.advance(10.0)
        ui.key("Return")
        assert ui.window.screen == "finished"
        words = texts_in(ui.window.finished.frame)
        assert any("New best: Side plank (left) 0:51 (was 0:50)" in w for w in words), words
        assert not any("New best: Side plank (right)" in w for w in words)
        shoot("best-finished.png")
    finally:
        ui.close()


def test_itbtimer_history_morning_sets_the_answer_the_morning_after(tmp_path, capsys):
    store = HistoryStore(tmp_path / "data")
    session = side_session(datetime(2026, 12, 1, 18, tzinfo=TZ), 40.0, 31.0)
    assert store.append(session)
    assert run_history(args(morning=[session.id[:6], "3"]), store, date(2026, 12, 2)) == 0
    out = capsys.readouterr().out
    assert out.startswith("Knee pain the morning after of s2026") and out.rstrip().endswith(": 3")
    (stored,) = store.sessions()
    assert stored.morning == 3 and stored.pain == 2  # the after-session answer kept
    assert run_history(args(json=True), store, date(2026, 12, 2)) == 0
    assert json.loads(capsys.readouterr().out)["sessions"][0]["morning"] == 3
    assert run_history(args(morning=[session.id, "eleven"]), store, date(2026, 12, 2)) == 2
    assert run_history(args(morning=[session.id, "none"]), store, date(2026, 12, 2)) == 0
    assert next(iter(store.sessions())).morning is None


@pytest.mark.gui
def test_the_pain_chart_draws_the_morning_after_dashed_beside_the_answers_after(
        tmp_path, xdisplay):
    store = HistoryStore(tmp_path / "data")
    for n, record in enumerate(weeks_of_sessions(today(), weeks=4)):
        assert store.append(record.with_morning(n % 4))
    ui = Harness(tmp_path, ITB_ROUTINE)
    try:
        ui.root.geometry("1100x700+0+0")
        ui.key("h")
        view = ui.window.history_view
        deadline = time.monotonic() + 10
        while not view.loaded and time.monotonic() < deadline:
            ui.root.update()
        canvas = view.canvas
        (after,) = canvas.find_withtag("after")
        (morning,) = canvas.find_withtag("morning")
        assert canvas.itemcget(after, "dash") == "" and canvas.itemcget(morning, "dash") != ""
        assert canvas.itemcget(after, "fill") == canvas.itemcget(morning, "fill")
        texts = [canvas.itemcget(i, "text") for i in canvas.find_all()
                 if canvas.type(i) == "text"]
        assert any(t.startswith("morning") or t.startswith("the morning after")
                   for t in texts), texts
        shoot("pain-morning.png")
    finally:
        ui.close()
