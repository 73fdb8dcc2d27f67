"""How to do each move: an exercise's `how:` and `link:` are read, checked, carried by the plan
and shown on the rest or get-ready before it (issue 22)."""

from __future__ import annotations

import json

import pytest

from itbtimer.core.limits import HOW_TO_CHARS, LINK_CHARS
from itbtimer.core.session import Session
from itbtimer.editor.fields import Level, fields
from itbtimer.errors import RoutineError
from itbtimer.present.display import show
from itbtimer.routine_files import load_routine, parse_routine
from itbtimer.routine_files.bundled import resolve_routine
from tests.helpers import plan_of

BANANA = """\
name: Stretch
defaults: {get_ready: 5s, switch: 3s}
sections:
  - name: Stretches
    rest: 20s
    exercises:
      - name: Calf stretch
        work: 30s
      - name: Banana stretch
        cue: Bend towards the back foot
        how: >-
          Cross one leg behind the other, hands above your head.
          Bend towards the back foot, like a banana.
        link: {link}
        sides: both
        work: 30s
"""
GOOD_LINK = "https://example.com/banana?t=12"


def banana(link: str) -> str:
    return BANANA.replace("{link}", link)


def one_error(text: str) -> str:
    with pytest.raises(RoutineError) as info:
        parse_routine(text, "mine.yaml")
    found = str(info.value).splitlines()
    assert len(found) == 1, found
    return found[0]


def test_an_exercise_may_say_how_and_give_a_link():
    exercise = parse_routine(banana(GOOD_LINK)).sections[0].exercises[1]
    assert exercise.how == ("Cross one leg behind the other, hands above your head. "
                            "Bend towards the back foot, like a banana.")
    assert exercise.link == GOOD_LINK
    assert parse_routine(banana(GOOD_LINK)).sections[0].exercises[0].how is None


@pytest.mark.parametrize("link", ["javascript:alert(1)", "file:///etc/passwd", "banana",
                                  "https://", "ftp://example.com/x", "'https://a b.com/'"])
def test_a_link_that_is_not_a_web_address_is_a_mistake_on_its_line(link):
    line = one_error(banana(link))
    assert line.startswith("mine.yaml:14:")
    assert "link of exercise \"Banana stretch\"" in line
    assert "is not a web address; write one starting with https://" in line


def test_a_how_to_or_a_link_too_long_says_how_long_it_may_be():
    long_how = banana(GOOD_LINK).replace(
        "Bend towards the back foot, like a banana.", "Bend. " * (HOW_TO_CHARS // 6 + 1))
    assert f"a how-to may have at most {HOW_TO_CHARS}" in one_error(long_how)
    long_link = banana("https://example.com/" + "a" * LINK_CHARS)
    assert f"a link may have at most {LINK_CHARS}" in one_error(long_link)


def test_how_in_a_section_says_where_it_belongs():
    text = banana(GOOD_LINK).replace("    rest: 20s\n", "    rest: 20s\n    how: x\n")
    assert "an exercise" in one_error(text)


def test_the_plan_carries_each_exercise_how_to_once_in_json_and_text():
    plan = plan_of(banana(GOOD_LINK))
    data = json.loads(json.dumps(plan.to_json()))
    assert data["exercises"][1] == {
        "section": "Stretches", "name": "Banana stretch", "link": GOOD_LINK,
        "how": plan.routine.sections[0].exercises[1].how, "progress": None, "image": None}
    assert data["exercises"][0]["how"] is None
    text = plan.describe()
    assert text.count("how: Cross one leg behind the other") == 1  # under its first step only
    assert text.count(f"link: {GOOD_LINK}") == 1


def test_the_rest_before_an_exercise_shows_its_how_to_and_link():
    plan = plan_of(banana(GOOD_LINK))
    s = Session(plan)
    s.start(0.0)
    s.next(1.0)  # the calf stretch
    s.next(2.0)  # the rest before the banana stretch
    shown = show(s.view(2.0), steps=plan.steps)
    assert (shown.phase, shown.title, shown.side) == ("rest", "Banana stretch", "◀ LEFT")
    assert shown.how.startswith("Cross one leg behind the other") and "\n" not in shown.how
    assert shown.link == f"Video or page: {GOOD_LINK}"
    s.next(3.0)  # doing it: the cue, not the paragraph
    doing = show(s.view(3.0), steps=plan.steps)
    assert (doing.title, doing.cue, doing.how, doing.link) == (
        "Banana stretch", "Bend towards the back foot", "", "")


def test_the_editor_offers_how_for_an_exercise():
    keys = [f.key for f in fields(Level.EXERCISE)]
    assert "how" in keys
    assert "how" not in [f.key for f in fields(Level.SECTION)]


def test_every_exercise_of_the_bundled_itb_routine_says_how_to_do_it():
    routine = load_routine(resolve_routine("itb-recovery"))
    missing = [e.name for s in routine.sections for e in s.exercises if not e.how]
    assert missing == []
    banana = next(e for s in routine.sections for e in s.exercises
                  if e.name == "Standing ITB banana stretch")
    assert banana.how is not None and "behind the other" in banana.how and "toes" in banana.how
