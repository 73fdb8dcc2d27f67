"""The session engine, driven with a fake clock: every rule of the issue."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from itbtimer.core.commands import (
    Back,
    Command,
    Extend,
    Next,
    Pause,
    Restart,
    Resume,
    Start,
    Stop,
    TogglePause,
)
from itbtimer.core.events import Cue, StepStarted
from itbtimer.core.session import (
    SHORTEST_HOLD,
    NotStarted,
    Session,
    SessionError,
    SessionOver,
    SessionState,
    StepStatus,
)
from tests.helpers import names, plan_of

SIMPLE = """\
name: Simple
defaults: {get_ready: 0, switch: 5s}
sections:
  - name: A
    rest: 30-45s
    exercises:
      - {name: Squat, work: 10s}
      - {name: Lunge, work: 10s, sides: both}
      - {name: Dips, reps: 8-12}
      - {name: Plank, until: shaking, rest: 20s}
      - {name: Bridge, work: 60s}
"""


def session(text: str = SIMPLE, at: float = 100.0) -> tuple[Session, list]:
    s = Session(plan_of(text))
    return s, s.start(at)


def next_until(s: Session, arrived: Callable[[], bool], now: float = 100.0) -> float:
    """Next, a second apart from `now` (the session's start), until `arrived()`; returns the
    time of the last press."""
    while not arrived():
        now += 1
        s.next(now)
    return now


def cues(events) -> list[tuple[float, str]]:
    return [(e.at - 100.0, e.sound) for e in events if isinstance(e, Cue)]


def test_start_begins_the_first_step_with_go():
    s, events = session()
    assert names(events) == ["session_started", "step_started", "cue:go"]
    assert s.view(100.0).step.name == "Squat"


def test_countdown_at_3_2_1_then_the_step_ends_on_its_deadline():
    s, _ = session()
    events = s.tick(110.0)
    assert cues(events) == [(7.0, "countdown"), (8.0, "countdown"), (9.0, "countdown"),
                            (10.0, "rest")]
    started = [e for e in events if isinstance(e, StepStarted)]
    assert [(e.at, e.step.kind) for e in started] == [(110.0, "rest")]


def test_late_tick_returns_every_event_in_the_gap_at_its_due_time():
    s, _ = session()
    late = s.tick(100.0 + 10 + 45 + 10 + 1)  # a stall of over a minute
    one_by_one_session, _ = session()
    stepwise = []
    t = 100.0
    while t < 166.0:
        t = round(t + 0.01, 2)
        stepwise += one_by_one_session.tick(t)
    assert [(e.name, e.at) for e in late] == [(e.name, e.at) for e in stepwise]


def test_no_cue_fires_twice_and_none_while_paused():
    s, _ = session()
    s.tick(108.5)
    paused = s.pause(108.5)
    assert names(paused) == ["paused"]
    assert s.tick(200.0) == []
    resumed = s.resume(200.0)
    assert names(resumed) == ["resumed"]
    after = s.tick(202.0)
    assert cues(after) == [(100.5, "countdown"), (101.5, "rest")]


def test_pause_in_the_last_second_neither_loses_nor_repeats_a_cue():
    s, _ = session()
    before = s.tick(109.5)
    s.pause(109.5)
    s.resume(150.0)
    after = s.tick(150.5)
    sounds = [c for _, c in cues(before + after)]
    assert sounds == ["countdown", "countdown", "countdown", "rest"]


def test_pause_freezes_the_view_and_excludes_paused_time():
    s, _ = session()
    s.pause(104.0)
    assert s.view(130.0).remaining == pytest.approx(6.0)
    assert s.view(130.0).paused
    s.resume(130.0)
    assert s.view(131.0).remaining == pytest.approx(5.0)
    assert s.paused_seconds(131.0) == pytest.approx(26.0)
    assert s.active_seconds(131.0) == pytest.approx(5.0)


def test_next_skips_a_timed_step_and_cancels_its_cues():
    s, _ = session()
    events = s.next(102.0)
    assert names(events)[:3] == ["skipped", "step_done", "step_started"]
    assert s.step.kind == "rest"
    assert s.records[0].status == "skipped"
    later = s.tick(140.0)
    assert all(e.index != 0 for e in later if isinstance(e, Cue))


def test_flexible_rest_may_be_left_from_its_minimum():
    s, _ = session()
    s.tick(110.0)  # rest starts at 110
    assert not s.view(139.0).can_go
    ready = s.tick(140.0)
    assert cues(ready) == [(40.0, "ready")]
    assert s.view(140.0).can_go
    events = s.next(141.0)
    assert "skipped" not in names(events)
    assert s.records[1].status == "done"
    assert s.records[1].active_seconds == pytest.approx(31.0)


def test_flexible_rest_goes_on_by_itself_at_its_maximum():
    s, _ = session()
    events = s.tick(110.0 + 45.0)
    assert s.step.name == "Lunge" and s.step.side == "left"
    assert [e.at - 100 for e in events if isinstance(e, StepStarted)] == [10.0, 55.0]


def test_flexible_rest_before_its_minimum_is_a_skip():
    s, _ = session()
    s.tick(110.0)
    assert names(s.next(120.0))[0] == "skipped"


def test_one_sided_move_left_switch_right_with_cues():
    s, _ = session()
    s.tick(155.0)
    events = s.tick(155.0 + 10 + 5 + 10)
    steps = [(e.step.kind, e.step.side) for e in events if isinstance(e, StepStarted)]
    assert steps == [("switch", "right"), ("work", "right"), ("rest", None)]
    assert "switch" in [c for _, c in cues(events)]


def test_back_from_right_side_returns_to_the_left_side():
    s, _ = session()
    s.tick(170.0)  # right side started at 170
    assert (s.step.kind, s.step.side) == ("work", "right")
    events = s.back(171.0)
    assert names(events)[:3] == ["step_done", "back", "step_started"]
    assert (s.step.name, s.step.side) == ("Lunge", "left")
    right = s.records[events[0].index]
    assert (right.step.side, right.status) == ("right", StepStatus.INTERRUPTED)


def test_back_more_than_3s_into_a_work_step_restarts_it():
    s, _ = session()
    s.tick(105.0)
    events = s.back(105.0)
    assert "restarted" in names(events) and s.view(105.0).remaining == pytest.approx(10.0)
    assert s.step.name == "Squat"


def test_back_during_a_rest_returns_to_the_work_step_before_it():
    s, _ = session()
    s.tick(120.0)
    assert s.step.kind == "rest"
    s.back(120.0)
    assert s.step.name == "Squat" and s.view(120.0).remaining == pytest.approx(10.0)


def test_back_on_the_first_step_restarts_it():
    s, _ = session()
    s.back(101.0)
    assert s.step.index == 0 and s.view(101.0).remaining == pytest.approx(10.0)


def test_reps_step_counts_up_and_waits_for_done():
    s, _ = session()
    s.tick(180.0)
    s.next(181.0)  # leave the rest after the lunges
    assert s.step.name == "Dips"
    s.tick(500.0)
    assert s.step.name == "Dips"
    view = s.view(500.0)
    assert view.remaining is None and view.elapsed == pytest.approx(319.0)
    events = s.next(500.0)
    assert "skipped" not in names(events)
    assert s.step.kind == "rest"
    dips = s.records[s.step.index - 1]
    assert (dips.step.name, dips.status) == ("Dips", "done")
    assert dips.active_seconds == pytest.approx(319.0)


def test_until_hold_time_is_recorded():
    s, _ = session()
    start = next_until(s, lambda: s.step.name == "Plank")
    s.tick(start + 48.0)
    plank = s.step.index
    s.next(start + 48.0)
    assert s.records[plank].status == "done"
    assert s.records[plank].active_seconds == pytest.approx(48.0)


def test_halfway_cue_on_work_steps_of_a_minute_or_more():
    s, _ = session()
    start = next_until(s, lambda: s.step.name == "Bridge")
    events = s.tick(start + 60)
    got = [(round(e.at - start, 6), e.sound) for e in events if isinstance(e, Cue)]
    assert got == [(30.0, "halfway"), (57.0, "countdown"), (58.0, "countdown"),
                   (59.0, "countdown"), (60.0, "finish")]
    assert s.state == "finished"


def test_next_on_the_last_step_finishes():
    s, _ = session()
    next_until(s, lambda: s.state != "running")
    assert s.state == "finished"


def test_extend_adds_time_to_the_running_step_and_a_rest_too():
    s, _ = session()
    s.extend(101.0, 10)
    assert s.view(101.0).remaining == pytest.approx(19.0)
    assert s.tick(115.0) == []
    s.tick(120.0)
    assert s.step.kind == "rest"
    assert s.records[0].added_seconds == 10.0
    s.extend(121.0, 10)
    assert s.view(121.0).remaining == pytest.approx(54.0)


def test_extend_on_an_untimed_step_does_nothing():
    s, _ = session()
    now = next_until(s, lambda: s.step.name == "Dips")
    assert s.extend(now, 10) == []


def test_restart_step_begins_it_again():
    s, _ = session()
    s.tick(106.0)
    s.restart_step(106.0)
    assert s.view(106.0).remaining == pytest.approx(10.0)
    assert cues(s.tick(116.0))[:3] == [(13.0, "countdown"), (14.0, "countdown"),
                                        (15.0, "countdown")]


def test_finished_or_stopped_session_refuses_commands():
    s, _ = session()
    s.stop(105.0)
    assert s.state == "stopped" and s.records[0].status == "stopped"
    for command in (s.next, s.back, s.pause, s.resume, s.restart_step, s.toggle, s.stop):
        with pytest.raises(SessionOver):
            command(106.0)
    assert s.tick(200.0) == []


def test_commands_before_start_say_so():
    s = Session(plan_of(SIMPLE))
    with pytest.raises(NotStarted):
        s.next(1.0)
    assert names(s.toggle(1.0))[0] == "session_started"


def test_navigation_while_paused_stays_paused_and_cues_wait():
    s, _ = session()
    s.pause(102.0)
    events = s.next(103.0)
    assert [n for n in names(events) if n.startswith("cue:")] == [] and s.state == "paused"
    resumed = s.resume(110.0)
    assert cues(resumed) == [(10.0, "rest")]


def test_view_next_up_and_time_left():
    s, _ = session()
    view = s.view(102.0)
    assert view.next_step.kind == "rest"
    plan_total = s.plan.total_seconds
    assert view.routine_left == pytest.approx(plan_total - 2.0)
    assert view.session_progress == pytest.approx(2.0 / plan_total)
    assert (view.index, view.count) == (0, len(s.steps))


def test_records_total_time():
    s, _ = session()
    s.tick(105.0)
    s.pause(105.0)
    s.resume(115.0)
    s.stop(120.0)
    assert s.active_seconds(120.0) == pytest.approx(10.0)
    assert s.paused_seconds(120.0) == pytest.approx(10.0)


def test_stop_while_paused_ends_the_pause_and_records_the_step():
    s, _ = session()
    s.pause(104.0)
    events = s.stop(110.0)
    assert names(events) == ["step_done", "stopped"]
    assert s.state == SessionState.STOPPED
    assert (s.records[0].status, s.records[0].active_seconds) == (StepStatus.STOPPED, 4.0)
    assert s.paused_seconds(200.0) == pytest.approx(6.0)
    assert s.active_seconds(200.0) == pytest.approx(4.0)
    assert s.tick(300.0) == []


def test_done_on_the_last_step_while_paused_finishes_with_the_finish_cue():
    s, _ = session(SIMPLE.replace("      - {name: Bridge, work: 60s}\n", ""))
    assert s.steps[-1].name == "Plank" and not s.steps[-1].timed
    paused_at = next_until(s, lambda: s.step.index == len(s.steps) - 1) + SHORTEST_HOLD
    s.pause(paused_at)  # held long enough to be a hold, then paused
    events = s.next(paused_at + 5)
    assert names(events)[-2:] == ["cue:finish", "finished"]
    assert events[-1].at == paused_at + 5  # when the person pressed the key
    assert s.state == SessionState.FINISHED and s.records[-1].status == StepStatus.DONE
    assert s.paused_seconds(paused_at + 100) == pytest.approx(5.0)  # the pause ended there


@pytest.mark.parametrize("command, method", [
    (Start(), "start"), (TogglePause(), "toggle"), (Pause(), "pause"), (Resume(), "resume"),
    (Next(), "next"), (Back(), "back"), (Restart(), "restart_step"), (Stop(), "stop"),
    (Extend(20), "extend"),
])
def test_each_command_does_what_its_method_does(command, method):
    by_command, by_method = Session(plan_of(SIMPLE)), Session(plan_of(SIMPLE))
    if not isinstance(command, Start):
        by_command.start(100.0)
        by_method.start(100.0)
    if isinstance(command, Resume):
        by_command.pause(101.0)
        by_method.pause(101.0)
    args = (106.0, 20) if method == "extend" else (106.0,)
    assert names(by_command.apply(command, 106.0)) == names(getattr(by_method, method)(*args))
    assert by_command.view(106.0) == by_method.view(106.0)


def test_an_unknown_command_is_refused_with_its_name():
    class Dance(Command):
        pass

    s, _ = session()
    with pytest.raises(SessionError, match="Dance"):
        s.apply(Dance(), 101.0)


def test_states_statuses_and_kinds_are_enums_that_read_as_their_words():
    s, _ = session()
    assert s.state is SessionState.RUNNING and s.state == "running"
    assert f"{s.state}" == "running" and str(s.steps[0].kind) == "work"
    assert {status.value for status in StepStatus} == {
        "not_reached", "done", "skipped", "interrupted", "stopped"}


def plank_at(at: float) -> tuple[Session, float]:
    """A session moved on to the plank hold, at `at` seconds after it began."""
    s, _ = session()
    now = 100.0
    while s.step.name != "Plank":
        now += 1
        s.next(now)
    return s, now


@pytest.mark.parametrize("held", [0.0, 0.4, SHORTEST_HOLD - 0.01])
def test_a_hold_ended_within_seconds_of_its_start_is_skipped_not_a_hold(held):
    s, start = plank_at(100.0)
    plank = s.step.index
    events = s.next(start + held)
    assert "skipped" in names(events)
    assert s.records[plank].status == StepStatus.SKIPPED


def test_a_hold_of_the_shortest_hold_or_more_is_done():
    s, start = plank_at(100.0)
    plank = s.step.index
    s.tick(start + SHORTEST_HOLD)
    events = s.next(start + SHORTEST_HOLD)
    assert "skipped" not in names(events)
    assert s.records[plank].status == StepStatus.DONE
