"""What a session record holds, and the progress read from many of them (pure).

A record is a plain dict (it is stored as one JSON line); this module builds
it from a session and reads weeks, holds and pain back out of a list of them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .durations import format_clock
from .session import Session

RECORD_VERSION = 1


def build_record(session: Session, now: float, start: datetime, end: datetime,
                 routine_file: str | None = None, pain: int | None = None,
                 record_id: str | None = None) -> dict[str, Any]:
    """One session's record: start/end with offsets, totals, and every work step."""
    steps = []
    for r in session.records:
        if r.step.kind != "work":
            continue
        untimed = not r.step.timed
        done = r.status == "done" or (r.status == "stopped" and r.active_seconds > 0)
        steps.append({
            "name": r.step.name,
            "side": r.step.side,
            "set": r.step.set,
            "round": r.step.round,
            "mode": r.step.mode,
            "planned_seconds": r.step.seconds,
            "active_seconds": round(r.active_seconds, 2),
            "skipped": r.status == "skipped",
            "status": r.status,
            "added_seconds": r.added_seconds,
            "reps": r.step.reps,
            "until": r.step.until,
            "time_seconds": round(r.active_seconds, 2) if untimed and done else None,
        })
    return {
        "version": RECORD_VERSION,
        "id": record_id or uuid.uuid4().hex,
        "start": start.isoformat(timespec="seconds"),
        "end": end.isoformat(timespec="seconds"),
        "routine": session.plan.routine.name,
        "file": routine_file,
        "fingerprint": session.plan.routine.fingerprint,
        "per_week": session.plan.routine.per_week,
        "completed": session.state == "finished",
        "active_seconds": round(session.active_seconds(now), 2),
        "paused_seconds": round(session.paused_seconds(now), 2),
        "pain": pain,
        "steps": steps,
    }


# --- reading progress back ------------------------------------------------------------


def _start(record: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(record["start"])
    except (KeyError, TypeError, ValueError):
        return None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Hold:
    exercise: str
    best: float
    last: float
    series: tuple[tuple[datetime, float], ...]  # (session start, longest hold that session)

    def text(self) -> str:
        return f"{self.exercise}: best {format_clock(self.best)}, last {format_clock(self.last)}"


@dataclass(frozen=True)
class Progress:
    this_week: int
    per_week: int | None
    last_session: datetime | None
    weeks: tuple[tuple[date, int], ...]  # (Monday, sessions), oldest first, gaps as 0
    holds: tuple[Hold, ...]
    pain: tuple[tuple[datetime, int], ...]

    def week_text(self) -> str:
        target = f" of {self.per_week}" if self.per_week else ""
        return f"This week: {self.this_week}{target}"


def progress(records: list[dict[str, Any]], today: date, routine: str | None = None,
             per_week: int | None = None, weeks: int = 12) -> Progress:
    """Weekly counts, holds per until-exercise and pain, for one routine or all."""
    chosen = [(s, r) for r in records if (s := _start(r)) is not None
              and (routine is None or r.get("routine") == routine)]
    chosen.sort(key=lambda pair: pair[0])
    monday = week_start(today)
    counts = {monday - timedelta(weeks=i): 0 for i in range(weeks)}
    for started, record in chosen:
        key = week_start(started.date())
        if key in counts and _counts(record):
            counts[key] += 1
    holds: dict[str, list[tuple[datetime, float]]] = {}
    for started, record in chosen:
        best_here: dict[str, float] = {}
        for step in record.get("steps") or []:
            if not isinstance(step, dict) or step.get("mode") != "until":
                continue
            held = step.get("time_seconds")
            if isinstance(held, int | float) and held > 0:
                name = str(step.get("name"))
                best_here[name] = max(best_here.get(name, 0.0), float(held))
        for name, held in best_here.items():
            holds.setdefault(name, []).append((started, held))
    pain = tuple((s, int(r["pain"])) for s, r in chosen
                 if isinstance(r.get("pain"), int) and 0 <= r["pain"] <= 10)
    if per_week is None:
        per_week = next((r.get("per_week") for _, r in reversed(chosen)
                         if isinstance(r.get("per_week"), int)), None)
    return Progress(
        this_week=counts[monday],
        per_week=per_week,
        last_session=chosen[-1][0] if chosen else None,
        weeks=tuple(sorted(counts.items())),
        holds=tuple(Hold(name, max(h for _, h in series), series[-1][1], tuple(series))
                    for name, series in holds.items()),
        pain=pain,
    )


def _counts(record: dict[str, Any]) -> bool:
    """A session counts for the week when at least half of its exercises were done.

    Reaching the end by skipping most of it does not count; stopping after
    most of it does.
    """
    steps = [s for s in record.get("steps") or [] if isinstance(s, dict)]
    if not steps:
        return bool(record.get("completed"))
    done = sum(1 for s in steps if s.get("status") == "done")
    return done * 2 >= len(steps)
