"""The start screen says why a session it shows as "Last:" is not in "This week"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def start_texts(ui) -> list[str]:
    return [w.cget("text") for w in ui.window.start.body.winfo_children()
            if w.winfo_class() == "Label"]


def test_a_stopped_session_left_out_of_the_week_says_why(ui):
    ui.key("space")
    ui.key("Right")  # get ready skipped
    ui.key("Right")  # squat
    ui.key("s")  # stopped: the squat skipped, none of the five exercises done
    ui.key("Escape")  # no pain score
    ui.key("space")
    assert ui.window.screen == "start"
    texts = start_texts(ui)
    assert any(t.startswith("This week: 0 of 3 · Last: ") for t in texts), texts
    why = [t for t in texts if "not counted" in t]
    assert why, texts
    assert "at least half" in why[0] and "0 of 5 exercises done" in why[0], why


def test_a_session_that_counts_says_nothing_more(ui):
    ui.key("space")
    while ui.window.screen == "running":
        ui.key("Return")
        ui.advance(10)
    ui.key("Escape")
    ui.key("space")
    texts = start_texts(ui)
    assert any(t.startswith("This week: 1 of 3 · Last: ") for t in texts), texts
    assert not [t for t in texts if "not counted" in t], texts
