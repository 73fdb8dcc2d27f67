"""The morning-after question on the start screen (issue 23): the question, the 0-10
buttons, and whether the answer is saved. Which session it asks about: history/morning.py;
its words: present/morning_words.py; the keys that type a score: core/pain.py."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

from itbtimer.core.pain import PainEntry
from itbtimer.gui.score_row import ScoreButtons
from itbtimer.gui.theme import DIM_TEXT, PULSE, SIDE_TEXT
from itbtimer.gui.widgets import Fonts, Painted, label
from itbtimer.present.morning_words import MorningQuestion

# answer(question, score): kept as the session's `morning`; why not, when it cannot be
Answer = Callable[[MorningQuestion, int], str | None]


class MorningBox:
    """Shown while a question is open; each score typed or clicked is saved at once (typing
    another corrects it: 1 then 0 is saved as 1, then as 10)."""

    def __init__(self, parent: tk.Misc, painted: Painted, fonts: Fonts, answer: Answer,
                 resized: Callable[[], None]):
        """resized: the box grew or shrank (the start screen fits its lines again)."""
        self.answer = answer
        self.resized = resized
        self.question: MorningQuestion | None = None
        self.entry = PainEntry()
        self.answered = False
        self.frame = painted.add(tk.Frame(parent, highlightthickness=2,
                                          highlightbackground=PULSE, padx=10, pady=4))
        self.frame.columnconfigure(0, weight=1)
        self.heading = label(self.frame, painted, fonts["medium"], fg=SIDE_TEXT, anchor="w",
                             justify="left")
        self.heading.grid(row=0, column=0, sticky="ew")
        self.help = label(self.frame, painted, fonts["small"], fg=DIM_TEXT, anchor="w",
                          justify="left")
        self.help.grid(row=1, column=0, sticky="ew")
        self.scores = ScoreButtons(self.frame, painted, fonts["medium"], self.choose)
        self.scores.frame.grid(row=2, column=0, sticky="ew", pady=(4, 2))
        self.state = label(self.frame, painted, fonts["small"], anchor="w")
        self.state.grid(row=3, column=0, sticky="ew")
        self.state.grid_remove()  # until there is an answer to show

    @property
    def shown(self) -> bool:
        return self.question is not None

    def show(self, question: MorningQuestion | None) -> None:
        """Ask `question` (a new one: nothing chosen yet); None: no box."""
        if question != self.question:
            self.entry = PainEntry()
            self.answered = False
            self.question = question
        if question is None:
            self.frame.grid_remove()
            return
        self.heading.configure(text=question.heading())
        self.help.configure(text=question.help())
        self._mark(None)
        self.frame.grid()

    def wrap(self, width: int) -> None:
        for widget in (self.heading, self.help, self.state):
            widget["wraplength"] = max(200, width)

    def type(self, key: str, now: float) -> bool:
        """A key on the start screen: True when it answered (a score key, a question open)."""
        if self.question is None or not self.entry.key(key, now):
            return False
        self._keep()
        return True

    def choose(self, score: int) -> None:
        """A click on a score."""
        if self.question is not None:
            self.entry.choose(score)
            self._keep()

    def _keep(self) -> None:
        assert self.question is not None and self.entry.score is not None
        error = self.answer(self.question, self.entry.score)
        self.answered = True
        self._mark(error)

    def _mark(self, error: str | None) -> None:
        self.scores.mark(self.entry.score)
        text = self.question.state(self.entry.score, error) if self.question else ""
        if text == self.state.cget("text"):
            return
        self.state.configure(text=text)
        if text:  # no empty line in the box before an answer
            self.state.grid()
        else:
            self.state.grid_remove()
        self.resized()
