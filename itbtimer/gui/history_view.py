"""The History view: sessions per week against the target, holds over time, knee pain."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from datetime import datetime

from ..durations import format_clock
from ..progress import Progress
from .theme import PHASE_COLOURS
from .widgets import Fonts, Painted, button, label

BG = "#f7f7f5"
INK = "#222222"
GRID = "#cccccc"
SERIES = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


class HistoryView:
    def __init__(self, parent: tk.Misc, fonts: Fonts, on_close: Callable[[], None]):
        self.fonts = fonts
        self.painted = Painted()
        self.painted.colour = PHASE_COLOURS["start"]
        self.frame = self.painted.add(tk.Frame(parent))
        self.frame.columnconfigure(0, weight=1)
        self.frame.rowconfigure(1, weight=1)
        self.title = label(self.frame, self.painted, fonts["big"], text="History")
        self.title.grid(row=0, column=0, sticky="w", padx=16, pady=(8, 0))
        self.canvas = tk.Canvas(self.frame, bg=BG, highlightthickness=0)
        self.canvas.grid(row=1, column=0, sticky="nsew", padx=16, pady=8)
        button(self.frame, "Back  (Esc)", on_close, fonts["medium"]).grid(row=2, column=0,
                                                                          pady=(0, 10))
        self.progress: Progress | None = None
        self.canvas.bind("<Configure>", lambda e: self.draw())

    def show(self, progress: Progress, routine: str | None) -> None:
        self.progress = progress
        self.title.configure(text=f"History — {routine}" if routine else "History")
        self.draw()

    def draw(self) -> None:
        c = self.canvas
        c.delete("all")
        width, height = c.winfo_width(), c.winfo_height()
        if self.progress is None or width < 100 or height < 100:
            return
        small = self.fonts["small"]
        line = small.metrics("linespace")
        third = height / 3
        # each chart: its title above, its date labels below, inside its third
        boxes = [(60, int(i * third + line + 8), width - 20, int((i + 1) * third - line - 8))
                 for i in range(3)]
        self._weeks(boxes[0], small)
        self._holds(boxes[1], small)
        self._pain(boxes[2], small)

    def _frame(self, box, title: str, ymax: float, ticks: list[tuple[float, str]], font):
        x0, y0, x1, y1 = box
        c = self.canvas
        c.create_text(x0, y0 - 6, text=title, anchor="sw", fill=INK, font=font)
        for value, text in ticks:
            y = y1 - (y1 - y0) * value / ymax
            c.create_line(x0, y, x1, y, fill=GRID)
            c.create_text(x0 - 6, y, text=text, anchor="e", fill=INK, font=font)
        c.create_line(x0, y0, x0, y1, x1, y1, fill=INK, width=2)

    def _weeks(self, box, font) -> None:
        assert self.progress is not None
        weeks = self.progress.weeks
        target = self.progress.per_week or 0
        top = max([n for _, n in weeks] + [target, 1])
        ticks = [(v, str(v)) for v in range(0, top + 1, max(1, top // 4))]
        target_text = f" (target {target} a week)" if target else ""
        self._frame(box, f"Sessions per week{target_text}", top, ticks, font)
        x0, y0, x1, y1 = box
        slot = (x1 - x0) / max(1, len(weeks))
        for i, (monday, count) in enumerate(weeks):
            left = x0 + i * slot + slot * 0.2
            right = x0 + (i + 1) * slot - slot * 0.2
            y = y1 - (y1 - y0) * count / top
            fill = "#2e7d32" if target and count >= target else "#64b5f6"
            self.canvas.create_rectangle(left, y, right, y1, fill=fill, width=0)
            if count:
                self.canvas.create_text((left + right) / 2, y - 2, text=str(count), anchor="s",
                                        fill=INK, font=font)
            if i % 2 == len(weeks) % 2 or len(weeks) <= 8:
                self.canvas.create_text((left + right) / 2, y1 + 3, text=f"{monday:%d %b}",
                                        anchor="n", fill=INK, font=font)
        if target:
            y = y1 - (y1 - y0) * target / top
            self.canvas.create_line(x0, y, x1, y, fill="#c62828", width=2, dash=(6, 4))

    def _series_x(self, times: list[datetime], box) -> Callable[[datetime], float]:
        x0, _, x1, _ = box
        first, last = min(times), max(times)
        span = (last - first).total_seconds() or 1.0

        def x(t: datetime) -> float:
            if last == first:
                return (x0 + x1) / 2
            return x0 + 10 + (x1 - x0 - 20) * (t - first).total_seconds() / span

        return x

    def _holds(self, box, font) -> None:
        assert self.progress is not None
        holds = self.progress.holds
        top = max([h.best for h in holds] + [30.0])
        top = (int(top // 30) + 1) * 30
        ticks = [(v, format_clock(v)) for v in range(0, top + 1, max(30, top // 4 // 30 * 30))]
        self._frame(box, "Holds (until shaking): longest per session", top, ticks, font)
        if not holds:
            self._empty(box, "No holds recorded yet", font)
            return
        x = self._series_x([t for h in holds for t, _ in h.series], box)
        x0, y0, x1, y1 = box
        for n, hold in enumerate(holds):
            colour = SERIES[n % len(SERIES)]
            points = [(x(t), y1 - (y1 - y0) * v / top) for t, v in hold.series]
            if len(points) > 1:
                self.canvas.create_line(*[c for p in points for c in p], fill=colour, width=2)
            for px, py in points:
                self.canvas.create_oval(px - 4, py - 4, px + 4, py + 4, fill=colour, width=0)
            # the legend sits top left: holds grow, so their lines rise to the right
            self.canvas.create_text(x0 + 8, y0 + 2 + n * (font.metrics("linespace") + 2),
                                    text=hold.text(), anchor="nw", fill=colour, font=font)
        self._dates(box, [t for h in holds for t, _ in h.series], x, font)

    def _pain(self, box, font) -> None:
        assert self.progress is not None
        pain = self.progress.pain
        self._frame(box, "Knee pain after the session (0-10)", 10,
                    [(v, str(v)) for v in (0, 5, 10)], font)
        if not pain:
            self._empty(box, "No pain scores yet", font)
            return
        x = self._series_x([t for t, _ in pain], box)
        _, y0, _, y1 = box
        points = [(x(t), y1 - (y1 - y0) * v / 10) for t, v in pain]
        if len(points) > 1:
            self.canvas.create_line(*[c for p in points for c in p], fill="#c62828", width=2)
        for (px, py), (_, v) in zip(points, pain, strict=True):
            self.canvas.create_oval(px - 4, py - 4, px + 4, py + 4, fill="#c62828", width=0)
            self.canvas.create_text(px, py - 6, text=str(v), anchor="s", fill=INK, font=font)
        self._dates(box, [t for t, _ in pain], x, font)

    def _dates(self, box, times: list[datetime], x, font) -> None:
        _, _, _, y1 = box
        for t in sorted({min(times), max(times)}):
            self.canvas.create_text(x(t), y1 + 3, text=f"{t:%d %b}", anchor="n", fill=INK,
                                    font=font)

    def _empty(self, box, text: str, font) -> None:
        x0, y0, x1, y1 = box
        self.canvas.create_text((x0 + x1) / 2, (y0 + y1) / 2, text=text, fill="#888888",
                                font=font)
