"""What `progress:` may say, at each of its three places (docs/routine-format.md,
"Progression the knee allows"; the rule itself is core/progression.py):

- an exercise: `progress: {by: 5s, up_to: 60s}` on timed work or a hold with `expect`
  (seconds), `{by: 2, up_to: 15}` on reps (a count);
- a section: `progress: {sets_up_to: 3}`, one more set of each exercise a level;
- the top: `progress: {pain_at_most: 3}`, the highest answer that still counts towards a
  step up (3 unless it says; 0 to 5: above 5 a level steps back).
"""

from __future__ import annotations

import yaml

from itbtimer.core.durations import format_duration
from itbtimer.core.progression import STEP_BACK_ABOVE
from itbtimer.core.routine import DEFAULT_PAIN_AT_MOST, ExerciseMode, Growth
from itbtimer.routine_files.checker import MAX_COUNT, Checker, describe, scalar

EXERCISE_PROGRESS = ("by", "up_to")
SECTION_PROGRESS = ("sets_up_to",)
TOP_PROGRESS = ("pain_at_most",)
MAX_REPS = 1000


_LIKE = {EXERCISE_PROGRESS: "`progress: {by: 5s, up_to: 60s}` (on reps: `{by: 2, up_to: 15}`)",
         SECTION_PROGRESS: "`progress: {sets_up_to: 3}`",
         TOP_PROGRESS: "`progress: {pain_at_most: 3}`"}


def _group(c: Checker, node: yaml.Node | None, path: str, allowed: tuple[str, ...],
           whose: str) -> dict[str, yaml.Node] | None:
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode):
        c.add(node, path, f"write it like {_LIKE[allowed]} here, not {describe(node)}")
        return None
    return c.group(node, path, allowed, "`progress`", f"in {whose} `progress`")


def read_growth(c: Checker, node: yaml.Node | None, path: str, mode: ExerciseMode,
                figure: int | None) -> Growth | None:
    """An exercise's `progress`: how much each level adds and the most it may reach;
    `figure` is what grows (the work's or the expected hold's seconds, the highest reps)."""
    keys = _group(c, node, path, EXERCISE_PROGRESS, "an exercise's")
    if keys is None or node is None:
        return None
    if mode == ExerciseMode.UNTIL and figure is None:
        c.add(node, path, "a hold (`until`) grows the time it aims for: give the exercise "
              "`expect: 30s` too, the hold to start from")
        return None
    missing = [k for k in EXERCISE_PROGRESS if k not in keys]
    if missing:
        c.missing(node, f"{path}.{missing[0]}", "`progress` needs `by` (what each step adds, "
                  f"{_example(mode)}) and `up_to` (the most it may grow to)")
        return None
    if mode == ExerciseMode.REPS:
        by = _reps(c, keys["by"], f"{path}.by")
        up_to = _reps(c, keys["up_to"], f"{path}.up_to")
    else:
        by = c.duration(keys["by"], f"{path}.by", 0, positive=True)
        up_to = c.duration(keys["up_to"], f"{path}.up_to", 0, positive=True)
    if not by or not up_to or figure is None:
        return None
    if up_to <= figure:
        c.add(keys["up_to"], f"{path}.up_to", f"{_said(mode, up_to)} is not more than the "
              f"exercise's own {_said(mode, figure)}: write the most it may grow to")
        return None
    return Growth(by, up_to)


def _example(mode: ExerciseMode) -> str:
    return "a count of reps, like `by: 2`" if mode == ExerciseMode.REPS else "like `by: 5s`"


def _said(mode: ExerciseMode, amount: int) -> str:
    return f"{amount} reps" if mode == ExerciseMode.REPS else format_duration(amount)


def _reps(c: Checker, node: yaml.Node, path: str) -> int | None:
    value = scalar(node)
    if isinstance(value, bool) or not isinstance(value, int):
        c.add(node, path, f"reps grow by a count: write a whole number like 2, not "
              f"{describe(node)}")
        return None
    if not 1 <= value <= MAX_REPS:
        c.add(node, path, f"must be between 1 and {MAX_REPS} reps, not {value}")
        return None
    return value


def read_sets_up_to(c: Checker, node: yaml.Node | None, path: str,
                    fewest: int) -> int | None:
    """A section's `progress: {sets_up_to: 3}`; `fewest`: the fewest sets of its exercises."""
    keys = _group(c, node, path, SECTION_PROGRESS, "a section's")
    if keys is None or node is None:
        return None
    if "sets_up_to" not in keys:
        c.missing(node, f"{path}.sets_up_to", "a section's `progress` says how many sets it "
                  "may grow to: `sets_up_to: 3`")
        return None
    most = c.count(keys["sets_up_to"], f"{path}.sets_up_to", 0, top=MAX_COUNT)
    if most and most <= fewest:
        c.add(keys["sets_up_to"], f"{path}.sets_up_to", f"its exercises have {fewest} "
              f"set{'s' if fewest > 1 else ''} already: write more than {fewest}")
        return None
    return most or None


def read_pain_at_most(c: Checker, node: yaml.Node | None, path: str) -> int:
    """The routine's `progress: {pain_at_most: 3}`."""
    keys = _group(c, node, path, TOP_PROGRESS, "the routine's")
    if not keys or "pain_at_most" not in keys:
        return DEFAULT_PAIN_AT_MOST
    value = scalar(keys["pain_at_most"])
    if isinstance(value, bool) or not isinstance(value, int) \
            or not 0 <= value <= STEP_BACK_ABOVE:
        c.add(keys["pain_at_most"], f"{path}.pain_at_most", "must be a whole number from 0 "
              f"to {STEP_BACK_ABOVE} (the highest answer that still allows a step up; above "
              f"{STEP_BACK_ABOVE} a level steps back), not {describe(keys['pain_at_most'])}")
        return DEFAULT_PAIN_AT_MOST
    return value
