"""The workout window: the screens, the keys, and carrying out what the table says.

What an action means on each screen: navigation.py. What the screens say: display.py.
The workout and its adapters: app.py. The loop that drives a workout: runner/ticker.py.
"""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from types import TracebackType

from itbtimer.adapters.logs import bug_notice
from itbtimer.app.wiring import App
from itbtimer.app.workout import Workout
from itbtimer.core.commands import Command
from itbtimer.core.escaping import escaped
from itbtimer.core.navigation import Action, Move, Navigation, Screen
from itbtimer.core.plan import Plan
from itbtimer.core.runs import RunEntryError, check_note
from itbtimer.errors import ItbtimerError, RoutineError
from itbtimer.gui.anywhere import Everywhere
from itbtimer.gui.dialogs import UnsavedDialog
from itbtimer.gui.keys import CONTROL, KEYS, Anywhere
from itbtimer.gui.media_link import MediaLink
from itbtimer.gui.options import Options
from itbtimer.gui.runner import Runner
from itbtimer.gui.screens import RoutineWatcher, Screens
from itbtimer.gui.theme import PRACTICE_BAND
from itbtimer.gui.ticker import Timers, TkTimers
from itbtimer.gui.widgets import FitLabel, Fonts, Painted, dress
from itbtimer.history import HistoryError
from itbtimer.present.display import PainQuestion, practice_band, summary_lines
from itbtimer.present.keys_help import overlay_text
from itbtimer.present.morning_words import MorningQuestion
from itbtimer.present.run_words import logged_text
from itbtimer.present.start_words import opened_words
from itbtimer.voice.control import STATUS_SECONDS

VOICE_WATCH_MS = 1000  # how often a rendering voice worker is looked at


class Window:
    def __init__(self, root: tk.Tk, options: Options, app: App, timers: Timers | None = None):
        self.root = root
        self.app = app
        self.timers = timers or TkTimers(root)
        self.fonts = Fonts(root)
        self.nav = Navigation()
        self.runner: Runner | None = None
        self.plan: Plan | None = None
        self.routine_path = options.routine
        self.watcher = RoutineWatcher(self.timers, lambda: self.screen, self.load, options.routine)
        self.mapped_at: float | None = None  # when the window was first on screen
        self.unsaved_report: str | None = None  # at quit: a session the history could not take
        self._notices = list(app.warnings)
        self._file_notices: list[str] = []  # about the routine file: gone once it reads well
        self._run_logged: list[str] = []  # "Logged a run …": until the next workout
        self._voice_watch: str | None = None  # the timer looking at the voice worker
        self._icon = dress(root)
        white = Painted()
        white.colour = PRACTICE_BAND[0]
        self._band = FitLabel(root, white, self.fonts, "medium", fg=PRACTICE_BAND[1], pady=2)
        self._band_text = ""
        self.practice_band = self._band.widget
        self.everywhere = Everywhere(root, self.fonts, app, self._redraw, options,
                                     lambda: overlay_text(self.screen, self._extendable(),
                                                          self.plan is not None,
                                                          self.start.morning.shown))
        root.report_callback_exception = self._on_callback_error
        root.protocol("WM_DELETE_WINDOW", self.close)
        root.bind_all("<KeyPress>", self._on_key)
        for key in ("<Control-q>", "<Control-Q>"):
            root.bind_all(key, lambda e: self.close())
        self.unsaved = UnsavedDialog(root)  # asked at quit only if a session is nowhere safe
        root.bind("<Configure>", self._on_resize)
        root.bind("<Map>", self._on_map, add="+")  # Everywhere has its own
        self.media = MediaLink(root, app, lambda: (self.screen, self.plan, self.workout),
                               self.act, self.quit, self._redraw)
        self.screens = Screens(root, self.fonts, self.act, self.choose_routine,
                               lambda path: self.load(path or self.routine_path), self.quit,
                               self.answer_morning, self.keep_note)
        self.start, self.finished = self.screens.start, self.screens.finished
        self.history_view = self.screens.history
        self._moves = {  # each Move of the navigation table, carried out here
            Move.START_WORKOUT: self.start_workout, Move.SHOW_FINISHED: self.show_finished,
            Move.LEAVE_FINISHED: self.back_to_start, Move.KEEP_SCORE: self.keep_score,
            Move.SHOW_HISTORY: self.show_history,
            Move.SKIP_PAIN: self.skip_pain, Move.SKIP_MORNING: self.skip_morning,
            Move.CLOSE_HISTORY: self.close_history,
            Move.OPEN_DIALOG: lambda: self.choose_routine(self.start.ask_for_routine()),
            Move.SHOW_EDITOR: self.show_editor, Move.TOGGLE_HOW: self.toggle_how,
            Move.OPEN_LINK: self.open_link, Move.SHOW_RUN_FORM: self.show_run_form,
            Move.SAVE_RUN: self.save_run, Move.CLOSE_RUN_FORM: self.close_run_form,
            Move.OPEN_NOTE: self.finished.open_note}
        self._notices += self.app.recover()
        # asked on this start only, while the start screen shows, until answered or skipped
        self.morning = self.app.morning_question()
        self.load(self.routine_path)
        if options.autostart:
            self.act(Action.TOGGLE)
        elif options.edit:
            self.act(Action.EDIT)

    @property
    def screen(self) -> Screen:
        return self.nav.screen

    def act(self, action: Action) -> None:
        """Do what `action` means on the screen showing (navigation.TABLE)."""
        outcome = self.nav.route(action)
        if isinstance(outcome, Command) and self.runner is not None:
            self.runner.command(outcome)
        elif isinstance(outcome, Move) and outcome in self._moves:
            self._moves[outcome]()

    def _extendable(self) -> bool:
        """+10 s acts on the step showing (a timed one)."""
        shown = self.runner.screen.shown if self.runner is not None else None
        return shown is None or shown.extendable

    @property
    def workout(self) -> Workout | None:
        return self.runner.workout if self.runner else None

    def do(self, what: Action | Anywhere) -> None:
        """A key or a button: the same on every screen, or what the table says."""
        if isinstance(what, Anywhere):
            self.everywhere.do(what)
        else:
            self.act(what)

    def _on_key(self, event: tk.Event) -> None:
        if int(event.state) & CONTROL:  # Control held: only Ctrl+Q means something
            return
        if not self._in_this_window(event):  # a box of its own (the pain score): its keys
            return
        key = event.keysym
        # a character typed before a text box just opened has the keyboard focus (Tk moves
        # it once the box is mapped) reaches the window instead: the box takes it there
        stray = "" if isinstance(event.widget, tk.Entry) else str(event.char or "")
        if self.screens.own_key(self.screen, key, self.app.real_clock(), stray):
            return
        what = KEYS.get(key)
        if what == Action.ESCAPE:
            what = self.everywhere.escape() or what
        if what is not None:
            self.do(what)

    def _in_this_window(self, event: tk.Event) -> bool:
        """Keys bound with bind_all reach every window of the program; a dialog's are its own
        (Esc closes the box, it does not also leave the screen behind it)."""
        widget = event.widget
        if not isinstance(widget, tk.Misc):
            return False  # a widget Tk has already destroyed (given as a name)
        return widget.winfo_toplevel() is self.root

    def _show(self, screen: Screen) -> None:
        if screen != Screen.START and self.start.morning.answered:
            self.morning = None  # answered, and the start screen left: done with
        self.screens.show(screen)
        self._show_band(screen)
        self.nav.arrive(screen)
        self.watcher.arrived(screen)
        self.media.publish()
        self.app.retry_unsaved()  # a record that could not be saved: try again at every screen
        self.root.focus_force()

    def _show_band(self, screen: Screen) -> None:
        """A practice run's band across the top of its screens (present.display)."""
        text = practice_band(screen, self.app.practice_run, self.app.speed)
        band = self.practice_band
        if text is None:
            band.pack_forget()
            return
        self._band_text = text
        self._band.show(text, self.root.winfo_width())
        shown = self.screens.frame(screen)
        if shown is not None:
            band.pack(side="top", fill="x", before=shown)

    def load(self, path: Path) -> None:
        if path != self.routine_path:
            self._file_notices = []
        self.routine_path = path
        self.watcher.read(path)
        try:
            self.plan = self.app.open_routine(path)
        except ItbtimerError as exc:
            self.plan = None
            self.start.show_errors(exc.source if isinstance(exc, RoutineError) else str(path),
                                   str(exc))
        else:
            self._file_notices = []  # what they were about is fixed
            self.root.title(escaped(f"itbtimer — {self.plan.routine.name}"))
            self.start.show_plan(self.plan, self.app.progress(self.plan, self._notices))
        self.start.show_choices(self.app.recent.paths() if self.app.recent else [])
        self.start.show_morning(self.morning)
        self._show(Screen.START)
        self._update_notice()
        self._watch_voice()

    def choose_routine(self, path: Path | None) -> None:
        """A routine chosen on the start screen (a button; the file dialog: None if not)."""
        if path is not None and self.nav.route(Action.CHOOSE) is Move.LOAD_ROUTINE:
            self.load(path)

    def start_workout(self) -> None:
        if self.plan is None:
            return
        self._run_logged = []
        self.morning = None  # a session today: the morning before it is no longer asked
        if self.runner is not None:
            self.runner.destroy()
        self.runner = Runner(self.root, self.fonts, self.app, self.timers, self.plan,
                             str(self.routine_path), self.do, self._notice_text,
                             lambda: self.act(Action.OVER))
        self.runner.screen.pulse = self.everywhere.flash
        self.runner.workout.listeners.append(self.media.on_workout_event)
        self.screens.running = self.runner.screen.frame
        self._show(Screen.RUNNING)
        self.runner.start()

    def toggle_how(self) -> None:
        if self.runner is not None:
            self.runner.toggle_how()

    def open_link(self) -> None:
        """O: the link of the exercise showing, in the browser; never without being asked."""
        shown = self.runner.screen.shown if self.runner is not None else None
        if shown is not None:
            self.app.open_link(shown.about, shown.about_link)
            self._redraw()

    def show_finished(self) -> None:
        if self.workout is not None:
            record = self.workout.record()
            plan, kept = self.workout.plan, record
            self.finished.show(summary_lines(record, self.workout.targets),
                               PainQuestion(record.question),
                               lambda pain: self.app.next_time(plan, kept.with_pain(pain)))
            self.media.finished(record)
        self._show(Screen.FINISHED)
        self._update_notice()

    def keep_score(self) -> None:
        """Enter on the finished screen: a score just chosen is kept and the screen stays,
        offering the note (N); Enter again, or nothing new to keep, goes back to start."""
        if self.finished.score_waiting():
            self.finished.stay()
            self.save_pain()
        else:
            self.back_to_start()

    def skip_pain(self) -> None:
        """Esc on the finished screen: no score this time; with the score already saved
        (Enter, or Esc before), nothing is left to skip: back to the start screen."""
        if self.finished.pain.closed:
            self.back_to_start()
        else:
            self.save_pain(skip=True)

    def back_to_start(self) -> None:
        self.save_pain()
        self.load(self.routine_path)

    # --- a run (the start screen's L) and a note (the finished screen's N) -----------------

    def show_run_form(self) -> None:
        if self.app.history is None:
            return
        self.screens.run_form.show(self.app.run_unit())
        self._show(Screen.RUN)
        self.screens.run_form.focus()  # before the next key is handled: L then 5 types 5

    def save_run(self) -> None:
        """Keep the run the form says and go back to the start screen, which says so; or
        say what is wrong with it, on the form."""
        try:
            run = self.app.log_run(self.screens.run_form.text())
        except RunEntryError as exc:
            self.screens.run_form.say(str(exc), exc.field)
            return
        except HistoryError as exc:
            self.screens.run_form.say(f"The run was not kept: {exc}")
            return
        self._run_logged = [logged_text(run)]
        self.load(self.routine_path)

    def close_run_form(self) -> None:
        self.load(self.routine_path)

    def keep_note(self, text: str) -> str | None:
        """The finished screen's note: what is wrong with it, or None once kept."""
        try:
            note = check_note(text)
        except RunEntryError as exc:
            return str(exc)
        return self.workout.keep_note(note) if self.workout is not None else None

    def show_history(self) -> None:
        if self.app.history is None:
            return
        if self.screen == Screen.FINISHED:
            self.save_pain(final=False)  # History shows this session; the score stays open
        self._show(Screen.HISTORY)
        routine = self.plan.routine if self.plan else None
        self.history_view.show(self.app.history, routine.identity if routine else None,
                               routine.per_week if routine else None,
                               routine.name if routine else None,
                               str(self.routine_path) if routine else None)

    def close_history(self) -> None:
        if self.nav.after_history() == Screen.FINISHED:
            self._show(Screen.FINISHED)
        else:
            self.load(self.routine_path)

    def show_editor(self) -> None:
        """Edit the routine shown; a bundled one is never changed: a personal copy is.
        A routine with mistakes opens in the person's own text editor: the editor screen
        edits fields, and a file that cannot be read has none to show."""
        if self.plan is None:
            error = self.app.open_file(self.routine_path)
            self._file_notices = [opened_words(self.routine_path, error)]
            self._update_notice()
            return
        try:
            document, notice = self.app.open_for_editing(self.routine_path)
        except ItbtimerError as exc:
            self._file_notices = [f"Cannot edit: {exc}"]
            self._update_notice()
            return
        self._show(Screen.EDITOR)
        self.screens.editor.show(document, notice)

    def close(self) -> None:
        """The window's close button: asks first when the editor has unsaved changes."""
        if not self.screens.ask_before_quitting(self.screen):
            self.quit(asking=True)

    def answer_morning(self, question: MorningQuestion, score: int) -> str | None:
        """A morning-after answer typed or clicked: kept, and the plan read again, since
        the answer may change the levels today's session runs at (core/progression.py)."""
        error = self.app.answer_morning(question, score)
        if error is None and self.screen == Screen.START:
            self.load(self.routine_path)
        return error

    def skip_morning(self) -> None:
        """Esc on the start screen: the morning-after question goes, not asked again."""
        question = self.start.morning.question
        if question is None:
            return
        if not self.start.morning.answered:
            self.app.skip_morning(question)
        self.morning = None
        self.start.show_morning(None)

    # --- pain score: chosen on the finished screen, saved once when leaving it -----------

    def save_pain(self, final: bool = True, skip: bool = False) -> None:
        if skip:  # Esc: no score this time
            self.finished.choose(None)
        if self.workout is not None:
            self.finished.keep_pain(self.workout, final)
        self._update_notice()

    def _redraw(self) -> None:
        """A new state to show (M, V, C): in the running screen's notice line, or the
        others'; drawn again when its status line has had its moment."""
        if self.runner is not None and self.runner.showing:
            self.runner.render()
        self._update_notice()
        self.timers.after(int(STATUS_SECONDS * 1000) + 50, self._update_notice)

    def _notice_text(self) -> str:
        return self.app.notice_line(self._notices + self._file_notices + self.media.notices()
                                    + self._run_logged, self.workout)

    def _update_notice(self) -> None:
        self.screens.set_notice(self._notice_text())

    def _watch_voice(self) -> None:
        """While the voice worker renders, how it is doing is looked at every second, so
        that its failure ("Voice is off: ...") shows at once on any screen, not at the next
        key press; once it is done, nothing wakes the window for it."""
        if self._voice_watch is not None:
            return
        if self.app.voice_rendering():
            self._voice_watch = self.timers.after(VOICE_WATCH_MS, self._voice_watched)
        else:
            self._update_notice()

    def _voice_watched(self) -> None:
        self._voice_watch = None
        self._watch_voice()

    def _on_resize(self, event: tk.Event) -> None:
        if event.widget is not self.root:
            return
        if self._band_text:
            self._band.show(self._band_text, event.width)  # shrunk, never cut
        if self.fonts.fit(event.height):
            self.screens.resized(self.screen)

    def _on_map(self, event: tk.Event) -> None:
        if self.mapped_at is None and event.widget is self.root:
            self.mapped_at = self.app.window_mapped(self.root.wm_frame())

    def _on_callback_error(self, kind: type[BaseException], value: BaseException,
                           tb: TracebackType | None) -> None:
        """A bug in a callback: a notice and the log, never a traceback on the terminal."""
        self._notices.append(bug_notice(value.with_traceback(tb)))
        self._update_notice()

    def quit(self, asking: bool = False) -> None:
        """Ctrl+Q or closing the window (`asking`), a signal: at once, nothing asked, nothing
        lost — unless a session can be saved nowhere, and the person is there to choose."""
        try:
            self.screens.keep_unsaved(self.screen)  # a signal, a remote's Quit: kept, not lost
            self.everywhere.remember_place()
            if self.screen == Screen.FINISHED:
                self.save_pain()
            if self.workout is not None:
                self.workout.quit()
            self.unsaved_report = self.app.keep_unsaved(
                *(self.unsaved.ask, self.unsaved.choose_file) if asking else ())
        finally:
            if self.runner is not None:  # Stop just queued the finished screen: not now
                self.runner.destroy()
            self.watcher.stop()
            self.app.awake.release()
            self.media.close()
            self.root.destroy()
