"""The finished screen's note: a line saying the note (or that N adds one), and a one-line
box to type it in, shown while it is typed. What a note may be: core/runs.py check_note."""

from __future__ import annotations

import tkinter as tk

from itbtimer.core.escaping import escaped
from itbtimer.core.limits import NOTE_CHARS
from itbtimer.gui.theme import DIM_TEXT, SIDE_TEXT
from itbtimer.gui.widgets import Fonts, Painted, label

ADD = "N  add a note on this session (\"twinge on the lunges, left\")"
TYPING = "Enter saves the note · Esc leaves it as it was"


class NoteLine:
    def __init__(self, parent: tk.Misc, painted: Painted, fonts: Fonts):
        self.frame = painted.add(tk.Frame(parent))
        self.frame.columnconfigure(0, weight=1)
        self.said = label(self.frame, painted, fonts["medium"], fg=DIM_TEXT, anchor="w",
                          justify="left")
        self.said.grid(row=0, column=0, sticky="ew")
        self.box = tk.Entry(self.frame, font=fonts["medium"], relief="flat", bd=4,
                            highlightthickness=2, highlightcolor=SIDE_TEXT)
        self.box.grid(row=1, column=0, sticky="ew", pady=(4, 0))
        self.help = label(self.frame, painted, fonts["small"], fg=SIDE_TEXT, anchor="w")
        self.help.grid(row=2, column=0, sticky="ew")
        self.note: str | None = None
        self.typing = False
        self.reset()

    def reset(self) -> None:
        """A new session: no note yet, the box closed."""
        self.note = None
        self.close()

    def open(self) -> None:
        self.typing = True
        self.box.delete(0, "end")
        self.box.insert(0, self.note or "")
        self.box.grid()
        self.said.configure(text=f"Note on this session (one line, at most {NOTE_CHARS} "
                                 "characters):")
        self.help.configure(text=TYPING)
        self.help.grid()
        self.box.update_idletasks()  # mapped now, so the focus moves now (run_form.focus)
        self.box.focus_set()

    def typed(self) -> str:
        return self.box.get()

    def saved(self) -> None:
        """What was typed is the note now (blank: none)."""
        self.note = self.typed().strip() or None
        self.close()

    def say(self, problem: str) -> None:
        self.help.configure(text=problem)

    def close(self) -> None:
        self.typing = False
        self.box.grid_remove()
        self.help.grid_remove()
        self.said.configure(text=ADD if self.note is None else
                            f"Note: {escaped(self.note)}  (N to change it)")
        self.said.master.focus_set()
