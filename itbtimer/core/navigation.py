"""The window's screens and what each action means on each of them, in one table.

As h11's _state.py does for its states: every screen and every allowed move is
here; anything not in the table means nothing on that screen. Adding a screen
(the editor) is adding its rows. The window only binds keys to actions and
carries out what the table says.

What a screen takes as typing is not a move, and is not here: the editor's fields,
the history list's arrows, the finished screen's score and the start screen's
morning-after score (0-9, T, and 1 then 0 for 10: core/pain.py). Each screen is
asked for such keys before the table (gui/screens.py own_key); they change neither
the screen nor the workout. Keeping the score (Enter: the screen stays, the note
offered; Enter again leaves), leaving with it (Space) and skipping it (Esc) are moves;
so is skipping the morning-after question (Esc on the start screen).
"""

from __future__ import annotations

from itbtimer.core.commands import (
    Back,
    Command,
    Extend,
    Next,
    Pause,
    Restart,
    Resume,
    Stop,
    TogglePause,
)
from itbtimer.core.enums import StrEnum


class Screen(StrEnum):
    START = "start"
    RUNNING = "running"
    FINISHED = "finished"
    HISTORY = "history"
    EDITOR = "editor"
    RUN = "run"  # the "Log a run" form


class Action(StrEnum):
    """What a key or a button asks for, before knowing the screen."""

    TOGGLE = "toggle"  # Space
    PLAY = "play"  # a media remote's Play: start or resume, never pause
    PAUSE = "pause"  # a media remote's Pause: pause, never resume
    NEXT = "next"  # → or Enter
    BACK = "back"
    RESTART = "restart"
    EXTEND = "extend"
    STOP = "stop"
    HISTORY = "history"
    ESCAPE = "escape"
    CHOOSE = "choose"  # another routine (start screen chooser)
    OPEN = "open"  # the file dialog
    OVER = "over"  # the workout finished or was stopped
    EDIT = "edit"  # E, or the Edit button beside the routine
    HOW = "how"  # I: how to do the exercise, large (and said), or hidden again
    LINK = "link"  # O: the exercise's video or page in the browser
    LOG_RUN = "log_run"  # L, or the "Log a run" button: the run form
    NOTE = "note"  # N: a note on the session just done


class Move(StrEnum):
    """What the window does for an action that is not a workout command."""

    START_WORKOUT = "start_workout"
    SHOW_FINISHED = "show_finished"
    LEAVE_FINISHED = "leave_finished"  # save the pain score, back to the start screen
    # Enter: a score just chosen is kept and the screen stays, offering the note (N);
    # with nothing new to keep, back to the start screen (issue 24: N after the score)
    KEEP_SCORE = "keep_score"
    SKIP_PAIN = "skip_pain"  # Esc: no score; with the score already saved, leave as Enter does
    SKIP_MORNING = "skip_morning"  # the morning-after question: not answered, not asked again
    SHOW_HISTORY = "show_history"
    CLOSE_HISTORY = "close_history"  # back where history was opened from
    LOAD_ROUTINE = "load_routine"
    OPEN_DIALOG = "open_dialog"
    SHOW_EDITOR = "show_editor"  # the routine editor (a bundled routine: a personal copy)
    TOGGLE_HOW = "toggle_how"  # the how-to of the exercise showing, large, read aloud
    OPEN_LINK = "open_link"  # its link in the browser: only when asked, never by itself
    SHOW_RUN_FORM = "show_run_form"
    SAVE_RUN = "save_run"  # keep the run the form says (or say what is wrong with it)
    CLOSE_RUN_FORM = "close_run_form"  # back to the start screen, nothing kept
    OPEN_NOTE = "open_note"  # the finished screen's one-line note (Enter saves, Esc not)


Outcome = Command | Move

TABLE: dict[Screen, dict[Action, Outcome]] = {
    Screen.START: {
        Action.TOGGLE: Move.START_WORKOUT, Action.PLAY: Move.START_WORKOUT,
        Action.HISTORY: Move.SHOW_HISTORY,
        Action.CHOOSE: Move.LOAD_ROUTINE, Action.OPEN: Move.OPEN_DIALOG,
        Action.EDIT: Move.SHOW_EDITOR, Action.ESCAPE: Move.SKIP_MORNING,
        Action.LOG_RUN: Move.SHOW_RUN_FORM,
    },
    Screen.RUNNING: {
        Action.TOGGLE: TogglePause(), Action.PLAY: Resume(), Action.PAUSE: Pause(),
        Action.NEXT: Next(), Action.BACK: Back(),
        Action.RESTART: Restart(), Action.EXTEND: Extend(), Action.STOP: Stop(),
        Action.OVER: Move.SHOW_FINISHED,
        Action.HOW: Move.TOGGLE_HOW, Action.LINK: Move.OPEN_LINK,
    },
    Screen.FINISHED: {
        Action.TOGGLE: Move.LEAVE_FINISHED, Action.NEXT: Move.KEEP_SCORE,
        Action.HISTORY: Move.SHOW_HISTORY, Action.ESCAPE: Move.SKIP_PAIN,
        Action.NOTE: Move.OPEN_NOTE,
    },
    Screen.HISTORY: {
        Action.HISTORY: Move.CLOSE_HISTORY, Action.ESCAPE: Move.CLOSE_HISTORY,
    },
    Screen.EDITOR: {},  # every key in the editor is the editor's own (gui/editor/)
    # the run form's boxes take every other key as typing (gui/run_form.py)
    Screen.RUN: {Action.NEXT: Move.SAVE_RUN, Action.ESCAPE: Move.CLOSE_RUN_FORM},
}

def route(screen: Screen, action: Action) -> Outcome | None:
    """What `action` means on `screen`; None when it means nothing there."""
    return TABLE[screen].get(action)


class Navigation:
    """Which screen is showing, and where History returns to."""

    def __init__(self) -> None:
        self.screen = Screen.START
        self.history_from = Screen.START

    def route(self, action: Action) -> Outcome | None:
        return route(self.screen, action)

    def arrive(self, screen: Screen) -> None:
        if screen == Screen.HISTORY and self.screen != Screen.HISTORY:
            self.history_from = self.screen
        self.screen = screen

    def after_history(self) -> Screen:
        return self.history_from
