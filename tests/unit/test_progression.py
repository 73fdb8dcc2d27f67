"""Progression the knee allows (issue 23): the rule, each branch with its reason, the levels
from the history, and the routine as it runs at them."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from itbtimer.core.plan import build_plan
from itbtimer.core.progression import (
    Answered,
    Change,
    Decision,
    Grows,
    LevelKey,
    SetByHand,
    decide,
    exercise_most,
    grown,
    named,
    progression,
    section_most,
)
from itbtimer.core.routine import Exercise, ExerciseMode, Growth, Rest, Routine, Section
from itbtimer.core.session import Session
from itbtimer.present.display import show

PLANK = LevelKey(Grows.EXERCISE, "Plank")
DIPS = LevelKey(Grows.EXERCISE, "Dips")
SETS = LevelKey(Grows.SECTION, "Strength")


def at(pain: int | None, morning: int | None = None, before: int | None = None,
       level: int = 0, start: float = 0.0) -> Answered:
    return Answered(pain, morning, before, {PLANK: level, DIPS: level, SETS: level}, start)


# --- the rule, branch by branch -------------------------------------------------------


def test_no_session_at_this_level_stays():
    assert decide(1, 5, []) == Decision(Change.STAY, "no session at this level yet")


def test_no_answer_after_the_last_session_stays():
    assert decide(1, 5, [at(2), at(None)]) == Decision(Change.STAY,
                                                       "no answer after the last session")


def test_pain_above_five_steps_back():
    assert decide(2, 5, [at(2), at(6)]) == Decision(Change.BACK, "pain 6 after the last session")


def test_pain_above_five_at_level_zero_stays_and_says_why():
    assert decide(0, 5, [at(7)]) == Decision(Change.STAY, "pain 7 after the last session")


def test_a_bad_morning_at_level_zero_holds_back_the_step_up_it_cancels():
    assert decide(0, 5, [at(2), at(2, morning=5)]) == Decision(
        Change.STAY, "step up held back: 5 the morning after, 2 after the session",
        held_back=True)


def test_a_bad_morning_at_level_zero_with_no_step_up_due_says_only_the_morning():
    assert decide(0, 5, [at(2, morning=5)]) == Decision(
        Change.STAY, "the morning after was 5, higher than 2 after the session")


def test_a_morning_higher_than_after_the_session_steps_back():
    assert decide(1, 5, [at(2), at(2, morning=4)]) == Decision(
        Change.BACK, "the morning after was 4, higher than 2 after the session")


def test_pain_four_or_five_stays():
    for pain in (4, 5):
        assert decide(1, 5, [at(1), at(pain)]) == Decision(
            Change.STAY, f"pain {pain}, more once it is 3 or less twice")


def test_the_routines_threshold_is_used():
    assert decide(1, 5, [at(2), at(3)], pain_at_most=2) == Decision(
        Change.STAY, "pain 3, more once it is 2 or less twice")
    assert decide(1, 5, [at(4), at(4)], pain_at_most=4).change == Change.UP


def test_one_good_session_at_a_level_is_not_enough():
    assert decide(0, 5, [at(1)]) == Decision(
        Change.STAY, "pain 1 after one session at this level; one more like it to step up")


def test_the_session_before_too_painful_stays():
    assert decide(0, 5, [at(5), at(2)]) == Decision(
        Change.STAY, "pain 5 the session before: both must be 3 or less")


def test_the_session_before_unanswered_stays():
    assert decide(0, 5, [at(None), at(2)]) == Decision(
        Change.STAY, "no answer the session before: both must be 3 or less")


def test_a_morning_that_rose_stays():
    assert decide(0, 5, [at(2, morning=2, before=1), at(1)]) == Decision(
        Change.STAY, "the morning after rose from 1 to 2")


def test_at_up_to_stays_and_says_so():
    assert decide(5, 5, [at(2), at(1)]) == Decision(
        Change.STAY, "pain 2 and 1; already at the most the routine allows")


def test_two_good_sessions_step_up():
    assert decide(0, 5, [at(2, morning=1, before=1), at(1)]) == Decision(Change.UP,
                                                                       "pain 2 and 1")


def test_missing_mornings_do_not_hold_a_step_up_back():
    assert decide(0, 5, [at(2), at(2)]).change == Change.UP


# --- the levels from the history ------------------------------------------------------


def routine(**growth: Growth) -> Routine:
    plank = Exercise("Plank", ExerciseMode.TIMED, 30, None, None, (), 2, Rest(30, 30),
                     growth=growth.get("plank", Growth(5, 60)))
    dips = Exercise("Dips", ExerciseMode.REPS, None, "8-12", None, ("left", "right"), 2,
                    Rest(30, 30), growth=Growth(2, 15))
    return Routine("Knee", (Section("Strength", (plank, dips), sets_up_to=3),), ask="knee pain")


def test_two_sessions_answered_2_then_2_step_everything_up():
    levels = progression(routine(), [at(2, start=1), at(2, start=2)])
    assert [(lv.key, lv.level, lv.was, lv.decision.change) for lv in levels.levels] == [
        (SETS, 1, 0, Change.UP), (PLANK, 1, 0, Change.UP), (DIPS, 1, 0, Change.UP)]


def test_after_a_step_up_two_sessions_at_the_new_level_are_needed():
    levels = progression(routine(), [at(2), at(2), at(1, level=1)]).as_levels()
    assert levels[PLANK] == 1


def test_a_six_steps_back_from_the_level_the_last_session_ran_at():
    levels = progression(routine(), [at(2, level=1), at(2, level=1), at(6, level=2)])
    assert levels.as_levels()[PLANK] == 1
    assert levels.levels[1].decision == Decision(Change.BACK, "pain 6 after the last session")


def test_the_morning_of_the_session_before_is_the_morning_before():
    rose = progression(routine(), [at(1, morning=1), at(2, morning=3), at(2, morning=2)])
    assert rose.levels[1].decision == Decision(Change.STAY, "the morning after rose from 1 to 3")


def test_a_level_set_by_hand_after_the_last_session_is_where_it_stands():
    levels = progression(routine(), [at(2, start=1), at(2, start=2)],
                         {PLANK: SetByHand(3, at=5)})
    plank = levels.levels[1]
    assert (plank.level, plank.by_hand, plank.decision.reason) == (3, True, "set by hand")
    reset = progression(routine(), [at(2, start=1), at(2, start=2)], {PLANK: SetByHand(0, 5)})
    assert (reset.levels[1].level, reset.levels[1].decision.reason) == (0, "reset by hand")


def test_only_sessions_after_a_level_set_by_hand_count():
    levels = progression(routine(), [at(2, start=1), at(2, level=3, start=6)],
                         {PLANK: SetByHand(3, at=5)})
    assert levels.as_levels()[PLANK] == 3  # one session since: one more to step up


def test_a_level_past_up_to_counts_as_the_most():
    levels = progression(routine(plank=Growth(5, 40)), [at(1, level=9), at(1, level=9)])
    plank = levels.levels[1]
    assert (plank.level, plank.most, plank.decision.change) == (2, 2, Change.STAY)


def test_a_routine_that_grows_nothing_has_no_progression():
    bare = replace(routine(), sections=(Section("S", (
        Exercise("Squat", ExerciseMode.TIMED, 30, None, None, (), 1, Rest(0, 0)),)),))
    assert not progression(bare, [at(1), at(1)])


# --- the routine as it runs -----------------------------------------------------------


def test_levels_grow_time_reps_and_sets_up_to_their_most():
    r = routine()
    assert exercise_most(r.sections[0].exercises[0]) == 6  # 30 s to 60 s by 5 s
    assert exercise_most(r.sections[0].exercises[1]) == 2  # 12 to 15 by 2 (the last: 15)
    assert section_most(r.sections[0]) == 1  # 2 sets to 3
    one = grown(r, {PLANK: 1, DIPS: 1, SETS: 1}).sections[0].exercises
    assert (one[0].work, one[0].sets, one[1].reps, one[1].sets) == (35, 3, "10-14", 3)
    top = grown(r, {PLANK: 9, DIPS: 9, SETS: 9}).sections[0].exercises
    assert (top[0].work, top[1].reps, top[0].sets) == (60, "15", 3)


def test_a_hold_grows_its_expected_time():
    hold = Exercise("Plank", ExerciseMode.UNTIL, None, None, "shaking", (), 1, Rest(0, 0),
                    expect=30, growth=Growth(5, 60))
    r = Routine("R", (Section("S", (hold,)),))
    step = build_plan(grown(r, {PLANK: 1})).steps[1]
    assert (step.until, step.estimate) == ("shaking", 35)


def test_level_zero_is_the_routine_itself():
    r = routine()
    assert grown(r, {PLANK: 0}) is r


def test_a_growing_hold_shows_the_time_its_level_aims_for_while_held():
    hold = Exercise("Plank", ExerciseMode.UNTIL, None, None, "shaking", (), 1, Rest(0, 0),
                    expect=30, growth=Growth(5, 60))
    r = Routine("R", (Section("S", (hold,)),), get_ready=0)
    session = Session(build_plan(grown(r, {PLANK: 1})))
    session.start(0.0)
    assert show(session.view(1.0), None).target == "until shaking · aim 0:35"
    plain = Session(build_plan(replace(r, sections=(Section("S", (replace(
        hold, growth=None),)),))))
    plain.start(0.0)
    assert show(plain.view(1.0), None).target == "until shaking"  # an estimate, no aim


_ANSWER = st.one_of(st.none(), st.integers(0, 10))


@given(st.lists(st.tuples(_ANSWER, _ANSWER, st.integers(0, 9)), max_size=4),
       st.integers(0, 5))
def test_a_level_moves_at_most_one_step_and_stays_between_0_and_its_most(past, threshold):
    sessions = [at(pain, morning, level=level, start=n)
                for n, (pain, morning, level) in enumerate(past)]
    levels = progression(replace(routine(), pain_at_most=threshold), sessions)
    for level in levels.levels:
        assert 0 <= level.level <= level.most
        assert abs(level.moved) <= 1
        assert level.decision.reason
        assert (level.moved > 0) == (level.decision.change == Change.UP)


def test_a_name_typed_in_any_case_and_spacing_finds_its_level():
    side = LevelKey(Grows.EXERCISE, "Side plank")
    keys = [SETS, PLANK, side]
    assert named(keys, "Plank") == [PLANK]
    assert named(keys, "plank") == [PLANK]
    assert named(keys, "  side   PLANK ") == [side]
    assert named(keys, "strength") == [SETS]
    assert named(keys, "Plonk") == []


def test_a_name_two_levels_share_but_for_case_is_ambiguous_unless_typed_exactly():
    shout = LevelKey(Grows.EXERCISE, "PLANK")
    assert named([PLANK, shout], "Plank") == [PLANK]
    assert named([PLANK, shout], "plank") == [shout, PLANK]
    # an exercise and a section of one name: the exercise, as when typed exactly
    strength = LevelKey(Grows.EXERCISE, "Strength")
    assert named([SETS, strength], "strength") == [strength]


def test_an_exercise_skipped_in_one_of_the_two_sessions_stays_while_the_others_step_up():
    """The new user's plank: skipped in the second session, still stepped up with the rest."""
    skipped = replace(at(2, start=2), skipped=frozenset({"Plank"}))
    levels = progression(routine(), [at(2, start=1), skipped])
    assert [(lv.key, lv.level, lv.decision.change) for lv in levels.levels] == [
        (SETS, 1, Change.UP), (PLANK, 0, Change.STAY), (DIPS, 1, Change.UP)]
    (plank,) = [lv for lv in levels.levels if lv.key == PLANK]
    assert plank.decision.reason == ("pain 2 and 2, but Plank was skipped: done in both "
                                     "sessions to step up")
