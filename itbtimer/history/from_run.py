"""A run's record, from what the person wrote (core.runs.RunEntry) and when (pure)."""

from __future__ import annotations

import uuid
from datetime import datetime, time

from itbtimer.core.runs import DistanceUnit, RunEntry
from itbtimer.history.records import RunRecord

LOGGED_LATER_AT = time(12, 0)  # a run logged for an earlier day: noon that day


def run_record(entry: RunEntry, now: datetime, record_id: str | None = None) -> RunRecord:
    """The run as the history keeps it: run today, it is at `now` (an aware local time);
    on an earlier day, at noon that day, in this machine's offset for it."""
    if entry.day == now.date():
        start = now.replace(microsecond=0)
    else:
        start = datetime.combine(entry.day, LOGGED_LATER_AT).astimezone()
    return RunRecord(id=record_id or uuid.uuid4().hex, start=start,
                     distance_m=entry.distance.metres, unit=entry.distance.unit,
                     seconds=entry.seconds, pain=entry.pain, pain_from_m=entry.pain_from_m,
                     note=entry.note)


def newest_unit(newest: list[RunRecord]) -> DistanceUnit:
    """The unit a bare number is in: the newest run's (store.runs(newest=1)), else km."""
    return newest[-1].unit if newest else DistanceUnit.KM
