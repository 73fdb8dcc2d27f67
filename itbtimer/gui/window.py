"""The workout window: the screens, the keys, and carrying out what the table says.

What an action means on each screen: navigation.py. What the screens say: display.py.
The workout and its adapters: app.py. The loop that drives a workout: runner/ticker.py.
"""

from __future__ import annotations

import contextlib
import tkinter as tk
from pathlib import Path
from types import TracebackType

from ..app import App, Options
from ..bundled import assets_dir
from ..commands import Command
from ..display import summary_lines
from ..errors import ItbtimerError, RoutineError
from ..events import Cue, Event
from ..logs import bug_notice
from ..media import Remote, finish_message, for_screen
from ..navigation import Action, Move, Navigation, Screen
from ..plan import Plan
from ..settings import Placement
from ..watch import RoutineWatch
from ..workout import Workout
from .dialogs import UnsavedDialog
from .editor import EditorScreen
from .finished import FinishedScreen
from .history_view import HistoryView
from .keys import CONTROL, KEYS, REMOTE, Anywhere, HelpOverlay
from .remote import RemoteInbox
from .runner import Runner
from .start import StartScreen
from .ticker import Timers, TkTimers
from .widgets import Fonts, dress

ART_URL = (assets_dir() / "icon-256.png").as_uri()  # what a media widget shows beside the step
WATCH_MS = 1000  # on the start screen, how often the routine file is checked for changes


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
        self.watch = RoutineWatch(options.routine)
        self._watch_timer: str | None = None
        self.fullscreen = False
        self.flash = options.flash  # the border pulse on cues
        self.mapped_at: float | None = None  # when the window was first on screen
        self._notices = list(app.warnings)
        self.help = HelpOverlay(root, self.fonts)
        self._moves = {  # each Move of the navigation table, carried out here
            Move.START_WORKOUT: self.start_workout, Move.SHOW_FINISHED: self.show_finished,
            Move.LEAVE_FINISHED: self.back_to_start, Move.SKIP_PAIN: self.skip_pain,
            Move.SHOW_HISTORY: self.show_history, Move.CLOSE_HISTORY: self.close_history,
            Move.OPEN_DIALOG: self.open_dialog, Move.SHOW_EDITOR: self.show_editor}

        self._icon = dress(root)
        self._place(options)
        root.report_callback_exception = self._on_callback_error  # type: ignore[method-assign]
        root.protocol("WM_DELETE_WINDOW", self.close)
        root.bind_all("<KeyPress>", self._on_key)
        for key in ("<Control-q>", "<Control-Q>"):
            root.bind_all(key, lambda e: self.close())
        self.unsaved = UnsavedDialog(root)  # asked at quit only if a session is nowhere safe
        root.bind("<Configure>", self._on_resize)
        root.bind("<Map>", self._on_map)
        self.focused = True  # does the person look at this window? (else: a notification)
        root.bind("<FocusIn>", lambda e: self._focus(e, True), add="+")
        root.bind("<FocusOut>", lambda e: self._focus(e, False), add="+")
        self.remote = RemoteInbox(root, app.remote, self.on_remote) if app.remote else None

        self.start = StartScreen(root, self.fonts, {
            "start": lambda: self.act(Action.TOGGLE), "choose": self.choose_routine,
            "open": lambda: self.act(Action.OPEN), "history": lambda: self.act(Action.HISTORY),
            "edit": lambda: self.act(Action.EDIT)})
        self.finished = FinishedScreen(root, self.fonts, lambda: self.act(Action.NEXT),
                                       lambda: self.act(Action.HISTORY))
        self.history_view = HistoryView(root, self.fonts, lambda: self.act(Action.ESCAPE))
        self.editor = EditorScreen(root, self.fonts, {"close": self.close_editor,
                                                      "quit": self.quit})
        self._notices += self.app.recover()
        self.load(self.routine_path)
        if options.fullscreen:
            self.toggle_fullscreen()
        if options.autostart:
            self.act(Action.TOGGLE)
        elif options.edit:
            self.act(Action.EDIT)

    @property
    def screen(self) -> Screen:
        return self.nav.screen

    # --- actions ---------------------------------------------------------------------

    def act(self, action: Action) -> None:
        """Do what `action` means on the screen showing (navigation.TABLE)."""
        outcome = self.nav.route(action)
        if isinstance(outcome, Command) and self.runner is not None:
            self.runner.command(outcome)
        elif isinstance(outcome, Move) and outcome in self._moves:
            self._moves[outcome]()

    @property
    def workout(self) -> Workout | None:
        return self.runner.workout if self.runner else None

    def do(self, what: Action | Anywhere) -> None:
        """A key or a button: the same on every screen, or what the table says."""
        if isinstance(what, Anywhere):
            {Anywhere.HELP: self.help.toggle, Anywhere.MUTE: self.toggle_mute,
             Anywhere.FULLSCREEN: self.toggle_fullscreen, Anywhere.VOICE: self.toggle_voice,
             Anywhere.CUES: self.toggle_cues}[what]()
        else:
            self.act(what)

    def _on_key(self, event: tk.Event) -> None:
        if int(event.state) & CONTROL:  # Control held: only Ctrl+Q means something
            return
        if self.screen == Screen.EDITOR:  # typing in a field: the editor's own keys
            return
        key = event.keysym
        if self.screen == Screen.HISTORY and self.history_view.key(key):
            return  # its own keys: weeks back and forth, the list
        if self.nav.route(Action.PAIN) is not None and self.finished.type(key,
                                                                         self.app.real_clock()):
            return
        what = KEYS.get(key)
        if what == Action.ESCAPE and (self.help.open or self.fullscreen):
            what = Anywhere.HELP if self.help.open else Anywhere.FULLSCREEN
        if what is not None:
            self.do(what)

    # --- screens ---------------------------------------------------------------------

    def _show(self, screen: Screen, frame: tk.Misc) -> None:
        for other in (self.start.frame, self.finished.frame, self.history_view.frame,
                      self.editor.frame, self.runner.screen.frame if self.runner else None):
            if other is not None and other is not frame:
                other.pack_forget()
        frame.pack(fill="both", expand=True)  # type: ignore[attr-defined]
        self.nav.arrive(screen)
        if screen == Screen.START and self._watch_timer is None:
            self._watch_timer = self.timers.after(WATCH_MS, self._check_routine)
        self.publish()
        self.app.retry_unsaved()  # a record that could not be saved: try again at every screen
        self.root.focus_force()

    def _check_routine(self) -> None:
        """Every second on the start screen: a routine saved since it was read is read again
        (a broken save shows its mistakes; the last good version is not used)."""
        self._watch_timer = None
        if self.screen != Screen.START:
            return
        if self.watch.changed():
            self.load(self.routine_path)
        if self._watch_timer is None:
            self._watch_timer = self.timers.after(WATCH_MS, self._check_routine)

    def load(self, path: Path) -> None:
        self.routine_path = path
        self.watch = RoutineWatch(path)  # before reading: a save while reading is seen next
        try:
            self.plan = self.app.open_routine(path)
        except ItbtimerError as exc:
            self.plan = None
            self.start.show_errors(exc.source if isinstance(exc, RoutineError) else str(path),
                                   str(exc))
        else:
            self.root.title(f"itbtimer — {self.plan.routine.name}")
            self.start.show_plan(self.plan, self.app.progress(self.plan, self._notices))
        self.start.show_choices(self.app.recent.paths() if self.app.recent else [])
        self._show(Screen.START, self.start.frame)
        self._update_notice()

    def choose_routine(self, path: Path) -> None:
        if self.nav.route(Action.CHOOSE) is Move.LOAD_ROUTINE:
            self.load(path)

    def open_dialog(self) -> None:
        path = self.start.ask_for_routine()
        if path is not None:
            self.load(path)

    def start_workout(self) -> None:
        if self.plan is None:
            return
        if self.runner is not None:
            self.runner.destroy()
        self.runner = Runner(self.root, self.fonts, self.app, self.timers, self.plan,
                             str(self.routine_path), self.do, self._notice_text,
                             lambda: self.act(Action.OVER))
        self.runner.screen.pulse = self.flash
        self.runner.workout.listeners.append(self._on_workout_event)
        self._show(Screen.RUNNING, self.runner.screen.frame)
        self.runner.start()

    def show_finished(self) -> None:
        if self.workout is not None:
            record = self.workout.record()
            self.finished.show(summary_lines(record))
            if self.app.remote is not None and not self.focused:
                self.app.remote.notify(*finish_message(record))
        self._show(Screen.FINISHED, self.finished.frame)
        self._update_notice()

    def back_to_start(self) -> None:
        self.save_pain()
        self.load(self.routine_path)

    def show_history(self) -> None:
        if self.app.history is None:
            return
        if self.screen == Screen.FINISHED:
            self.save_pain(final=False)  # History shows this session; the score stays open
        self._show(Screen.HISTORY, self.history_view.frame)
        routine = self.plan.routine if self.plan else None
        self.history_view.show(self.app.history, routine.name if routine else None,
                               routine.per_week if routine else None)

    def close_history(self) -> None:
        if self.nav.after_history() == Screen.FINISHED:
            self._show(Screen.FINISHED, self.finished.frame)
        else:
            self.load(self.routine_path)

    # --- the routine editor --------------------------------------------------------------

    def show_editor(self) -> None:
        """Edit the routine shown; a bundled one is never changed: a personal copy is."""
        from ..editor.copies import editable
        from ..editor.document import Document

        try:
            target = editable(str(self.routine_path))
            document = Document.open(target.path)
        except (ItbtimerError, OSError) as exc:
            message = str(exc) if isinstance(exc, ItbtimerError) else (
                f"cannot make a copy to edit ({exc.strerror})")
            self._notices.append(f"Cannot edit: {message}")
            self._update_notice()
            return
        self._show(Screen.EDITOR, self.editor.frame)
        self.editor.show(document, target.notice)

    def close_editor(self, path: Path | None) -> None:
        """Back to the start screen, with the routine as it is now on disk."""
        self.load(path or self.routine_path)

    def close(self) -> None:
        """The window's close button: asks first when the editor has unsaved changes."""
        if self.screen == Screen.EDITOR and self.editor.dirty:
            self.editor.ask_leave(then_quit=True)
        else:
            self.quit(asking=True)

    # --- pain score: chosen on the finished screen, saved once when leaving it -----------

    def skip_pain(self) -> None:
        self.finished.choose(None)
        self.save_pain()

    def save_pain(self, final: bool = True) -> None:
        """Keep the chosen score with the session's one record. `final` (leaving the finished
        screen) closes the choice; opening History keeps it open for the way back."""
        if self.workout is None or self.finished.pain.closed:
            return
        if self.workout.keep_pain(self.finished.pain.score) and final:
            self.finished.saved()
        self._update_notice()

    def toggle_mute(self) -> None:
        self.app.toggle_mute()
        if self.runner is not None:
            self.runner.render()

    def toggle_voice(self) -> None:
        if self.app.voice is not None:
            self.app.voice.toggle_voice()
        self._voice_changed()

    def toggle_cues(self) -> None:
        if self.app.voice is not None:
            self.app.voice.toggle_cues()
        self._voice_changed()

    def _voice_changed(self) -> None:
        """Show the new state: in the running screen's notice line, or the others'."""
        if self.runner is not None and self.runner.showing:
            self.runner.render()
        self._update_notice()

    def _place(self, options: Options) -> None:
        """Maximised on the first start; else as the person left it (size, full screen)."""
        placement = self.app.settings.placement() if self.app.settings else None
        if placement is None:
            return
        self.root.geometry(f"{placement.width}x{placement.height}")
        if placement.maximised:
            try:
                self.root.attributes("-zoomed", True)  # X11
            except tk.TclError:
                try:
                    self.root.state("zoomed")  # Windows, macOS
                except tk.TclError:
                    pass
        if placement.fullscreen and not options.fullscreen:
            self.toggle_fullscreen()

    def _remember_place(self) -> None:
        if self.app.settings is None:
            return
        try:
            zoomed = bool(self.root.attributes("-zoomed"))
        except tk.TclError:
            zoomed = self.root.state() == "zoomed"
        before = self.app.settings.placement()
        width, height = self.root.winfo_width(), self.root.winfo_height()
        if zoomed or self.fullscreen:  # keep the size it had before it filled the screen
            width, height = before.width, before.height
        self.app.settings.save_placement(Placement(width, height, zoomed, self.fullscreen))

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.root.attributes("-fullscreen", self.fullscreen)

    # --- media remotes (MPRIS): commands in, what the player shows out -------------------

    def on_remote(self, command: Remote) -> None:
        """A media remote's command, on the Tk thread: the same as the key for it."""
        if command is Remote.RAISE:
            self.root.deiconify()
            self.root.lift()
            self.root.focus_force()
        elif command is Remote.QUIT:
            self.quit()
        else:
            self.act(REMOTE[command])

    def publish(self) -> None:
        """Tell media remotes what this window shows now (they signal only what changed)."""
        if self.app.remote is None:
            return
        plan = self.plan
        self.app.remote.publish(for_screen(
            self.screen, plan.routine.name if plan else None,
            plan.total_seconds if plan else 0.0,
            self.workout.view() if self.workout is not None else None,
            self.app.speed, ART_URL))

    def _on_workout_event(self, event: Event) -> None:
        if not isinstance(event, Cue):  # a new step, pause, resume, more time, the end
            self.publish()

    def _focus(self, event: tk.Event, focused: bool) -> None:
        if event.widget is self.root:
            self.focused = focused

    def _notice_text(self) -> str:
        return self.app.notice_line(self._notices, self.workout)

    def _update_notice(self) -> None:
        text = self._notice_text()
        self.start.set_notice(text)
        self.finished.set_notice(text)

    def _on_resize(self, event: tk.Event) -> None:
        if event.widget is self.root and self.fonts.fit(event.height):
            if self.screen == Screen.HISTORY:
                self.history_view.draw()

    def _on_map(self, event: tk.Event) -> None:
        if self.mapped_at is None and event.widget is self.root:
            try:
                window_id: int | None = int(self.root.wm_frame(), 16)
            except (tk.TclError, ValueError):
                window_id = None
            self.mapped_at = self.app.window_mapped(window_id)

    def _on_callback_error(self, kind: type[BaseException], value: BaseException,
                           tb: TracebackType | None) -> None:
        """A bug in a callback: a notice and the log, never a traceback on the terminal."""
        self._notices.append(bug_notice(value.with_traceback(tb)))
        self._update_notice()

    def quit(self, asking: bool = False) -> None:
        """Ctrl+Q or closing the window (`asking`), a signal: at once, nothing asked, nothing
        lost — unless a session can be saved nowhere, and the person is there to choose."""
        try:
            with contextlib.suppress(tk.TclError):
                self._remember_place()
            if self.screen == Screen.FINISHED:
                self.save_pain()
            if self.workout is not None:
                self.workout.quit()
            if asking:
                self.app.keep_unsaved(self.unsaved.ask, self.unsaved.choose_file)
            else:
                self.app.keep_unsaved()
        finally:
            if self.runner is not None:  # Stop just queued the finished screen: not now
                self.runner.destroy()
            self.app.awake.release()
            if self.remote is not None:
                self.remote.close()
            if self.app.remote is not None:
                self.app.remote.close()  # the bus name goes with the window
            self.root.destroy()
