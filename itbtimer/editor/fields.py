"""Every field the editor shows, in the person's words, in the order it shows them.

A field is a YAML key under a routine, a section or an exercise (`defaults.work`
is the `work` key of the routine's `defaults`). The loader decides which keys
exist: a row here whose key the loader does not accept is not shown.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import itbtimer.routine_files.keys as schema
import itbtimer.routine_files.progress_keys as progress_keys
from itbtimer.core.enums import StrEnum
from itbtimer.core.routine import ExerciseMode, Routine


class Level(StrEnum):
    ROUTINE = "routine"
    SECTION = "section"
    EXERCISE = "exercise"


class Kind(StrEnum):
    TEXT = "text"  # one line of text
    LONG_TEXT = "long text"  # a description or a note; may be long
    DURATION = "duration"  # 45s, 2m, 1m30s ...
    REST = "rest"  # a duration or a range 30-45s
    COUNT = "count"  # a whole number
    REPS = "reps"  # 10 or 8-12
    SIDES = "sides"  # a check box: both sides or not
    FLAG = "flag"  # a check box: true or not given
    PICTURE = "picture"  # a file beside the routine: typed, or chosen with a file dialog


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Kind
    hint: str = ""
    required: bool = False
    group: str = ""  # fields of one group exclude each other (work / reps / until)
    only_with: str = ""  # shown only when this key is given too (an estimate for reps)
    when_given: bool = False  # shown only when the file gives it, or its group (`progress:`)


# The exercise's "how long" group: exactly one of these, or none (the section's time).
HOW_LONG = "how long"

_TABLE: dict[Level, tuple[Field, ...]] = {
    Level.ROUTINE: (
        Field("name", "Name", Kind.TEXT, required=True),
        Field("description", "Description", Kind.LONG_TEXT),
        Field("cue", "Cue shown with every exercise", Kind.TEXT, "Back straight"),
        Field("per_week", "Times a week", Kind.COUNT, "3"),
        Field("ask", "Question after the session", Kind.TEXT, "knee pain, or none"),
        Field("defaults.work", "How long, unless said otherwise", Kind.DURATION, "30s"),
        Field("defaults.rest", "Rest after each set, unless said otherwise", Kind.REST,
              "30s or 30-45s"),
        Field("defaults.get_ready", "Get ready before each section", Kind.DURATION, "10s"),
        Field("defaults.switch", "Switch sides", Kind.DURATION, "5s"),
        Field("defaults.rep_seconds", "One rep takes about", Kind.DURATION, "3s"),
        # `progress:` is shown where the file has it (written once in a text editor:
        # docs/routine-format.md), so a routine that does not grow keeps its short form
        Field("progress.pain_at_most", "Grow at pain at most", Kind.COUNT, "3 (0 to 5)",
              when_given=True),
    ),
    Level.SECTION: (
        Field("name", "Name", Kind.TEXT, required=True),
        Field("note", "Note", Kind.LONG_TEXT),
        Field("cue", "Cue", Kind.TEXT),
        Field("rounds", "Rounds", Kind.COUNT, "1"),
        Field("sets", "Sets", Kind.COUNT, "1"),
        Field("work", "How long", Kind.DURATION, "30s"),
        Field("rest", "Rest after each set", Kind.REST, "30s or 30-45s"),
        Field("round_rest", "Rest between rounds", Kind.REST, "1m", only_with="rounds"),
        Field("get_ready", "Get ready", Kind.DURATION, "10s"),
        Field("rep_seconds", "One rep takes about", Kind.DURATION, "3s"),
        Field("progress.sets_up_to", "Sets grow up to", Kind.COUNT, "3", when_given=True),
    ),
    Level.EXERCISE: (
        Field("name", "Name", Kind.TEXT, required=True),
        Field("cue", "Cue", Kind.TEXT),
        Field("work", "How long", Kind.DURATION, "30s, 2m or 1m30s", group=HOW_LONG),
        Field("reps", "Count reps instead", Kind.REPS, "10 or 8-12", group=HOW_LONG),
        Field("until", "Hold until…", Kind.TEXT, "shaking", group=HOW_LONG),
        Field("expect", "A hold takes about", Kind.DURATION, "45s", only_with="until"),
        Field("rep_seconds", "One rep takes about", Kind.DURATION, "3s", only_with="reps"),
        Field("sides", "Both sides", Kind.SIDES),
        Field("all_sets_per_side", "All sets on one side first", Kind.FLAG,
              only_with="sides"),
        Field("sets", "Sets", Kind.COUNT, "1"),
        Field("rest", "Rest after each set", Kind.REST, "30s or 30-45s"),
        Field("progress.by", "Grows by (knee allowing)", Kind.DURATION, "5s (reps: 2)",
              when_given=True),
        Field("progress.up_to", "Grows up to", Kind.DURATION, "60s (reps: 15)",
              when_given=True),
        # last: the essentials (how long, sides, sets) come first to Tab, and a how-to of
        # several lines below them does not push them down the form
        Field("how", "How to do it", Kind.LONG_TEXT, "the steps, and what you should feel"),
        Field("link", "Video or page", Kind.TEXT, "https://…", when_given=True),
        Field("image", "Picture", Kind.PICTURE, "a PNG or GIF", when_given=True),
    ),
}


# the keys inside a group (`defaults: {work: 30s}`), as `group.key` fields
GROUP_KEYS: dict[str, dict[Level, tuple[str, ...]]] = {
    "defaults": {Level.ROUTINE: schema.DEFAULT_KEYS},
    "progress": {Level.ROUTINE: progress_keys.TOP_PROGRESS,
                 Level.SECTION: progress_keys.SECTION_PROGRESS,
                 Level.EXERCISE: progress_keys.EXERCISE_PROGRESS},
}


def picture_value(routine: Path | None, chosen: Path) -> str:
    """What `image:` says for a picture chosen with the file dialog: its path from the
    routine's folder when it is in it (or below it), so the routine and its picture move
    together; else the whole path."""
    if routine is not None:
        folder = Path(os.path.abspath(routine.parent))
        if Path(os.path.abspath(chosen)).is_relative_to(folder):
            return Path(os.path.abspath(chosen)).relative_to(folder).as_posix()
    return str(chosen)


def group_of(key: str) -> str | None:
    """The group a field's key is in ("defaults.work": "defaults"), or None."""
    group, dot, _ = key.partition(".")
    return group if dot and group in GROUP_KEYS else None


def _accepted(level: Level) -> tuple[str, ...]:
    """The keys the loader accepts at this level (defaults.* for the routine's defaults,
    progress.* for how it grows)."""
    own = {Level.ROUTINE: schema.TOP_KEYS, Level.SECTION: schema.SECTION_KEYS,
           Level.EXERCISE: schema.EXERCISE_KEYS}[level]
    return own + tuple(f"{group}.{key}" for group, levels in GROUP_KEYS.items()
                       for key in levels.get(level, ()))


def fields(level: Level) -> tuple[Field, ...]:
    """The fields shown for a routine, a section or an exercise."""
    accepted = _accepted(level)
    return tuple(f for f in _TABLE[level] if f.key in accepted)


def field(level: Level, key: str) -> Field:
    for f in fields(level):
        if f.key == key:
            return f
    raise KeyError(f"no field `{key}` on a {level.value}")


def inherited(routine: Routine, path: tuple[int, ...], key: str) -> str | None:
    """What an empty field of an exercise means, from the routine the loader made of the
    file ("30s": the section's or the routine's default), or None."""
    if len(path) != 2 or path[0] >= len(routine.sections):
        return None
    section = routine.sections[path[0]]
    if path[1] >= len(section.exercises):
        return None
    exercise = section.exercises[path[1]]
    if key == "work" and exercise.mode == ExerciseMode.TIMED and exercise.work is not None:
        return f"{exercise.work}s"
    if key == "sets":
        return str(exercise.sets)
    if key == "rest":
        rest = exercise.rest
        if rest.flexible:
            return f"{rest.min_seconds}-{rest.max_seconds}s"
        return f"{rest.max_seconds}s" if rest.max_seconds else "none"
    return None
