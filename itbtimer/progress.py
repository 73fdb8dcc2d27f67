"""A session's record built from the engine, and the progress read from many of them (pure).

The store (history/store.py) computes the same `Progress` with indexed queries;
this pure version reads a list of records (tests, an in-memory store) and both
take each rule from `SessionRecord` (counts_for_week, holds, week).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from .history.figures import Hold, Progress
from .history.records import SessionRecord, StepResult, week_start
from .session import Session


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
        if r.step.kind != "work":
            continue
        status, active = str(r.status), r.active_seconds
        if current is not None and n == current[0] and status == "not_reached":
            status, active = "stopped", current[1]
        untimed = not r.step.timed
        done = status == "done" or (status == "stopped" and active > 0)
        steps.append(StepResult(
            name=r.step.name, status=status, mode=r.step.mode, side=r.step.side,
            set=r.step.set, round=r.step.round, planned_seconds=r.step.seconds,
            active_seconds=round(active, 2), added_seconds=r.added_seconds,
            reps=r.step.reps, until=r.step.until,
            time_seconds=round(active, 2) if untimed and done else None))
    routine = session.plan.routine
    return SessionRecord(
        id=record_id or uuid.uuid4().hex,
        start=start.replace(microsecond=0),
        end=end.replace(microsecond=0),
        routine=routine.name,
        steps=tuple(steps),
        file=routine_file,
        fingerprint=routine.fingerprint,
        per_week=routine.per_week,
        completed=session.state == "finished",
        active_seconds=round(session.active_seconds(now), 2),
        paused_seconds=round(session.paused_seconds(now), 2),
        pain=pain,
        practice=practice or speed != 1.0,
        speed=speed,
        question=session.plan.ask,
    )


# --- reading progress back ------------------------------------------------------------


def progress(records: Iterable[SessionRecord], today: date, routine: str | None = None,
             per_week: int | None = None, weeks: int = 12) -> Progress:
    """Weekly counts, holds per until-exercise and pain, for one routine or all.

    `today` is the local date now: "this week" is its ISO week; each session
    belongs to the ISO week of its own local date. Sorted by instant.
    """
    chosen = sorted((r for r in records if not r.practice
                     and (routine is None or r.routine == routine)), key=lambda r: r.start)
    monday = week_start(today)
    counts = {monday - timedelta(weeks=i): 0 for i in range(weeks)}
    holds: dict[str, list[tuple[datetime, float]]] = {}
    for record in chosen:
        if record.week in counts and record.counts_for_week():
            counts[record.week] += 1
        for name, held in record.holds().items():
            holds.setdefault(name, []).append((record.start, held))
    if per_week is None:
        per_week = next((r.per_week for r in reversed(chosen) if r.per_week), None)
    return Progress(
        this_week=counts[monday],
        per_week=per_week,
        last_session=chosen[-1].start if chosen else None,
        weeks=tuple(sorted(counts.items())),
        holds=tuple(Hold(name, max(h for _, h in series), series[-1][1], tuple(series))
                    for name, series in holds.items()),
        pain=tuple((r.start, r.pain) for r in chosen if r.pain is not None),
        question=next((r.question for r in reversed(chosen) if r.question), None),
    )
