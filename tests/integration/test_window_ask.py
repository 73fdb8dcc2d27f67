"""The finished screen asks the routine's own question (its `ask`), or nothing at all."""

from __future__ import annotations

import pytest

from itbtimer.paths import package_data
from tests.helpers import in_progress_ids
from tests.integration.gui_helpers import SHORT, Harness

pytestmark = pytest.mark.gui


def finished(tmp_path, text: str) -> Harness:
    ui = Harness(tmp_path, text)
    ui.key("space")
    ui.key("s")  # stop here: the finished screen
    ui.root.update()
    assert ui.window.screen == "finished"
    return ui


def score_row_shown(ui: Harness) -> bool:
    screen = ui.window.finished
    return any(w.winfo_ismapped() for w in (screen.pain_help, screen.pain_row,
                                             screen.pain_state, *screen.pain_buttons))


def test_a_routine_that_asks_nothing_shows_no_score_row_and_saves_no_score(xdisplay,
                                                                          tmp_path):
    ui = finished(tmp_path, SHORT.replace("ask: knee pain", "ask: none"))
    try:
        assert not score_row_shown(ui)
        assert ui.window.finished.lines.winfo_children()  # the summary is there
        ui.key("4")  # no question: a digit is no score
        ui.root.update()
        assert ui.window.finished.pain.score is None and not score_row_shown(ui)
        assert ui.history.load()[0] == []
        ui.key("Return")
        assert ui.window.screen == "start"
        records, _ = ui.history.load()
        assert [(r["pain"], r["question"]) for r in records] == [(None, None)]
        assert in_progress_ids(ui.history) == []
    finally:
        ui.close()
    assert ui.errors == []


def test_a_routine_without_ask_asks_nothing(xdisplay, tmp_path):
    ui = finished(tmp_path, SHORT.replace("ask: knee pain\n", ""))
    try:
        assert not score_row_shown(ui)
        ui.key("7")
        ui.key("Return")
        records, _ = ui.history.load()
        assert [(r["pain"], r["question"]) for r in records] == [(None, None)]
    finally:
        ui.close()
    assert ui.errors == []


def test_the_routines_question_is_asked_and_its_score_kept_under_its_label(xdisplay, tmp_path):
    ui = finished(tmp_path, SHORT.replace("ask: knee pain", "ask: hip pain"))
    try:
        screen = ui.window.finished
        assert score_row_shown(ui)
        assert screen.pain_help.cget("text").startswith("Hip pain now, 0 (none) to 10 (worst)?")
        assert "Knee" not in screen.pain_help.cget("text")
        ui.key("4")
        assert screen.pain_state.cget("text") == "Hip pain 4/10 — Enter to save"
        ui.key("Return")  # kept; the screen stays, offering the note
        assert screen.pain_state.cget("text") == "Hip pain 4/10 — saved · N add a note · Enter done"
        records, _ = ui.history.load()
        assert [(r["pain"], r["question"]) for r in records] == [(4, "hip pain")]
        ui.key("Return")
        assert ui.window.screen == "start"
        assert [r["pain"] for r in ui.history.load()[0]] == [4]  # kept once
    finally:
        ui.close()
    assert ui.errors == []


def test_the_bundled_itb_routine_still_asks_about_knee_pain(xdisplay, tmp_path):
    text = (package_data("routines") / "itb-recovery.yaml").read_text(encoding="utf-8")
    ui = finished(tmp_path, text)
    try:
        screen = ui.window.finished
        assert score_row_shown(ui)
        assert screen.pain_help.cget("text").startswith("Knee pain now, 0 (none) to 10")
        ui.key("2")
        assert screen.pain_state.cget("text") == "Knee pain 2/10 — Enter to save"
        ui.key("Return")
        records, _ = ui.history.load()
        assert [(r["pain"], r["question"]) for r in records] == [(2, "knee pain")]
    finally:
        ui.close()
    assert ui.errors == []
