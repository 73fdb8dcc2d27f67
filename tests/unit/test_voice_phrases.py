"""What the coach says for a plan, and when: pure, no audio."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from itbtimer.core.events import CueSound
from itbtimer.core.schedule import CueKey, Visit
from itbtimer.voice import words
from itbtimer.voice.phrases import (
    AFTER_START_BEEP,
    BEEP_SECONDS,
    FINISH,
    HOLD_WORDS_UP_TO,
    PIP_MARGIN,
    PhraseKind,
    hold_phrase,
    place,
    quiet_spans,
    speaking_seconds,
    step_phrases,
    texts_to_render,
)
from tests.helpers import plan_of

ROUTINE = """\
name: Voice test
defaults: {work: 30s, rest: 30-45s, get_ready: 10s, switch: 5s}
sections:
  - name: Exercises
    sets: 2
    exercises:
      - name: Plank
        cue: Shoulders relaxed, tailbone under
        until: shaking
      - name: Side plank
        sides: both
        until: shaking
      - name: Single leg dips
        reps: 8-12
        sides: both
      - name: Kettlebell squats - goblet
        cue: Knees out, toes down, feet hip width
        work: 30s
      - name: Wall sit
        work: 60s
"""


def said(plan, index, cues=True, seconds_of=speaking_seconds):
    step = plan.steps[index]
    return [(p.kind, p.text) for p in place(step_phrases(plan, index, cues), step,
                                            seconds_of=seconds_of)]


def find(plan, **fields):
    return next(s.index for s in plan.steps
                if all(getattr(s, k) == v for k, v in fields.items()))


def test_numbers_are_words():
    assert [words.number(n) for n in (0, 7, 13, 20, 45, 99, 100, 120, 305)] == [
        "zero", "seven", "thirteen", "twenty", "forty-five", "ninety-nine", "one hundred",
        "one hundred twenty", "three hundred five"]


def test_durations_are_said_as_people_count_them():
    assert words.duration(1) == "one second"
    assert words.duration(57) == "fifty-seven seconds"
    assert words.duration(60) == "one minute"
    assert words.duration(90) == "ninety seconds"
    assert words.duration(120) == "two minutes"
    assert words.duration(150) == "two minutes thirty seconds"
    assert words.duration_range(30, 45) == "thirty to forty-five seconds"
    assert words.duration_range(60, 120) == "one to two minutes"
    assert words.reps("8-12") == "eight to twelve reps"
    assert words.reps("1") == "one rep"


@given(st.integers(0, 999_999))
def test_every_number_is_spelled_without_digits(n):
    assert not any(c.isdigit() for c in words.number(n))


def test_get_ready_names_the_section_and_its_first_exercise():
    plan = plan_of(ROUTINE)
    assert said(plan, 0) == [(PhraseKind.GET_READY, "Exercises. First: Plank, until shaking.")]


def test_an_until_step_says_name_set_and_until_then_its_cue():
    plan = plan_of(ROUTINE)
    assert said(plan, find(plan, name="Plank", set=1)) == [
        (PhraseKind.START, "Plank. Set one of two. Until shaking."),
        (PhraseKind.CUE, "Shoulders relaxed, tailbone under."),
    ]


def test_sides_and_reps_are_said():
    plan = plan_of(ROUTINE)
    left = find(plan, name="Side plank", side="left", set=1, kind="work")
    assert said(plan, left)[0][1] == "Side plank, left side. Set one of two. Until shaking."
    dips = find(plan, name="Single leg dips", side="right", set=2, kind="work")
    assert said(plan, dips)[0][1] == "Single leg dips, right leg. Set two of two. " \
                                     "Eight to twelve reps."


def test_switch_names_the_new_side_before_the_pips():
    plan = plan_of(ROUTINE)
    switch = find(plan, kind="switch", name="Side plank")
    (kind, text), = said(plan, switch)
    assert kind == PhraseKind.SWITCH and text in ("Switch to the right side.", "Right side.")


def test_a_rest_says_how_long_and_what_is_next_then_go_when_ready():
    plan = plan_of(ROUTINE)
    rest = find(plan, kind="rest")
    assert said(plan, rest) == [
        (PhraseKind.REST, "Rest, thirty to forty-five seconds. Next: Plank."),
        (PhraseKind.GO_WHEN_READY, "Go when you're ready."),
        (PhraseKind.TEN_SECONDS, "Ten seconds."),
    ]
    rest_before_side = find(plan, kind="rest", exercise="Side plank")
    assert said(plan, rest_before_side)[0][1].endswith("Next: Side plank, left side.")


def test_long_steps_get_halfway_and_ten_seconds_at_their_time():
    plan = plan_of(ROUTINE)
    index = find(plan, name="Wall sit", set=1)
    placed = {p.kind: p for p in place(step_phrases(plan, index), plan.steps[index])}
    assert 30 < placed[PhraseKind.HALFWAY].at < 31
    assert placed[PhraseKind.TEN_SECONDS].at == 50


def test_names_are_spoken_in_the_routines_own_words():
    plan = plan_of(ROUTINE)
    squat = find(plan, name="Kettlebell squats - goblet", set=1)
    assert said(plan, squat)[0][1] == "Kettlebell squats, goblet. Set one of two. " \
                                      "Thirty seconds."


def test_no_cues_when_cues_are_off():
    plan = plan_of(ROUTINE)
    index = find(plan, name="Plank", set=1)
    assert [k for k, _ in said(plan, index, cues=False)] == [PhraseKind.START]


def test_the_cue_is_dropped_first_when_the_step_is_short():
    plan = plan_of("""\
name: Short
defaults: {get_ready: 0, switch: 0}
sections:
  - name: S
    exercises:
      - {name: Bridge hold, work: 8s, cue: "One leg up, hold the hips level, then swap legs"}
""")
    placed = place(step_phrases(plan, 0), plan.steps[0])
    assert [(p.kind, p.dropped) for p in placed] == [
        (PhraseKind.START, False), (PhraseKind.CUE, True)]


def test_a_phrase_that_would_run_into_the_pips_is_shortened_or_not_said():
    plan = plan_of("""\
name: Tight
defaults: {get_ready: 0, switch: 0}
sections:
  - name: S
    exercises:
      - {name: Crunch, work: 5s}
""")
    step = plan.steps[0]  # speech fits between 0.55 s and the first pip at 2 s - margin

    def texts(per_char):
        return [p.text for p in place(step_phrases(plan, 0), step,
                                      seconds_of=lambda t: per_char * len(t))]

    assert texts(0.05) == ["Crunch. Five seconds."]
    assert texts(0.1) == ["Crunch."]
    assert texts(0.3) == [None]


@given(st.integers(4, 200), st.text("abcdefgh -", max_size=60), st.floats(0.1, 8.0))
def test_nothing_placed_ever_overlaps_the_countdown(seconds, name, speech):
    plan = plan_of(f"""\
name: P
defaults: {{get_ready: 0}}
sections:
  - name: S
    exercises:
      - {{name: "N{name}", work: {seconds}s,
          cue: "Some cue"}}
""")
    step = plan.steps[0]
    for p in place(step_phrases(plan, 0), step, seconds_of=lambda t: speech):
        if not p.dropped:
            assert p.at >= AFTER_START_BEEP
            assert p.at + speech <= seconds - 3 - PIP_MARGIN + 1e-9


def test_phrases_in_one_step_never_overlap_each_other():
    plan = plan_of(ROUTINE)
    for index, step in enumerate(plan.steps):
        placed = [p for p in place(step_phrases(plan, index), step) if not p.dropped]
        for a, b in zip(placed, placed[1:], strict=False):
            assert a.at + speaking_seconds(a.text) <= b.at  # type: ignore[arg-type]


def test_hold_phrase_says_the_time_held():
    assert hold_phrase(57.4).wordings[0] == "Fifty-seven seconds. Well done."
    assert hold_phrase(72).wordings[0] == "Seventy-two seconds. Well done."
    assert hold_phrase(HOLD_WORDS_UP_TO + 1).wordings == ("Well done.",)


def test_a_hold_phrase_first_pushes_the_rest_phrase_later_or_shorter():
    plan = plan_of(ROUTINE)
    rest = find(plan, kind="rest")
    placed = place([hold_phrase(57), *step_phrases(plan, rest)], plan.steps[rest])
    assert [p.kind for p in placed][:2] == [PhraseKind.HOLD, PhraseKind.REST]
    assert placed[1].at >= placed[0].at + speaking_seconds(placed[0].text)  # type: ignore


def test_everything_the_plan_may_say_is_rendered_ahead_in_order():
    plan = plan_of(ROUTINE)
    texts = texts_to_render(plan)
    assert texts[0] == "Exercises. First: Plank, until shaking."
    assert FINISH in texts and "Fifty-seven seconds. Well done." in texts
    assert len(texts) == len(set(texts))
    for index in range(len(plan.steps)):
        for phrase in step_phrases(plan, index):
            assert set(phrase.wordings) <= set(texts)
    no_holds = plan_of("name: N\nsections:\n  - name: S\n    exercises: [{name: A, work: 5s}]\n")
    assert not any("Well done" in t and t != FINISH for t in texts_to_render(no_holds))


def test_estimate_grows_with_the_text():
    assert speaking_seconds("Rest.") < speaking_seconds("Rest. Next: Plank.") < math.inf


def test_every_step_of_the_itb_routine_is_announced_with_its_name_and_side():
    from itbtimer.core.plan import build_plan
    from itbtimer.routine_files import load_routine
    from itbtimer.routine_files.bundled import resolve_routine
    from itbtimer.voice.phrases import spoken_name

    plan = build_plan(load_routine(resolve_routine("itb-recovery")))
    for index, step in enumerate(plan.steps):
        first = place(step_phrases(plan, index), step)[0]
        assert not first.dropped, (index, first)
        text = first.text or ""
        if step.kind == "work":
            assert text.startswith(spoken_name(step.name)), text
            if step.side:
                assert step.side in text, text
        elif step.kind == "switch":
            assert step.side is not None and step.side.capitalize() in text.capitalize(), text
        elif step.kind == "rest":
            after = next(s for s in plan.steps[index + 1:] if s.kind == "work")
            assert f"Next: {spoken_name(after.name)}" in text, text
        else:
            assert "First:" in text, text


def test_every_beep_of_the_timetable_is_a_quiet_span_for_the_voice():
    plan = plan_of(ROUTINE)
    for step in plan.steps:
        spans = quiet_spans(step)
        for at, cue in Visit(step.index, step, 0.0).cues():
            assert any(lo <= at < hi for lo, hi in spans), (step, cue, spans)


def test_a_new_cue_in_the_timetable_silences_the_voice(monkeypatch):
    """The voice reads its quiet spans from the timetable, so a beep added there is one
    the coach does not talk over: here a beep 2 s into a 30 s squat."""
    plan = plan_of(ROUTINE)
    squat = find(plan, name="Kettlebell squats - goblet", set=1, kind="work")
    cues = Visit.cues
    monkeypatch.setattr(Visit, "cues", lambda self: sorted(
        [*cues(self), (2.0, CueKey(CueSound.HALFWAY))]))
    assert any(lo <= 2.0 < hi for lo, hi in quiet_spans(plan.steps[squat]))
    for placed in place(step_phrases(plan, squat), plan.steps[squat]):
        if placed.text is not None:
            end = placed.at + speaking_seconds(placed.text)
            assert end <= 2.0 or placed.at >= 2.0 + BEEP_SECONDS, placed


def test_every_wording_that_starts_a_one_sided_step_names_its_side():
    """Face down on the mat the side is heard, not read: however short the start, rest,
    get-ready or switch phrase is said, it names the side (issue 22)."""
    from itbtimer.core.plan import StepKind, build_plan
    from itbtimer.present.step_words import side_words
    from itbtimer.routine_files import load_routine
    from itbtimer.routine_files.bundled import resolve_routine

    plan = build_plan(load_routine(resolve_routine("itb-recovery")))
    checked = 0
    for step in plan.steps:
        coming = step if step.kind in (StepKind.WORK, StepKind.SWITCH) else next(
            (s for s in plan.steps[step.index + 1:] if s.kind == StepKind.WORK), None)
        if coming is None or not coming.side:
            continue
        for phrase in step_phrases(plan, step.index):
            if phrase.kind not in (PhraseKind.START, PhraseKind.SWITCH, PhraseKind.GET_READY,
                                   PhraseKind.REST):
                continue
            for text in phrase.wordings:
                if text != "Rest.":  # a rest too short for more: the screen heads with it
                    assert side_words(coming).split()[0] in text.lower(), text
                    checked += 1
    assert checked > 20


def test_a_paced_rep_is_counted_after_the_tick_that_ends_it():
    """`tempo: 3-1-2` (6 s a rep), 8-10 reps: "One." just after 6 s, ... "Ten." after 60 s,
    each clear of the ticks; nothing counted on a reps step without a tempo (issue 22)."""
    plan = plan_of("name: T\ndefaults: {get_ready: 0}\nsections:\n  - name: S\n    exercises:\n"
                   "      - {name: Single leg dips, reps: 8-10, tempo: 3-1-2, cue: Slowly}\n"
                   "      - {name: Squat, reps: 10}\n")
    from itbtimer.core.plan import StepKind

    dips, squat = (s.index for s in plan.steps if s.kind == StepKind.WORK)
    counts = [p for p in place(step_phrases(plan, dips), plan.steps[dips])
              if p.kind == PhraseKind.COUNT]
    assert [p.text for p in counts] == [words.capital(words.number(n)) + "." for n in
                                        range(1, 11)]
    spans = quiet_spans(plan.steps[dips])
    for n, p in enumerate(counts, start=1):
        assert n * 6 < p.at <= n * 6 + 0.6
        end = p.at + speaking_seconds(p.text or "")
        assert not any(p.at < hi and end > lo for lo, hi in spans)
    assert not [p for p in step_phrases(plan, squat) if p.kind == PhraseKind.COUNT]
    assert "Seven." in texts_to_render(plan)  # rendered ahead like every phrase
