"""Progression in the window (issue 23): the start screen says which exercise runs at a
level and why, the session runs at it, and the finished screen says in one line what
changes next time as the score is chosen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from itbtimer.history import HistoryStore, SessionRecord
from tests.integration.gui_helpers import Harness, texts_in

pytestmark = pytest.mark.gui

GROWS = """\
name: Grows
ask: knee pain
defaults: {get_ready: 0}
sections:
  - name: Main
    exercises:
      - name: Plank
        work: 6s
        progress: {by: 2s, up_to: 10s}
"""


def answered(n: int, pain: int) -> SessionRecord:
    start = datetime(2026, 11, 2 + 2 * n, 18, tzinfo=timezone(timedelta(hours=1)))
    return SessionRecord.from_json({"id": f"{n + 1:032x}", "start": start.isoformat(),
                                    "routine": "Grows", "completed": True, "pain": pain,
                                    "question": "knee pain"})


@pytest.fixture
def grown_ui(xdisplay, tmp_path):
    history = HistoryStore(tmp_path / "data")
    for record in (answered(0, 2), answered(1, 1)):
        assert history.append(record)
    harness = Harness(tmp_path, GROWS)
    yield harness
    harness.close()
    assert harness.errors == []


def test_the_start_screen_says_the_level_and_why_and_the_session_runs_at_it(grown_ui):
    ui = grown_ui
    assert "Plank 8 s (+2 s: pain 2 and 1)" in texts_in(ui.window.start.body)
    ui.key("space")
    assert ui.window.screen == "running"
    ui.advance(7.5)
    assert ui.window.screen == "running"  # 8 s, not the file's 6
    ui.advance(1)
    assert ui.window.screen == "finished"
    line = ui.window.finished.next_line
    assert line.cget("text") == "Next time: the same (no answer after the last session)"
    ui.key("2")
    assert line.cget("text") == ("Next time: the same (pain 2 after one session at this "
                                 "level; one more like it to step up)")
    ui.key("7")
    assert line.cget("text") == "Next time back: Plank 6 s (pain 7 after the last session)"
    ui.key("space")
    assert ui.window.screen == "start"
    assert "Plank 6 s (−2 s: pain 7 after the last session)" in texts_in(ui.window.start.body)
    kept = list(ui.history.sessions())[-1]
    assert (kept.pain, kept.to_json()["levels"]) == (7, {"exercises": {"Plank": 1},
                                                         "sections": {}})


def test_a_routine_that_grows_nothing_shows_no_level_and_no_next_time(ui):
    assert not [t for t in texts_in(ui.window.start.body) if "(+" in t]
    ui.key("space")
    while ui.window.screen == "running":
        ui.key("Return")
        ui.advance(10)
    assert ui.window.finished.next_line.cget("text") == ""


def test_a_morning_answer_on_the_start_screen_replans_at_the_level_it_leads_to(
        xdisplay, tmp_path):
    history = HistoryStore(tmp_path / "data")
    for record in (answered(0, 2), answered(1, 2)):  # Mon 2 and Wed 4 November, 18:00
        assert history.append(record)
    thursday = datetime(2026, 11, 5, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    ui = Harness(tmp_path, GROWS, wallclock=lambda: thursday)
    try:
        assert ui.window.start.morning.frame.winfo_ismapped()
        assert "Plank 8 s (+2 s: pain 2 and 2)" in texts_in(ui.window.start.body)
        ui.key("5")  # worse than the 2 after the session: no step up after all
        texts = texts_in(ui.window.start.body)  # and it says why, not a line that vanishes
        assert [t for t in texts if t.startswith("Plank")] == [
            "Plank 6 s (step up held back: 5 the morning after, 2 after the session)"], texts
        assert ui.window.plan is not None and ui.window.plan.steps[0].seconds == 6
    finally:
        ui.close()
    assert ui.errors == []
