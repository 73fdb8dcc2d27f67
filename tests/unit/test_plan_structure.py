"""round_rest, all_sets_per_side, rep_seconds/expect estimates and ask, as the docs say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from itbtimer.core.plan import build_plan, start_text
from itbtimer.routine_files import parse_routine
from tests.helpers import examples

TABATA = """\
name: Tabata
defaults: {get_ready: 10s}
sections:
  - name: Tabata
    rounds: 3
    work: 20s
    rest: 10s
    round_rest: 1m
    exercises:
      - name: Squat jumps
      - name: Push-ups
"""


def shape(plan):
    return [(s.kind, s.name, s.side, s.set, s.round, s.seconds, s.between_rounds)
            for s in plan.steps]


def test_round_rest_is_the_rest_between_rounds():
    plan = build_plan(parse_routine(TABATA))
    assert shape(plan) == [
        ("get_ready", "Get ready", None, None, None, 10, False),
        ("work", "Squat jumps", None, 1, 1, 20, False),
        ("rest", "Rest", None, None, None, 10, False),
        ("work", "Push-ups", None, 1, 1, 20, False),
        ("rest", "Rest", None, None, None, 60, True),
        ("work", "Squat jumps", None, 1, 2, 20, False),
        ("rest", "Rest", None, None, None, 10, False),
        ("work", "Push-ups", None, 1, 2, 20, False),
        ("rest", "Rest", None, None, None, 60, True),
        ("work", "Squat jumps", None, 1, 3, 20, False),
        ("rest", "Rest", None, None, None, 10, False),
        ("work", "Push-ups", None, 1, 3, 20, False),
    ]
    assert plan.total_seconds == 10 + 6 * 20 + 3 * 10 + 2 * 60


def test_without_round_rest_rounds_are_separated_by_the_rest():
    plan = build_plan(parse_routine(TABATA.replace("    round_rest: 1m\n", "")))
    rests = [s.seconds for s in plan.steps if s.kind == "rest"]
    assert rests == [10] * 5
    assert [s.between_rounds for s in plan.steps if s.kind == "rest"] == [
        False, True, False, True, False]


def test_round_rest_zero_means_straight_on():
    plan = build_plan(parse_routine(TABATA.replace("round_rest: 1m", "round_rest: 0")))
    assert [s.seconds for s in plan.steps if s.kind == "rest"] == [10, 10, 10]


PHYSIO = """\
name: Knee physio
ask: knee pain
defaults: {get_ready: 0, switch: 5s, rest: 30s, rep_seconds: 3s}
sections:
  - name: Strength
    exercises:
      - name: Step-downs
        reps: 10
        sets: 2
        sides: both
        all_sets_per_side: true
      - name: Wall sit
        until: shaking
        expect: 45s
      - name: Clams
        reps: 8-12
        rep_seconds: 2s
      - name: Bridge hold
        until: tired
"""


def test_all_sets_per_side_does_every_set_on_one_side_first():
    plan = build_plan(parse_routine(PHYSIO))
    steps = [(s.kind, s.name, s.side, s.set) for s in plan.steps][:6]
    assert steps == [
        ("work", "Step-downs", "left", 1),
        ("rest", "Rest", None, None),
        ("work", "Step-downs", "left", 2),
        ("switch", "Step-downs", "right", 1),
        ("work", "Step-downs", "right", 1),
        ("rest", "Rest", None, None),
    ]


def test_estimates_of_reps_and_holds():
    plan = build_plan(parse_routine(PHYSIO))
    work = [(s.name, s.estimate) for s in plan.steps if s.kind == "work"]
    assert work == [("Step-downs", 30)] * 4 + [("Wall sit", 45), ("Clams", 20),
                                               ("Bridge hold", None)]
    assert plan.total_seconds == 5 + 5 * 30  # a switch and five rests
    assert plan.estimated_seconds == plan.total_seconds + 4 * 30 + 45 + 20
    assert (plan.untimed_steps, plan.unestimated_steps) == (7, 1)
    assert plan.ask == "knee pain"


def test_offsets_after_untimed_steps_are_estimated_or_unknown():
    plan = build_plan(parse_routine(PHYSIO))
    first, rest_after = plan.steps[0], plan.steps[1]
    assert (start_text(first), first.offset_certainty) == ("0:00:00", "exact")
    assert rest_after.offset == 0 and rest_after.estimated_offset == 30
    assert start_text(rest_after) == "≈0:00:30"
    last = plan.steps[-1]
    assert last.offset_certainty == "estimated"
    plan2 = build_plan(parse_routine(PHYSIO.replace("        expect: 45s\n", "")))
    after_wall = plan2.steps[[s.name for s in plan2.steps].index("Wall sit") + 1]
    assert after_wall.offset_certainty == "unknown" and start_text(after_wall).endswith("+?")


def test_plan_table_shows_estimates_and_the_total_with_them():
    text = build_plan(parse_routine(PHYSIO)).describe().splitlines()
    assert text[1] == "Asks after the session: knee pain, 0 to 10"
    assert text[2] == "  0:00:00    Step-downs · left · set 1/2  [10 reps, ≈ 0:30]"
    assert text[3] == "  ≈0:00:30   rest 30s"
    assert text[-1] == ("Total 0:02:35 of timed steps, about 0:05:40 with the reps and "
                        "holds, plus 1 untimed without an estimate · 13 steps")


def test_json_has_the_new_fields():
    data = build_plan(parse_routine(PHYSIO)).to_json()
    assert data["ask"] == "knee pain"
    assert data["estimated_seconds"] == 155 + 185 and data["unestimated_steps"] == 1
    step = data["steps"][1]
    assert (step["estimate"], step["estimated_offset"], step["offset_certainty"],
            step["between_rounds"]) == (None, 30, "estimated", False)


def test_ask_defaults_to_no_question_and_none_means_none():
    assert build_plan(parse_routine(TABATA)).ask is None
    assert parse_routine(TABATA.replace("name: Tabata\n", "name: T\nask: none\n", 1)).ask is None


def test_the_bundled_itb_routine_asks_about_knee_pain():
    from itbtimer.routine_files import load_routine
    from itbtimer.routine_files.bundled import resolve_routine

    assert load_routine(resolve_routine("itb-recovery")).ask == "knee pain"


def test_rep_seconds_comes_down_from_defaults_and_sections():
    text = PHYSIO.replace("        rep_seconds: 2s\n", "")
    clams = [s for s in build_plan(parse_routine(text)).steps if s.name == "Clams"][0]
    assert clams.estimate == 30  # 10 reps (8-12) × 3 s from defaults


# --- the expansion rules as a reference implementation -----------------------------

@st.composite
def routines(draw):
    rounds = draw(st.integers(1, 3))
    rest = draw(st.integers(0, 20))
    round_rest = draw(st.one_of(st.none(), st.integers(0, 90)))
    lines = ["name: R", "defaults: {get_ready: 0, switch: " + str(draw(st.integers(0, 5))) + "}",
             "sections:", "  - name: S", f"    rounds: {rounds}", f"    rest: {rest}"]
    if round_rest is not None:
        lines.append(f"    round_rest: {round_rest}")
    lines.append("    exercises:")
    for i in range(draw(st.integers(1, 3))):
        sides = draw(st.booleans())
        lines.append(f"      - name: E{i}")
        lines.append(f"        sets: {draw(st.integers(1, 3))}")
        lines.append(f"        work: {draw(st.integers(1, 30))}")
        if sides:
            lines.append("        sides: both")
            lines.append(f"        all_sets_per_side: {str(draw(st.booleans())).lower()}")
    return parse_routine("\n".join(lines) + "\n")


def reference_units(section):
    """(round, exercise, set, sides) in the docs' order: each round, each exercise, each set;
    with all_sets_per_side, every set on one side, then every set on the other."""
    units = []
    for r in range(1, section.rounds + 1):
        for e in section.exercises:
            if e.all_sets_per_side:
                units += [(r, e, s, (side,)) for side in e.sides for s in range(1, e.sets + 1)]
            else:
                units += [(r, e, s, e.sides or (None,)) for s in range(1, e.sets + 1)]
    return units


def reference(routine):
    """The docs' rules, written plainly: (kind, name, side, set, round) for each step."""
    out = []
    section = routine.sections[0]
    units = reference_units(section)
    for i, (r, e, s, sides) in enumerate(units):
        for n, side in enumerate(sides):
            if n and routine.switch:
                out.append(("switch", e.name, side, s, r))
            out.append(("work", e.name, side, s, r))
        if i + 1 == len(units):
            break
        r2, e2, s2, sides2 = units[i + 1]
        if e2 is e and r2 == r and sides2 != sides:
            if routine.switch:
                out.append(("switch", e.name, sides2[0], s2, r2))
            continue
        rest = section.round_rest if r2 != r and section.round_rest else e.rest
        if rest.max_seconds:
            out.append(("rest", "Rest", None, None, None))
    return out


@settings(max_examples=examples(150), deadline=None)
@given(routines())
def test_expansion_follows_the_documented_rules(routine):
    plan = build_plan(routine)
    assert [(s.kind, s.name, s.side, s.set, s.round) for s in plan.steps] == reference(routine)
    running = 0
    for step in plan.steps:
        assert step.offset == running == step.estimated_offset
        running += step.seconds or 0


def test_a_plan_of_one_step_says_one_step():
    plan = build_plan(parse_routine(
        "name: R\ndefaults: {get_ready: 0}\nsections:\n  - name: S\n    exercises:\n"
        "      - {name: Plank, work: 6s}\n"))
    assert plan.total_text() == "Total 0:00:06 · 1 step"
