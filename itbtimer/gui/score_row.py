"""The 0-10 score buttons, the chosen one marked: the pain score on the finished screen and
the morning-after question on the start screen (the keys that type a score: core/pain.py)."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable
from functools import partial

from itbtimer.gui.theme import BUTTON_BG, PULSE
from itbtimer.gui.widgets import Painted, button

SCORES = range(11)


class ScoreButtons:
    def __init__(self, parent: tk.Misc, painted: Painted, font: tkfont.Font,
                 choose: Callable[[int], None]):
        self.frame = painted.add(tk.Frame(parent))
        self.buttons: list[tk.Button] = []
        for score in SCORES:
            self.frame.columnconfigure(score, weight=1, uniform="score")
            b = button(self.frame, str(score), partial(choose, score), font, padx=2)
            b.grid(row=0, column=score, sticky="ew", padx=2)
            self.buttons.append(b)

    def mark(self, score: int | None) -> None:
        for i, b in enumerate(self.buttons):
            b.configure(bg=PULSE if i == score else BUTTON_BG)
