"""The keys each screen lists act on that screen (present/keys_help.py)."""

from __future__ import annotations

import pytest

from itbtimer.core.navigation import Screen, route
from itbtimer.present.keys_help import KEYS, keys_help


@pytest.mark.parametrize("screen", list(Screen))
def test_every_listed_move_acts_on_its_screen(screen):
    for text, action in KEYS[screen]:
        assert action is None or route(screen, action) is not None, (screen, text)


def test_a_workout_lists_no_history_or_edit_key():
    running = keys_help(Screen.RUNNING)
    assert not [k for k in running if k.startswith(("H ", "E "))]
    assert "S stop and record" in running


def test_plus_10_s_only_where_the_step_has_an_end():
    assert "+ 10 s" in keys_help(Screen.RUNNING, extendable=True)
    assert "+ 10 s" not in keys_help(Screen.RUNNING, extendable=False)


def test_every_screen_lists_the_keys_that_act_everywhere():
    for screen in Screen:
        assert "? keys" in keys_help(screen) and "M mute" in keys_help(screen)


def test_a_routine_with_mistakes_lists_no_start_and_e_opens_a_text_editor():
    broken = keys_help(Screen.START, routine_ok=False)
    assert not [k for k in broken if k.startswith("Space")]
    assert "E open in your text editor" in broken and "E edit" not in broken


def test_while_the_morning_question_is_asked_the_start_screen_lists_its_keys_first():
    from itbtimer.present.keys_help import MORNING

    assert all(action is None or route(Screen.START, action) is not None
               for _, action in MORNING)
    asked = keys_help(Screen.START, morning=True)
    assert asked[:2] == ("0–10 this morning's score", "Esc skip it")
    assert "Esc skip it" not in keys_help(Screen.START)
    assert "Esc skip it" not in keys_help(Screen.FINISHED, morning=True)  # the start screen's
