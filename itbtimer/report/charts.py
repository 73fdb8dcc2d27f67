"""The report's charts, drawn as vectors on a Sheet: sessions per week against the target
(bars), and answers or holds over the weeks (lines). Readable printed in black and white:
what colour says, a dash, a marker's shape and whether it is filled say too. Which points
and labels to show is the History screen's own choice (history/charts.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from itbtimer.core.enums import StrEnum
from itbtimer.history.charts import labelled_points, reduce_series, time_ticks, week_labels
from itbtimer.present.history_words import score_text, week_met
from itbtimer.report.ink import INK, Rgb

if TYPE_CHECKING:
    from itbtimer.report.sheet import Sheet

AXIS = 9.0  # mm left of a plot for its values
BELOW = 5.0  # mm under a plot for its dates
SMALL = 7.0  # pt: values, dates, legends
GRID = (215, 215, 215)
MET = (55, 55, 55)  # a week that met the target: dark
NOT_MET = (205, 205, 205)  # one that did not: light, outlined
DASH = (1.6, 1.0)  # mm on, mm off
LABEL_GAP = 1.0  # mm at least between two values written over a line
FEWEST_SLOTS = 6  # the bars chart is at least this many weeks wide
MARKED = 60  # at most this many points get markers (as on the screen)


class Marker(StrEnum):
    """A line's points: by shape, so lines tell apart printed in grey."""

    CIRCLE = "circle"
    SQUARE = "square"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"


MARKERS = tuple(Marker)


class Key(StrEnum):
    """A legend's sample that is not a line: a bar that met the target, one that did not,
    the target."""

    MET = "met"
    NOT_MET = "not met"
    TARGET = "target"


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Line:
    """One series: solid or dashed, its markers filled or open, labelled or not."""

    label: str
    points: Sequence[tuple[datetime, float]]
    colour: Rgb
    marker: Marker = Marker.CIRCLE
    dashed: bool = False
    combine: Callable[[list[float]], float] = max  # how points that share a slot combine
    labelled: bool = False  # values written above the (chosen) points


def plot_box(sheet: Sheet, height: float) -> Box:
    """The plot area of a chart `height` mm tall at the cursor, the cursor moved below it."""
    sheet.need(height)
    box = Box(sheet.left + AXIS, sheet.y + 2.0, sheet.width - AXIS, height - 2.0 - BELOW)
    sheet.gap(height)
    return box


def week_bars(sheet: Sheet, box: Box, weeks: Sequence[tuple[date, int]],
              target: int | None, this_year: int) -> None:
    """A bar a week, its count above it: dark when it met the target (or there is none),
    light and outlined when not; the target as a dashed line across."""
    pdf = sheet.pdf
    most = max([n for _, n in weeks] + [target or 0, 1])
    top = most * 1.15
    step = max(1, -(-most // 5))
    _grid(sheet, box, top, [(v, str(v)) for v in range(0, most + 1, step)])
    slot = box.width / max(FEWEST_SLOTS, len(weeks))  # one week alone: not one wide slab
    gap = slot * 0.18
    sheet.font(SMALL)
    pdf.set_line_width(0.2)
    for i, (_, count) in enumerate(weeks):
        if not count:
            continue
        height = box.height * count / top
        left = box.x + i * slot + gap
        dark = week_met(count, target) or not target
        pdf.set_fill_color(*(MET if dark else NOT_MET))
        pdf.set_draw_color(*MET)
        pdf.rect(left, box.bottom - height, max(0.3, slot - 2 * gap), height,
                 style="F" if dark else "DF")
        if slot >= 3.5:
            text = str(count)
            pdf.text(left + (slot - 2 * gap - sheet.text_width(text)) / 2,
                     box.bottom - height - 0.8, text)
    if target:
        y = box.bottom - box.height * target / top
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.45)
        pdf.set_dash_pattern(*DASH)
        pdf.line(box.x, y, box.right, y)
        pdf.set_dash_pattern()
    fits = max(1, int(box.width / (sheet.text_width("00 Mmm 0000") + 3)))
    for i, text in week_labels([d for d, _ in weeks], fits, this_year):
        _below(sheet, box, box.x + (i + 0.5) * slot, text)
    _axes(sheet, box)


def time_lines(sheet: Sheet, box: Box, lines: Sequence[Line], start: datetime, end: datetime,
               top: float, ticks: Sequence[tuple[float, str]], empty: str) -> None:
    """Lines over the period (start to end), values 0 to `top`; `empty` when none has a
    point."""
    _grid(sheet, box, top, ticks)
    span = (end - start).total_seconds() or 1.0

    def x(t: datetime) -> float:
        return box.x + box.width * min(1.0, max(0.0, (t - start).total_seconds() / span))

    if not any(line.points for line in lines):
        sheet.font(SMALL + 1, colour=(110, 110, 110))
        sheet.pdf.text(box.x + (box.width - sheet.text_width(empty)) / 2,
                       box.y + box.height / 2, empty)
    for line in lines:
        _line(sheet, box, line, x, top)
    fits = max(1, int(box.width / (sheet.text_width("00 Mmm 0000") + 4)))
    for t, text in time_ticks(start, end, fits):
        sheet.pdf.set_draw_color(*INK)
        sheet.pdf.set_line_width(0.2)
        sheet.pdf.line(x(t), box.bottom, x(t), box.bottom + 0.8)
        _below(sheet, box, x(t), text)
    _axes(sheet, box)


def _line(sheet: Sheet, box: Box, line: Line, x: Callable[[datetime], float],
          top: float) -> None:
    """One line: at most three points a mm (history/charts.reduce_series), its markers
    when there are few, and its values over the points labelled_points chooses."""
    pdf = sheet.pdf
    series = reduce_series(list(line.points), max(2, int(box.width * 1.5)), line.combine)
    points = [(x(t), box.bottom - box.height * min(1.0, v / top)) for t, v in series]
    pdf.set_draw_color(*line.colour)
    pdf.set_line_width(0.5)
    if line.dashed:
        pdf.set_dash_pattern(*DASH)
    if len(points) > 1:
        pdf.polyline(points)
    pdf.set_dash_pattern()
    if len(points) <= MARKED:
        for px, py in points:
            marker(sheet, line, px, py)
    if line.labelled:
        sheet.font(SMALL)
        fits = max(1, int(box.width / (sheet.text_width("10") * 3)))
        chosen = [(i, score_text(series[i][1]))
                  for i in labelled_points([v for _, v in series], fits)]
        for n in spaced([(points[i][0], sheet.text_width(text)) for i, text in chosen],
                        LABEL_GAP):
            i, text = chosen[n]
            pdf.text(points[i][0] - sheet.text_width(text) / 2, points[i][1] - 1.6, text)


def spaced(labels: Sequence[tuple[float, float]], gap: float) -> list[int]:
    """Which of the labels, each (centre x, width) in mm from left to right, to write so
    none touches another (two "2"s read as "22"): the last, then going left each one at
    least `gap` clear of the one kept after it."""
    kept: list[int] = []
    for n in range(len(labels) - 1, -1, -1):
        x, width = labels[n]
        if kept:
            after, after_width = labels[kept[-1]]
            if x + width / 2 + gap > after - after_width / 2:
                continue
        kept.append(n)
    return kept[::-1]


def marker(sheet: Sheet, line: Line, x: float, y: float, r: float = 0.9) -> None:
    """A point of `line`: its shape, filled with its colour (solid lines) or white (dashed)."""
    pdf = sheet.pdf
    pdf.set_draw_color(*line.colour)
    pdf.set_fill_color(*((255, 255, 255) if line.dashed else line.colour))
    pdf.set_line_width(0.3)
    if line.marker == Marker.CIRCLE:
        pdf.circle(x, y, r, style="DF")
    elif line.marker == Marker.SQUARE:
        pdf.rect(x - r, y - r, 2 * r, 2 * r, style="DF")
    elif line.marker == Marker.TRIANGLE:
        pdf.polygon([(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)],
                    style="DF")
    else:
        pdf.polygon([(x, y - r * 1.3), (x + r, y), (x, y + r * 1.3), (x - r, y)], style="DF")


def legend(sheet: Sheet, lines: Sequence[Line], extra: Sequence[tuple[Key, str]] = ()) -> None:
    """A line of keys at the cursor: the `extra` keys (a bar, the target), then each line's
    sample (its dash and marker) and label."""
    pdf = sheet.pdf
    sheet.font(SMALL)
    x, y = sheet.left + AXIS, sheet.y + 2.2
    for kind, text in extra:
        width = sheet.text_width(text) + 11
        if x + width > sheet.left + sheet.width:
            x, y = sheet.left + AXIS, y + 3.6
        _sample(sheet, kind, x, y)
        sheet.font(SMALL)
        pdf.text(x + 8, y + 0.9, text)
        x += width
    for line in lines:
        label = sheet.clean(line.label)
        width = sheet.text_width(label) + 12
        if x + width > sheet.left + sheet.width:
            x, y = sheet.left + AXIS, y + 3.6
        pdf.set_draw_color(*line.colour)
        pdf.set_line_width(0.5)
        if line.dashed:
            pdf.set_dash_pattern(1.2, 0.8)
        pdf.line(x, y, x + 7, y)
        pdf.set_dash_pattern()
        marker(sheet, line, x + 3.5, y)
        sheet.font(SMALL)
        pdf.text(x + 8.5, y + 0.9, label)
        x += width
    sheet.gap(y - sheet.y + 3.0)


def _sample(sheet: Sheet, kind: Key, x: float, y: float) -> None:
    pdf = sheet.pdf
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*MET)
    if kind == Key.TARGET:
        pdf.set_line_width(0.45)
        pdf.set_dash_pattern(*DASH)
        pdf.line(x, y, x + 7, y)
        pdf.set_dash_pattern()
        return
    pdf.set_fill_color(*(MET if kind == Key.MET else NOT_MET))
    pdf.rect(x + 1.5, y - 1.5, 4, 3, style="F" if kind == Key.MET else "DF")


def _grid(sheet: Sheet, box: Box, top: float, ticks: Sequence[tuple[float, str]]) -> None:
    pdf = sheet.pdf
    sheet.font(SMALL)
    for value, text in ticks:
        y = box.bottom - box.height * value / top
        pdf.set_draw_color(*GRID)
        pdf.set_line_width(0.15)
        pdf.line(box.x, y, box.right, y)
        pdf.text(box.x - 1.2 - sheet.text_width(text), y + 0.9, text)


def _axes(sheet: Sheet, box: Box) -> None:
    pdf = sheet.pdf
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.35)
    pdf.polyline([(box.x, box.y), (box.x, box.bottom), (box.right, box.bottom)])


def _below(sheet: Sheet, box: Box, x: float, text: str) -> None:
    """A date under the plot, centred on x but never past either end."""
    sheet.font(SMALL)
    half = sheet.text_width(text) / 2
    x = min(max(x, box.x + half), box.right - half)
    sheet.pdf.text(x - half, box.bottom + 3.2, text)
