"""The editor's buttons, on as many lines as the width needs."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable, Sequence

from itbtimer.gui.editor.look import BG, button

GAP = 6  # between two buttons on a line (padx 3 on each side)


class ButtonBar:
    """A row of buttons that wraps: as many on a line as fit, the rest on the next."""

    def __init__(self, parent: tk.Misc, font: tkfont.Font,
                 buttons: Sequence[tuple[str, Callable[[], object]]]):
        self.frame = tk.Frame(parent, bg=BG)
        self.buttons = [button(self.frame, font, text, command) for text, command in buttons]
        self.lines: list[tk.Frame] = []  # one frame a line, made as lines are needed
        self._places: list[tuple[int, int]] = []  # (line, position) of each button
        self._width = 0
        self._refit: str | None = None
        for widget in self.buttons:
            # The fonts follow the window's height, after its width was given: a button
            # that grows lays the bar out again.
            widget.bind("<Configure>", self._on_button_resize, add="+")

    def fit(self, width: int) -> None:
        """Lay the buttons out for this width (a new line where the next would not fit)."""
        self._width = width
        if width < 50:
            return
        places = []
        x, line, column = 0, 0, 0
        for widget in self.buttons:
            needed = widget.winfo_reqwidth() + GAP
            if x and x + needed > width - 20:
                line, column, x = line + 1, 0, 0
            places.append((line, column))
            column += 1
            x += needed
        if places == self._places:
            return
        self._places = places
        count = places[-1][0] + 1
        while len(self.lines) < count:
            self.lines.append(tk.Frame(self.frame, bg=BG))
        for n, frame in enumerate(self.lines):
            # A line left empty keeps its old height in Tk: take it off the grid.
            if n < count:
                frame.grid(row=n, column=0, sticky="w")
            else:
                frame.grid_remove()
        for widget in self.buttons:
            widget.pack_forget()
        for widget, (line, _) in zip(self.buttons, places, strict=True):
            widget.pack(in_=self.lines[line], side="left", padx=GAP // 2, pady=2)
            widget.lift()  # above the line's frame it is packed in (made after it)

    def _on_button_resize(self, event: tk.Event) -> None:
        # Later, once Tk has finished arranging: re-packing inside its arranging crashes Tk.
        if self._refit is None:
            self._refit = self.frame.after_idle(self._fit_again)

    def _fit_again(self) -> None:
        self._refit = None
        self.fit(self._width)
