"""What the terminal is told when a session could not be saved to the history at quit:
where it went, or (kept nowhere) its figures, so nothing is lost without a word."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from itbtimer.core.durations import format_hms
from itbtimer.history.records import SessionRecord


def kept_elsewhere(why: str | None, place: Path, count: int) -> str:
    sessions = "The session is" if count == 1 else f"The {count} sessions are"
    return (f"itbtimer: {why or 'History not saved'}. {sessions} kept in {place} and "
            "recorded at the next start.")


def kept_nowhere(why: str | None, records: Iterable[SessionRecord]) -> str:
    lines = [f"itbtimer: {why or 'History not saved'}."]
    for record in records:
        done = sum(1 for step in record.steps if step.done)
        lines.append(f"The session of {record.start:%a %d %b %Y %H:%M} could not be kept "
                     f"anywhere: {record.routine}, active {format_hms(record.active_seconds)}"
                     f", {done} of {len(record.steps)} exercises done.")
    return " ".join(lines)
