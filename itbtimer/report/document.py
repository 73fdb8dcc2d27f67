"""The report for the physio: a routine's weeks against its target, the answers to its
pain question after the session and the morning after, and the holds of each side, with
their trend, their asymmetry and the bests; then any further parts (tables) that the
history holds. One or two pages, A4 or Letter."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Protocol

from itbtimer.core.durations import format_clock
from itbtimer.core.progression import Progression
from itbtimer.core.routine import Routine
from itbtimer.core.runs import METRES
from itbtimer.errors import ReportError
from itbtimer.history.charts import dashed_side, mean
from itbtimer.history.figures import Progress, by_exercise
from itbtimer.history.records import RunRecord, week_start
from itbtimer.present.history_words import pain_legend
from itbtimer.report import charts
from itbtimer.report.charts import MARKERS, Key, Line, Marker
from itbtimer.report.ink import QUIET, Rgb
from itbtimer.report.paper import Paper
from itbtimer.report.parts import Part, levels_part, notes_part, runs_part
from itbtimer.report.sheet import Sheet
from itbtimer.report.words import (
    HOLD_HEADINGS,
    MOST_WEEKS,
    Period,
    counted_weeks,
    hold_rows,
    pain_lines,
    weeks_lines,
)

PAIN: Rgb = (198, 40, 40)
RUN: Rgb = (40, 40, 40)
SERIES: tuple[Rgb, ...] = ((31, 119, 180), (214, 39, 40), (44, 140, 44), (148, 103, 189),
                           (200, 100, 10), (140, 86, 75))  # the History screen's, darker


@dataclass(frozen=True)
class ReportData:
    name: str  # the routine's name now
    period: Period
    progress: Progress  # its figures, the series of the period's sessions
    made: datetime
    runs: tuple[RunRecord, ...] = ()  # the runs of the period (any routine: runs have none)
    parts: tuple[Part, ...] = ()  # the progression levels, the notes: where there are some

class Figures(Protocol):
    """What a report reads from the history (history.HistoryStore has it)."""

    def progress(self, today: date, routine: str | None = None, per_week: int | None = None,
                 weeks: int = 12, series: bool = False,
                 since: date | None = None) -> Progress: ...

    def runs(self, newest: int | None = None, since: date | None = None) -> list[RunRecord]: ...

    def notes(self, routine: str, since: date) -> list[tuple[datetime, str]]: ...

    def progression(self, routine: Routine) -> Progression: ...


def gather(store: Figures, identity: str, name: str, per_week: int | None, made: datetime,
           weeks: int, routine: Routine | None = None) -> ReportData:
    """The figures of the routine recorded as `identity` for the `weeks` up to `made`; with
    the `routine` itself (its file is there), where each growing exercise stands. ReportError
    when the history has none of its sessions, or the weeks are not 1 to MOST_WEEKS."""
    if not 1 <= weeks <= MOST_WEEKS:
        raise ReportError(f"--weeks must be a whole number from 1 to {MOST_WEEKS} (not {weeks})")
    asked = Period.of(made.date(), weeks)
    progress = store.progress(made.date(), identity, per_week, weeks=weeks, series=True,
                              since=asked.first)
    if progress.last_session is None:
        raise ReportError(f"No sessions of {name} recorded yet: there is nothing to report "
                          "(practice runs are not counted)")
    first = progress.first_session
    period = Period.of(made.date(), weeks, first.date() if first else None)
    runs = tuple(store.runs(since=period.first))
    levels = levels_part(routine, store.progression(routine)) if routine else None
    notes = notes_part(store.notes(identity, period.first), runs)
    return ReportData(name, period, progress, made, runs,
                      tuple(part for part in (levels, notes) if part is not None))


def report_pdf(data: ReportData, paper: Paper) -> bytes:
    """The report as a PDF."""
    sheet = Sheet(paper, f"{data.name}: report", data.made)
    sheet.heading(f"{data.name} — report", 16)
    last = data.progress.last_session
    sheet.paragraph(f"{data.period.text()} · made {data.made:%d %b %Y %H:%M} with itbtimer"
                    + (f" · last session {last:%a %d %b %Y}" if last else ""), 9, colour=QUIET)
    sheet.gap(3)
    _weeks(sheet, data)
    _pain(sheet, data)
    _holds(sheet, data)
    _runs(sheet, data)
    for part in data.parts:
        _part(sheet, part)
    return sheet.output()


def _weeks(sheet: Sheet, data: ReportData) -> None:
    progress = data.progress
    sheet.heading("Sessions per week", keep=45)
    for line in weeks_lines(progress.weeks, progress.per_week, data.period.since):
        sheet.paragraph(line)
    keys = [(Key.MET, "target met"), (Key.NOT_MET, "not met"),
            (Key.TARGET, f"target {progress.per_week} a week")] if progress.per_week else []
    charts.legend(sheet, [], keys)
    box = charts.plot_box(sheet, 42)
    charts.week_bars(sheet, box, counted_weeks(progress.weeks, data.period.since),
                     progress.per_week, data.period.last.year)
    sheet.gap(3)


def _pain(sheet: Sheet, data: ReportData) -> None:
    """The answers after the session and the morning after; not there when the routine
    asks nothing and nothing was answered."""
    progress = data.progress
    if not (progress.pain or progress.morning or progress.question):
        return
    sheet.heading(f"{progress.pain_label()} (0 none – 10 worst)", keep=45)
    for line in pain_lines(progress):
        sheet.paragraph(line)
    labels = [long for long, _ in pain_legend(True)]
    lines = [Line(labels[0], [(t, float(v)) for t, v in progress.pain], PAIN, combine=mean,
                  labelled=True)]
    if progress.morning:
        lines.append(Line(labels[1], [(t, float(v)) for t, v in progress.morning], PAIN,
                          dashed=True, combine=mean))
    charts.legend(sheet, lines)
    box = charts.plot_box(sheet, 38)
    charts.time_lines(sheet, box, lines, data.period.start(), data.period.end(), 10.0,
                      [(v, str(v)) for v in (0, 2, 4, 6, 8, 10)], "No answers in these weeks")
    sheet.gap(3)


def _holds(sheet: Sheet, data: ReportData) -> None:
    """Each exercise a colour and a marker; its left side (or both) solid and filled, its
    right dashed and open."""
    progress = data.progress
    if not progress.holds:
        return
    sheet.heading("Holds: the longest of each session", keep=50)
    for asymmetry in progress.asymmetries:
        sheet.paragraph(asymmetry.text())
    lines = [Line(hold.label, hold.series, SERIES[n % len(SERIES)], MARKERS[n % len(MARKERS)],
                  dashed=dashed_side(hold.side))
             for n, (_, sides) in enumerate(by_exercise(progress.holds)) for hold in sides]
    charts.legend(sheet, lines)
    box = charts.plot_box(sheet, 48)
    highest = max([v for line in lines for _, v in line.points] + [30.0])
    top = (int(highest // 30) + 1) * 30
    step = max(30, top // 4 // 30 * 30)
    charts.time_lines(sheet, box, lines, data.period.start(), data.period.end(), top,
                      [(v, format_clock(v)) for v in range(0, top + 1, step)],
                      "No holds in these weeks")
    sheet.gap(2)
    sheet.table(HOLD_HEADINGS, hold_rows(progress.holds), (4, 1.3, 1, 1, 1.3))


def _runs(sheet: Sheet, data: ReportData) -> None:
    """The runs' distance, dashed, and how far each went before the pain, solid; in the
    unit of the newest run (each row in its own); over the weeks from the first run's (runs
    begun lately were a pile of markers at the right end of the sessions' weeks)."""
    part = runs_part(data.runs)
    if part is None:
        return
    unit = data.progress.run_unit
    sheet.heading("Runs: how far before the knee hurt", keep=50)
    whole = [(run.start, run.distance_m / METRES[unit]) for run in data.runs]
    free = [(run.start, run.pain_free_m / METRES[unit]) for run in data.runs
            if run.pain_free_m is not None]
    lines = [Line("before the pain", free, RUN, Marker.CIRCLE),
             Line("the whole run", whole, RUN, Marker.SQUARE, dashed=True)]
    charts.legend(sheet, lines)
    box = charts.plot_box(sheet, 40)
    most = max(v for _, v in whole)
    step = max(1, math.ceil(most / 4))
    top = step * max(1, math.ceil(most * 1.05 / step))
    first = max(data.period.first, week_start(min(run.local_date for run in data.runs)))
    charts.time_lines(sheet, box, lines, datetime.combine(first, time()).astimezone(),
                      data.period.end(), top, [(v, f"{v} {unit}") for v in range(0, top + 1, step)],
                      "No runs in these weeks")
    sheet.gap(2)
    _part(sheet, replace(part, title=""))


def _part(sheet: Sheet, part: Part) -> None:
    if part.title:
        sheet.heading(part.title, keep=15)
    sheet.table(part.headings, part.rows, part.shares)
