"""The window's fixed screens (start, finished, history, editor): built once, one shown at a
time; and the start screen's watch on the routine file."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from itbtimer.adapters.watch import RoutineWatch
from itbtimer.core.navigation import Action, Screen
from itbtimer.gui.finished import FinishedScreen
from itbtimer.gui.history_view import HistoryView
from itbtimer.gui.morning import Answer
from itbtimer.gui.run_form import RunForm
from itbtimer.gui.start import StartScreen
from itbtimer.gui.ticker import Timers
from itbtimer.gui.widgets import Fonts

if TYPE_CHECKING:  # built when first shown: ruamel.yaml and the editor's widgets cost every start
    from itbtimer.gui.editor import EditorScreen

WATCH_MS = 1000  # on the start screen, how often the routine file is checked for changes


class Screens:
    def __init__(self, root: tk.Tk, fonts: Fonts, act: Callable[[Action], None],
                 choose: Callable[[Path], None], close_editor: Callable[[Path | None], None],
                 quit: Callable[[], None], answer: Answer,
                 note: Callable[[str], str | None]):
        self.start = StartScreen(root, fonts, act, choose, answer)
        self.finished = FinishedScreen(root, fonts, lambda: act(Action.TOGGLE),
                                       lambda: act(Action.HISTORY), note)
        self.history = HistoryView(root, fonts, lambda: act(Action.ESCAPE))
        self.run_form = RunForm(root, fonts, lambda: act(Action.NEXT),
                                lambda: act(Action.ESCAPE))
        self._editor: EditorScreen | None = None

        def make_editor() -> EditorScreen:
            from itbtimer.gui.editor import EditorScreen

            return EditorScreen(root, fonts, close_editor, quit)

        self._make_editor = make_editor
        self.running: tk.Misc | None = None  # the running screen's frame, made per workout

    @property
    def editor(self) -> EditorScreen:
        """The editor screen, built the first time it is asked for."""
        if self._editor is None:
            self._editor = self._make_editor()
        return self._editor

    def frame(self, screen: Screen) -> tk.Misc | None:
        if screen == Screen.EDITOR:
            return self.editor.frame
        return {Screen.START: self.start.frame, Screen.FINISHED: self.finished.frame,
                Screen.HISTORY: self.history.frame, Screen.RUNNING: self.running,
                Screen.RUN: self.run_form.frame}[screen]

    def show(self, screen: Screen) -> None:
        """Only this screen is packed; the others are forgotten (kept for later)."""
        shown = self.frame(screen)
        editor = self._editor.frame if self._editor is not None else None
        for other in (self.start.frame, self.finished.frame, self.history.frame, editor,
                      self.running, self.run_form.frame):
            if other is not None and other is not shown:
                other.pack_forget()  # type: ignore[attr-defined]
        if shown is not None:
            shown.pack(fill="both", expand=True)  # type: ignore[attr-defined]

    def ask_before_quitting(self, screen: Screen) -> bool:
        """The close button: the editor with unsaved changes asks first (True)."""
        if screen == Screen.EDITOR and self.editor.dirty:
            self.editor.ask_leave(then_quit=True)
            return True
        return False

    def keep_unsaved(self, screen: Screen) -> None:
        """Quitting without asking (a signal, a remote's Quit): the editor keeps its edits."""
        if screen == Screen.EDITOR:
            self.editor.keep_unsaved()

    def own_key(self, screen: Screen, key: str, now: float, stray: str = "") -> bool:
        """Keys a screen takes itself: all of the editor's (typing in a field), history's
        weeks and list, the finished screen's note (while it is typed) and score, the start
        screen's morning-after score (while it is asked), the run form's typing."""
        if screen == Screen.EDITOR:
            return True
        if screen == Screen.RUN:
            return self.run_form.key(key)
        if screen == Screen.HISTORY:
            return self.history.key(key)
        if screen == Screen.START:
            return self.start.morning.type(key, now)
        return screen == Screen.FINISHED and (self.finished.note_key(key, stray)
                                          or self.finished.type(key, now))

    def resized(self, screen: Screen) -> None:
        """The fonts changed size: a drawn screen draws again."""
        if screen == Screen.HISTORY:
            self.history.draw()

    def set_notice(self, text: str) -> None:
        self.start.set_notice(text)
        self.finished.set_notice(text)


class RoutineWatcher:
    """On the start screen, every second: a routine saved since it was read is read again
    (a broken save shows its mistakes; the last good version is not used)."""

    def __init__(self, timers: Timers, showing: Callable[[], Screen],
                 reload: Callable[[Path], None], path: Path):
        self.timers = timers
        self.showing = showing
        self.reload = reload
        self.watch = RoutineWatch(path)
        self.timer: str | None = None

    def read(self, path: Path) -> None:
        """`path` is being read now (a save while reading is seen next time)."""
        self.watch = RoutineWatch(path)

    def arrived(self, screen: Screen) -> None:
        if screen == Screen.START and self.timer is None:
            self.timer = self.timers.after(WATCH_MS, self._check)

    def _check(self) -> None:
        self.timer = None
        if self.showing() != Screen.START:
            return
        if self.watch.changed():
            self.reload(self.watch.path)
        self.arrived(self.showing())

    def stop(self) -> None:
        if self.timer is not None:
            self.timers.cancel(self.timer)
            self.timer = None
