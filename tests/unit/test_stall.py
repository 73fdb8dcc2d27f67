"""A stalled process or a sleeping computer pauses the session as of the last tick (fake clock)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from itbtimer.core.events import Cue, Paused
from itbtimer.core.session import Session
from itbtimer.core.stall import (
    HELD_UP_AFTER,
    HoldUp,
    HoldUpKind,
    TickGuard,
    TickTimes,
    cue_too_late,
    held_up,
)
from tests.helpers import examples, names, plan_of

ROUTINE = """\
name: Stall
defaults: {get_ready: 0, switch: 5s}
sections:
  - name: A
    rest: 20s
    exercises:
      - {name: Squat, work: 10s}
      - {name: Plank, until: shaking}
      - {name: Bridge, work: 60s}
"""


class Loop:
    """The window's loop on a fake clock: ticks every `every` s, each scheduled and reported."""

    def __init__(self, speed: float = 1.0, every: float = 0.5):
        self.session = Session(plan_of(ROUTINE))
        self.guard = TickGuard()
        self.speed, self.every = speed, every
        self.real = 1000.0
        self.events = self.session.start(self.now())

    def now(self) -> float:
        return 1000.0 + (self.real - 1000.0) * self.speed

    def tick(self, late: float = 0.0, asleep: float = 0.0) -> list:
        scheduled = self.real + self.every
        self.real = scheduled + late
        events = self.guard.tick(self.session, self.now(),
                                 TickTimes(at=self.real, scheduled=scheduled, asleep=asleep))
        self.events += events
        return events

    def run(self, seconds: float) -> list:
        out: list = []
        for _ in range(round(seconds / self.every)):
            out += self.tick()
        return out


def test_ticks_in_time_run_the_session_as_before():
    loop = Loop()
    events = loop.run(10.0)
    assert [e.sound for e in events if isinstance(e, Cue)] == ["countdown"] * 3 + ["rest"]
    assert loop.guard.hold_up is None


def test_a_20_s_stall_mid_step_pauses_as_of_the_last_tick_and_plays_nothing_from_the_gap():
    loop = Loop()
    loop.run(2.5)  # 2.5 s into Squat
    late = loop.tick(late=20.0)  # SIGSTOP for 20 s, then SIGCONT
    assert names(late) == ["paused"]
    assert late[0].at == 1002.5  # as of the last tick, not now
    view = loop.session.view(loop.now())
    assert view.state == "paused" and view.step.name == "Squat"
    assert view.elapsed == 2.5 and view.remaining == 7.5
    assert loop.guard.hold_up == HoldUp(HoldUpKind.HELD_UP, 20.0)
    assert loop.guard.hold_up.message == "Paused: the timer was held up for 20 s"
    assert loop.run(5.0) == []  # stays paused, nothing plays, the reason stays shown
    assert loop.guard.hold_up is not None


def test_after_a_stall_space_resumes_exactly_there_and_the_gap_is_paused_time():
    loop = Loop()
    loop.run(2.5)
    loop.tick(late=20.0)  # real 1023.0
    loop.run(1.0)  # a second of looking at the screen
    resumed_at = loop.now()
    loop.events += loop.session.resume(resumed_at)
    assert loop.session.active_seconds(resumed_at) == 2.5
    assert loop.session.paused_seconds(resumed_at) == resumed_at - 1002.5
    after = loop.run(7.5)
    assert [(e.at - resumed_at, e.sound) for e in after if isinstance(e, Cue)] == [
        (4.5, "countdown"), (5.5, "countdown"), (6.5, "countdown"), (7.5, "rest")]
    assert loop.guard.hold_up is None  # running again: no reason shown


def test_a_simulated_suspend_pauses_the_same_way_with_its_own_words():
    loop = Loop()
    loop.run(4.0)
    # Linux: monotonic stood still while asleep, so the tick itself is in time
    late = loop.tick(asleep=3600.0)
    assert names(late) == ["paused"] and late[0].at == 1004.0
    assert loop.guard.hold_up.message == "Paused: the computer was asleep"
    assert loop.session.view(loop.now()).elapsed == 4.0


def test_a_tick_up_to_2_s_late_is_only_late_not_a_stall():
    loop = Loop()
    loop.run(1.0)
    events = loop.tick(late=HELD_UP_AFTER)
    assert "paused" not in names(events) and loop.session.state == "running"
    assert held_up(TickTimes(at=10.0, scheduled=8.0, asleep=2.0)) is None
    assert held_up(TickTimes(at=10.01, scheduled=8.0)) is not None
    assert held_up(TickTimes(at=100.0, scheduled=None)) is None  # nobody scheduled it


def test_at_speed_100_the_rule_is_in_real_seconds():
    loop = Loop(speed=100.0, every=0.01)
    loop.run(0.02)  # 2 routine seconds into Squat
    assert "paused" not in names(loop.tick(late=1.0))  # 100 routine s late, 1 real s: a hiccup
    loop2 = Loop(speed=100.0, every=0.01)
    loop2.run(0.02)
    assert names(loop2.tick(late=3.0)) == ["paused"]
    assert loop2.session.view(loop2.now()).step.name == "Squat"


def test_a_stall_while_paused_or_waiting_on_a_hold_changes_nothing_it_should_not():
    loop = Loop()
    loop.session.pause(loop.now())
    assert loop.tick(late=30.0) == []
    assert loop.session.state == "paused"


def test_a_stall_during_an_until_hold_keeps_the_hold_time_without_the_gap():
    loop = Loop()
    loop.run(30.0)  # Squat 10 + rest 20: the Plank hold has begun
    loop.run(12.0)
    assert loop.session.view(loop.now()).step.name == "Plank"
    loop.tick(late=60.0)
    assert loop.session.view(loop.now()).elapsed == 12.0


def test_cues_later_than_half_a_second_are_too_late():
    assert not cue_too_late(due=10.0, now=10.5)
    assert cue_too_late(due=10.0, now=10.51)


@settings(max_examples=examples(200), deadline=None)
@given(before=st.integers(min_value=1, max_value=200), stall=st.floats(2.01, 4000.0),
       asleep=st.booleans())
def test_any_stall_anywhere_plays_no_cue_and_adds_no_active_time(before, stall, asleep):
    loop = Loop()
    for _ in range(before):
        loop.tick()
    if loop.session.over or loop.session.state != "running":
        return
    active = loop.session.active_seconds(loop.now())
    late = loop.tick(late=0.0 if asleep else stall, asleep=stall if asleep else 0.0)
    assert [type(e) for e in late] == [Paused]
    assert loop.session.active_seconds(loop.now()) == active
