"""Buttons and keys appear only where they act (issue 21, item 9)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def buttons(ui) -> dict:
    return ui.window.runner.screen.buttons


def to_step(ui, name: str) -> None:
    while ui.window.workout.session.step.name != name:
        ui.key("Right")
    ui.settle()


def test_plus_10_s_is_shown_on_timed_steps_only(ui):
    ui.key("space")
    assert buttons(ui)["extend"].winfo_ismapped()  # get ready: timed
    to_step(ui, "Plank")  # a hold until shaking: no end to add to
    assert not buttons(ui)["extend"].winfo_ismapped()
    shown = [b for b in buttons(ui).values() if b.winfo_ismapped()]
    assert shown and all(b.winfo_width() > 20 for b in shown)  # the others share its room
    to_step(ui, "Dips")  # reps
    assert not buttons(ui)["extend"].winfo_ismapped()
    ui.key("Left")
    ui.key("Left")
    to_step(ui, "Rest")
    assert buttons(ui)["extend"].winfo_ismapped()


def help_text(ui) -> str:
    ui.key("question")
    text = ui.window.everywhere.help.label.cget("text")
    ui.key("question")
    return text


def test_the_keys_overlay_lists_the_keys_of_the_screen_showing(ui):
    start = help_text(ui)
    assert "H history" in start and "E edit" in start, start
    assert "R restart" not in start and "+ 10 s" not in start, start
    ui.key("space")
    ui.key("Right")  # the squat: timed
    workout = help_text(ui)
    assert "H history" not in workout and "E edit" not in workout, workout
    assert "S stop" in workout and "+ 10 s" in workout and "R restart" in workout, workout
    to_step(ui, "Plank")
    assert "+ 10 s" not in help_text(ui)
    ui.key("s")
    finished = help_text(ui)
    assert "H history" in finished and "Esc" in finished and "S stop" not in finished


def test_m_says_sound_muted_as_v_says_voice_off(ui):
    ui.key("m")  # on the start screen
    assert "Sound muted" in ui.window.start.notice.cget("text")
    ui.key("space")
    ui.key("m")
    assert "Sound on" in ui.window.runner.screen.notice.cget("text")
    ui.key("m")
    assert "Sound muted" in ui.window.runner.screen.notice.cget("text")
    ui.advance(4.0)  # a status, shown for a few seconds
    assert "Sound muted" not in ui.window.runner.screen.notice.cget("text")
