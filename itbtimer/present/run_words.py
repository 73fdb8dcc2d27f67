"""A run in words, wherever it is shown: the command line, the window, the History list.
Distances in the unit the run was written in (core.runs.format_distance)."""

from __future__ import annotations

from itbtimer.core.durations import format_clock
from itbtimer.core.runs import format_distance, pace_text
from itbtimer.history.records import RunRecord


def run_summary(run: RunRecord) -> str:
    """"5.2 km in 31:20 (6:01 /km), pain 3 from 4.0 km"."""
    text = format_distance(run.distance_m, run.unit)
    if run.seconds:
        pace = pace_text(run.distance_m, run.seconds, run.unit)
        text += f" in {format_clock(run.seconds)} ({pace})"
    return text + pain_words(run)


def pain_words(run: RunRecord) -> str:
    """", pain 3 from 4.0 km", ", no pain", ", pain 3" (where it began not said), or ""."""
    where = f" from {format_distance(run.pain_from_m, run.unit)}" \
        if run.pain_from_m is not None else ""
    if run.pain is None:
        return f", pain{where}" if where else ""
    if run.pain == 0:
        return ", no pain"
    return f", pain {run.pain}{where}"


def pain_free_words(run: RunRecord) -> str:
    """"4.0 km before the pain", "the whole run without pain", "where the pain began not
    said", or "pain not said" (RunRecord.pain_free_m)."""
    free = run.pain_free_m
    if free is None:
        return "pain not said" if run.pain is None else "where the pain began not said"
    if free >= run.distance_m:
        return "the whole run without pain"
    return f"{format_distance(free, run.unit)} before the pain"


def logged_text(run: RunRecord) -> str:
    """What `itbtimer run` and the window say once a run is kept."""
    return (f"Logged a run on {run.start:%a %d %b %Y}: {run_summary(run)}; "
            f"{pain_free_words(run)}")
