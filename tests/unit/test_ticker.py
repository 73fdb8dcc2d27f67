"""The window's loop on fake timers: it wakes at the workout's deadlines, no sleeping."""

from __future__ import annotations

from itbtimer.app.workout import ScaledClock, Workout
from itbtimer.core.commands import Start, TogglePause
from itbtimer.gui.ticker import Ticker
from tests.fakes import FakeClock, FakePlayer, FakeTimers, never_asleep
from tests.helpers import plan_of

ROUTINE = """\
name: Loop
defaults: {get_ready: 0}
sections:
  - name: A
    exercises:
      - {name: Squat, work: 5s}
      - {name: Lunge, work: 5s}
"""


def rig(speed: float = 1.0) -> tuple[Workout, Ticker, FakeTimers, list[float], FakeClock]:
    clock = FakeClock(50.0)
    timers = FakeTimers(clock)
    workout = Workout(plan_of(ROUTINE), FakePlayer(), ScaledClock(speed, clock),
                      slept=never_asleep)
    drawn: list[float] = []
    ticker = Ticker(timers, workout.tick, lambda: drawn.append(clock.t), workout.next_wake)
    return workout, ticker, timers, drawn, clock


def test_two_wake_ups_a_second_on_the_clock_s_changes_and_nothing_once_over():
    workout, ticker, timers, drawn, clock = rig()
    workout.apply(Start())
    ticker.run()
    timers.advance(4.25)
    woken = [t - 50.0 for t in drawn[1:]]
    assert len(woken) <= 9  # at most two a second (the cues fall on the same wake-ups)
    for second in (1, 2, 3, 4):  # each change of the countdown is drawn at once
        assert any(second <= t <= second + 0.001 for t in woken), (second, woken)
    timers.advance(20.0)
    assert workout.session.over and timers.pending == {}
    assert drawn[-1] <= 60.0  # no wake-up after the end


def test_at_rehearsal_speed_the_screen_is_drawn_at_most_ten_times_a_second():
    workout, ticker, timers, drawn, clock = rig(speed=100.0)
    workout.apply(Start())
    ticker.run()
    timers.advance(0.05)
    frames = [b - a for a, b in zip(drawn, drawn[1:], strict=False)]
    assert frames and min(frames) >= 0.0 and len(drawn) <= 1 + 5 + 8  # frames + cue ticks


def test_a_cue_is_ticked_at_its_due_time_not_at_the_next_frame():
    workout, ticker, timers, drawn, clock = rig(speed=20.0)  # deadlines between frames
    workout.apply(Start())
    ticker.run()
    played_at: list[float] = []
    workout.listeners.append(lambda e: played_at.append(clock.t) if e.name == "cue" else None)
    timers.advance(0.5)
    pips = workout.session.plan.steps[0].seconds - 3  # the first countdown pip, routine s
    assert played_at[0] == 50.0 + round(pips / 20, 3)


def test_paused_wakes_once_a_second_and_redraw_reschedules_once():
    workout, ticker, timers, drawn, clock = rig()
    workout.apply(Start())
    ticker.run()
    workout.apply(TogglePause())
    ticker.redraw()
    assert len(timers.pending) == 1
    drawn.clear()
    timers.advance(1.0)
    assert len(drawn) == 1


def test_stop_cancels_the_pending_wake_up():
    workout, ticker, timers, drawn, clock = rig()
    workout.apply(Start())
    ticker.run()
    ticker.stop()
    assert timers.pending == {}
    timers.advance(5.0)
    assert len(drawn) == 1
