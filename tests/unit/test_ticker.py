"""The window's loop on fake timers: it wakes at the workout's deadlines, no sleeping."""

from __future__ import annotations

from itbtimer.commands import Start, TogglePause
from itbtimer.gui.ticker import Ticker
from itbtimer.sounds import SilentPlayer
from itbtimer.workout import ScaledClock, Workout

from ..fakes import FakeTimers
from ..helpers import plan_of

ROUTINE = """\
name: Loop
defaults: {get_ready: 0}
sections:
  - name: A
    exercises:
      - {name: Squat, work: 5s}
      - {name: Lunge, work: 5s}
"""


class Clock:
    def __init__(self) -> None:
        self.t = 50.0

    def __call__(self) -> float:
        return self.t

    def set(self, t: float) -> None:
        self.t = t


def rig(speed: float = 1.0) -> tuple[Workout, Ticker, FakeTimers, list[float], Clock]:
    clock = Clock()
    timers = FakeTimers(clock, clock.set)
    workout = Workout(plan_of(ROUTINE), SilentPlayer(), ScaledClock(speed, clock))
    drawn: list[float] = []
    ticker = Ticker(timers, workout.tick, lambda: drawn.append(clock.t), workout.next_wake)
    return workout, ticker, timers, drawn, clock


def test_ten_frames_a_second_while_running_and_nothing_once_over():
    workout, ticker, timers, drawn, clock = rig()
    workout.apply(Start())
    ticker.run()
    timers.advance(1.0)
    assert len(drawn) == 11  # the first draw, then one every 100 ms
    timers.advance(20.0)
    assert workout.session.over and timers.pending == {}
    assert drawn[-1] <= 60.0  # no wake-up after the end


def test_a_cue_is_ticked_at_its_due_time_not_at_the_next_frame():
    workout, ticker, timers, drawn, clock = rig(speed=20.0)  # deadlines between frames
    workout.apply(Start())
    ticker.run()
    played_at: list[float] = []
    workout.listeners.append(lambda e: played_at.append(clock.t) if e.name == "cue" else None)
    timers.advance(0.5)
    pips = workout.session.plan.steps[0].seconds - 3  # the first countdown pip, routine s
    assert played_at[0] == 50.0 + round(pips / 20, 3)


def test_paused_wakes_four_times_a_second_and_redraw_reschedules_once():
    workout, ticker, timers, drawn, clock = rig()
    workout.apply(Start())
    ticker.run()
    workout.apply(TogglePause())
    ticker.redraw()
    assert len(timers.pending) == 1
    drawn.clear()
    timers.advance(1.0)
    assert len(drawn) == 4


def test_stop_cancels_the_pending_wake_up():
    workout, ticker, timers, drawn, clock = rig()
    workout.apply(Start())
    ticker.run()
    ticker.stop()
    assert timers.pending == {}
    timers.advance(5.0)
    assert len(drawn) == 1
