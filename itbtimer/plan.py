"""Expand a routine into the flat list of steps a session walks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .durations import format_hms
from .enums import StrEnum
from .routine import Exercise, Routine, Section


class StepKind(StrEnum):
    GET_READY = "get_ready"
    WORK = "work"
    REST = "rest"
    SWITCH = "switch"


@dataclass(frozen=True)
class Step:
    """One thing the person does: get ready, work (one side of one set), switch, or rest."""

    index: int
    kind: StepKind
    mode: str  # "timed" | "reps" | "until"
    name: str
    section: str
    seconds: int | None  # None for reps/until steps (they wait for Done)
    offset: int  # planned start, seconds from the start (untimed steps count as 0)
    set: int | None = None
    sets: int | None = None
    round: int | None = None
    rounds: int | None = None
    side: str | None = None
    min_seconds: int | None = None  # flexible rests only: you may go from here
    reps: str | None = None
    until: str | None = None
    cue: str | None = None
    section_cue: str | None = None
    exercise: str | None = None  # for rest/switch/get_ready: the exercise it leads into

    @property
    def timed(self) -> bool:
        return self.seconds is not None

    @property
    def flexible(self) -> bool:
        return self.min_seconds is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "mode": self.mode,
            "name": self.name,
            "section": self.section,
            "set": self.set,
            "sets": self.sets,
            "round": self.round,
            "rounds": self.rounds,
            "side": self.side,
            "seconds": self.seconds,
            "min_seconds": self.min_seconds,
            "reps": self.reps,
            "until": self.until,
            "cue": self.cue,
            "section_cue": self.section_cue,
            "offset": self.offset,
        }


@dataclass(frozen=True)
class Plan:
    routine: Routine
    steps: tuple[Step, ...]

    @cached_property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.steps if s.seconds is not None)

    @cached_property
    def untimed_steps(self) -> int:
        return sum(1 for s in self.steps if not s.timed)

    def section_seconds(self, name: str) -> int:
        return sum(s.seconds or 0 for s in self.steps if s.section == name)

    def to_json(self) -> dict[str, Any]:
        return {
            "routine": self.routine.name,
            "total_seconds": self.total_seconds,
            "untimed_steps": self.untimed_steps,
            "steps": [s.to_json() for s in self.steps],
        }

    def describe(self) -> str:
        """The readable table `itbtimer plan` prints."""
        lines = [f"{self.routine.name}"]
        for step in self.steps:
            lines.append(f"  {format_hms(step.offset)}  {_label(step)}")
        lines.append(f"Total {format_hms(self.total_seconds)} of timed steps, "
                     f"plus {self.untimed_steps} untimed (reps or holds until done)")
        return "\n".join(lines)


def _label(step: Step) -> str:
    if step.kind == "work":
        parts = [step.name]
        if step.side:
            parts.append(step.side)
        if step.sets and step.sets > 1:
            parts.append(f"set {step.set}/{step.sets}")
        if step.rounds and step.rounds > 1:
            parts.append(f"round {step.round}/{step.rounds}")
        what = (f"{step.reps} reps" if step.reps else f"until {step.until}" if step.until
                else f"{step.seconds}s")
        return f"{' · '.join(parts)}  [{what}]"
    if step.kind == "rest" and step.flexible:
        return f"rest {step.min_seconds}-{step.seconds}s"
    if step.kind == "switch":
        return f"switch to {step.side} ({step.seconds}s)"
    if step.kind == "get_ready":
        return f"get ready: {step.section} ({step.seconds}s)"
    return f"{step.kind} {step.seconds}s"


class _Builder:
    def __init__(self, routine: Routine):
        self.routine = routine
        self.steps: list[Step] = []
        self.offset = 0

    def add(self, **fields: Any) -> None:
        step = Step(index=len(self.steps), offset=self.offset, **fields)
        self.steps.append(step)
        self.offset += step.seconds or 0

    def section(self, section: Section) -> None:
        base = {"section": section.name, "section_cue": section.cue}
        first = section.exercises[0]
        if self.routine.get_ready > 0:
            self.add(kind=StepKind.GET_READY, mode="timed", name="Get ready",
                     seconds=self.routine.get_ready, exercise=first.name, **base)
        units = [(r, e, s) for r in range(1, section.rounds + 1)
                 for e in section.exercises for s in range(1, e.sets + 1)]
        for i, (round_no, exercise, set_no) in enumerate(units):
            self.unit(exercise, set_no, round_no, section.rounds, base)
            if i + 1 < len(units) and exercise.rest.max_seconds > 0:
                rest = exercise.rest
                self.add(kind=StepKind.REST, mode="timed", name="Rest", seconds=rest.max_seconds,
                         min_seconds=rest.min_seconds if rest.flexible else None,
                         exercise=units[i + 1][1].name, **base)

    def unit(self, exercise: Exercise, set_no: int, round_no: int, rounds: int,
             base: dict[str, Any]) -> None:
        shared = {"set": set_no, "sets": exercise.sets, "round": round_no, "rounds": rounds,
                  "cue": exercise.cue, **base}
        for n, side in enumerate(exercise.sides or (None,)):
            if n > 0 and self.routine.switch > 0:
                self.add(kind=StepKind.SWITCH, mode="timed", name=exercise.name, side=side,
                         seconds=self.routine.switch, exercise=exercise.name, **shared)
            self.add(kind=StepKind.WORK, mode=exercise.mode, name=exercise.name, side=side,
                     seconds=exercise.work, reps=exercise.reps, until=exercise.until,
                     **shared)


def build_plan(routine: Routine) -> Plan:
    builder = _Builder(routine)
    for section in routine.sections:
        builder.section(section)
    return Plan(routine, tuple(builder.steps))
