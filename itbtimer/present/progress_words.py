"""Progression in words (issue 23): what a routine lets grow, where each exercise stands
("Plank 35 s (+5 s: pain 2 and 1)"), and what changes next time, in one line. The rule is
core/progression.py; these are only its words."""

from __future__ import annotations

from itbtimer.core.counting import counted
from itbtimer.core.durations import seconds_text
from itbtimer.core.progression import Change, Grows, Level, Progression, grown_exercise
from itbtimer.core.routine import Exercise, ExerciseMode, Routine, Section


def _exercise(routine: Routine, name: str) -> Exercise | None:
    return next((e for s in routine.sections for e in s.exercises if e.name == name), None)


def _section(routine: Routine, name: str) -> Section | None:
    return next((s for s in routine.sections if s.name == name), None)


def _sets(count: int) -> str:
    return counted(count, "set")


def figure(routine: Routine, level: Level, at: int | None = None) -> str:
    """What the exercise (or section) is at a level: "35 s", "10-14 reps", "3 sets"."""
    at = level.level if at is None else at
    if level.key.grows == Grows.SECTION:
        section = _section(routine, level.key.name)
        if section is None or section.sets_up_to is None or not section.exercises:
            return "?"
        fewest = min(e.sets for e in section.exercises)
        return _sets(min(fewest + at, max(section.sets_up_to, fewest)))
    exercise = _exercise(routine, level.key.name)
    if exercise is None:
        return "?"
    grown = grown_exercise(exercise, at)
    if grown.mode == ExerciseMode.REPS:
        return f"{grown.reps} reps"
    if grown.mode == ExerciseMode.UNTIL:
        return f"aim {seconds_text(grown.expect or 0)}"
    return seconds_text(grown.work or 0)


def step_size(routine: Routine, level: Level) -> str:
    """One level, in its unit: "5 s", "2 reps", "1 set"."""
    if level.key.grows == Grows.SECTION:
        return "1 set"
    exercise = _exercise(routine, level.key.name)
    if exercise is None or exercise.growth is None:
        return "1 level"
    if exercise.mode == ExerciseMode.REPS:
        return counted(exercise.growth.by, "rep")
    return seconds_text(exercise.growth.by)


def _name(level: Level) -> str:
    """The exercise's name; a section's ("Strength 3 sets": the figure says what grows)."""
    return level.key.name


def level_line(routine: Routine, level: Level) -> str:
    """"Plank 35 s (+5 s: pain 2 and 1)", "Plank 30 s (−5 s: pain 6 after the last
    session)", "Plank 35 s (as last time: pain 4, ...)", "Plank 50 s (set by hand)",
    "Plank 30 s (step up held back: 5 the morning after, 2 after the session)";
    `routine`: as written, before the levels."""
    if level.by_hand or level.decision.held_back:
        return f"{_name(level)} {figure(routine, level)} ({level.decision.reason})"
    if level.moved > 0:
        how = f"+{step_size(routine, level)}"
    elif level.moved < 0:
        how = f"−{step_size(routine, level)}"
    else:
        how = "as last time" if level.level else "the routine's own"
    return f"{_name(level)} {figure(routine, level)} ({how}: {level.decision.reason})"


def start_lines(routine: Routine, progression: Progression) -> list[str]:
    """The start screen's lines: each exercise the plan runs other than the file says, whose
    level moved, or whose step up the morning after held back (the finished screen had
    said "Next time up": the start screen says why not)."""
    return [level_line(routine, lv) for lv in progression.levels
            if lv.level or lv.moved or lv.decision.held_back]


def start_text(routine: Routine, progression: Progression) -> str | None:
    """The start screen's one text of them (it wraps to two lines, then shrinks)."""
    lines = start_lines(routine, progression)
    return " · ".join(lines) if lines else None


def next_time_line(routine: Routine, progression: Progression,
                   counts: bool = True) -> str | None:
    """The finished screen's one line: what changes next time and why; `counts`: this
    session moves levels (done to its end, not practice)."""
    if not progression:
        return None
    if not counts:
        return ("Next time: the same (only a session done to its end, not a practice run, "
                "moves a level)")
    moved = [lv for lv in progression.levels if lv.moved]
    if not moved:
        reason = progression.levels[0].decision.reason
        return f"Next time: the same ({reason})"
    parts = [f"{_name(lv)} {figure(routine, lv)}" for lv in moved]
    sign = "up" if moved[0].decision.change == Change.UP else "back"
    return f"Next time {sign}: {', '.join(parts)} ({moved[0].decision.reason})"


def growth_line(routine: Routine) -> str | None:
    """What a routine lets grow, for `itbtimer check`: "Grows when the knee allows (pain 3
    or less twice): Plank +5 s to 1m · Dips +2 reps to 15 · Strength to 3 sets"."""
    parts = []
    for section in routine.sections:
        for exercise in section.exercises:
            growth = exercise.growth
            if growth is not None:
                unit = ("reps", str(growth.up_to)) if exercise.mode == ExerciseMode.REPS \
                    else ("", seconds_text(growth.up_to))
                by = counted(growth.by, "rep") if unit[0] else seconds_text(growth.by)
                parts.append(f"{exercise.name} +{by} to {unit[1]}")
        if section.sets_up_to is not None:
            parts.append(f"{section.name} to {_sets(section.sets_up_to)}")
    if not parts:
        return None
    return (f"Grows when the knee allows (pain {routine.pain_at_most} or less twice): "
            + " · ".join(parts))


def plan_lines(routine: Routine, progression: Progression) -> list[str]:
    """What `itbtimer plan` says above the steps of a routine that grows: the levels it
    runs at, or that it runs at its own figures so far, and why."""
    if not progression:
        return []
    lines = start_lines(routine, progression)
    if not any(lv.level for lv in progression.levels):
        held = [lv for lv in progression.levels if lv.decision.held_back]
        reason = (held or list(progression.levels))[0].decision.reason
        return [f"At the routine's own figures so far ({reason}); itbtimer progress lists "
                "each level"]
    return ["At the levels your history has reached (itbtimer progress lists them, "
            "--reset undoes them):"] + [f"  {line}" for line in lines]
