"""A step in a few words: the one description the screen, a media remote and the voice share."""

from __future__ import annotations

from itbtimer.core.plan import Plan, StepKind
from itbtimer.core.session import Session, View
from itbtimer.present.display import show
from itbtimer.present.now_playing import playing
from itbtimer.present.step_words import describe_step, side_words
from itbtimer.voice.phrases import label
from tests.helpers import plan_of

ROUTINE = """\
name: Knee
defaults: {get_ready: 5, switch: 3}
sections:
  - name: Strength
    rest: 30-45s
    exercises:
      - {name: Squat, work: 30s, sets: 2}
      - {name: Single leg dips, reps: 8-12, sides: both}
      - {name: Plank, until: shaking}
"""


def test_describe_step_in_words():
    plan = plan_of(ROUTINE)
    assert [describe_step(step) for step in plan.steps[:6]] == [
        "Get ready: Squat", "Squat (set 1 of 2)", "Rest, then Squat", "Squat (set 2 of 2)",
        "Rest, then Single leg dips", "Single leg dips — left leg"]
    switch = next(s for s in plan.steps if s.kind == StepKind.SWITCH)
    assert describe_step(switch) == "Switch to the right leg: Single leg dips"


def test_a_side_is_named_alike_on_the_screen_the_remote_and_in_the_voice():
    plan = plan_of(ROUTINE)
    left = next(s for s in plan.steps if s.side == "left")
    assert side_words(left) == "left leg"
    assert playing(_view_at(plan, left.index), "Knee").title == "Single leg dips — left leg"
    assert label(left) == "Single leg dips, left leg"
    assert show(_view_at(plan, left.index - 2), steps=plan.steps).next_up == (
        "Next: rest 30–45 s, then Single leg dips — left leg")
    rest = show(_view_at(plan, left.index - 1), steps=plan.steps)  # heads with what comes
    assert (rest.title, rest.side) == ("Single leg dips", "◀ LEFT")


def _view_at(plan: Plan, index: int) -> View:
    session = Session(plan)
    session.start(0.0)
    while session.step.index != index:
        session.next(1.0)
    return session.view(1.0)
