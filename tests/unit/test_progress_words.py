"""Progression in words (issue 23): the start screen's, `itbtimer plan`'s and the finished
screen's lines, from the levels (core/progression.py)."""

from __future__ import annotations

from itbtimer.core.progression import Answered, Grows, LevelKey, progression
from itbtimer.present.progress_words import (
    growth_line,
    next_time_line,
    plan_lines,
    start_lines,
)
from itbtimer.routine_files import parse_routine

KNEE = parse_routine("""\
name: Knee
ask: knee pain
sections:
  - name: Strength
    progress: {sets_up_to: 2}
    exercises:
      - {name: Plank, until: shaking, expect: 30s, progress: {by: 5s, up_to: 45s}}
      - {name: Dips, reps: 10, progress: {by: 2, up_to: 15}}
""")
PLANK = LevelKey(Grows.EXERCISE, "Plank")


def levels(*pains: int | None, level: int = 0):
    at = {PLANK: level, LevelKey(Grows.EXERCISE, "Dips"): level,
          LevelKey(Grows.SECTION, "Strength"): min(level, 1)}
    return progression(KNEE, [Answered(p, levels=at, start=n) for n, p in enumerate(pains)])


def test_the_start_screen_names_each_level_its_figure_and_why():
    assert start_lines(KNEE, levels(2, 1)) == [
        "Strength 2 sets (+1 set: pain 2 and 1)", "Plank aim 35 s (+5 s: pain 2 and 1)",
        "Dips 12 reps (+2 reps: pain 2 and 1)"]
    assert start_lines(KNEE, levels(2, level=1))[1] == (
        "Plank aim 35 s (as last time: pain 2 after one session at this level; one more like "
        "it to step up)")
    assert start_lines(KNEE, levels(4, 4)) == []  # the routine's own figures: nothing to say


def test_plan_says_it_runs_at_the_routines_own_figures_or_at_the_levels():
    assert plan_lines(KNEE, levels(4, 5)) == [
        "At the routine's own figures so far (pain 5, more once it is 3 or less twice); "
        "itbtimer progress lists each level"]
    assert plan_lines(KNEE, levels(1, 1))[2] == "  Plank aim 35 s (+5 s: pain 1 and 1)"


def test_the_finished_screen_says_what_changes_next_time_in_one_line():
    assert next_time_line(KNEE, levels(1, 2)) == (
        "Next time up: Strength 2 sets, Plank aim 35 s, Dips 12 reps (pain 1 and 2)")
    assert next_time_line(KNEE, levels(2, 8, level=1)) == (
        "Next time back: Strength 1 set, Plank aim 30 s, Dips 10 reps (pain 8 after the last "
        "session)")
    assert next_time_line(KNEE, levels(2, 4)) == (
        "Next time: the same (pain 4, more once it is 3 or less twice)")
    assert next_time_line(KNEE, levels(1, 1), counts=False) == (
        "Next time: the same (only a session done to its end, not a practice run, moves a "
        "level)")


def test_a_step_up_a_bad_morning_held_back_is_said_on_the_start_screen_and_in_plan():
    at = {PLANK: 0, LevelKey(Grows.EXERCISE, "Dips"): 0, LevelKey(Grows.SECTION, "Strength"): 0}
    held = progression(KNEE, [Answered(2, levels=at, start=0),
                              Answered(2, morning=5, levels=at, start=1)])
    why = "step up held back: 5 the morning after, 2 after the session"
    assert start_lines(KNEE, held) == [f"Strength 1 set ({why})", f"Plank aim 30 s ({why})",
                                       f"Dips 10 reps ({why})"]
    assert plan_lines(KNEE, held) == [
        f"At the routine's own figures so far ({why}); itbtimer progress lists each level"]


def test_growing_by_one_rep_says_1_rep():
    one = parse_routine("name: One\nask: knee pain\nsections:\n  - name: A\n    exercises:\n"
                        "      - {name: Dips, reps: 10, progress: {by: 1, up_to: 12}}\n")
    assert growth_line(one) == ("Grows when the knee allows (pain 3 or less twice): "
                                "Dips +1 rep to 12")
