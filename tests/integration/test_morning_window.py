"""The morning-after question on the real window (issue 23), on a moved wall clock: asked on
the first start of a later day than a session, once; answered with the score keys (1 then 0
is 10) or skipped with Esc; the answer is the session's `morning` in `itbtimer history`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from itbtimer.cli.history import run_history
from itbtimer.history import HistoryStore, SessionRecord
from tests.integration.gui_helpers import Harness, texts_in
from tests.integration.history_helpers import args
from tests.sides_helpers import TZ, side_session

pytestmark = pytest.mark.gui

TUESDAY = datetime(2026, 12, 1, 18, 0, tzinfo=TZ)
WEDNESDAY_MORNING = datetime(2026, 12, 2, 7, 30, tzinfo=TZ)


def start_on(tmp_path, when: datetime) -> Harness:
    """The window started with the wall clock at `when` (same history and config each time)."""
    return Harness(tmp_path, wallclock=lambda: when)


def asked(ui: Harness) -> str | None:
    """The morning question's heading when the start screen shows it."""
    box = ui.window.start.morning
    return box.heading.cget("text") if box.frame.winfo_ismapped() else None


def stored(tmp_path):
    (session,) = HistoryStore(tmp_path / "data").sessions()
    return session


def test_asked_once_on_the_next_days_first_start_never_the_same_day_nor_twice(
        xdisplay, tmp_path, capsys):
    assert HistoryStore(tmp_path / "data").append(side_session(TUESDAY, 40.0, 31.0))
    ui = start_on(tmp_path, TUESDAY + timedelta(hours=3))  # the same evening
    try:
        assert asked(ui) is None
        ui.key("3")  # no question: a digit answers nothing
        assert stored(tmp_path).morning is None
    finally:
        ui.close()
    assert ui.errors == []

    ui = start_on(tmp_path, WEDNESDAY_MORNING)
    try:
        assert asked(ui) == "Knee pain this morning, 0–10? (after Tuesday's session)"
        box = ui.window.start.morning
        ui.key("1")
        ui.key("0")  # at once after 1: ten, as on the finished screen
        assert stored(tmp_path).morning == 10
        assert box.state.cget("text") == "Knee pain this morning 10/10 — saved"
        ui.advance(2.0)
        ui.key("2")  # a correction
        assert stored(tmp_path).morning == 2 and stored(tmp_path).pain == 2
        ui.key("h")
        ui.key("Escape")  # back from History: answered, so no longer asked
        assert ui.window.screen == "start" and asked(ui) is None
    finally:
        ui.close()
    assert ui.errors == []

    ui = start_on(tmp_path, WEDNESDAY_MORNING + timedelta(hours=1))  # a second start
    try:
        assert asked(ui) is None
    finally:
        ui.close()

    assert run_history(args(), HistoryStore(tmp_path / "data"), WEDNESDAY_MORNING.date()) == 0
    table, *summary = capsys.readouterr().out.split("\n\n")
    header, row = table.splitlines()
    assert header.index("Pain") < header.index("Morning") < header.index("Holds")
    assert row[header.index("Pain"):header.index("Holds")].split() == ["2", "2"], row
    assert "  Knee pain: 2\n  Knee pain the morning after: 2\n" in summary[0], summary
    assert run_history(args(json=True), HistoryStore(tmp_path / "data"),
                       WEDNESDAY_MORNING.date()) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(s["pain"], s["morning"]) for s in out["sessions"]] == [(2, 2)]
    assert [m["morning"] for m in out["morning"]] == [2]


def test_esc_skips_and_a_skipped_morning_is_not_asked_again(xdisplay, tmp_path):
    assert HistoryStore(tmp_path / "data").append(side_session(TUESDAY, 40.0, 31.0))
    ui = start_on(tmp_path, WEDNESDAY_MORNING)
    try:
        assert asked(ui) is not None
        ui.key("h")  # History and back: still asked
        ui.key("Escape")
        assert ui.window.screen == "start" and asked(ui) is not None
        assert "Esc skip it" in ui.window.start.keys.cget("text")
        ui.key("Escape")
        assert asked(ui) is None and ui.window.screen == "start"
        assert "Esc skip it" not in ui.window.start.keys.cget("text")
        ui.key("4")
        assert stored(tmp_path).morning is None
    finally:
        ui.close()
    assert ui.errors == []
    ui = start_on(tmp_path, WEDNESDAY_MORNING + timedelta(hours=2))
    try:
        assert asked(ui) is None
    finally:
        ui.close()


def test_a_click_answers_too(xdisplay, tmp_path):
    assert HistoryStore(tmp_path / "data").append(side_session(TUESDAY, 40.0, 31.0))
    ui = start_on(tmp_path, WEDNESDAY_MORNING)
    try:
        ui.window.start.morning.scores.buttons[4].invoke()
        ui.root.update()
        assert stored(tmp_path).morning == 4
    finally:
        ui.close()
    assert ui.errors == []


KNEE = """\
name: Knee physio
ask: knee pain
defaults: {get_ready: 0}
sections:
  - name: Strength
    exercises:
      - name: Plank
        work: 30s
        progress: {by: 5s, up_to: 60s}
"""


def knee_session(start: datetime, pain: int) -> SessionRecord:
    return SessionRecord(f"{int(start.timestamp()):032x}", start, start + timedelta(minutes=20),
                         "Knee physio", completed=True, pain=pain, question="knee pain",
                         routine_id="Knee physio")


def plank_seconds(ui: Harness) -> list[float]:
    assert ui.window.plan is not None
    return [s.seconds for s in ui.window.plan.steps if s.name == "Plank"]


def test_the_answer_feeds_the_progression_of_the_session_about_to_start(xdisplay, tmp_path):
    """Answered 2 then 2, the plank steps up; a morning of 7 after the second (higher than
    its 2) holds it back: the start screen's plan changes as soon as the answer is typed."""
    store = HistoryStore(tmp_path / "data")
    for start in (TUESDAY - timedelta(days=1), TUESDAY):
        assert store.append(knee_session(start, pain=2))
    ui = Harness(tmp_path, KNEE, wallclock=lambda: WEDNESDAY_MORNING)
    try:
        assert asked(ui) is not None and plank_seconds(ui) == [35.0]
        ui.key("7")
        assert [s.morning for s in HistoryStore(tmp_path / "data").sessions()] == [None, 7]
        assert plank_seconds(ui) == [30.0]
        said = " ".join(texts_in(ui.root))  # the step up the finished screen announced
        assert "Plank 30 s (step up held back: 7 the morning after, 2 after the session)" \
            in said
        assert asked(ui) is not None  # still there: 7 can be corrected
        ui.advance(2.0)
        ui.key("1")
        assert plank_seconds(ui) == [35.0]
    finally:
        ui.close()
    assert ui.errors == []
