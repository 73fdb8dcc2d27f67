"""The report's further parts, each a table, there when the history holds some: where each
growing exercise stands (progression levels), the runs, and the notes, dated. Their words
are the ones the rest of itbtimer uses (present/progress_words.py, present/run_words.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from itbtimer.core.progression import Progression
from itbtimer.core.routine import Routine
from itbtimer.history.records import RunRecord
from itbtimer.present.progress_words import level_line
from itbtimer.present.run_words import pain_free_words, run_summary


@dataclass(frozen=True)
class Part:
    """A part of the report as a table under its title."""

    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    shares: tuple[float, ...]  # each column's share of the width


def levels_part(routine: Routine, progression: Progression) -> Part | None:
    """"Plank · level 2 of 6 · Plank 40 s (+5 s: pain 2 and 1)"; none when nothing grows."""
    if not progression:
        return None
    rows = tuple((lv.key.name, f"{lv.level} of {lv.most}", level_line(routine, lv))
                 for lv in progression.levels)
    return Part("Progression: where each exercise stands for the next session",
                ("Exercise", "Level", "Next session, and why"), rows, (2.2, 1, 5))


def runs_part(runs: Sequence[RunRecord]) -> Part | None:
    """A row a run: its day, how far and fast, the pain and how far before it."""
    if not runs:
        return None
    rows = tuple((f"{run.start:%a %d %b %Y}", run_summary(run).lstrip(", "),
                  pain_free_words(run)) for run in runs)
    return Part("Runs", ("Day", "Run", "Before the pain"), rows, (1.6, 4, 2.4))


def notes_part(sessions: Sequence[tuple[datetime, str]],
               runs: Sequence[RunRecord]) -> Part | None:
    """Every note of these weeks, on a session or a run, by date: the day only (a run
    logged for an earlier day is kept at noon there, a time nobody gave)."""
    dated = [(start, "session", note) for start, note in sessions]
    dated += [(run.start, "run", run.note) for run in runs if run.note]
    if not dated:
        return None
    rows = tuple((f"{start:%a %d %b %Y}", what, note)
                 for start, what, note in sorted(dated, key=lambda d: d[0]))
    return Part("Notes", ("When", "On", "Note"), rows, (2, 0.9, 6))
