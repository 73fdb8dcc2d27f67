"""Sessions of a routine with a one-sided hold (the side plank, left then right) for the
tests of figures per side (unit and integration rings)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from itbtimer.core.routine import ExerciseMode
from itbtimer.core.states import StepStatus
from itbtimer.history import SessionRecord
from itbtimer.history.records import StepResult

TZ = timezone(timedelta(hours=1))
ITB = "ITB recovery"


def held(name: str, seconds: float, side: str | None = None) -> StepResult:
    return StepResult(name, StepStatus.DONE, ExerciseMode.UNTIL, side=side, time_seconds=seconds)


def side_session(start: datetime, left: float, right: float, plank: float = 50.0,
                 pain: int | None = 2, practice: bool = False,
                 sets: int = 1) -> SessionRecord:
    """One session: a plank, then the side plank on the left and on the right (`sets` times,
    each set 2 s shorter than the one before)."""
    steps: list[StepResult] = []
    for n in range(sets):
        steps += [held("Plank", plank - 2 * n), held("Side plank", left - 2 * n, "left"),
                  held("Side plank", right - 2 * n, "right")]
    return SessionRecord(f"s{start:%Y%m%d%H%M}", start, start + timedelta(minutes=30), ITB,
                         tuple(steps), completed=True, active_seconds=1800.0, pain=pain,
                         practice=practice, routine_id=ITB, question="knee pain")


def weeks_of_sessions(today: datetime, weeks: int = 10) -> list[SessionRecord]:
    """Three sessions a week for `weeks` weeks up to `today`: the right side 35 % shorter
    than the left in the first weeks, 20 % in the last four (left 50 s, right 32.5 then 40)."""
    out = []
    for n in range(weeks * 3):
        start = today - timedelta(days=weeks * 7 - 1) + timedelta(days=n * 7 // 3, hours=18)
        recent = start > today - timedelta(weeks=4)
        out.append(side_session(start.replace(tzinfo=TZ), 50.0, 40.0 if recent else 32.5))
    return out


def paced(name: str, done: int | None, side: str | None = None) -> StepResult:
    """A reps step that was done; `done`: the reps its tempo counted (None: not paced)."""
    return StepResult(name, StepStatus.DONE, ExerciseMode.REPS, side=side, reps="8-12",
                      reps_done=done)


def dips_session(start: datetime, left: int | None, right: int | None, squats: int = 12,
                 practice: bool = False, sets: int = 1) -> SessionRecord:
    """One session: paced squats, then single leg dips on the left and on the right (`sets`
    times, each set a rep fewer than the one before; None: un-paced, no count)."""
    steps: list[StepResult] = []
    for n in range(sets):
        steps += [paced("Squats", squats - n),
                  paced("Single leg dips", None if left is None else left - n, "left"),
                  paced("Single leg dips", None if right is None else right - n, "right")]
    return SessionRecord(f"s{start:%Y%m%d%H%M}", start, start + timedelta(minutes=30), ITB,
                         tuple(steps), completed=True, active_seconds=1800.0, pain=2,
                         practice=practice, routine_id=ITB, question="knee pain")
