"""The start screen: the routine at a glance, progress so far, Start, and another routine."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable
from functools import partial
from pathlib import Path
from tkinter import filedialog

from itbtimer.core.durations import format_hms
from itbtimer.core.navigation import Action, Screen
from itbtimer.core.plan import Plan
from itbtimer.gui.morning import Answer, MorningBox
from itbtimer.gui.theme import DIM_TEXT, SCREEN_BG, SIDE_TEXT
from itbtimer.gui.widgets import FitLabel, Fonts, Painted, button, label, row_padding
from itbtimer.history.figures import Progress, hold_lines, reps_lines
from itbtimer.present.keys_help import keys_line
from itbtimer.present.morning_words import MorningQuestion
from itbtimer.present.progress_words import start_text
from itbtimer.present.start_words import left_out_line, progress_line
from itbtimer.routine_files.bundled import all_routines


class StartScreen:
    """The routine at a glance (every line fitted to the width; lines that do not fit the
    height are left out, never cut), Start always in sight, and the choices below in rows
    that wrap rather than leave the window."""

    def __init__(self, parent: tk.Misc, fonts: Fonts, act: Callable[[Action], None],
                 choose: Callable[[Path], None], answer: Answer):
        """act: Start, Open…, History and Edit ask for their navigation action; a routine's
        button chooses its file; answer keeps the morning-after question's answer."""
        self.fonts = fonts
        self.act = act
        self.choose = choose
        self.painted = Painted()
        self.painted.colour = SCREEN_BG
        self.frame = self.painted.add(tk.Frame(parent))
        self.frame.columnconfigure(0, weight=1)
        # the morning-after question, first of all when it is asked (gui/morning.py)
        self.morning = MorningBox(self.frame, self.painted, fonts, answer, lambda: self.layout())
        self.morning.frame.grid(row=0, column=0, sticky="ew", padx=24, pady=(12, 0))
        self.morning.frame.grid_remove()
        self.body = self.painted.add(tk.Frame(self.frame))
        self.body.grid(row=1, column=0, sticky="nsew", padx=24, pady=(12, 0))
        self.frame.rowconfigure(1, weight=1)
        self.start_row = self.painted.add(tk.Frame(self.frame))
        self.start_row.grid(row=2, column=0, sticky="ew", padx=24, pady=(6, 0))
        self.chooser = self.painted.add(tk.Frame(self.frame))
        self.chooser.grid(row=3, column=0, sticky="ew", padx=20, pady=4)
        self._keys = FitLabel(self.frame, self.painted, fonts, "small", fg=DIM_TEXT)
        self._keys.max_lines = 2
        self._keys.widget.grid(row=4, column=0, sticky="ew", padx=16)
        self._notice = FitLabel(self.frame, self.painted, fonts, "small", fg=SIDE_TEXT)
        self._notice.max_lines = 2
        self._notice.widget.grid(row=5, column=0, sticky="ew", padx=16, pady=(0, 8))
        self.keys, self.notice = self._keys.widget, self._notice.widget
        self._notice_text = ""
        self.mono = tkfont.nametofont("TkFixedFont").copy()
        self.start_button: tk.Button | None = None
        self.error_text = ""
        self.mistakes: tk.Label | None = None
        self._lines: list[tuple[FitLabel, str]] = []
        self.choices: list[tk.Button] = []  # the routines and actions offered, as buttons
        self._rows: list[list[str]] = []
        self._row_frames: list[tk.Widget] = []
        self._width = 0
        self.frame.bind("<Configure>", self._on_resize)

    def _on_resize(self, event: tk.Event) -> None:
        if event.widget is self.frame:
            self._width = event.width
            self.layout()

    def layout(self) -> None:
        """Fit each line to the width, wrap the choices into rows, and leave out the
        routine's lines that would not fit the height."""
        width = self._width or self.frame.winfo_width()
        if width <= 1:
            return
        for fitted, text in self._lines:
            fitted.show(text, width - 48)
        fitted_widgets = {str(f.widget) for f, _ in self._lines}
        for widget in self.body.winfo_children():  # the mistakes, in fixed-width letters
            if isinstance(widget, tk.Label) and str(widget) not in fitted_widgets:
                widget["wraplength"] = max(200, width - 60)
        self._keys.show(keys_line(Screen.START, routine_ok=not self.error_text,
                                  morning=self.morning.shown), width - 32)
        self._notice.show(self._notice_text, width - 32)
        self._flow(self.choices, width - 40)
        self.morning.wrap(width - 80)
        self._size_mistakes()
        self.frame.update_idletasks()
        room = self.frame.winfo_height() - 12 - self._others_height()
        used = 0
        for fitted, _ in self._lines:
            widget = fitted.widget
            used += widget.winfo_reqheight() + row_padding(widget)
            if used <= room or fitted is self._lines[0][0]:
                if not widget.winfo_manager():
                    widget.grid()
            elif widget.winfo_manager():
                widget.grid_remove()

    def _others_height(self) -> int:
        """The height of what is always shown below and above the routine's lines."""
        shown = [self.start_row, self.chooser, self.keys, self.notice]
        if self.morning.shown:
            shown.append(self.morning.frame)
        return sum(w.winfo_reqheight() + 8 for w in shown) + (12 if self.morning.shown else 0)

    def show_morning(self, question: MorningQuestion | None) -> None:
        """The morning-after question (None: none, or no more)."""
        if question != self.morning.question:
            self.morning.show(question)
            self.layout()

    def _size_mistakes(self) -> None:
        """The mistakes as large as the medium text when they fit the height, else small."""
        if self.mistakes is None or not self.mistakes.winfo_exists():
            return
        room = self.frame.winfo_height() - self._others_height() - 4 * self.fonts[
            "heading"].metrics("linespace")
        for style in ("medium", "small"):
            self.mono.configure(size=self.fonts[style].cget("size"))
            if self.mistakes.winfo_reqheight() <= room:
                break

    def _flow(self, buttons: list[tk.Button], width: int) -> None:
        """Buttons left to right, on to a new row when the next would not fit."""
        rows: list[list[tk.Button]] = [[]]
        x = 0
        for b in buttons:
            need = b.winfo_reqwidth() + 6
            if rows[-1] and x + need > width:
                rows.append([])
                x = 0
            rows[-1].append(b)
            x += need
        if [[str(b) for b in row] for row in rows] == self._rows:
            return
        self._rows = [[str(b) for b in row] for row in rows]
        for frame in self._row_frames:
            frame.destroy()
        self._row_frames = []
        for row in rows:
            frame = self.painted.add(tk.Frame(self.chooser))
            frame.pack(side="top", anchor="w")
            self._row_frames.append(frame)
            for b in row:
                b.pack(in_=frame, side="left", padx=3, pady=3)
                b.lift(frame)  # packed into a frame made after it: keep it on top

    def _clear(self) -> None:
        for widget in self.body.winfo_children() + self.start_row.winfo_children():
            widget.destroy()
        self._lines = []
        self.mistakes = None
        self.painted.widgets = [w for w in self.painted.widgets if w.winfo_exists()]

    def _line(self, text: str, style: str, fg: str = "#ffffff", lines: int = 1,
              **grid: object) -> tk.Label:
        fitted = FitLabel(self.body, self.painted, self.fonts, style, fg=fg, justify="left",
                          anchor="w")
        fitted.max_lines = lines
        fitted.widget.grid(column=0, sticky="w", **grid)  # type: ignore[arg-type]
        self._lines.append((fitted, text))
        return fitted.widget

    def show_plan(self, plan: Plan, progress: Progress | None) -> None:
        self._clear()
        routine = plan.routine
        self.error_text = ""
        self._line(routine.name, "heading", lines=2)
        if routine.description:
            self._line(routine.description, "small", DIM_TEXT, lines=2)
        self._line(plan.total_text(), "medium", SIDE_TEXT, lines=2, pady=(4, 0))
        grown = start_text(plan.as_written, plan.progression)
        if grown:  # the levels the history has reached: "Plank 35 s (+5 s: pain 2 and 1)"
            self._line(grown, "small", "#ffffff", lines=2, pady=(2, 0))
        if progress is not None:
            self._line(progress_line(progress), "medium", pady=(4, 0))
            why = left_out_line(progress)
            if why:
                self._line(why, "small", SIDE_TEXT, lines=2)
            for line in hold_lines(progress.holds) + reps_lines(progress.reps):
                self._line(line, "small", DIM_TEXT)
        for section in routine.sections:
            note = f" · {section.note}" if section.note else ""
            self._line(f"{section.name} — {format_hms(plan.section_seconds(section.name))}{note}",
                       "small", pady=(2, 0))
        self.start_button = button(self.start_row, "Start  (Space)",
                                   partial(self.act, Action.TOGGLE), self.fonts["big"])
        self.start_button.pack(side="left")
        self._edit_button(self.start_row)
        self.layout()

    def _edit_button(self, parent: tk.Misc, text: str = "Edit  (E)") -> None:
        """Edit, beside the routine: the routine editor (gui/editor/); a routine with
        mistakes, the person's own text editor (gui/window.py show_editor)."""
        gap = 16 if parent.winfo_children() else 0  # beside Start, or first in the row
        button(parent, text, partial(self.act, Action.EDIT), self.fonts["medium"]).pack(
            side="left", padx=(gap, 0), fill="y")

    def show_errors(self, source: str, message: str) -> None:
        self._clear()
        self.start_button = None
        self.error_text = message
        self._line(f"This routine has mistakes: {Path(source).name}", "heading", SIDE_TEXT,
                   lines=2)
        # Fixed-width letters, so the caret under a line of the file points at its column;
        # as large as the routine's own lines would be (layout: smaller when they do not fit)
        self.mistakes = label(self.body, self.painted, self.mono, text=message, justify="left",
                              anchor="w", wraplength=max(200, self.frame.winfo_width() - 60))
        self.mistakes.grid(column=0, sticky="w")
        self._line("Fix the file and save it: it is read again by itself. Or choose another "
                   "routine below.", "small", DIM_TEXT, lines=2, pady=(8, 0))
        self._edit_button(self.start_row, "Open in your text editor  (E)")
        self.layout()

    def ask_for_routine(self) -> Path | None:
        name = filedialog.askopenfilename(parent=self.frame, title="Open a routine",
                                          filetypes=[("Routines", "*.yaml *.yml"),
                                                     ("All files", "*")])
        return Path(name) if name else None

    def show_choices(self, recent: list[Path]) -> None:
        """Your routines (marked), the bundled ones, then recent files not among them."""
        for widget in self.chooser.winfo_children():
            widget.destroy()
        listed = [(f"{r.name} (yours)" if r.personal else r.name, r.path)
                  for r in all_routines() if not r.hidden]
        known = {p.resolve() for _, p in listed}
        self.choices = []
        self._rows = []
        self._row_frames = []
        for title, path in listed + [(p.stem, p) for p in recent if p.resolve() not in known]:
            self.choices.append(button(self.chooser, title,
                                        partial(self.choose, path),
                                        self.fonts["small"]))
        for text, action in (("Open…", Action.OPEN), ("History  (H)", Action.HISTORY),
                             ("Log a run  (L)", Action.LOG_RUN)):
            self.choices.append(button(self.chooser, text, partial(self.act, action),
                                        self.fonts["small"]))
        self.layout()

    def set_notice(self, text: str) -> None:
        if text != self._notice_text:
            self._notice_text = text
            self.layout()

