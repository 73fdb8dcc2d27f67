"""The bar that asks the editor's questions (delete this? save before leaving?), answered by
a key or a button."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from itbtimer.editor.words import Answer, Question, answer_key
from itbtimer.gui.editor.look import QUESTION_BG, button, label


@dataclass(frozen=True)
class Choice:
    """One way to answer: a button, and the key's answer it also is (None: a button only)."""

    text: str
    command: Callable[[], object]
    answer: Answer | None = None


class QuestionBar:
    """Shown only while a question is asked; the place it takes is given once by the screen
    (it grids `frame` and takes it off the grid: `ask` puts it back there)."""

    def __init__(self, parent: tk.Misc, font: tkfont.Font):
        self.parent = parent
        self.font = font
        self.frame = tk.Frame(parent, bg=QUESTION_BG)
        self.text = label(self.frame, font, bg=QUESTION_BG, anchor="w")
        self.text.pack(side="left", fill="x", expand=True, padx=8, pady=4)
        self.buttons = tk.Frame(self.frame, bg=QUESTION_BG)
        self.buttons.pack(side="right")
        self.asking: Question | None = None
        self._answers: dict[Answer, Callable[[], object]] = {}

    def ask(self, question: Question, text: str, choices: Sequence[Choice]) -> None:
        self.asking = question
        self._answers = {c.answer: c.command for c in choices if c.answer is not None}
        self.text.configure(text=text, wraplength=max(200, self.parent.winfo_width() - 360))
        for widget in self.buttons.winfo_children():
            widget.destroy()
        for choice in choices:
            button(self.buttons, self.font, choice.text, choice.command).pack(
                side="left", padx=4, pady=4)
        self.frame.grid()

    def hide(self) -> None:
        self.asking = None
        self._answers = {}
        self.frame.grid_remove()

    def key(self, keysym: str) -> bool:
        """A key while a question is shown: its answer, if it is one. Every key is taken
        (True) while asking: nothing typed then edits the routine."""
        if self.asking is None:
            return False
        answer = answer_key(self.asking, keysym)
        if answer is not None and answer in self._answers:
            self._answers[answer]()
        return True
