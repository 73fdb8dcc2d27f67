"""The window's screens and what each action means on each: one table, tested bare."""

from __future__ import annotations

from itbtimer.core.commands import Back, Extend, Next, Restart, Stop, TogglePause
from itbtimer.core.navigation import TABLE, Action, Move, Navigation, Screen, route


def test_every_screen_has_its_rows():
    assert set(TABLE) == set(Screen)


def test_space_means_start_then_pause_then_leave_the_finished_screen():
    assert route(Screen.START, Action.TOGGLE) is Move.START_WORKOUT
    assert route(Screen.RUNNING, Action.TOGGLE) == TogglePause()
    assert route(Screen.FINISHED, Action.TOGGLE) is Move.LEAVE_FINISHED
    assert route(Screen.HISTORY, Action.TOGGLE) is None


def test_workout_keys_are_commands_only_while_running():
    running = {a: route(Screen.RUNNING, a) for a in (Action.NEXT, Action.BACK,
                                                      Action.RESTART, Action.EXTEND,
                                                      Action.STOP)}
    assert running == {Action.NEXT: Next(), Action.BACK: Back(), Action.RESTART: Restart(),
                       Action.EXTEND: Extend(), Action.STOP: Stop()}
    for screen in (Screen.START, Screen.FINISHED, Screen.HISTORY):
        for action in (Action.BACK, Action.RESTART, Action.EXTEND, Action.STOP):
            assert route(screen, action) is None, (screen, action)


def test_history_opens_from_start_and_finished_and_returns_where_it_came_from():
    nav = Navigation()
    nav.arrive(Screen.FINISHED)
    assert nav.route(Action.HISTORY) is Move.SHOW_HISTORY
    nav.arrive(Screen.HISTORY)
    assert nav.route(Action.ESCAPE) is Move.CLOSE_HISTORY
    assert nav.after_history() is Screen.FINISHED
    nav.arrive(Screen.START)
    nav.arrive(Screen.HISTORY)
    assert nav.after_history() is Screen.START
    assert route(Screen.RUNNING, Action.HISTORY) is None  # not in the middle of a workout


def test_only_start_chooses_routines_and_only_a_running_workout_ends():
    assert [s for s in Screen if route(s, Action.CHOOSE)] == [Screen.START]
    assert [s for s in Screen if route(s, Action.OVER)] == [Screen.RUNNING]


def test_edit_opens_the_editor_from_the_start_screen_only_and_the_editor_keeps_its_keys():
    assert route(Screen.START, Action.EDIT) is Move.SHOW_EDITOR
    for screen in (Screen.RUNNING, Screen.FINISHED, Screen.HISTORY, Screen.EDITOR):
        assert route(screen, Action.EDIT) is None, screen
    assert all(route(Screen.EDITOR, action) is None for action in Action)


def test_every_move_is_a_row_of_the_table():
    """No move that nothing can lead to (the score typed on the finished screen is that
    screen's own input, not a move)."""
    moves = {outcome for rows in TABLE.values() for outcome in rows.values()
             if isinstance(outcome, Move)}
    assert moves == set(Move)


def test_esc_on_the_start_screen_skips_the_morning_after_question():
    assert route(Screen.START, Action.ESCAPE) is Move.SKIP_MORNING
    assert [s for s in Screen if route(s, Action.ESCAPE) is Move.SKIP_MORNING] == [Screen.START]
