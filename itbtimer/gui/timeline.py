"""The whole routine as one bar: coloured segments, a marker at the present.

Segments are drawn once per plan and per width (at most one rectangle per pixel
column, so a routine of 10 000 steps costs no more than one of 70); moving the
marker is one `coords` call, made only when it moves by a pixel.
"""

from __future__ import annotations

import tkinter as tk

from itbtimer.core.plan import Plan
from itbtimer.gui.theme import TIMELINE

UNTIMED_WIDTH = 30  # seconds of bar given to a reps/until step


def segments(plan: Plan, width: int) -> list[tuple[int, int, str]]:
    """(x0, x1, colour) runs, merged so that no run is narrower than a pixel."""
    lengths = [float(s.seconds if s.seconds is not None else UNTIMED_WIDTH) for s in plan.steps]
    total = sum(lengths) or 1.0
    runs: list[tuple[int, int, str]] = []
    position = 0.0
    for step, length in zip(plan.steps, lengths, strict=True):
        x0 = int(position / total * width)
        position += length
        x1 = int(position / total * width)
        colour = TIMELINE["untimed"] if not step.timed else TIMELINE[step.kind]
        if x1 <= x0:
            continue  # thinner than a pixel: the neighbour's colour stands for it
        if runs and runs[-1][2] == colour and runs[-1][1] == x0:
            runs[-1] = (runs[-1][0], x1, colour)
        else:
            runs.append((x0, x1, colour))
    return runs


def starts(plan: Plan) -> list[float]:
    """Each step's start as a fraction of the bar."""
    lengths = [float(s.seconds if s.seconds is not None else UNTIMED_WIDTH) for s in plan.steps]
    total = sum(lengths) or 1.0
    out, position = [], 0.0
    for length in lengths:
        out.append(position / total)
        position += length
    out.append(1.0)
    return out


class Timeline:
    def __init__(self, parent: tk.Misc, plan: Plan, height: int = 26):
        self.plan = plan
        self.canvas = tk.Canvas(parent, height=height, highlightthickness=0, bd=0, bg="#000000")
        self._starts = starts(plan)
        self._size = (0, 0)
        self._marker: int | None = None
        self._done: int | None = None
        self._marker_x = -1
        self.draws = 0  # full redraws (a test checks stepping does not redraw)
        self.canvas.bind("<Configure>", self._on_resize)

    def _on_resize(self, event: tk.Event) -> None:
        size = (event.width, event.height)
        if size != self._size:
            self._size = size
            self._draw()

    def _draw(self) -> None:
        width, height = self._size
        self.canvas.delete("all")
        for x0, x1, colour in segments(self.plan, width):
            self.canvas.create_rectangle(x0, 0, x1, height, fill=colour, width=0)
        self._done = self.canvas.create_rectangle(0, 0, 0, height, fill="#000000", width=0,
                                                  stipple="gray50")
        self._marker = self.canvas.create_rectangle(0, 0, 3, height, fill="#ffffff", width=0)
        self._marker_x = -1
        self.draws += 1

    def show(self, index: int, step_fraction: float) -> None:
        width, height = self._size
        if self._marker is None or self._done is None or width <= 0:
            return
        a, b = self._starts[index], self._starts[index + 1]
        x = int((a + (b - a) * max(0.0, min(1.0, step_fraction))) * width)
        if x == self._marker_x:
            return
        self._marker_x = x
        self.canvas.coords(self._marker, x - 1, 0, x + 2, height)
        self.canvas.coords(self._done, 0, 0, x, height)
