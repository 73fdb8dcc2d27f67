"""The history's records, typed: one `SessionRecord` per session, one `StepResult` per exercise.

Pure: no disk, no clock. The JSON shape (`to_json`) is the documented exchange
format (one object per line in exports, docs/history-format.md); `from_json`
reads every shape written so far:

- version 1 (itbtimer 0.1 to 0.3): start/end as local ISO text with offset, every
  `*_seconds` in routine seconds, no practice flag (a `--speed` run was stored as
  if real).
- version 2: adds `practice`, `speed`, `active_real_seconds`, `question` (what the
  pain score answers, the routine's `ask`), and `interrupted` (it was already
  written on recovered sessions, without a version change).
- version 3: adds `routine_id`, the routine's identity (its `id:`, else its name): the
  history a session belongs to, kept when the routine is copied or renamed. An older
  record's identity is its routine's name, less " (my copy)" (`identity_of`).
- version 4: adds `morning`, the answer to the same question the morning after (0-10;
  the pain-monitoring model: pain the next morning should be back where it was).
- version 5: adds `note` (one line, the person's words), and a second kind of record, a
  run (`RunRecord`, `"kind": "run"`): how far, how long, the pain and where it began.
  A record without `kind` is a session.
- version 6: adds `levels`, the progression levels the session ran at
  (`{"exercises": {"Plank": 1}, "sections": {"Strength": 1}}`; core/progression.py),
  null when its routine grows nothing. An older record ran at the routine's own figures.

Each figure derived from a record is computed here, in one place: the longest
hold per exercise and side (`side_holds`; `holds` merges the sides), whether a
session counts for its week (`counts_for_week`) and the ISO week of its local date
(`week`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any, TypeVar

from itbtimer.core.enums import StrEnum
from itbtimer.core.progression import Answered, Grows, LevelKey
from itbtimer.core.routine import COPY_SUFFIX, ExerciseMode
from itbtimer.core.runs import DistanceUnit, pain_free_metres
from itbtimer.core.states import StepStatus

RECORD_VERSION = 7

STEP_FIELDS = ("name", "side", "set", "round", "mode", "planned_seconds", "active_seconds",
               "skipped", "status", "added_seconds", "reps", "until", "time_seconds",
               "reps_done")
STEP_KEYS = frozenset(STEP_FIELDS)
SESSION_FIELDS = ("version", "id", "start", "end", "routine", "routine_id", "file", "fingerprint",
                  "per_week", "completed", "active_seconds", "paused_seconds", "pain", "morning",
                  "practice", "note",
                  "speed", "active_real_seconds", "interrupted", "question", "levels", "steps")
MAX_LEVEL = 1000  # a level past this is no level (a record changed by hand)


V1_INTERRUPTED = "left"  # version 1's status for a step left by Back or Restart
_FIELD_OF: dict[type[StrEnum], str] = {StepStatus: "status", ExerciseMode: "mode",
                                       DistanceUnit: "unit"}


class RecordError(ValueError):
    """A JSON object that is not a session record (says which field and why)."""


@dataclass(frozen=True, order=True)
class Held:
    """What a hold is a figure of: an exercise, on one side ("left", "right") or on both
    (None: a two-sided move). One-sided holds are figures per side everywhere."""

    exercise: str
    side: str | None = None

    @property
    def label(self) -> str:
        """"Side plank (left)", "Plank"."""
        return self.exercise + (f" ({self.side})" if self.side else "")


@dataclass(frozen=True)
class StepResult:
    """One work step of a session. Seconds are routine seconds (see SessionRecord)."""

    name: str
    status: StepStatus = StepStatus.NOT_REACHED
    mode: ExerciseMode = ExerciseMode.TIMED
    side: str | None = None
    set: int | None = None
    round: int | None = None
    planned_seconds: float | None = None
    active_seconds: float = 0.0
    added_seconds: float = 0.0
    reps: str | None = None
    until: str | None = None
    time_seconds: float | None = None  # the time held or taken, on untimed steps that were done
    reps_done: int | None = None  # a paced (tempo) reps step: the whole reps its tempo counted
    extra: tuple[tuple[str, Any], ...] = ()  # fields a newer version wrote, kept as they were

    @property
    def skipped(self) -> bool:
        return self.status == StepStatus.SKIPPED

    @property
    def done(self) -> bool:
        return self.status == StepStatus.DONE

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name, "side": self.side, "set": self.set, "round": self.round,
            "mode": self.mode, "planned_seconds": self.planned_seconds,
            "active_seconds": self.active_seconds, "skipped": self.skipped,
            "status": self.status, "added_seconds": self.added_seconds, "reps": self.reps,
            "until": self.until, "time_seconds": self.time_seconds,
        }
        if self.reps_done is not None:  # paced reps only: other steps are written as before
            out["reps_done"] = self.reps_done
        out.update(self.extra)
        return out

    @classmethod
    def from_json(cls, data: Any) -> StepResult:
        if not isinstance(data, dict):
            raise RecordError("a step is not an object")
        status = data.get("status")
        if not isinstance(status, str):
            status = StepStatus.SKIPPED if data.get("skipped") else StepStatus.DONE
        elif status == V1_INTERRUPTED:
            status = StepStatus.INTERRUPTED
        status, unknown_status = _closed(StepStatus, status, StepStatus.NOT_REACHED)
        mode, unknown_mode = _closed(ExerciseMode, _text(data.get("mode"), ExerciseMode.TIMED),
                                     ExerciseMode.TIMED)
        extra = (tuple((k, data[k]) for k in data.keys() - STEP_KEYS)
                 if len(data) != len(STEP_KEYS) or data.keys() != STEP_KEYS else ())
        return cls(
            name=_text(data.get("name"), "?"),
            status=status,
            mode=mode,
            side=_opt_text(data.get("side")),
            set=_opt_int(data.get("set")),
            round=_opt_int(data.get("round")),
            planned_seconds=_opt_number(data.get("planned_seconds")),
            active_seconds=_opt_number(data.get("active_seconds")) or 0.0,
            added_seconds=_opt_number(data.get("added_seconds")) or 0.0,
            reps=_opt_text(data.get("reps")),
            until=_opt_text(data.get("until")),
            time_seconds=_opt_number(data.get("time_seconds")),
            reps_done=_opt_int(data.get("reps_done")),
            extra=extra + unknown_status + unknown_mode,
        )

    @classmethod
    def from_row(cls, row: tuple[Any, ...], extra: tuple[tuple[str, Any], ...]) -> StepResult:
        """A step as the store's `steps` table keeps it (the columns in field order)."""
        (name, status_text, mode_text, side, set_number, round_number, planned, active, added,
         reps, until, time_seconds, reps_done) = row
        status, unknown_status = _closed(StepStatus, status_text, StepStatus.NOT_REACHED)
        mode, unknown_mode = _closed(ExerciseMode, mode_text, ExerciseMode.TIMED)
        return cls(name, status, mode, side, set_number, round_number, planned, active, added,
                   reps, until, time_seconds, reps_done,
                   extra + unknown_status + unknown_mode)


@dataclass(frozen=True)
class SessionRecord:
    """One session: finished, stopped, interrupted or (while it runs) in progress.

    `start` and `end` are aware datetimes in the offset where the session was
    done; they are stored as a UTC instant plus that offset. `active_seconds`,
    `paused_seconds` and every step's seconds are *routine* seconds (what the
    routine asked for: a 30 s squat is 30 even at --speed 10);
    `active_real_seconds` is the same time on the wall clock (routine seconds ÷
    speed). A practice run (a rehearsal: speed ≠ 1 or --practice) is kept but
    left out of the week count, the last session, holds and charts.
    """

    id: str
    start: datetime
    end: datetime
    routine: str
    steps: tuple[StepResult, ...] = ()
    file: str | None = None
    fingerprint: str | None = None
    per_week: int | None = None
    completed: bool = False
    active_seconds: float = 0.0
    paused_seconds: float = 0.0
    pain: int | None = None
    practice: bool = False
    speed: float = 1.0
    interrupted: bool = False
    question: str | None = None  # what `pain` answers: the routine's `ask` ("knee pain")
    routine_id: str | None = None  # the routine's identity; None in records before version 3
    morning: int | None = None  # the answer the morning after (0-10); None: not answered
    note: str | None = None  # the person's words on it (one line)
    # the progression levels it ran at (version 6); None: its routine grew nothing, or older
    levels: tuple[tuple[LevelKey, int], ...] | None = None
    version: int = field(default=RECORD_VERSION, compare=False)  # the version it was read from
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    # --- derived figures (each computed here only) ------------------------------------

    @property
    def identity(self) -> str:
        """The history this session belongs to (see `identity_of` for older records)."""
        return self.routine_id or identity_of(self.routine)

    def side_holds(self) -> dict[Held, float]:
        """The longest time held per "until" exercise and side in this session (all sets),
        in the order first held: the figures the history keeps."""
        best: dict[Held, float] = {}
        for step in self.steps:
            if step.mode == ExerciseMode.UNTIL and step.time_seconds and step.time_seconds > 0:
                held = Held(step.name, step.side)
                best[held] = max(best.get(held, 0.0), step.time_seconds)
        return best

    def side_reps(self) -> dict[Held, int]:
        """The most reps counted in one set per paced (tempo) reps exercise and side in this
        session, in the order first done: the figures the history keeps. An un-paced reps
        step has no count (`reps_done` None) and gives none."""
        most: dict[Held, int] = {}
        for step in self.steps:
            if step.mode == ExerciseMode.REPS and step.reps_done:
                held = Held(step.name, step.side)
                most[held] = max(most.get(held, 0), step.reps_done)
        return most

    def holds(self) -> dict[str, float]:
        """The longest time held per "until" exercise in this session (both sides, all sets)."""
        best: dict[str, float] = {}
        for held, seconds in self.side_holds().items():
            best[held.exercise] = max(best.get(held.exercise, 0.0), seconds)
        return best

    def hold_times(self) -> dict[str, list[float]]:
        """Every hold of this session, by exercise and side ("Plank (left)"), in order."""
        times: dict[str, list[float]] = {}
        for step in self.steps:
            if step.mode == ExerciseMode.UNTIL and step.time_seconds:
                times.setdefault(Held(step.name, step.side).label, []).append(step.time_seconds)
        return times

    def counts_for_week(self) -> bool:
        """A session counts for its week when at least half of its exercises were done.

        Reaching the end by skipping most of it does not count; stopping after
        most of it does. Practice runs never count.
        """
        if self.practice:
            return False
        if not self.steps:
            return self.completed
        done = sum(1 for s in self.steps if s.done)
        return done * 2 >= len(self.steps)

    @property
    def local_date(self) -> date:
        """The date where the session was done (in its own offset)."""
        return self.start.date()

    @property
    def week(self) -> date:
        """The Monday of the ISO week of the local date."""
        return week_of(self.start)

    @property
    def active_real_seconds(self) -> float:
        return round(self.active_seconds / self.speed, 2) if self.speed > 0 else 0.0

    @property
    def offset_minutes(self) -> int:
        return offset_minutes_of(self.start)

    @property
    def short_id(self) -> str:
        return short_id_of(self.id)

    def with_pain(self, pain: int | None) -> SessionRecord:
        return replace(self, pain=pain)

    def with_morning(self, morning: int | None) -> SessionRecord:
        return replace(self, morning=morning)

    def with_note(self, note: str | None) -> SessionRecord:
        return replace(self, note=note)

    def level_map(self) -> dict[LevelKey, int]:
        """The levels it ran at; an exercise not listed ran at level 0 (its own figure)."""
        return dict(self.levels or ())

    def answered(self) -> Answered:
        """The session as the progression rule reads it (core/progression.py)."""
        return Answered(self.pain, self.morning, None,
                        self.level_map() if self.levels else None, self.start.timestamp(),
                        self.id, frozenset(step.name for step in self.steps if step.skipped))

    @property
    def moves_levels(self) -> bool:
        """Only a completed session that is not practice moves a progression level."""
        return self.completed and not self.practice

    # --- JSON -------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "version": RECORD_VERSION,
            "id": self.id,
            "start": self.start.isoformat(timespec="seconds"),
            "end": self.end.isoformat(timespec="seconds"),
            "routine": self.routine,
            "routine_id": self.identity,
            "file": self.file,
            "fingerprint": self.fingerprint,
            "per_week": self.per_week,
            "completed": self.completed,
            "active_seconds": self.active_seconds,
            "paused_seconds": self.paused_seconds,
            "pain": self.pain,
            "morning": self.morning,
            "practice": self.practice,
            "speed": self.speed,
            "active_real_seconds": self.active_real_seconds,
            "interrupted": self.interrupted,
            "question": self.question,
            "note": self.note,
            "levels": levels_json(self.levels),
            "steps": [s.to_json() for s in self.steps],
        }
        out.update(self.extra)
        return out

    @classmethod
    def from_json(cls, data: Any, local: timezone | None = None) -> SessionRecord:
        """Read any record shape written so far. `local`: the offset for a naive time."""
        if not isinstance(data, dict):
            raise RecordError("a record is not a JSON object")
        start = _instant(data.get("start"), "start", local)
        end = _instant(data.get("end"), "end", local) if data.get("end") is not None else start
        record_id = data.get("id")
        if not isinstance(record_id, str) or not record_id:
            raise RecordError("the record has no id")
        steps = data.get("steps") or []
        if not isinstance(steps, list):
            raise RecordError("steps is not a list")
        speed = _opt_number(data.get("speed")) or 1.0
        routine = _text(data.get("routine"), "?")
        return cls(
            id=record_id,
            start=start,
            end=end,
            routine=routine,
            routine_id=_opt_text(data.get("routine_id")) or identity_of(routine),
            steps=tuple(StepResult.from_json(s) for s in steps),
            file=_opt_text(data.get("file")),
            fingerprint=_opt_text(data.get("fingerprint")),
            per_week=_opt_int(data.get("per_week")),
            completed=bool(data.get("completed")),
            active_seconds=_opt_number(data.get("active_seconds")) or 0.0,
            paused_seconds=_opt_number(data.get("paused_seconds")) or 0.0,
            pain=_score(data.get("pain")),
            morning=_score(data.get("morning")),
            practice=bool(data.get("practice")) or speed != 1.0,
            speed=speed,
            interrupted=bool(data.get("interrupted")),
            question=_opt_text(data.get("question")),
            note=_opt_text(data.get("note")),
            levels=levels_of(data.get("levels")),
            version=_opt_int(data.get("version")) or 1,
            extra=tuple((k, v) for k, v in data.items() if k not in SESSION_FIELDS),
        )


class RecordKind(StrEnum):
    """What a line of the history's JSON is: a session (no `kind` field) or a run."""

    SESSION = "session"
    RUN = "run"


RUN_FIELDS = ("kind", "version", "id", "start", "distance_m", "unit", "seconds", "pain",
              "pain_from_m", "note")


@dataclass(frozen=True)
class RunRecord:
    """One run: the test of the treatment. How far (`distance_m`, metres; shown in `unit`,
    the one it was written in), how long (`seconds`, or None), the pain (0-10, or None)
    and where it began (`pain_from_m`), a note. Never a session: it counts for no week."""

    id: str
    start: datetime  # the day it was run (noon there when logged for an earlier day)
    distance_m: float
    unit: DistanceUnit = DistanceUnit.KM
    seconds: float | None = None
    pain: int | None = None
    pain_from_m: float | None = None
    note: str | None = None
    version: int = field(default=RECORD_VERSION, compare=False)
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def pain_free_m(self) -> float | None:
        """How far before the pain began (core.runs.pain_free_metres)."""
        return pain_free_metres(self.distance_m, self.pain, self.pain_from_m)

    @property
    def local_date(self) -> date:
        return self.start.date()

    @property
    def week(self) -> date:
        return week_of(self.start)

    @property
    def offset_minutes(self) -> int:
        return offset_minutes_of(self.start)

    @property
    def short_id(self) -> str:
        return short_id_of(self.id)

    def with_note(self, note: str | None) -> RunRecord:
        return replace(self, note=note)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": RecordKind.RUN, "version": RECORD_VERSION, "id": self.id,
            "start": self.start.isoformat(timespec="seconds"), "distance_m": self.distance_m,
            "unit": self.unit, "seconds": self.seconds, "pain": self.pain,
            "pain_from_m": self.pain_from_m, "note": self.note,
        }
        out.update(self.extra)
        return out

    @classmethod
    def from_json(cls, data: Any, local: timezone | None = None) -> RunRecord:
        if not isinstance(data, dict):
            raise RecordError("a record is not a JSON object")
        record_id = data.get("id")
        if not isinstance(record_id, str) or not record_id:
            raise RecordError("the record has no id")
        distance = _opt_number(data.get("distance_m"))
        if distance is None:
            raise RecordError("distance_m: a run has a distance in metres")
        unit, unknown = _closed(DistanceUnit, _text(data.get("unit"), DistanceUnit.KM),
                                DistanceUnit.KM)
        return cls(
            id=record_id,
            start=_instant(data.get("start"), "start", local),
            distance_m=distance,
            unit=unit,
            seconds=_opt_number(data.get("seconds")),
            pain=_score(data.get("pain")),
            pain_from_m=_opt_number(data.get("pain_from_m")),
            note=_opt_text(data.get("note")),
            version=_opt_int(data.get("version")) or RECORD_VERSION,
            extra=tuple((k, v) for k, v in data.items() if k not in RUN_FIELDS) + unknown,
        )


def kind_of(data: dict[str, Any]) -> RecordKind:
    """Which kind of record a JSON object is (no `kind`: a session, as every record before
    version 5)."""
    kind = data.get("kind", RecordKind.SESSION)
    try:
        return RecordKind(kind)
    except ValueError:
        raise RecordError(f"kind: {str(kind)[:20]!r} is not a kind of record this itbtimer "
                          f"knows ({', '.join(RecordKind)})") from None


Closed = TypeVar("Closed", bound=StrEnum)


def _closed(words: type[Closed], text: str,
            default: Closed) -> tuple[Closed, tuple[tuple[str, str], ...]]:
    """The member `text` names, and nothing to keep. A word this version does not know (a
    newer version's) reads as `default` and is kept under its field's name, so the record
    is written back as it was: to_json puts the kept word in the field's place."""
    try:
        return words(text), ()
    except ValueError:
        return default, ((_FIELD_OF[words], text),)


def identity_of(routine: str) -> str:
    """The identity of a session recorded before routines had one (version 1 and 2): its
    routine's name, less the " (my copy)" the editor gave a copy of a bundled routine, so
    the history it split in two is one again. The store's migration uses this too."""
    if routine.endswith(COPY_SUFFIX) and len(routine) > len(COPY_SUFFIX):
        return routine[: -len(COPY_SUFFIX)]
    return routine


def levels_json(levels: tuple[tuple[LevelKey, int], ...] | None) -> dict[str, Any] | None:
    """`{"exercises": {"Plank": 1}, "sections": {"Strength": 0}}`, or None."""
    if levels is None:
        return None
    out: dict[str, dict[str, int]] = {grows.value: {} for grows in Grows}
    for key, level in levels:
        out[key.grows.value][key.name] = level
    return dict(out)


def levels_of(value: Any) -> tuple[tuple[LevelKey, int], ...] | None:
    """The levels of a record's `levels` (what is not a name and a level 0-1000 is left out)."""
    if not isinstance(value, dict):
        return None
    out = []
    for grows in Grows:
        named = value.get(grows.value)
        if isinstance(named, dict):
            out += [(LevelKey(grows, name), level) for name, level in named.items()
                    if isinstance(name, str) and _opt_int(level) is not None
                    and 0 <= level <= MAX_LEVEL]
    return tuple(out)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_of(start: datetime) -> date:
    """The Monday of the ISO week of a record's local date (where it was done)."""
    return week_start(start.date())


def offset_minutes_of(start: datetime) -> int:
    """The offset from UTC where a record's start happened, in whole minutes."""
    offset = start.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def short_id_of(record_id: str) -> str:
    """The id as `itbtimer history` shows it (enough to find the record by)."""
    return record_id[:8]


@dataclass(frozen=True)
class DamagedRow:
    """What is left of a session or run whose row no record could be (changed outside
    itbtimer) once it is deleted: its id, its day and which it was."""

    id: str
    start: datetime
    kind: RecordKind

    @property
    def short_id(self) -> str:
        return short_id_of(self.id)


def _instant(value: Any, name: str, local: timezone | None) -> datetime:
    if not isinstance(value, str):
        raise RecordError(f"{name} is missing or not text")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{name} is not an ISO date and time: {value[:40]!r}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=local) if local else when.astimezone()
    return when


def _score(value: Any) -> int | None:
    """A 0-10 answer (pain after the session, or the morning after); None otherwise."""
    return value if isinstance(value, int) and not isinstance(value, bool) \
        and 0 <= value <= 10 else None


def _text(value: Any, default: str) -> str:
    return value if isinstance(value, str) else default


def _opt_text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _opt_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _opt_number(value: Any) -> float | None:
    kind = type(value)
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is int:
        return float(value)
    return None
