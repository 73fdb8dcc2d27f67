"""Beat your best: a hold shows the best to beat (per side), a "New best" cue falls as its
count passes it, the next set aims at the new figure, and the finished screen names the
new bests."""

from __future__ import annotations

from datetime import datetime

from itbtimer.app.wiring import App
from itbtimer.app.workout import ScaledClock, Workout
from itbtimer.core.bests import HoldTarget, passing_point
from itbtimer.core.commands import Next, Start
from itbtimer.core.events import Cue, CueSound
from itbtimer.core.session import Session
from itbtimer.present.display import new_best_lines, show, summary_lines
from itbtimer.voice.announcer import Announcer
from itbtimer.voice.phrases import NEW_BEST, texts_to_render
from tests.fakes import FakeAwake, FakeClock, FakePlayer, MemoryHistory
from tests.helpers import plan_of
from tests.sides_helpers import TZ, side_session

ROUTINE = """\
name: ITB recovery
defaults: {get_ready: 0, switch: 5}
sections:
  - name: Exercises
    sets: 2
    exercises:
      - {name: Side plank, sides: both, until: shaking}
      - {name: Squat, work: 10s}
"""
TARGETS = {("Side plank", "left"): HoldTarget(40.0, 38.0),
           ("Side plank", "right"): HoldTarget(31.0, 29.0)}


def new_bests(events) -> list[tuple[float, int]]:
    return [(e.at, e.index) for e in events if isinstance(e, Cue)
            and e.sound is CueSound.NEW_BEST]


def test_the_count_passes_a_best_at_the_next_whole_second():
    assert passing_point(40.0) == 41.0 and passing_point(57.4) == 58.0


def test_a_hold_cues_new_best_as_its_count_passes_the_best_of_its_own_side():
    session = Session(plan_of(ROUTINE), TARGETS)
    session.start(0.0)
    session.tick(0.0)
    view = session.view(10.0)
    assert view.step.side == "left" and view.target == TARGETS[("Side plank", "left")]
    assert session.next_due() == 41.0  # the window wakes for the cue, not before
    assert new_bests(session.tick(40.5)) == [] and not session.view(40.5).new_best
    assert new_bests(session.tick(41.0)) == [(41.0, 0)] and session.view(41.0).new_best
    assert new_bests(session.tick(60.0)) == []  # once a visit
    session.next(60.0)  # left held 60 s; the switch, then the right side
    session.tick(65.0)
    assert session.view(65.0).target == TARGETS[("Side plank", "right")]
    assert new_bests(session.tick(65.0 + 32.0)) == [(97.0, 2)]  # right: passes 0:31 at 0:32


def test_the_second_set_aims_at_the_first_sets_new_best():
    session = Session(plan_of(ROUTINE), TARGETS)
    session.start(0.0)
    session.tick(0.0)
    session.next(45.0)  # left 45 s: a new best
    session.tick(50.0)
    session.next(70.0)  # right 20 s: no new best
    session.tick(200.0)  # the squat, then set 2 on the left
    view = session.view(200.0)
    assert view.step.side == "left" and view.step.set == 2
    assert view.target == HoldTarget(45.0, 38.0)
    assert session.view(200.0).target is not None
    assert session.targets[("Side plank", "right")] == TARGETS[("Side plank", "right")]


def test_no_target_no_cue_and_none_on_timed_steps():
    session = Session(plan_of(ROUTINE))
    session.start(0.0)
    assert new_bests(session.tick(300.0)) == [] and session.view(300.0).target is None
    timed = Session(plan_of(ROUTINE), {("Squat", None): HoldTarget(5.0)})
    squats = [i for i, s in enumerate(timed.steps) if s.name == "Squat"]
    assert squats and all(timed.target(i) is None for i in squats)  # timed: nothing to beat


def test_the_running_screen_says_the_best_to_beat_then_new_best():
    plan = plan_of(ROUTINE)
    session = Session(plan, TARGETS)
    session.start(0.0)
    session.tick(10.0)
    assert show(session.view(10.0), steps=plan.steps).status == (
        "Best 0:40 · last 0:38 — press → when done")
    session.tick(42.0)
    assert show(session.view(42.0), steps=plan.steps).status == (
        "New best! (was 0:40) — press → when done")
    plain = Session(plan)
    plain.start(0.0)
    plain.tick(10.0)
    assert show(plain.view(10.0), steps=plan.steps).status == "Press → when done"


def test_the_finished_screen_lists_the_new_bests_per_side():
    record = side_session(datetime(2026, 12, 7, 18, tzinfo=TZ), 45.0, 30.0)
    lines = summary_lines(record, TARGETS)
    assert "New best: Side plank (left) 0:45 (was 0:40)" in lines
    assert not any("right" in line and line.startswith("New best") for line in lines)
    first_time = side_session(datetime(2026, 12, 7, 18, tzinfo=TZ), 45.0, 30.0)
    assert new_best_lines(first_time, {}) == []  # no best before: nothing to beat
    practice = side_session(datetime(2026, 12, 7, 18, tzinfo=TZ), 90.0, 90.0, practice=True)
    assert new_best_lines(practice, TARGETS) == []


def test_the_voice_says_new_best_after_its_bells():
    plan = plan_of(ROUTINE)
    announcer = Announcer(plan)
    announcer.hear(Cue(41.0, CueSound.NEW_BEST, 0))
    said = announcer.due(50.0)
    assert [(s.text, s.at) for s in said] == [(NEW_BEST, 41.7)]
    assert NEW_BEST in texts_to_render(plan)  # rendered ahead, like every phrase


def test_a_workout_plays_the_new_best_sound_of_its_own():
    clock = FakeClock(0.0)
    workout = Workout(plan_of(ROUTINE), FakePlayer(), ScaledClock(1.0, clock), targets=TARGETS)
    workout.apply(Start())
    clock.t = 41.0
    workout.tick()
    assert workout.player.played[-1] == "new_best"  # type: ignore[attr-defined]
    workout.apply(Next())
    assert workout.targets == TARGETS  # the bests before the session, for the finished screen


def test_the_app_hands_the_historys_bests_per_side_to_a_workout_but_not_to_practice():
    history = MemoryHistory()
    history.append(side_session(datetime(2026, 12, 1, 18, tzinfo=TZ), 40.0, 31.0))
    history.append(side_session(datetime(2026, 12, 3, 18, tzinfo=TZ), 38.0, 29.0))
    app = App(player=FakePlayer(), history=history, awake=FakeAwake(), recent=None)
    plan = plan_of(ROUTINE)
    assert app.targets(plan) == {("Side plank", "left"): HoldTarget(40.0, 38.0),
                                 ("Side plank", "right"): HoldTarget(31.0, 29.0),
                                 ("Plank", None): HoldTarget(50.0, 50.0)}
    assert app.new_workout(plan, None).session.targets == app.targets(plan)
    rehearsal = App(player=FakePlayer(), history=history, awake=FakeAwake(), recent=None,
                    practice=True)
    assert rehearsal.targets(plan) == {}
