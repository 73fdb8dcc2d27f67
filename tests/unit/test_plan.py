"""How a routine expands into steps: rounds, sets, sides, switch, rests, overrides."""

from __future__ import annotations

from itbtimer.core.plan import build_plan
from itbtimer.routine_files import parse_routine

ROUTINE = """\
name: Plan test
defaults:
  work: 20s
  rest: 10s
  get_ready: 5s
  switch: 3s
sections:
  - name: Circuit
    rounds: 2
    exercises:
      - {name: Squat}
      - {name: Lunge, sides: both, work: 15s, rest: 30-45s}
  - name: Sets
    sets: 2
    rest: 0
    exercises:
      - {name: Plank, until: shaking}
      - {name: Dips, reps: 8-12, sides: [right, left], sets: 1, rest: 20s}
      - {name: Bridge}
"""


def shape(plan):
    return [(s.kind, s.name, s.side, s.set, s.round, s.seconds, s.min_seconds)
            for s in plan.steps]


def test_rounds_sides_switch_and_rests_in_order():
    plan = build_plan(parse_routine(ROUTINE))
    assert shape(plan) == [
        ("get_ready", "Get ready", None, None, None, 5, None),
        ("work", "Squat", None, 1, 1, 20, None),
        ("rest", "Rest", None, None, None, 10, None),
        ("work", "Lunge", "left", 1, 1, 15, None),
        ("switch", "Lunge", "right", 1, 1, 3, None),
        ("work", "Lunge", "right", 1, 1, 15, None),
        ("rest", "Rest", None, None, None, 45, 30),  # the exercise's own rest
        ("work", "Squat", None, 1, 2, 20, None),
        ("rest", "Rest", None, None, None, 10, None),
        ("work", "Lunge", "left", 1, 2, 15, None),
        ("switch", "Lunge", "right", 1, 2, 3, None),
        ("work", "Lunge", "right", 1, 2, 15, None),
        # no rest after a section's last unit
        ("get_ready", "Get ready", None, None, None, 5, None),
        ("work", "Plank", None, 1, 1, None, None),
        ("work", "Plank", None, 2, 1, None, None),  # section rest 0: no rest step
        ("work", "Dips", "right", 1, 1, None, None),
        ("switch", "Dips", "left", 1, 1, 3, None),
        ("work", "Dips", "left", 1, 1, None, None),
        ("rest", "Rest", None, None, None, 20, None),
        ("work", "Bridge", None, 1, 1, 20, None),
        ("work", "Bridge", None, 2, 1, 20, None),
    ]


def test_json_follows_the_contract():
    data = build_plan(parse_routine(ROUTINE)).to_json()
    assert data["routine"] == "Plan test"
    assert data["untimed_steps"] == 4
    assert data["total_seconds"] == sum(s["seconds"] or 0 for s in data["steps"])
    keys = {"kind", "mode", "name", "section", "set", "sets", "round", "rounds", "side",
            "seconds", "min_seconds", "reps", "until", "cue"}
    for step in data["steps"]:
        assert keys <= step.keys()
        assert (step["seconds"] is None) == (step["mode"] in ("reps", "until"))
    dips = [s for s in data["steps"] if s["name"] == "Dips" and s["kind"] == "work"]
    assert [d["reps"] for d in dips] == ["8-12", "8-12"]
    assert data["steps"][6]["min_seconds"] == 30 and data["steps"][6]["seconds"] == 45


def test_offsets_are_the_running_sum_of_timed_steps():
    plan = build_plan(parse_routine(ROUTINE))
    running = 0
    for step in plan.steps:
        assert step.offset == running
        running += step.seconds or 0
    assert plan.total_seconds == running


def test_no_get_ready_or_switch_when_zero():
    text = ROUTINE.replace("get_ready: 5s", "get_ready: 0").replace("switch: 3s", "switch: 0")
    kinds = [s.kind for s in build_plan(parse_routine(text)).steps]
    assert "get_ready" not in kinds and "switch" not in kinds


def test_bundled_itb_routine_is_believable():
    from itbtimer.routine_files import load_routine
    from itbtimer.routine_files.bundled import resolve_routine

    plan = build_plan(load_routine(resolve_routine("itb-recovery")))
    assert 30 * 60 <= plan.total_seconds <= 45 * 60
    names = {s.name for s in plan.steps}
    for must in ("Plank", "Side plank", "Single leg dips", "Russian twists", "Foam roller",
                 "Pigeon pose", "Standing ITB banana stretch", "Glute bridge roll-ups"):
        assert must in names
    plank = [s for s in plan.steps if s.name == "Plank"]
    assert [(s.mode, s.until, s.set) for s in plank] == [("until", "shaking", 1),
                                                         ("until", "shaking", 2)]
    foam = [s for s in plan.steps if s.name == "Foam roller" and s.kind == "work"]
    assert [(s.side, s.seconds) for s in foam] == [("left", 120), ("right", 120)]
    rests = [s for s in plan.steps if s.kind == "rest" and s.section == "Exercises"]
    assert rests and all((s.min_seconds, s.seconds) == (30, 45) for s in rests)


def test_the_examples_in_the_docs_are_valid_routines():
    import re
    from pathlib import Path

    root = Path(__file__).parents[2]
    found = 0
    for doc in ("README.md", "docs/routine-format.md"):
        for block in re.findall(r"```yaml\n(.*?)```", (root / doc).read_text(), re.S):
            assert build_plan(parse_routine(block, doc)).steps
            found += 1
    assert found == 7  # README: 1; the format reference: the whole example, how-to, progress,
    # three more
