"""The finished screen: what was done, the holds achieved, and the score the routine asks
for (its `ask`, "knee pain"); no score row when it asks nothing."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

from itbtimer.app.workout import Workout
from itbtimer.core.pain import PainEntry
from itbtimer.gui.note_line import NoteLine
from itbtimer.gui.score_row import ScoreButtons
from itbtimer.gui.theme import DIM_TEXT, PHASE_COLOURS, SIDE_TEXT
from itbtimer.gui.widgets import Fonts, Painted, button, label
from itbtimer.present.display import PainQuestion, Phase


class FinishedScreen:
    def __init__(self, parent: tk.Misc, fonts: Fonts, on_done: Callable[[], None],
                 on_history: Callable[[], None], on_note: Callable[[str], str | None]):
        """on_note(text): keep the typed note; what is wrong with it, or None when kept."""
        self.fonts = fonts
        self.on_note = on_note
        self.pain = PainEntry()
        self.question = PainQuestion(None)
        self.stayed = False  # Enter kept the score here once: the next Enter leaves
        self.painted = Painted()
        self.painted.colour = PHASE_COLOURS[Phase.FINISHED]
        self.frame = self.painted.add(tk.Frame(parent))
        self.frame.columnconfigure(0, weight=1)
        self.lines = self.painted.add(tk.Frame(self.frame))
        self.lines.grid(row=0, column=0, sticky="nsew", padx=24, pady=12)
        self.frame.rowconfigure(0, weight=1)
        self.pain_help = label(self.frame, self.painted, fonts["medium"])
        self.pain_help.grid(row=1, column=0, sticky="ew", padx=16)
        self.scores = ScoreButtons(self.frame, self.painted, fonts["big"], self.choose)
        self.pain_row, self.pain_buttons = self.scores.frame, self.scores.buttons
        self.pain_row.grid(row=2, column=0, sticky="ew", padx=12, pady=6)
        self.pain_state = label(self.frame, self.painted, fonts["medium"], fg=SIDE_TEXT)
        self.pain_state.grid(row=3, column=0, sticky="ew")
        # what changes next time and why, as the score chosen makes it (core/progression.py)
        self.next_time: Callable[[int | None], str | None] = lambda pain: None
        self.next_line = label(self.frame, self.painted, fonts["medium"])
        self.next_line.grid(row=4, column=0, sticky="ew", padx=16, pady=(4, 0))
        self.note = NoteLine(self.frame, self.painted, fonts)
        self.note.frame.grid(row=5, column=0, sticky="ew", padx=24, pady=(6, 0))
        bottom = self.painted.add(tk.Frame(self.frame))
        bottom.grid(row=6, column=0, pady=8)
        button(bottom, "Back to start  (Space)", on_done, fonts["medium"]).grid(row=0, column=0,
                                                                               padx=6)
        button(bottom, "History  (H)", on_history, fonts["medium"]).grid(row=0, column=1, padx=6)
        self.notice = label(self.frame, self.painted, fonts["small"], fg=SIDE_TEXT)
        self.notice.grid(row=7, column=0, sticky="ew", pady=(0, 6))
        self.frame.bind("<Configure>", self._on_resize)

    def _on_resize(self, event: tk.Event) -> None:
        for widget in self.lines.winfo_children() + [self.pain_help, self.notice,
                                                     self.note.said, self.next_line]:
            widget["wraplength"] = max(300, event.width - 60)

    def show(self, lines: list[str], question: PainQuestion,
             next_time: Callable[[int | None], str | None] = lambda pain: None) -> None:
        """The summary's lines, the score row only when the routine asks a question, and
        what changes next time (`next_time(score)`: None for a routine that grows nothing)."""
        self.next_time = next_time
        for widget in self.lines.winfo_children():
            widget.destroy()
        self.painted.widgets = [w for w in self.painted.widgets if w.winfo_exists()]
        for i, text in enumerate(lines):
            font = self.fonts["heading" if i == 0 else "medium"]
            widget = label(self.lines, self.painted, font, text=text, anchor="w", justify="left",
                           fg="#ffffff" if i < 2 else DIM_TEXT,
                           wraplength=max(300, self.frame.winfo_width() - 60))
            widget.grid(column=0, sticky="w")
        self.pain = PainEntry()
        self.question = question
        self.stayed = False
        self.note.reset()
        self.pain_help.configure(text=question.prompt())
        for widget in (self.pain_help, self.pain_row, self.pain_state):
            if question.asked:
                widget.grid()
            else:
                widget.grid_remove()
        self._mark(question.state(None, asked=True))

    def open_note(self) -> None:
        """N: the one-line note, to type (Enter saves, Esc leaves it as it was)."""
        self.note.open()

    def note_key(self, key: str, stray: str = "") -> bool:
        """While the note is typed, every key is the note's: Enter keeps it (unless it is
        too long: then it says so and stays open), Esc closes it unchanged; a character
        that reached the window, not the box (typed as the box opened), goes in the box."""
        if not self.note.typing:
            return False
        if key in ("Return", "KP_Enter"):
            problem = self.on_note(self.note.typed())
            if problem is None:
                self.note.saved()
                if self.pain.closed:  # the line under the score offers to change it now
                    self.saved()
            else:
                self.note.say(problem)
        elif key == "Escape":
            self.note.close()
        elif stray.isprintable():
            self.note.box.insert("end", stray)
        return True

    def type(self, key: str, now: float) -> bool:
        """A key on this screen: True when it was a score (1 then 0 quickly is 10); with
        no question, no key is a score."""
        if not self.question.asked or not self.pain.key(key, now):
            return False
        self._mark(self.question.state(self.pain.score))
        return True

    def choose(self, score: int | None) -> None:
        """A click chooses a score; it is saved once, with the score, on leaving."""
        self.pain.choose(score)
        self._mark(self.question.state(score))

    def score_waiting(self) -> bool:
        """A score chosen and not yet kept by Enter: Enter keeps it and stays."""
        return (self.question.asked and self.pain.score is not None and not self.pain.closed
                and not self.stayed)

    def stay(self) -> None:
        """Enter kept the score: the screen stays, and the next Enter leaves (even when
        the score could not be saved: leaving tries again)."""
        self.stayed = True

    def keep_pain(self, workout: Workout, final: bool) -> None:
        """Keep the chosen score with the session's one record. `final` (leaving this
        screen) closes the choice; opening History keeps it open for the way back."""
        if not self.pain.closed and workout.keep_pain(self.pain.score) and final:
            self.saved()

    def saved(self) -> None:
        self.pain.closed = True
        self._mark(self.question.state(self.pain.score, saved=self.pain.score is not None,
                                       noted=self.note.note is not None))

    def _mark(self, text: str) -> None:
        self.scores.mark(self.pain.score)
        self.pain_state.configure(text=text)
        self.next_line.configure(text=self.next_time(self.pain.score) or "")

    def set_notice(self, text: str) -> None:
        if self.notice.cget("text") != text:
            self.notice.configure(text=text)
