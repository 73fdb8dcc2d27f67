"""The History screen's three charts on one canvas: sessions per week against the
target, holds over time, pain scores. What to show is decided in history/charts.py
(points, labels) and history/present.py (words, the target's colour)."""

from __future__ import annotations

import math
import tkinter as tk
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from itbtimer.core.durations import format_clock
from itbtimer.core.runs import METRES
from itbtimer.gui.fit import ellipsise
from itbtimer.gui.widgets import Fonts
from itbtimer.history.charts import (
    dashed_side,
    labelled_points,
    mean,
    reduce_series,
    time_ticks,
    week_labels,
    week_window,
)
from itbtimer.history.figures import Progress, by_exercise
from itbtimer.present.history_words import (
    hold_legend,
    pain_free_titles,
    pain_legend,
    pain_titles,
    score_text,
    target_legend,
    week_colour,
    week_titles,
)

INK = "#222222"
GRID = "#cccccc"
SERIES = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")

PAIN = "#c62828"
RUN = "#2e7d32"  # the runs' distance before the pain: green, unlike the pain's red
RIGHT_DASH = (6, 4)  # a one-sided exercise's right side: its left is the solid line

Box = tuple[float, float, float, float]


class HistoryCharts:
    def __init__(self, canvas: tk.Canvas, fonts: Fonts):
        self.canvas = canvas
        self.fonts = fonts
        self.progress: Progress | None = None
        self.back = 0  # screens of 12 weeks back from the newest
        self.whole = False
        # the pain chart and the runs' beside it share one time axis: both charts' times
        self._shared: tuple[datetime, ...] = ()

    def draw(self, progress: Progress | None, error: str | None, back: int,
             whole: bool) -> bool:
        """The charts, the error, or "Loading…" (progress None); False when too small."""
        self.progress, self.back, self.whole = progress, back, whole
        c = self.canvas
        c.delete("all")
        width, height = c.winfo_width(), c.winfo_height()
        if width < 100 or height < 100:
            return False
        small = self.fonts["small"]
        if error:
            c.create_text(width / 2, height / 2, text=error, fill="#c62828", font=small,
                          width=width - 40)
            return True
        if progress is None:
            c.create_text(width / 2, height / 2, text="Loading…", fill="#888888", font=small)
            return True
        line = small.metrics("linespace")
        third = height / 3
        left = 16 + small.measure("00:00")
        # each chart: title and legend on a line above, date labels below, inside its third
        boxes = [(left, i * third + line + 10, width - 16, (i + 1) * third - line - 10)
                 for i in range(3)]
        self._weeks(boxes[0], small)
        self._holds(boxes[1], small)
        self._shared = tuple(t for t, _ in progress.pain_free) + tuple(
            t for t, _ in progress.pain + progress.morning) if progress.pain_free else ()
        if progress.pain_free:  # the runs' line beside the pain chart, half the width each
            x0, y0, x1, y1 = boxes[2]
            half = (x0 + x1) / 2
            self._pain((x0, y0, half - 12, y1), small)
            self._pain_free((half + 12 + small.measure("00.0"), y0, x1, y1), small)
        else:
            self._pain(boxes[2], small)
        return True

    def _frame(self, box: Box, titles: tuple[str, str], ymax: float,
               ticks: Sequence[tuple[float, str]], font: Any,
               legend: list[tuple[str, str, str]] | None = None) -> None:
        """Axes, grid, the title top left and the legend top right: both above the plot,
        never over each other (a shorter title, then shorter legend entries, if need be)."""
        x0, y0, x1, y1 = box
        c = self.canvas
        entries = legend or []
        width = x1 - x0 - 24
        longs = [long for long, _, _ in entries]
        shorts = [short for _, short, _ in entries]
        title, texts = titles[1], shorts
        for title_choice, text_choice in ((titles[0], longs), (titles[1], longs)):
            need = font.measure(title_choice) + sum(font.measure(t) + 18 for t in text_choice)
            if need <= width:
                title, texts = title_choice, text_choice
                break
        c.create_text(x0, y0 - 6, text=title, anchor="sw", fill=INK, font=font)
        room = width - font.measure(title)
        x = x1
        for text, (_, _, colour) in reversed(list(zip(texts, entries, strict=True))):
            need = font.measure(text) + 18
            if need > room:
                break
            x -= need
            room -= need
            c.create_rectangle(x, y0 - 6 - font.metrics("linespace") * 0.7, x + 10, y0 - 8,
                               fill=colour, width=0)
            c.create_text(x + 14, y0 - 6, text=text, anchor="sw", fill=colour, font=font)
        for value, text in ticks:
            y = y1 - (y1 - y0) * value / ymax
            c.create_line(x0, y, x1, y, fill=GRID)
            c.create_text(x0 - 6, y, text=text, anchor="e", fill=INK, font=font)
        c.create_line([x0, y0, x0, y1, x1, y1], fill=INK, width=2)

    def _weeks(self, box: Box, font: Any) -> None:
        assert self.progress is not None
        window = week_window(self.progress.weeks, self.back, self.whole)
        weeks = window.shown
        target = self.progress.per_week or 0
        most = max([n for _, n in weeks] + [target, 1])
        top = most * 1.2  # room for the count above the highest bar
        x0, y0, x1, y1 = box
        fit = max(1, int((y1 - y0) / (font.metrics("linespace") * 1.3)))
        ticks = [(v, str(v)) for v in range(0, most + 1, max(1, -(-most // fit)))]
        legend = [(long, short, "#c62828") for long, short in target_legend(target)]
        self._frame(box, week_titles(len(weeks), window.whole, bool(window.first)), top, ticks,
                    font, legend)
        slot = (x1 - x0) / max(1, len(weeks))
        gap = slot * 0.2 if slot > 6 else 0
        for i, (_, count) in enumerate(weeks):
            left, right = x0 + i * slot + gap, x0 + (i + 1) * slot - gap
            y = y1 - (y1 - y0) * count / top
            fill = week_colour(count, target)
            if count:
                self.canvas.create_rectangle(left, y, max(right, left + 1), y1, fill=fill,
                                             width=0)
                if slot > font.measure("00"):
                    self.canvas.create_text((left + right) / 2, y - 2, text=str(count),
                                            anchor="s", fill=INK, font=font)
        fits = int((x1 - x0) / (font.measure("00 Mmm 0000") + 12))
        for i, text in week_labels([d for d, _ in weeks], fits, date.today().year):
            half = font.measure(text) / 2 + 2
            x = min(max(x0 + (i + 0.5) * slot, x0 + half), x1 - half)  # never cut at an edge
            self.canvas.create_text(x, y1 + 3, text=text, anchor="n", fill=INK, font=font)
        if target:
            y = y1 - (y1 - y0) * target / top
            self.canvas.create_line(x0, y, x1, y, fill="#c62828", width=2, dash=(6, 4))

    def _time_x(self, times: list[datetime], box: Box) -> Callable[[datetime], float]:
        x0, _, x1, _ = box
        first, last = min(times), max(times)
        span = (last - first).total_seconds() or 1.0

        def x(t: datetime) -> float:
            if last == first:
                return (x0 + x1) / 2
            return x0 + 10 + (x1 - x0 - 20) * (t - first).total_seconds() / span

        return x

    def _holds(self, box: Box, font: Any) -> None:
        """One colour per exercise; a one-sided exercise's left solid, its right dashed."""
        assert self.progress is not None
        holds = self.progress.holds
        top = max([h.best for h in holds] + [30.0])
        top = (int(top // 30) + 1) * 30
        ticks = [(v, format_clock(v)) for v in range(0, top + 1, max(30, top // 4 // 30 * 30))]
        groups = by_exercise(holds)
        legend = [(hold_legend(sides), hold_legend(sides, short=True), SERIES[n % len(SERIES)])
                  for n, (exercise, sides) in enumerate(groups)]
        box = self._asymmetries(box, font)
        self._frame(box, ("Holds: longest per session", "Holds"), top, ticks, font, legend)
        times = [t for h in holds for t, _ in h.series]
        if not times:
            self._empty(box, "No holds recorded yet", font)
            return
        x = self._time_x(times, box)
        x0, y0, x1, y1 = box
        buckets = max(2, int((x1 - x0) / 3))
        for n, (_, sides) in enumerate(groups):
            colour = SERIES[n % len(SERIES)]
            for hold in sides:
                dash = RIGHT_DASH if dashed_side(hold.side) else ()
                series = reduce_series(hold.series, buckets, max)
                points = [(x(t), y1 - (y1 - y0) * v / top) for t, v in series]
                if len(points) > 1:
                    self.canvas.create_line(*[c for p in points for c in p], fill=colour,
                                            width=2, dash=dash, tags=("hold", hold.label))
                if len(points) <= 60:
                    for px, py in points:
                        self.canvas.create_oval(px - 4, py - 4, px + 4, py + 4,
                                                fill="white" if dash else colour,
                                                outline=colour, width=2 if dash else 0)
        self._dates(box, times, x, font)

    def _asymmetries(self, box: Box, font: Any) -> Box:
        """The asymmetry of each one-sided exercise in words, on lines between the title and
        the plot (the long words, the short ones, or cut with "…" to fit); the plot's box
        below them."""
        assert self.progress is not None
        x0, y0, x1, y1 = box
        line = font.metrics("linespace")
        said = self.progress.asymmetries[: max(0, int((y1 - y0) / line) - 3)]
        for n, asymmetry in enumerate(said):
            text = asymmetry.text()
            if font.measure(text) > x1 - x0:
                text = ellipsise(asymmetry.text(short=True), int(x1 - x0), 0,
                                 lambda t, _: int(font.measure(t)))
            self.canvas.create_text(x0, y0 - line + 2 + n * line, text=text, anchor="nw",
                                    fill=INK, font=font, tags=("asymmetry",))
        return (x0, y0 + len(said) * line + (8 if said else 0), x1, y1)

    def _pain(self, box: Box, font: Any) -> None:
        """The answers after the session, solid, and the morning after, dashed (when any)."""
        assert self.progress is not None
        pain = [(t, float(p)) for t, p in self.progress.pain]
        morning = [(t, float(p)) for t, p in self.progress.morning]
        label = self.progress.pain_label()
        self._frame(box, pain_titles(label), 10, [(v, str(v)) for v in (0, 5, 10)], font,
                    [(long, short, PAIN) for long, short in pain_legend(bool(morning))])
        if not pain and not morning:
            self._empty(box, "No pain scores yet", font)
            return
        times = [t for t, _ in pain + morning] + list(self._shared)
        x = self._time_x(times, box)
        x0, y0, x1, y1 = box
        buckets = max(2, int((x1 - x0) / 3))
        fits = int((x1 - x0) / (font.measure("10") * 3))
        for scores, dash in ((pain, ()), (morning, RIGHT_DASH)):
            if not scores:
                continue
            series = reduce_series(scores, buckets, mean)
            points = [(x(t), y1 - (y1 - y0) * v / 10) for t, v in series]
            if len(points) > 1:
                self.canvas.create_line(*[c for p in points for c in p], fill=PAIN, width=2,
                                        dash=dash, tags=("pain", "morning" if dash else "after"))
            for i in labelled_points([v for _, v in series], fits):
                px, py = points[i]
                self.canvas.create_oval(px - 4, py - 4, px + 4, py + 4,
                                        fill="white" if dash else PAIN, outline=PAIN,
                                        width=2 if dash else 0)
                if not dash:  # the after-session scores are labelled; the dashed line not
                    self.canvas.create_text(px, py - 6, text=score_text(series[i][1]),
                                            anchor="s", fill=INK, font=font)
        self._dates(box, times, x, font)

    def _pain_free(self, box: Box, font: Any) -> None:
        """Each run's distance before the pain (the whole run when it did not hurt), in the
        newest run's unit: the test of the routine, over the same time as the pain."""
        assert self.progress is not None
        unit = self.progress.run_unit
        points = [(t, metres / METRES[unit]) for t, metres in self.progress.pain_free]
        top = max(1.0, math.ceil(max(v for _, v in points)))
        ticks = [(v, f"{v:g}") for v in sorted({0.0, round(top / 2, 1), top})]
        self._frame(box, pain_free_titles(unit), top, ticks, font)
        times = [t for t, _ in points] + list(self._shared)
        x = self._time_x(times, box)
        x0, y0, x1, y1 = box
        series = reduce_series(points, max(2, int((x1 - x0) / 3)), mean)
        drawn = [(x(t), y1 - (y1 - y0) * v / top) for t, v in series]
        if len(drawn) > 1:
            self.canvas.create_line(*[c for p in drawn for c in p], fill=RUN, width=2,
                                    tags=("pain_free",))
        for i in labelled_points([v for _, v in series], int((x1 - x0) / (font.measure("00.0")
                                                                           * 2))):
            px, py = drawn[i]
            self.canvas.create_oval(px - 4, py - 4, px + 4, py + 4, fill=RUN, width=0,
                                    tags=("pain_free_point",))
            self.canvas.create_text(px, py - 6, text=f"{series[i][1]:.1f}", anchor="s",
                                    fill=INK, font=font)
        self._dates(box, times, x, font)

    def _dates(self, box: Box, times: list[datetime], x: Callable[[datetime], float],
               font: Any) -> None:
        x0, _, x1, y1 = box
        fits = int((x1 - x0) / (font.measure("00 Mmm 0000") + 16))
        for t, text in time_ticks(min(times), max(times), fits):
            half = font.measure(text) / 2 + 2
            self.canvas.create_line(x(t), y1, x(t), y1 + 3, fill=INK)
            self.canvas.create_text(min(max(x(t), x0 + half), x1 - half), y1 + 3, text=text,
                                    anchor="n", fill=INK, font=font)

    def _empty(self, box: Box, text: str, font: Any) -> None:
        x0, y0, x1, y1 = box
        self.canvas.create_text((x0 + x1) / 2, (y0 + y1) / 2, text=text, fill="#888888",
                                font=font)
