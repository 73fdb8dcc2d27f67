""""Next:" says what really comes next, past a rest or a switch."""

from __future__ import annotations

from itbtimer.present.display import coming_up
from tests.helpers import plan_of

ROUTINE = """\
name: Knee
defaults: {get_ready: 5s, rest: 30-45s, switch: 5s}
sections:
  - name: Strength
    sets: 2
    exercises:
      - {name: Plank, until: shaking}
      - {name: Clamshell, work: 40s, sides: both}
  - name: Stretch
    rest: 20s
    exercises:
      - {name: Calf stretch, work: 30s}
"""


def _next(kind: str, name: str, nth: int = 0) -> str:
    steps = plan_of(ROUTINE).steps
    index = [i for i, s in enumerate(steps) if s.kind == kind and s.name == name][nth]
    return coming_up(steps, index)


def test_after_work_and_a_flexible_rest_it_names_the_rest_then_the_exercise():
    assert _next("work", "Plank") == "Next: rest 30–45 s, then Plank (set 2 of 2)"


def test_a_switch_is_named_with_the_side_that_follows():
    assert _next("work", "Clamshell") == (
        "Next: switch sides 5 s, then Clamshell — right side (set 1 of 2)")


def test_during_a_rest_it_names_the_exercise():
    assert _next("rest", "Rest") == "Next: Plank (set 2 of 2)"


def test_the_last_step_says_so():
    steps = plan_of(ROUTINE).steps
    assert coming_up(steps, len(steps) - 1) == "Last one!"
