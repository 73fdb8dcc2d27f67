"""A practice run's band (present/display.py practice_band)."""

from __future__ import annotations

from itbtimer.core.navigation import Screen
from itbtimer.present.display import practice_band


def test_a_practice_run_is_named_on_its_start_running_and_finished_screens():
    for screen in (Screen.START, Screen.RUNNING, Screen.FINISHED):
        assert practice_band(screen, True, 1.0) == (
            "PRACTICE · not counted in your weeks, bests or pain")
    assert practice_band(Screen.RUNNING, True, 10.0).startswith("PRACTICE · 10× speed · ")


def test_no_band_on_a_real_run_or_in_history_and_the_editor():
    assert practice_band(Screen.RUNNING, False, 1.0) is None
    assert practice_band(Screen.HISTORY, True, 10.0) is None
    assert practice_band(Screen.EDITOR, True, 10.0) is None
