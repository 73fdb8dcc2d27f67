"""What the History screen says, decided without Tk: the list's lines, the charts'
scope and titles, and whether a week met its target (pure; the screen only draws)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import partial

from itbtimer.core.durations import format_clock, format_hms
from itbtimer.core.escaping import escaped
from itbtimer.core.runs import DistanceUnit, format_distance
from itbtimer.history.charts import dashed_side
from itbtimer.history.figures import Hold, Listed, hold_lines
from itbtimer.history.records import RunRecord
from itbtimer.present.run_words import pain_words

NOTE_LONG, NOTE_SHORT = 40, 16  # a note's characters in the list's long and short lines
NOTE_LEAST = 6  # fewer of a note's characters (with its "…") than this say nothing: none shown
LIST_SHARE = 0.4  # the History list takes at most this share of the width: the charts the rest
MET = "#2e7d32"  # a week with at least the target's sessions
NOT_MET = "#64b5f6"


def answers_text(pain: int | None, morning: int | None) -> str:
    """The answers after the session and the morning after, as the list says them:
    " pain 3, morning 1", " pain 3", " morning 1", or nothing."""
    said = ([f"pain {pain}"] if pain is not None else []) + (
        [f"morning {morning}"] if morning is not None else [])
    return " " + ", ".join(said) if said else ""


def list_line(session: Listed, short: bool = False, notes: bool = True) -> str:
    """One session in the list: "23 Nov 2026 18:00 0:12:30 pain 3, morning 1 practice";
    `short` (the list has no room for the long ones): "23 Nov 18:00 12:30 pain 3 practice",
    no year and
    the time as m:ss under an hour, a damaged record without the command that deletes it.
    Words are never cut (the list is as wide as its rows), but for a note's: at most
    NOTE_LONG characters of it, NOTE_SHORT in a short line."""
    if session.damaged:
        return f"{session.short_id} damaged record" + (
            "" if short else f": itbtimer history --delete {session.short_id}")
    mark = (" practice" if session.practice else " interrupted" if session.interrupted
            else " interrupted, not yet saved" if session.left else "")
    pain = answers_text(session.pain, session.morning)
    note = note_words(session.note, NOTE_SHORT if short else NOTE_LONG) if notes else ""
    if short:
        when = f"{session.start:%d %b %H:%M} {format_clock(session.active_seconds)}"
    else:
        when = f"{session.start:%d %b %Y %H:%M} {format_hms(session.active_seconds)}"
    return f"{when}{pain}{mark}{note}"


def run_line(run: RunRecord, short: bool = False, notes: bool = True) -> str:
    """A run among the sessions in the list: "07 Dec 2026 run 5.2 km, pain 3 from 4.0 km
    “hills”"; `short`: no year, less of the note; not `notes`: none."""
    when = f"{run.start:%d %b}" if short else f"{run.start:%d %b %Y}"
    note = note_words(run.note, NOTE_SHORT if short else NOTE_LONG) if notes else ""
    return f"{when} run {format_distance(run.distance_m, run.unit)}{pain_words(run)}{note}"


def row_line(row: Listed | RunRecord, short: bool = False, notes: bool = True) -> str:
    """A row of the History list: a session's line or a run's."""
    if isinstance(row, RunRecord):
        return run_line(row, short, notes)
    return list_line(row, short, notes)


def list_rows(rows: Sequence[Listed | RunRecord], fits: Callable[[str], bool]) -> list[str]:
    """The History list's lines: the long ones, notes whole, when every one `fits` the
    list's room; else the short ones, each note taking what room its line leaves, ending
    in "…" (only a note with too little room for NOTE_LEAST characters is left out)."""
    whole = [row_line(row) for row in rows]
    if all(fits(line) for line in whole):
        return whole
    lines = []
    for row in rows:
        line = row_line(row, short=True, notes=False)
        note = None if isinstance(row, Listed) and row.damaged else row.note
        lines.append(line + fitted_note(note, partial(_fits_after, fits, line)))
    return lines


def _fits_after(fits: Callable[[str], bool], line: str, said: str) -> bool:
    return fits(line + said)


def fitted_note(note: str | None, fits: Callable[[str], bool]) -> str:
    """The most of `note` (up to NOTE_LONG characters) that `fits`, as note_words says
    it; nothing when not even NOTE_LEAST characters do."""
    if not note:
        return ""
    top = min(NOTE_LONG, len(escaped(note)))
    if top < NOTE_LEAST:
        return note_words(note, top) if fits(note_words(note, top)) else ""
    sizes = range(NOTE_LEAST, top + 1)  # wider with each: the first that fails ends the fit
    most = bisect_right(sizes, False, key=lambda size: not fits(note_words(note, size)))
    return note_words(note, sizes[most - 1]) if most else ""


def note_words(note: str | None, most: int) -> str:
    """A session's note in its list line: ' “twinge on the lunges”', escaped, at most `most`
    characters of it (then "…")."""
    if not note:
        return ""
    shown = escaped(note)
    return f" “{shown if len(shown) <= most else shown[:most - 1].rstrip() + '…'}”"


def week_scope(shown: int, whole: bool, earlier: bool) -> str:
    """How much of the history the weeks chart shows, for its title."""
    if whole and shown > 12:
        return "whole history"
    return f"{shown} weeks" + (", ← earlier" if earlier else "")


def week_titles(shown: int, whole: bool, earlier: bool) -> tuple[str, str]:
    """The weeks chart's title, long then short (when the long one does not fit)."""
    return f"Sessions per week ({week_scope(shown, whole, earlier)})", "Sessions per week"


def target_legend(target: int | None) -> list[tuple[str, str]]:
    """The target's legend entry, long and short; none without a target."""
    return [(f"target {target} a week", f"target {target}")] if target else []


def week_met(count: int, target: int | None) -> bool:
    """Did a week meet the target: at least `target` sessions (never without a target)."""
    return bool(target) and count >= (target or 0)


def week_colour(count: int, target: int | None) -> str:
    """A week's bar: green when it met the target, blue otherwise (or with no target)."""
    return MET if week_met(count, target) else NOT_MET


def pain_titles(label: str) -> tuple[str, str]:
    """The pain chart's title, long then short: the question's own words."""
    return f"{label} after the session (0-10)", label


def pain_free_titles(unit: DistanceUnit) -> tuple[str, str]:
    """The runs' chart's title, long then short: how far each run went before the pain."""
    return f"Distance before the pain ({unit})", f"Before pain ({unit})"


def score_text(value: float) -> str:
    """A pain point's label: whole scores as they are, a week's mean to one decimal."""
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def hold_legend(sides: list[Hold], short: bool = False) -> str:
    """An exercise's entry in the holds chart's legend: its figures, and which line is
    which side when it has two ("Side plank: L best 0:40 · R best 0:31, R dashed");
    `short`: its name ("Side plank, R dashed")."""
    (line,) = [sides[0].exercise] if short else hold_lines(tuple(sides))
    return line + (", R dashed" if any(dashed_side(h.side) for h in sides) else "")


def pain_legend(morning: bool) -> list[tuple[str, str]]:
    """The pain chart's legend, long and short: none with the after-session answers alone;
    with morning-after answers too, which line is which."""
    if not morning:
        return []
    return [("after the session", "after"), ("the morning after, dashed", "morning, dashed")]
