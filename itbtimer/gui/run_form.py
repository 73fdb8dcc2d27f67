"""The "Log a run" screen: a small form, the same fields as `itbtimer run` (core/runs.py
reads them, in one place). Tab goes from box to box; Enter saves and Esc cancels, through
the navigation table (core/navigation.py, Screen.RUN); every other key is typing."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

from itbtimer.core.runs import DistanceUnit, RunText
from itbtimer.gui.theme import DIM_TEXT, SCREEN_BG, SIDE_TEXT
from itbtimer.gui.widgets import Fonts, Painted, button, label

# (the RunText field, its label, an example beside it); the first is where typing starts
FIELDS = (
    ("distance", "Distance", "5.2km or 3.1mi{bare}"),
    ("time", "Time", "31:20, or leave it empty"),
    ("pain", "Pain 0–10", "during the run; empty: not said"),
    ("pain_from", "Pain began at", "how far you had run: 4km"),
    ("day", "Day", "today, yesterday or 2026-12-06"),
    ("note", "Note", ""),
)
TYPING = frozenset({"Return", "KP_Enter", "Escape"})  # the keys that are moves, not typing


class RunForm:
    def __init__(self, parent: tk.Misc, fonts: Fonts, on_save: Callable[[], None],
                 on_cancel: Callable[[], None]):
        self.fonts = fonts
        self.painted = Painted()
        self.painted.colour = SCREEN_BG
        self.frame = self.painted.add(tk.Frame(parent))
        self.frame.columnconfigure(2, weight=1)  # the examples beside the boxes take the rest
        title = label(self.frame, self.painted, fonts["big"], text="Log a run", anchor="w")
        title.grid(row=0, column=0, columnspan=3, sticky="w", padx=24, pady=(16, 4))
        why = label(self.frame, self.painted, fonts["small"], fg=DIM_TEXT, anchor="w",
                    justify="left", text="The run is the test of the routine: how far, and "
                    "how far before the knee hurt. Kept beside the sessions, never counted "
                    "as one.")
        why.grid(row=1, column=0, columnspan=3, sticky="ew", padx=24, pady=(0, 8))
        self.boxes: dict[str, tk.Entry] = {}
        self.examples: dict[str, tk.Label] = {}
        for row, (name, text, example) in enumerate(FIELDS, start=2):
            label(self.frame, self.painted, fonts["medium"], text=text, anchor="e").grid(
                row=row, column=0, sticky="e", padx=(24, 8), pady=4)
            box = tk.Entry(self.frame, font=fonts["medium"], relief="flat", bd=4,
                           highlightthickness=2, highlightcolor=SIDE_TEXT, width=12)
            self.boxes[name] = box
            hint = label(self.frame, self.painted, fonts["small"], fg=DIM_TEXT, anchor="w",
                         text=example.format(bare=""))
            self.examples[name] = hint
            if name == "note":  # a line of words: the whole width, its example in the label
                box.grid(row=row, column=1, columnspan=2, sticky="ew", pady=4, padx=(0, 24))
                continue
            box.grid(row=row, column=1, sticky="w", pady=4)
            hint.grid(row=row, column=2, sticky="w", padx=(12, 24))
        self.problem = label(self.frame, self.painted, fonts["medium"], fg=SIDE_TEXT,
                             anchor="w", justify="left")
        self.problem.grid(row=len(FIELDS) + 2, column=0, columnspan=3, sticky="ew", padx=24,
                          pady=(8, 0))
        buttons = self.painted.add(tk.Frame(self.frame))
        buttons.grid(row=len(FIELDS) + 3, column=0, columnspan=3, sticky="w", padx=24, pady=12)
        button(buttons, "Save  (Enter)", on_save, fonts["medium"]).pack(side="left")
        button(buttons, "Cancel  (Esc)", on_cancel, fonts["medium"]).pack(side="left", padx=12)
        self.frame.rowconfigure(len(FIELDS) + 4, weight=1)
        self.frame.bind("<Configure>", self._on_resize)
        self._why = why

    def _on_resize(self, event: tk.Event) -> None:
        if event.widget is self.frame:
            for widget in (self._why, self.problem):
                widget["wraplength"] = max(300, event.width - 48)

    def show(self, unit: DistanceUnit) -> None:
        """Empty boxes (the day: today), and where a bare number's unit comes from."""
        for name, box in self.boxes.items():
            box.delete(0, "end")
            if name == "day":
                box.insert(0, "today")
        self.examples["distance"].configure(
            text=FIELDS[0][2].format(bare=f" (a bare number: {unit})"))
        self.problem.configure(text="")

    def focus(self) -> None:
        """The cursor in the first box now: Tk moves the focus to a window only once it is
        mapped, and a form just shown is mapped when Tk is next idle, so the keys typed
        before that would go to the screen it replaced. Mapped first, then focused."""
        self.frame.update_idletasks()
        self.boxes["distance"].focus_set()

    def text(self) -> RunText:
        """What the boxes say, as typed."""
        return RunText(**{name: box.get() for name, box in self.boxes.items()})

    def say(self, problem: str, field: str | None = None) -> None:
        """What is wrong, under the boxes; the cursor to the box it is about."""
        self.problem.configure(text=problem)
        if field in self.boxes:
            self.boxes[field].focus_set()
            self.boxes[field].select_range(0, "end")

    def key(self, keysym: str) -> bool:
        """Typing is the boxes' own; Enter and Esc are moves (the navigation table)."""
        return keysym not in TYPING
