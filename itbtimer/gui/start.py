"""The start screen: the routine at a glance, progress so far, Start, and another routine."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable
from functools import partial
from pathlib import Path
from tkinter import filedialog

from ..bundled import all_routines
from ..durations import format_hms
from ..plan import Plan
from ..progress import Progress
from .theme import DIM_TEXT, PHASE_COLOURS, SIDE_TEXT
from .widgets import Fonts, Painted, button, label

KEYS_HELP = ("Space start/pause · → next/Done · ← back · R restart step · + 10 s · "
             "M mute · V voice · C spoken cues · F full screen · H history · E edit · ? keys · "
             "Ctrl+Q quit")


class StartScreen:
    def __init__(self, parent: tk.Misc, fonts: Fonts, actions: dict[str, Callable[..., None]]):
        self.fonts = fonts
        self.actions = actions
        self.painted = Painted()
        self.painted.colour = PHASE_COLOURS["start"]
        self.frame = self.painted.add(tk.Frame(parent))
        self.frame.columnconfigure(0, weight=1)
        self.body = self.painted.add(tk.Frame(self.frame))
        self.body.grid(row=0, column=0, sticky="nsew", padx=24, pady=12)
        self.frame.rowconfigure(0, weight=1)
        self.chooser = self.painted.add(tk.Frame(self.frame))
        self.chooser.grid(row=1, column=0, sticky="ew", padx=20, pady=4)
        self.keys = label(self.frame, self.painted, fonts["small"], fg=DIM_TEXT, text=KEYS_HELP,
                          wraplength=1)
        self.keys.grid(row=2, column=0, sticky="ew", padx=16)
        self.notice = label(self.frame, self.painted, fonts["small"], fg=SIDE_TEXT,
                            wraplength=1)
        self.notice.grid(row=3, column=0, sticky="ew", padx=16, pady=(0, 8))
        self.mono = tkfont.nametofont("TkFixedFont").copy()
        self.start_button: tk.Button | None = None
        self.error_text = ""
        self.frame.bind("<Configure>", self._on_resize)

    def _on_resize(self, event: tk.Event) -> None:
        for widget in self.body.winfo_children() + [self.keys, self.notice]:
            if isinstance(widget, tk.Label):
                widget.configure(wraplength=max(200, event.width - 60))

    def _clear(self) -> None:
        for widget in self.body.winfo_children():
            widget.destroy()
        self.painted.widgets = [w for w in self.painted.widgets if w.winfo_exists()]

    def _line(self, text: str, font: str, fg: str = "#ffffff", **grid) -> tk.Label:
        widget = label(self.body, self.painted, self.fonts[font], fg=fg, text=text,
                       justify="left", anchor="w",
                       wraplength=max(200, self.frame.winfo_width() - 60))
        widget.grid(column=0, sticky="w", **grid)
        return widget

    def show_plan(self, plan: Plan, progress: Progress | None) -> None:
        self._clear()
        routine = plan.routine
        self.error_text = ""
        self._line(routine.name, "heading")
        if routine.description:
            self._line(routine.description, "small", DIM_TEXT)
        for section in routine.sections:
            note = f" · {section.note}" if section.note else ""
            self._line(f"{section.name} — {format_hms(plan.section_seconds(section.name))}{note}",
                       "medium", pady=(2, 0))
        untimed = (f" + {plan.untimed_steps} untimed (reps and holds wait for you)"
                   if plan.untimed_steps else "")
        if plan.unestimated_steps < plan.untimed_steps:  # rep_seconds or expect were given
            untimed += f", about {format_hms(plan.estimated_seconds)} with them"
        self._line(f"Total {format_hms(plan.total_seconds)}{untimed} · {len(plan.steps)} steps",
                   "medium", SIDE_TEXT, pady=(8, 0))
        if progress is not None:
            parts = [progress.week_text()]
            if progress.last_session:
                parts.append(f"Last: {progress.last_session:%a %d %b %H:%M}")
            self._line(" · ".join(parts), "medium", pady=(6, 0))
            for hold in progress.holds:
                self._line(hold.text(), "small", DIM_TEXT)
        buttons = self.painted.add(tk.Frame(self.body))
        buttons.grid(column=0, sticky="w", pady=(12, 0))
        self.start_button = button(buttons, "Start  (Space)", self.actions["start"],
                                   self.fonts["big"])
        self.start_button.pack(side="left")
        self._edit_button(buttons)

    def _edit_button(self, parent: tk.Misc) -> None:
        """Edit, beside the routine: the routine editor (gui/editor.py)."""
        if "edit" in self.actions:
            button(parent, "Edit  (E)", self.actions["edit"], self.fonts["medium"]).pack(
                side="left", padx=(16, 0), fill="y")

    def show_errors(self, source: str, message: str) -> None:
        self._clear()
        self.start_button = None
        self.error_text = message
        self._line(f"This routine has mistakes: {Path(source).name}", "heading", SIDE_TEXT)
        # Fixed-width letters, so the caret under a line of the file points at its column.
        self.mono.configure(size=self.fonts["small"].cget("size"))
        label(self.body, self.painted, self.mono, text=message, justify="left", anchor="w",
              wraplength=max(200, self.frame.winfo_width() - 60)).grid(column=0, sticky="w")
        self._line("Fix the file and save it: it is read again by itself. Or choose another "
                   "routine below.", "small", DIM_TEXT, pady=(8, 0))
        buttons = self.painted.add(tk.Frame(self.body))
        buttons.grid(column=0, sticky="w", pady=(8, 0))
        self._edit_button(buttons)

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
        column = 0
        for title, path in listed + [(p.stem, p) for p in recent if p.resolve() not in known]:
            b = button(self.chooser, title, partial(self.actions["choose"], path),
                       self.fonts["small"])
            b.grid(row=0, column=column, padx=3, pady=3, sticky="ew")
            column += 1
        for text, action in (("Open…", "open"), ("History  (H)", "history")):
            b = button(self.chooser, text, self.actions[action], self.fonts["small"])
            b.grid(row=0, column=column, padx=3, pady=3, sticky="ew")
            column += 1

    def set_notice(self, text: str) -> None:
        if self.notice.cget("text") != text:
            self.notice.configure(text=text)
