"""A session's record, built from the engine's session (pure): what the history keeps.

The figures read back from many records (weeks, holds, pain) are the store's
queries (history/queries.py), taking each rule from `SessionRecord`
(counts_for_week, holds, week).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from itbtimer.core.plan import StepKind
from itbtimer.core.schedule import reps_counted
from itbtimer.core.session import Session, SessionState, StepStatus
from itbtimer.history.records import SessionRecord, StepResult


def is_practice(practice: bool, speed: float) -> bool:
    """A practice run (a rehearsal, kept apart from the figures): --practice, or any speed
    other than 1."""
    return practice or speed != 1.0


def build_record(session: Session, now: float, start: datetime, end: datetime,
                 routine_file: str | None = None, pain: int | None = None,
                 record_id: str | None = None, speed: float = 1.0,
                 practice: bool = False) -> SessionRecord:
    """One session's record: start/end with offsets, totals, and every work step.

    Seconds are routine seconds (the session runs on routine time); at --speed N
    the real time is routine seconds ÷ N, and the session is a practice run.
    """
    steps = []
    # a session still running (the in-progress mirror): its current step counts as
    # stopped at `now`, so a crash mid-hold keeps the time held so far
    current = None
    if session.started_at is not None and not session.over:
        view = session.view(now)
        current = (view.index, view.elapsed)
    for n, r in enumerate(session.records):
        if r.step.kind != StepKind.WORK:
            continue
        status, active = r.status, r.active_seconds
        if current is not None and n == current[0] and status == StepStatus.NOT_REACHED:
            status, active = StepStatus.STOPPED, current[1]
        untimed = not r.step.timed
        done = status == StepStatus.DONE or (status == StepStatus.STOPPED and active > 0)
        steps.append(StepResult(
            name=r.step.name, status=status, mode=r.step.mode, side=r.step.side,
            set=r.step.set, round=r.step.round, planned_seconds=r.step.seconds,
            active_seconds=round(active, 2), added_seconds=r.added_seconds,
            reps=r.step.reps, until=r.step.until,
            time_seconds=round(active, 2) if untimed and done else None,
            reps_done=reps_counted(r.step.tempo, r.step.reps, active)
            if r.step.tempo and r.step.reps and done else None))
    routine = session.plan.routine
    return SessionRecord(
        id=record_id or uuid.uuid4().hex,
        start=start.replace(microsecond=0),
        end=end.replace(microsecond=0),
        routine=routine.name,
        routine_id=routine.identity,
        steps=tuple(steps),
        file=routine_file,
        fingerprint=routine.fingerprint,
        per_week=routine.per_week,
        completed=session.state == SessionState.FINISHED,
        active_seconds=round(session.active_seconds(now), 2),
        paused_seconds=round(session.paused_seconds(now), 2),
        pain=pain,
        practice=is_practice(practice, speed),
        speed=speed,
        question=session.plan.ask,
        levels=tuple(session.plan.progression.as_levels().items())
        if session.plan.progression else None,
    )
