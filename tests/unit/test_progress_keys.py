"""`progress:` in a routine file (issue 23): read at its three places, every mistake said
with its line, carried by the plan and by `check`'s words."""

from __future__ import annotations

import json

import pytest

from itbtimer.core.plan import build_plan
from itbtimer.core.routine import Growth
from itbtimer.errors import RoutineError
from itbtimer.present.progress_words import growth_line
from itbtimer.routine_files import parse_routine

KNEE = """\
name: Knee
ask: knee pain
progress: {pain_at_most: 2}
sections:
  - name: Strength
    sets: 2
    progress: {sets_up_to: 3}
    exercises:
      - name: Plank
        work: 30s
        progress: {by: 5s, up_to: 1m}
      - name: Dips
        reps: 8-12
        sides: both
        progress: {by: 2, up_to: 15}
      - name: Side plank
        until: shaking
        expect: 30s
        progress: {by: 5s, up_to: 45s}
"""


def problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "mine.yaml")
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def test_progress_is_read_at_the_top_a_section_and_an_exercise():
    routine = parse_routine(KNEE)
    section = routine.sections[0]
    assert routine.pain_at_most == 2
    assert section.sets_up_to == 3
    assert [e.growth for e in section.exercises] == [Growth(5, 60), Growth(2, 15),
                                                     Growth(5, 45)]


def test_without_progress_nothing_grows():
    routine = parse_routine("".join(line for line in KNEE.splitlines(keepends=True)
                                    if "progress" not in line))
    assert routine.sections[0].sets_up_to is None
    assert all(e.growth is None for e in routine.sections[0].exercises)
    assert routine.pain_at_most == 3


def test_plan_json_and_check_carry_what_grows():
    data = json.loads(json.dumps(build_plan(parse_routine(KNEE)).to_json()))
    assert data["exercises"][0]["progress"] == {"by": 5, "up_to": 60}
    assert data["progress"]["pain_at_most"] == 2
    assert data["progress"]["sections"] == [{"name": "Strength", "sets_up_to": 3}]
    assert growth_line(parse_routine(KNEE)) == (
        "Grows when the knee allows (pain 2 or less twice): Plank +5 s to 60 s · Dips +2 reps "
        "to 15 · Side plank +5 s to 45 s · Strength to 3 sets")


def test_up_to_must_be_more_than_the_exercise_has():
    assert problems(KNEE.replace("up_to: 1m", "up_to: 30s")) == [
        (11, "sections[0].exercises[0].progress.up_to",
         "30s is not more than the exercise's own 30s: write the most it may grow to")]


def test_reps_grow_by_a_count():
    assert problems(KNEE.replace("by: 2,", "by: 5s,")) == [
        (15, "sections[0].exercises[1].progress.by",
         "reps grow by a count: write a whole number like 2, not '5s'")]


def test_a_hold_needs_expect_to_grow():
    assert problems(KNEE.replace("        expect: 30s\n", "")) == [
        (18, "sections[0].exercises[2].progress",
         "a hold (`until`) grows the time it aims for: give the exercise `expect: 30s` too, "
         "the hold to start from")]


def test_by_and_up_to_are_both_needed():
    (found,) = problems(KNEE.replace("{by: 5s, up_to: 1m}", "{by: 5s}"))
    assert found[:2] == (11, "sections[0].exercises[0].progress.up_to")
    assert "needs `by`" in found[2]


def test_a_key_of_another_progress_says_where_it_goes():
    assert problems(KNEE.replace("{sets_up_to: 3}", "{sets_up_to: 3, by: 2}"))[0][2] == (
        "`by` goes in an exercise's `progress`, not in a section's `progress`")
    assert problems(KNEE.replace("{by: 2, up_to: 15}", "{by: 2, up_to: 15, sets_up_to: 3}")
                    )[0][2] == ("`sets_up_to` goes in a section's `progress`, not in an "
                                "exercise's `progress`")


def test_sets_up_to_must_be_more_than_the_sets_there_are():
    assert problems(KNEE.replace("sets_up_to: 3", "sets_up_to: 2")) == [
        (7, "sections[0].progress.sets_up_to",
         "its exercises have 2 sets already: write more than 2")]


def test_pain_at_most_is_0_to_5():
    (found,) = problems(KNEE.replace("pain_at_most: 2", "pain_at_most: 6"))
    assert found[:2] == (3, "progress.pain_at_most")
    assert found[2].startswith("must be a whole number from 0 to 5")


def test_progress_needs_the_question_after_the_session():
    (found,) = problems(KNEE.replace("ask: knee pain", "ask: none"))
    assert found[:2] == (2, "ask")
    assert "add `ask: knee pain`" in found[2]


def test_a_bare_value_says_how_to_write_progress():
    assert problems(KNEE.replace("{by: 5s, up_to: 1m}", "5s"))[0][2] == (
        "write it like `progress: {by: 5s, up_to: 60s}` (on reps: `{by: 2, up_to: 15}`) "
        "here, not '5s'")
