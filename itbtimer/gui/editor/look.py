"""The editor screen's look: its colours, and the labels and buttons its parts are made of."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable
from typing import Any

from itbtimer.gui.theme import BUTTON_BG, BUTTON_FG, SCREEN_BG, TEXT

BG = SCREEN_BG
FIELD_BG = "#f4f6f8"
FIELD_FG = "#111111"
ERROR_FG = "#ffb4a8"
SELECTED_BG = "#ffe066"
QUESTION_BG = "#5a2a2a"
PREVIEW_BG = "#2b3a48"


def label(parent: tk.Misc, font: tkfont.Font, fg: str = TEXT, bg: str = BG,
          **options: Any) -> tk.Label:
    return tk.Label(parent, font=font, fg=fg, bg=bg, bd=0, **options)


def button(parent: tk.Misc, font: tkfont.Font, text: str,
           command: Callable[[], object]) -> tk.Button:
    """A flat button the mouse presses; the keys are the editor's own (takefocus=0)."""
    return tk.Button(parent, text=text, command=command, font=font, bg=BUTTON_BG,
                     fg=BUTTON_FG, activebackground="#ffffff", relief="flat", bd=0,
                     highlightthickness=0, padx=8, pady=3, takefocus=0)
