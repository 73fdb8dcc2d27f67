"""The workout window: screens, keys, and the one `after` loop that drives a workout.

The window decides nothing about timing: it ticks the workout at the engine's
next deadline (or every 100 ms for the display), renders what the presenter
says, and turns keys into commands.
"""

from __future__ import annotations

import math
import time
import tkinter as tk
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from tkinter import filedialog

from ..awake import ScreenAwake
from ..bundled import assets_dir, bundled_routines
from ..display import show
from ..errors import ItbtimerError, RoutineError
from ..events import Cue, Event, Finished, Stopped
from ..history import HistoryError, HistoryStore
from ..logs import log_bug
from ..plan import Plan, build_plan
from ..recent import RecentFiles
from ..routine import load_routine
from ..sounds import Player
from ..workout import EventsLog, ScaledClock, Workout
from .finished import FinishedScreen
from .history_view import HistoryView
from .running import RunningScreen
from .start import KEYS_HELP, StartScreen
from .widgets import Fonts

FRAME_SECONDS = 0.1  # redraw at most ten times a second
PAUSED_SECONDS = 0.25
MIN_SIZE = (800, 480)
START_SIZE = "1024x640"

KEYS: dict[str, str] = {
    "space": "toggle", "Right": "next", "Return": "next", "KP_Enter": "next", "Left": "back",
    "r": "restart", "R": "restart", "plus": "extend", "KP_Add": "extend", "equal": "extend",
    "m": "mute", "M": "mute", "f": "fullscreen", "F": "fullscreen", "F11": "fullscreen",
    "Escape": "escape", "h": "history", "H": "history", "question": "help", "s": "stop",
    "S": "stop",
}


@dataclass
class Options:
    routine: Path
    autostart: bool = False
    fullscreen: bool = False
    mute: bool = False
    speed: float = 1.0
    events: EventsLog | None = None


class Window:
    def __init__(self, root: tk.Tk, options: Options, player: Player,
                 history: HistoryStore | None, recent: RecentFiles | None = None,
                 awake: ScreenAwake | None = None,
                 real_clock: Callable[[], float] = time.monotonic,
                 warnings: list[str] | None = None):
        self.root = root
        self.options = options
        self.player = player
        self.history = history
        self.recent = recent
        self.awake = awake or ScreenAwake()
        self.real_clock = real_clock
        self.fonts = Fonts(root)
        self.workout: Workout | None = None
        self.plan: Plan | None = None
        self.routine_path = options.routine
        self.screen = "none"
        self.running: RunningScreen | None = None
        self.fullscreen = False
        self.pain: int | None = None
        self.pain_typed = ""
        self.pain_typed_at = 0.0
        self.mapped_at: float | None = None
        self._after: str | None = None
        self._notices = list(warnings or [])
        self._help: tk.Label | None = None
        self._history_return = "start"

        root.title("itbtimer")
        root.minsize(*MIN_SIZE)
        root.geometry(START_SIZE)
        # The window's size is the person's choice; the fonts follow it, never the reverse.
        root.pack_propagate(False)
        root.configure(bg="#000000")
        root.report_callback_exception = self._on_callback_error
        root.protocol("WM_DELETE_WINDOW", self.quit)
        root.bind_all("<KeyPress>", self._on_key)
        root.bind_all("<Control-q>", lambda e: self.quit())
        root.bind_all("<Control-Q>", lambda e: self.quit())
        root.bind("<Configure>", self._on_resize)
        root.bind("<Map>", self._on_map)
        self._set_icon()

        actions = {"start": self.start_workout, "choose": self.choose_routine,
                   "open": self.open_dialog, "history": self.show_history}
        self.start = StartScreen(root, self.fonts, actions)
        self.finished = FinishedScreen(root, self.fonts, self.choose_pain, self.back_to_start,
                                       self.show_history)
        self.history_view = HistoryView(root, self.fonts, self.close_history)
        self._recover()
        self.load(self.routine_path)
        if options.fullscreen:
            self.toggle_fullscreen()
        if options.autostart and self.plan is not None:
            self.start_workout()

    # --- screens ---------------------------------------------------------------------

    def _show(self, name: str, frame: tk.Frame) -> None:
        for other in (self.start.frame, self.finished.frame, self.history_view.frame,
                      self.running.frame if self.running else None):
            if other is not None and other is not frame:
                other.pack_forget()
        frame.pack(fill="both", expand=True)
        self.screen = name
        if self.history is not None and self.history.unsaved:
            self.history.retry()  # a record that could not be saved: try again at every screen
        self.root.focus_force()

    def load(self, path: Path) -> None:
        self.routine_path = path
        try:
            self.plan = build_plan(load_routine(path))
        except RoutineError as exc:
            self.plan = None
            self.start.show_errors(exc.source, str(exc))
        except ItbtimerError as exc:
            self.plan = None
            self.start.show_errors(str(path), str(exc))
        else:
            self.root.title(f"itbtimer — {self.plan.routine.name}")
            self.start.show_plan(self.plan, self._progress())
            if self.recent is not None:
                self.recent.add(path)
        self._refresh_choices()
        self._show("start", self.start.frame)
        self._update_notice()

    def _refresh_choices(self) -> None:
        bundled = [(p.stem, p) for p in bundled_routines()]
        recent = self.recent.paths() if self.recent else []
        bundled_set = {p.resolve() for _, p in bundled}
        self.start.show_choices(bundled, [p for p in recent if p.resolve() not in bundled_set])

    def _progress(self):
        if self.history is None or self.plan is None:
            return None
        try:
            return self.history.progress(date.today(), self.plan.routine.name,
                                         self.plan.routine.per_week)
        except HistoryError as exc:
            self._notices.append(f"History not read: {exc}")
            return None

    def _recover(self) -> None:
        if self.history is None:
            return
        for record in self.history.recover():
            when = f"{record.start:%a %d %b %H:%M}"
            self._notices.append(f"Recorded the session interrupted on {when}")
        self._notices.extend(self.history.messages)

    def choose_routine(self, path: Path) -> None:
        if self.screen == "start":
            self.load(path)

    def open_dialog(self) -> None:
        name = filedialog.askopenfilename(parent=self.root, title="Open a routine",
                                          filetypes=[("Routines", "*.yaml *.yml"),
                                                     ("All files", "*")])
        if name:
            self.load(Path(name))

    def start_workout(self) -> None:
        if self.plan is None or self.screen != "start":
            return
        if self.running is not None:
            self.running.destroy()
        self.running = RunningScreen(self.root, self.fonts, self.plan, self.on_command)
        clock = ScaledClock(self.options.speed, self.real_clock)
        self.workout = Workout(self.plan, self.player, clock, self.history, self.options.events,
                               str(self.routine_path))
        self.workout.listeners.append(self._on_event)
        self._show("running", self.running.frame)
        self.pain, self.pain_typed = None, ""
        self.workout.command("start")
        self.awake.hold()
        self._loop()

    def show_finished(self) -> None:
        assert self.workout is not None
        self.awake.release()
        self._cancel()
        self.finished.show(self.workout.record())
        self._show("finished", self.finished.frame)
        self._update_notice()

    def back_to_start(self) -> None:
        if self.screen != "finished":
            return
        self.save_pain()
        self.load(self.routine_path)

    def show_history(self) -> None:
        if self.screen not in ("start", "finished") or self.history is None:
            return
        if self.screen == "finished":
            self.save_pain()
        self._history_return = self.screen
        name = self.plan.routine.name if self.plan else None
        per_week = self.plan.routine.per_week if self.plan else None
        self._show("history", self.history_view.frame)
        self.history_view.show(self.history, name, per_week)

    def close_history(self) -> None:
        if self.screen != "history":
            return
        if self._history_return == "finished":
            self._show("finished", self.finished.frame)
        else:
            self.load(self.routine_path)

    # --- pain score ------------------------------------------------------------------

    def choose_pain(self, score: int | None) -> None:
        """A click on a score chooses it; leaving the screen (or Enter) saves it.

        Choosing is not saving, so a slip of the finger can be corrected: the
        record is written once, with the score, when the person moves on.
        """
        if self.screen != "finished" or self.workout is None or self.workout.saved:
            return
        self.pain = score
        self.pain_typed = ""
        self.finished.mark(score)

    def _type_pain(self, digit: str) -> None:
        if self.workout is None or self.workout.saved:
            return
        now = self.real_clock()
        if self.pain_typed == "1" and digit == "0" and now - self.pain_typed_at < 1.5:
            self.pain_typed = "10"
        else:
            self.pain_typed = digit
        self.pain_typed_at = now
        self.pain = int(self.pain_typed)
        self.finished.mark(self.pain)

    def save_pain(self) -> None:
        if self.workout is None or self.workout.saved:
            return
        self.workout.save(self.pain)
        if self.workout.saved:
            self.finished.mark(self.pain, saved=self.pain is not None)
        self._update_notice()

    # --- the loop --------------------------------------------------------------------

    def _loop(self) -> None:
        self._after = None
        try:
            if self.workout is not None and self.screen == "running":
                self.workout.tick()
                if self.screen == "running":
                    self.render()
        finally:
            self._schedule()

    def _schedule(self) -> None:
        if self.workout is None or self.screen != "running" or self._after is not None:
            return
        session = self.workout.session
        wait = PAUSED_SECONDS if session.state == "paused" else FRAME_SECONDS
        due = session.next_due()
        if due is not None:
            until = (due - self.workout.now()) / self.options.speed
            wait = min(wait, max(0.0, until))
        self._after = self.root.after(max(1, math.ceil(wait * 1000)), self._loop)

    def _cancel(self) -> None:
        if self._after is not None:
            self.root.after_cancel(self._after)
            self._after = None

    def render(self) -> None:
        if self.workout is None or self.running is None:
            return
        view = self.workout.view()
        shown = show(view, self.plan.routine.cue if self.plan else None)
        fraction = view.step_progress if view.step_progress is not None else 0.5
        self.running.render(shown, view.index, fraction, self._notice_text(),
                            self.player.muted)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, Cue) and self.running is not None:
            self.running.flash(self.root)
        if isinstance(event, Finished | Stopped):
            self.root.after_idle(self.show_finished)

    # --- commands --------------------------------------------------------------------

    def on_command(self, name: str) -> None:
        if name == "mute":
            self.toggle_mute()
        elif name == "fullscreen":
            self.toggle_fullscreen()
        elif self.workout is not None and self.screen == "running":
            self.workout.command(name)
            if self.screen == "running":
                self._cancel()
                self.render()
                self._schedule()
            if self.workout.session.state == "paused":
                self.awake.release()
            elif self.workout.session.state == "running":
                self.awake.hold()

    def _on_key(self, event: tk.Event) -> None:
        if event.state & 0x4:  # Control held: only Ctrl+Q means something
            return
        key = event.keysym
        if self.screen == "history" and self.history_view.key(key):
            return
        if self.screen == "finished" and key in "0123456789" and len(key) == 1:
            self._type_pain(key)
            return
        if self.screen == "finished" and key in ("t", "T"):
            self._type_pain("1")
            self._type_pain("0")
            return
        action = KEYS.get(key)
        if action is None:
            return
        if action == "help":
            self.toggle_help()
        elif action == "mute":
            self.toggle_mute()
        elif action == "fullscreen":
            self.toggle_fullscreen()
        elif action == "escape":
            self._escape()
        elif action == "history":
            if self.screen == "history":
                self.close_history()
            else:
                self.show_history()
        elif self.screen == "start" and action == "toggle":
            self.start_workout()
        elif self.screen == "finished" and action in ("toggle", "next"):
            self.back_to_start()
        elif self.screen == "running":
            self.on_command(action)

    def _escape(self) -> None:
        if self._help is not None:
            self.toggle_help()
        elif self.fullscreen:
            self.toggle_fullscreen()
        elif self.screen == "finished":
            self.pain = None
            self.save_pain()
            self.finished.mark(None)
        elif self.screen == "history":
            self.close_history()

    def toggle_mute(self) -> None:
        if self.player.muted:
            self.player.unmute()
        else:
            self.player.mute()
        self.render()

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.root.attributes("-fullscreen", self.fullscreen)

    def toggle_help(self) -> None:
        if self._help is not None:
            self._help.destroy()
            self._help = None
            return
        text = ("Keys\n\n" + KEYS_HELP.replace(" · ", "\n")
                + "\nS stop and record\n\n(? or Esc closes)")
        self._help = tk.Label(self.root, text=text, font=self.fonts["medium"], bg="#000000",
                              fg="#ffffff", justify="left", padx=30, pady=20, relief="solid",
                              bd=2)
        self._help.place(relx=0.5, rely=0.5, anchor="center")

    # --- the rest --------------------------------------------------------------------

    def _notice_text(self) -> str:
        notices = list(self._notices[-2:])
        if self.workout is not None and self.workout.notice:
            notices.append(self.workout.notice)
        elif self.player.notice:
            notices.append(self.player.notice)
        if self.history is not None and self.history.notice and self.workout is None:
            notices.append(self.history.notice)
        return " · ".join(dict.fromkeys(notices))

    def _update_notice(self) -> None:
        text = self._notice_text()
        self.start.set_notice(text)
        self.finished.set_notice(text)

    def _on_resize(self, event: tk.Event) -> None:
        if event.widget is self.root and self.fonts.fit(event.height):
            if self.screen == "history":
                self.history_view.draw()

    def _on_map(self, event: tk.Event) -> None:
        if self.mapped_at is None and event.widget is self.root:
            self.mapped_at = self.real_clock()
            if self.options.events is not None:
                self.options.events.write(0.0, "window_mapped", {"monotonic": self.mapped_at})
            try:
                self.awake.window_id = int(self.root.wm_frame(), 16)
            except (tk.TclError, ValueError):
                pass
            if self.workout is not None and self.workout.session.state == "running":
                self.awake.hold()  # --autostart began before the window had an id

    def _set_icon(self) -> None:
        try:
            self._icon = tk.PhotoImage(master=self.root, file=str(assets_dir() / "icon.png"))
            self.root.iconphoto(True, self._icon)
        except (tk.TclError, ItbtimerError):
            pass

    def _on_callback_error(self, kind, value, tb) -> None:
        where = log_bug(value.with_traceback(tb))
        self._notices.append(f"Something went wrong ({kind.__name__}: {value}); "
                             f"details in {where}")
        self._update_notice()

    def quit(self) -> None:
        """Ctrl+Q or closing the window: at once, nothing asked, nothing lost."""
        self._cancel()
        try:
            if self.screen == "finished":
                self.save_pain()
            if self.workout is not None:
                self.workout.quit()
            if self.history is not None and self.history.unsaved:
                self.history.keep_pending()  # imported at the next start
        finally:
            self.awake.release()
            self.root.destroy()
