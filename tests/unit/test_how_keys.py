"""I and O, and the voice reading how-tos (issue 22): what the keys mean, what the screen and
the voice are given (pure)."""

from __future__ import annotations

from itbtimer.adapters.opener import open_in_browser
from itbtimer.core.events import StepStarted
from itbtimer.core.navigation import Action, Move, Screen, route
from itbtimer.core.plan import StepKind
from itbtimer.core.session import Session
from itbtimer.gui.fit import fit
from itbtimer.present.display import how_panel, show
from itbtimer.present.keys_help import keys_help
from itbtimer.voice.announcer import Announcer, Hush, Say
from itbtimer.voice.phrases import PhraseKind, how_wordings, step_phrases, texts_to_render
from tests.helpers import plan_of

HOW = "Cross one leg behind the other. Bend towards the back foot."
ROUTINE = f"""\
name: Stretch
defaults: {{get_ready: 5s, switch: 3s}}
sections:
  - name: Stretches
    rest: 20s
    sets: 2
    exercises:
      - {{name: Calf stretch, work: 30s}}
      - name: Banana stretch
        how: {HOW}
        link: https://example.com/banana
        sides: both
        work: 30s
"""
PLAN = plan_of(ROUTINE)


def screen_at(index: int):
    session = Session(PLAN)
    session.start(0.0)
    for _ in range(index):
        session.next(1.0)
    return show(session.view(1.0), steps=PLAN.steps)


def indexes(kind: StepKind, name: str | None = None) -> list[int]:
    return [s.index for s in PLAN.steps if s.kind == kind and (
        name is None or s.exercise == name or s.name == name)]


def test_i_and_o_act_on_the_running_screen_only():
    assert route(Screen.RUNNING, Action.HOW) is Move.TOGGLE_HOW
    assert route(Screen.RUNNING, Action.LINK) is Move.OPEN_LINK
    for screen in (Screen.START, Screen.FINISHED, Screen.HISTORY, Screen.EDITOR):
        assert route(screen, Action.HOW) is None and route(screen, Action.LINK) is None
    running = keys_help(Screen.RUNNING)
    assert "I how to do it" in running and "O its video or page" in running
    assert "I how to do it" not in keys_help(Screen.START)


def test_every_step_says_which_exercise_it_is_about_for_i_and_o():
    work = indexes(StepKind.WORK, "Banana stretch")[0]
    switch = indexes(StepKind.SWITCH)[0]
    rest = work - 1
    for index in (work, switch, rest):  # a rest is about the exercise it leads to
        shown = screen_at(index)
        assert (shown.about, shown.about_how, shown.about_link) == (
            "Banana stretch", HOW, "https://example.com/banana"), index
        assert how_panel(shown) == HOW
    calf = screen_at(indexes(StepKind.WORK, "Calf stretch")[0])
    assert calf.about == "Calf stretch" and calf.about_link == ""
    assert how_panel(calf) == "Calf stretch: the routine says no how-to (add `how:` to it)"


def test_the_how_to_is_read_whole_or_by_its_first_sentence():
    assert how_wordings(HOW) == (HOW, "Cross one leg behind the other.")
    assert how_wordings(None) == () and how_wordings("  ") == ()
    assert how_wordings("Slowly") == ("Slowly.",)


def test_the_rest_before_an_exercises_first_time_reads_its_how_to_when_asked():
    first_rest = indexes(StepKind.WORK, "Banana stretch")[0] - 1
    later_rests = [i for i in indexes(StepKind.REST) if i > first_rest + 1
                   and PLAN.steps[i + 1].name == "Banana stretch"]
    assert PLAN.steps[first_rest].kind == StepKind.REST and later_rests
    kinds = [p.kind for p in step_phrases(PLAN, first_rest, how=True)]
    assert PhraseKind.HOW in kinds
    assert PhraseKind.HOW not in [p.kind for p in step_phrases(PLAN, first_rest)]  # not asked
    for rest in later_rests:  # its second set: not again
        assert PhraseKind.HOW not in [p.kind for p in step_phrases(PLAN, rest, how=True)]
    texts = texts_to_render(PLAN)
    assert set(how_wordings(HOW)) <= set(texts)  # rendered ahead, for I and for the rest


def test_i_says_the_how_to_now_and_what_the_step_still_has_to_say_waits():
    announcer = Announcer(PLAN, seconds_of=lambda text: 5.0)
    rest = indexes(StepKind.WORK, "Banana stretch")[0] - 1
    announcer.hear(StepStarted(100.0, rest, PLAN.steps[rest]))
    pending_before = announcer.next_due()
    assert pending_before is not None
    out = announcer.read(how_wordings(HOW), 100.2)
    assert out == [Hush(100.2)]
    due = announcer.due(100.2)
    assert due == [Say(100.2, HOW, rest, PhraseKind.HOW)]
    assert (announcer.next_due() or 0) >= 105.2  # the rest's own words after it
    assert announcer.read((), 101.0) == []  # nothing to read: nothing cut
    announcer.read(how_wordings(HOW), 102.0)
    announcer.stop_reading(102.5)
    assert all(s.kind != PhraseKind.HOW for s in announcer.flush())


def test_only_a_web_address_is_opened_in_the_browser():
    assert open_in_browser("javascript:alert(1)") == "only http and https addresses are opened"
    assert open_in_browser("file:///etc/passwd") == "only http and https addresses are opened"


def test_a_paragraph_is_wrapped_large_rather_than_shrunk_onto_one_line():
    def measure(text: str, size: int) -> int:
        return len(text) * size // 2

    text = "one two three four five six"  # 27 letters: 1 line at size 10, 2 at size 20
    assert fit(text, 140, [20, 10], measure, max_lines=3).size == 10
    wrapped = fit(text, 140, [20, 10], measure, max_lines=3, wrap_first=True)
    assert (wrapped.size, wrapped.lines) == (20, 2)


def test_a_cue_is_cut_into_its_first_sentence_and_the_rest():
    from itbtimer.present.display import cue_parts

    assert cue_parts("Fast. Cross one leg behind the other") == (
        "Fast.", "Cross one leg behind the other")
    assert cue_parts("Knees out!  Toes down. Feet hip width") == (
        "Knees out!", "Toes down. Feet hip width")
    assert cue_parts("Knees out, toes down") == ("Knees out, toes down", "")
    assert cue_parts("3.5 s down") == ("3.5 s down", "")  # a decimal point ends nothing
