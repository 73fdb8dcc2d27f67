"""Expand a routine into the flat list of steps a session walks.

The rules, in the order docs/routine-format.md gives them: a get-ready step per
section; for each round, each exercise, each set: the exercise once per side, with a
switch step between the sides (or, with `all_sets_per_side`, every set on the first
side, a switch, every set on the second); a rest between one unit and the next (the
section's `round_rest` between rounds); none after a section's last unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from itbtimer.core.counting import counted
from itbtimer.core.durations import format_clock, format_hms
from itbtimer.core.enums import StrEnum
from itbtimer.core.progression import NO_PROGRESSION, Progression, grown
from itbtimer.core.routine import (
    NO_REST,
    Exercise,
    ExerciseMode,
    Picture,
    Rest,
    Routine,
    Section,
)


class StepKind(StrEnum):
    GET_READY = "get_ready"
    WORK = "work"
    REST = "rest"
    SWITCH = "switch"


class OffsetCertainty(StrEnum):
    """How sure a step's planned start is."""

    EXACT = "exact"  # only timed steps before it
    ESTIMATED = "estimated"  # counting the estimates of untimed steps before it
    UNKNOWN = "unknown"  # an untimed step without an estimate comes before it


@dataclass(frozen=True)
class Step:
    """One thing the person does: get ready, work (one side of one set), switch, or rest."""

    index: int
    kind: StepKind
    mode: ExerciseMode  # get-ready, switch and rest steps are timed
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
    estimate: int | None = None  # reps (rep_seconds) and until (expect) steps: about this long
    estimated_offset: int = 0  # start counting the estimates of the untimed steps before it
    offset_certainty: OffsetCertainty = OffsetCertainty.EXACT
    between_rounds: bool = False  # a rest between two rounds of a section
    how: str | None = None  # work and switch steps: the exercise's how-to (Plan.to_json
    link: str | None = None  # lists these once per exercise, not on every step)
    tempo: tuple[int, int, int] | None = None  # a paced reps step: seconds down, hold, up
    aim: int | None = None  # a hold that grows (`progress:`): the seconds to aim for now
    image: Picture | None = None  # work and switch steps: the exercise's picture

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
            "estimate": self.estimate,
            "estimated_offset": self.estimated_offset,
            "offset_certainty": self.offset_certainty,
            "between_rounds": self.between_rounds,
            "tempo": list(self.tempo) if self.tempo else None,
            "aim": self.aim,
        }




@dataclass(frozen=True)
class Plan:
    routine: Routine  # as it runs: at the levels of `progression`
    steps: tuple[Step, ...]
    progression: Progression = NO_PROGRESSION  # the levels it runs at, and why
    written: Routine | None = None  # the routine as its file says (None: the same)

    @property
    def as_written(self) -> Routine:
        return self.written or self.routine

    @property
    def ask(self) -> str | None:
        """The question after the session ("knee pain"), or None: ask nothing."""
        return self.routine.ask

    @cached_property
    def total_seconds(self) -> int:
        """The timed steps only: what the clock will count for sure."""
        return sum(s.seconds for s in self.steps if s.seconds is not None)

    @cached_property
    def untimed_steps(self) -> int:
        return sum(1 for s in self.steps if not s.timed)

    @cached_property
    def estimated_seconds(self) -> int:
        """The timed steps plus the estimates of reps (rep_seconds) and holds (expect)."""
        return self.total_seconds + sum(s.estimate or 0 for s in self.steps if not s.timed)

    @cached_property
    def unestimated_steps(self) -> int:
        """Untimed steps with no estimate: the plan cannot say how long they take."""
        return sum(1 for s in self.steps if not s.timed and s.estimate is None)

    def section_seconds(self, name: str) -> int:
        return sum(s.seconds or 0 for s in self.steps if s.section == name)

    def to_json(self) -> dict[str, Any]:
        return {
            "routine": self.routine.name,
            "ask": self.ask,
            "total_seconds": self.total_seconds,
            "untimed_steps": self.untimed_steps,
            "estimated_seconds": self.estimated_seconds,
            "unestimated_steps": self.unestimated_steps,
            "exercises": [{"section": section.name, "name": e.name, "how": e.how, "link": e.link,
                           "progress": _growth_json(e),
                           "image": _picture_json(e.image)}
                          for section in self.routine.sections for e in section.exercises],
            "progress": self._progress_json(),
            "steps": [s.to_json() for s in self.steps],
        }

    def _progress_json(self) -> dict[str, Any] | None:
        """What grows (as the file says) and the levels this plan runs at; None when the
        routine has no `progress:`."""
        written = self.as_written
        sections = [{"name": s.name, "sets_up_to": s.sets_up_to} for s in written.sections
                    if s.sets_up_to is not None]
        grows = any(e.growth for s in written.sections for e in s.exercises)
        if not sections and not grows:
            return None
        return {
            "pain_at_most": written.pain_at_most,
            "sections": sections,
            "levels": [{"grows": lv.key.grows, "name": lv.key.name, "level": lv.level,
                        "was": lv.was, "most": lv.most, "change": lv.decision.change,
                        "reason": lv.decision.reason, "by_hand": lv.by_hand}
                       for lv in self.progression.levels],
        }

    def pictures(self) -> list[tuple[str, Picture]]:
        """Each exercise's picture, once: (its name, the picture)."""
        return [(e.name, e.image) for section in self.routine.sections
                for e in section.exercises if e.image is not None]

    def total_text(self) -> str:
        """How long the plan takes, in the one wording every screen and command uses:
        'Total 0:36:10 of timed steps, about 0:41:00 with the reps and holds · 77 steps'."""
        steps = counted(len(self.steps), "step")
        return f"Total {format_hms(self.total_seconds)}{self._untimed_text()} · {steps}"

    def _untimed_text(self) -> str:
        if not self.untimed_steps:
            return ""
        text = " of timed steps"
        estimated = self.untimed_steps - self.unestimated_steps
        if estimated:
            text += f", about {format_hms(self.estimated_seconds)} with the reps and holds"
        if not self.unestimated_steps:
            return text
        if estimated:
            return text + f", plus {self.unestimated_steps} untimed without an estimate"
        return text + f", plus {self.untimed_steps} untimed (reps or holds until done)"

    def describe(self) -> str:
        """The readable table `itbtimer plan` prints."""
        lines = [f"{self.routine.name}"]
        if self.ask:
            lines.append(f"Asks after the session: {self.ask}, 0 to 10")
        told: set[tuple[str, str]] = set()
        for step in self.steps:
            lines.append(f"  {start_text(step):<10} {_label(step)}")
            if step.kind == StepKind.WORK and (step.section, step.name) not in told:
                told.add((step.section, step.name))
                lines += _how_lines(step)
        lines.append(self.total_text())
        return "\n".join(lines)


def start_text(step: Step) -> str:
    """0:05:10 (sure), ≈0:06:40 (counting estimates), 0:05:10+? (an unknown before it)."""
    if step.offset_certainty == OffsetCertainty.EXACT:
        return format_hms(step.offset)
    if step.offset_certainty == OffsetCertainty.ESTIMATED:
        return "≈" + format_hms(step.estimated_offset)
    return format_hms(step.estimated_offset) + "+?"


def _how_lines(step: Step) -> list[str]:
    """An exercise's how-to and link, indented under its first step in `itbtimer plan`."""
    indent = " " * 13
    lines = [f"{indent}how: {line.strip()}" if n == 0 else f"{indent}     {line.strip()}"
             for n, line in enumerate((step.how or "").splitlines()) if line.strip()]
    if step.link:
        lines.append(f"{indent}link: {step.link}")
    if step.image:
        lines.append(f"{indent}image: {step.image.describe()}")
    return lines


def _picture_json(picture: Picture | None) -> dict[str, Any] | None:
    if picture is None:
        return None
    return {"file": picture.name, "path": picture.path, "kind": picture.kind,
            "width": picture.width, "height": picture.height, "frames": picture.frames}


def _label(step: Step) -> str:
    if step.kind == StepKind.WORK:
        parts = [step.name]
        if step.side:
            parts.append(step.side)
        if step.sets and step.sets > 1:
            parts.append(f"set {step.set}/{step.sets}")
        if step.rounds and step.rounds > 1:
            parts.append(f"round {step.round}/{step.rounds}")
        what = (f"{step.reps} reps" if step.reps else f"until {step.until}" if step.until
                else f"{step.seconds}s")
        if step.estimate is not None:
            what += f", ≈ {format_clock(step.estimate)}"
        return f"{' · '.join(parts)}  [{what}]"
    after = " between rounds" if step.between_rounds else ""
    if step.kind == StepKind.REST and step.flexible:
        return f"rest {step.min_seconds}-{step.seconds}s{after}"
    if step.kind == StepKind.SWITCH:
        return f"switch to {step.side} ({step.seconds}s)"
    if step.kind == StepKind.GET_READY:
        return f"get ready: {step.section} ({step.seconds}s)"
    return f"{step.kind} {step.seconds}s{after}"


@dataclass(frozen=True)
class _Unit:
    """One set of one exercise in one round: its sides, done one after the other."""

    round: int
    exercise: Exercise
    set: int
    sides: tuple[str | None, ...]


def _units(section: Section) -> list[_Unit]:
    units = []
    for round_no in range(1, section.rounds + 1):
        for exercise in section.exercises:
            if exercise.all_sets_per_side:
                units += [_Unit(round_no, exercise, set_no, (side,))
                          for side in exercise.sides for set_no in range(1, exercise.sets + 1)]
            else:
                units += [_Unit(round_no, exercise, set_no, exercise.sides or (None,))
                          for set_no in range(1, exercise.sets + 1)]
    return units


class _Builder:
    def __init__(self, routine: Routine):
        self.routine = routine
        self.steps: list[Step] = []
        self.offset = 0
        self.estimated = 0
        self.certainty = OffsetCertainty.EXACT

    def add(self, **fields: Any) -> None:
        step = Step(index=len(self.steps), offset=self.offset, estimated_offset=self.estimated,
                    offset_certainty=self.certainty, **fields)
        self.steps.append(step)
        self.offset += step.seconds or 0
        self.estimated += step.seconds if step.seconds is not None else step.estimate or 0
        if step.seconds is None and step.estimate is None:
            self.certainty = OffsetCertainty.UNKNOWN
        elif step.seconds is None and self.certainty == OffsetCertainty.EXACT:
            self.certainty = OffsetCertainty.ESTIMATED

    def section(self, section: Section) -> None:
        base = {"section": section.name, "section_cue": section.cue}
        if self.routine.get_ready > 0:
            self.add(kind=StepKind.GET_READY, mode=ExerciseMode.TIMED, name="Get ready",
                     seconds=self.routine.get_ready, exercise=section.exercises[0].name, **base)
        units = _units(section)
        for unit, after in zip(units, units[1:] + [None], strict=True):
            self.unit(unit, section.rounds, base)
            if after is not None:
                self.between(unit, after, section, base)

    def between(self, unit: _Unit, after: _Unit, section: Section,
                base: dict[str, Any]) -> None:
        """The rest (or, changing sides, the switch) between two units."""
        exercise = after.exercise
        if (unit.exercise is exercise and unit.round == after.round
                and unit.sides != after.sides):
            if self.routine.switch > 0:
                self.add(kind=StepKind.SWITCH, mode=ExerciseMode.TIMED, name=exercise.name,
                         side=after.sides[0], seconds=self.routine.switch,
                         exercise=exercise.name, set=after.set, sets=exercise.sets,
                         round=after.round, rounds=section.rounds, cue=exercise.cue,
                         how=exercise.how, link=exercise.link, image=exercise.image, **base)
            return
        new_round = unit.round != after.round
        rest: Rest = unit.exercise.rest
        if new_round and section.round_rest is not None:
            rest = section.round_rest
        if rest == NO_REST or rest.max_seconds == 0:
            return
        self.add(kind=StepKind.REST, mode=ExerciseMode.TIMED, name="Rest", seconds=rest.max_seconds,
                 min_seconds=rest.min_seconds if rest.flexible else None,
                 exercise=exercise.name, between_rounds=new_round, **base)

    def unit(self, unit: _Unit, rounds: int, base: dict[str, Any]) -> None:
        exercise = unit.exercise
        shared = {"set": unit.set, "sets": exercise.sets, "round": unit.round,
                  "rounds": rounds, "cue": exercise.cue, "how": exercise.how,
                  "link": exercise.link, "image": exercise.image, **base}
        for n, side in enumerate(unit.sides):
            if n > 0 and self.routine.switch > 0:
                self.add(kind=StepKind.SWITCH, mode=ExerciseMode.TIMED, name=exercise.name,
                         side=side, seconds=self.routine.switch, exercise=exercise.name,
                         **shared)
            self.add(kind=StepKind.WORK, mode=exercise.mode, name=exercise.name, side=side,
                     seconds=exercise.work, reps=exercise.reps, until=exercise.until,
                     estimate=exercise.estimate, tempo=exercise.tempo,
                     aim=exercise.expect if exercise.growth else None, **shared)


def _growth_json(exercise: Exercise) -> dict[str, int] | None:
    growth = exercise.growth
    return None if growth is None else {"by": growth.by, "up_to": growth.up_to}


def build_plan(routine: Routine, progression: Progression = NO_PROGRESSION) -> Plan:
    """The steps of `routine`, at the levels of `progression` (core/progression.py; the
    routine's own figures without one)."""
    runs = grown(routine, progression.as_levels())
    builder = _Builder(runs)
    for section in runs.sections:
        builder.section(section)
    return Plan(runs, tuple(builder.steps), progression,
                routine if runs is not routine else None)
