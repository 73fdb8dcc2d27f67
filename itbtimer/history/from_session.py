"""A session's record built from the engine, and the progress read from many of them (pure).

The store (history/store.py) computes the same `Progress` with indexed queries;
this pure version reads a list of records (tests, an in-memory store) and both
take each rule from `SessionRecord` (counts_for_week, holds, week). Both must
agree figure for figure: tests/integration/test_progress_contract.py runs the
same sessions through both.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from itbtimer.core.plan import StepKind
from itbtimer.core.session import Session, SessionState, StepStatus
from itbtimer.history import figures
from itbtimer.history.figures import Hold, Progress
from itbtimer.history.records import SessionRecord, StepResult, week_start


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
        completed=session.state == SessionState.FINISHED,
        active_seconds=round(session.active_seconds(now), 2),
        paused_seconds=round(session.paused_seconds(now), 2),
        pain=pain,
        practice=practice or speed != 1.0,
        speed=speed,
        question=session.plan.ask,
    )


# --- reading progress back ------------------------------------------------------------


def progress(records: Iterable[SessionRecord], today: date, routine: str | None = None,
             per_week: int | None = None, weeks: int = 12, series: bool = False) -> Progress:
    """Weekly counts, holds per until-exercise and pain, for one routine or all.

    `records` are finished sessions (a store keeps sessions in progress apart);
    practice runs are left out. `today` is the local date now: "this week" is its
    ISO week; each session belongs to the ISO week of its own local date. Sorted
    by instant. series=False: the last `weeks` weeks, each hold's best and last;
    series=True: every week since the first session, and the holds and pain over
    time — one point per session, or per week (the week's longest hold, its mean
    pain) above figures.SERIES_POINTS sessions. per_week (when not given): the
    target of the routine's latest session; None for all routines.
    """
    chosen = sorted((r for r in records if not r.practice
                     and (routine is None or r.routine == routine)), key=lambda r: r.start)
    monday = week_start(today)
    first_week = monday - timedelta(weeks=weeks - 1)
    if series and chosen:
        first_week = min(first_week, min(r.week for r in chosen))
    weekly = series and len(chosen) > figures.SERIES_POINTS
    counts = {first_week + timedelta(weeks=i): 0
              for i in range((monday - first_week).days // 7 + 1)}
    holds: dict[str, list[tuple[datetime, float, date]]] = {}
    for record in chosen:
        if record.week in counts and record.counts_for_week():
            counts[record.week] += 1
        for name, held in record.holds().items():
            holds.setdefault(name, []).append((record.start, held, record.week))
    if per_week is None and routine is not None and chosen:
        per_week = chosen[-1].per_week
    scored = [(r.start, r.pain, r.week) for r in chosen if r.pain is not None]
    return Progress(
        this_week=counts[monday],
        per_week=per_week,
        last_session=chosen[-1].start if chosen else None,
        weeks=tuple(sorted(counts.items())),
        holds=tuple(_hold(name, held, series, weekly) for name, held in
                    sorted(holds.items(), key=lambda kv: (kv[1][0][0], kv[0]))),
        pain=_pain(scored, weekly) if series else (),
        question=next((r.question for r in reversed(chosen) if r.question), None),
    )


def _monday(week: date) -> datetime:
    return datetime.combine(week, time()).astimezone()


def _hold(name: str, held: list[tuple[datetime, float, date]], series: bool,
          weekly: bool) -> Hold:
    points: tuple[tuple[datetime, float], ...] = ()
    if weekly:
        longest: dict[date, float] = {}
        for _, seconds, week in held:
            longest[week] = max(longest.get(week, 0.0), seconds)
        points = tuple((_monday(w), v) for w, v in sorted(longest.items()))
    elif series:
        points = tuple((start, seconds) for start, seconds, _ in held)
    return Hold(name, max(s for _, s, _ in held), held[-1][1], points)


def _pain(scored: list[tuple[datetime, int, date]],
          weekly: bool) -> tuple[tuple[datetime, int], ...]:
    if not weekly:
        return tuple((start, pain) for start, pain, _ in scored)
    by_week: dict[date, list[int]] = {}
    for _, pain, week in scored:
        by_week.setdefault(week, []).append(pain)
    # the mean rounded half away from zero, as SQLite's ROUND does
    return tuple((_monday(w), math.floor(sum(p) / len(p) + 0.5))
                 for w, p in sorted(by_week.items()))
