"""The workout: one session wired to a clock, a player, an events log and a history store.

All fakes: a fake clock, a silent player, the history in memory.
"""

from __future__ import annotations

import io
import json

import pytest

from itbtimer.app.workout import AwakeWhileRunning, EventsLog, ScaledClock, Workout
from itbtimer.core.commands import Extend, Next, Start, Stop, TogglePause
from itbtimer.core.session import SessionState
from tests.fakes import FakeAwake, FakeClock, FakePlayer, MemoryHistory, never_asleep
from tests.helpers import plan_of

ROUTINE = """\
name: Wired
defaults: {get_ready: 0}
sections:
  - name: A
    rest: 5s
    exercises:
      - {name: Squat, work: 6s}
      - {name: Plank, until: shaking}
"""


def workout(speed: float = 1.0, **kwargs) -> tuple[Workout, FakeClock, io.StringIO]:
    real = FakeClock(383.0)
    log = io.StringIO()
    w = Workout(plan_of(ROUTINE), FakePlayer(), ScaledClock(speed, real),
                events_log=EventsLog(log), **{"slept": never_asleep, **kwargs})
    return w, real, log


def lines(log: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in log.getvalue().splitlines()]


def test_every_logged_time_comes_from_the_injected_clock():
    w, real, log = workout()
    w.apply(Start())
    real.t += 3.25
    w.tick()  # 0.25 s after the countdown's first pip fell due
    for t in (4.5, 5.5, 6.1):
        real.t = 383.0 + t
        w.tick()
    w.quit()
    logged = lines(log)
    cues = [e for e in logged if e["event"] == "cue"]
    assert cues, logged
    for cue in cues:
        assert cue["played_t"] >= cue["t"]
        assert cue["played_t"] - cue["t"] <= 0.5 + 1e-9  # never more than the tick's lateness
    assert cues[0] == {"t": 0.0, "event": "cue", "sound": "go", "index": 0, "played_t": 0.0}
    first_pip = next(c for c in cues if c["sound"] == "countdown")
    assert (first_pip["t"], first_pip["played_t"]) == (3.0, 3.25)
    assert logged[-1] == {"t": 6.1, "event": "quit"}
    assert all(0.0 <= e["t"] <= 6.1 for e in logged)


def test_rehearsal_speed_logs_real_seconds():
    w, real, log = workout(speed=20.0)
    w.apply(Start())
    real.t += 0.3  # six routine seconds: the squat is over
    w.tick()
    rest = next(e for e in lines(log) if e["event"] == "cue" and e["sound"] == "rest")
    assert rest["t"] == pytest.approx(0.3) and rest["played_t"] == pytest.approx(0.3)


def test_commands_go_through_apply_and_mean_nothing_when_they_cannot_apply():
    w, real, _ = workout()
    assert w.apply(Next()) == []  # before the start: nothing, no error
    w.apply(Start())
    real.t += 2
    w.apply(Extend(5))
    assert w.view().remaining == pytest.approx(9.0)
    w.apply(TogglePause())
    assert w.state == SessionState.PAUSED
    w.apply(Stop())
    assert w.state == SessionState.STOPPED
    assert w.apply(Next()) == []  # after the end: nothing, no error


def test_history_gets_a_mirror_on_pause_and_one_record_at_the_end():
    store = MemoryHistory()
    w, real, _ = workout(history=store)
    w.apply(Start())
    real.t += 2
    w.apply(TogglePause())
    assert store.in_progress is not None and store.in_progress.steps[0].name == "Squat"
    w.apply(Stop())
    assert store.records == [] and store.in_progress.completed is False
    assert w.save(pain=3) and w.save(pain=5)
    assert [r.pain for r in store.records] == [3]


def test_a_failing_store_leaves_the_workout_going_with_a_notice():
    store = MemoryHistory(fail=True)
    w, real, _ = workout(history=store)
    w.apply(Start())
    real.t += 2
    w.apply(TogglePause())
    w.apply(TogglePause())
    real.t += 10
    w.tick()
    assert w.state == SessionState.RUNNING and w.session.step.name == "Plank"
    assert w.notice is not None and w.notice.startswith("History not saved")
    w.quit()
    assert not w.saved


def test_the_screen_is_kept_awake_only_while_the_workout_runs():
    awake = FakeAwake()
    w, real, _ = workout()
    listener = AwakeWhileRunning(awake)
    w.listeners.append(listener)
    w.apply(Start())
    assert awake.active
    real.t += 3
    w.tick()  # cues and steps change nothing
    assert awake.active
    w.apply(TogglePause())
    assert not awake.active
    w.apply(TogglePause())
    assert awake.active
    listener.window_ready(42)
    assert awake.window_id == 42 and awake.calls[-1] == "hold"
    w.apply(Stop())
    assert not awake.active
    listener.window_ready(43)
    assert not awake.active


def test_a_cue_more_than_half_a_second_late_is_not_played_and_logged_as_dropped():
    w, real, log = workout()
    player = w.player
    w.apply(Start())
    real.t += 4.25  # the first pip fell due 1.25 s ago, the second 0.25 s ago
    w.tick()
    pips = [e for e in lines(log) if e["event"] == "cue" and e["sound"] == "countdown"]
    assert pips == [
        {"t": 3.0, "event": "cue", "sound": "countdown", "index": 0, "dropped": True,
         "played_t": None},
        {"t": 4.0, "event": "cue", "sound": "countdown", "index": 0, "played_t": 4.25}]
    assert player.played == ["go", "countdown"]


def test_a_tick_held_up_past_2_s_pauses_where_it_was_and_says_why():
    w, real, log = workout()
    w.apply(Start())
    wait = w.next_wake()  # the loop asks when to wake ...
    real.t += wait + 20.0  # ... and is stopped for 20 s (SIGSTOP) before it can
    events = w.tick()
    assert [e.name for e in events] == ["paused"]
    assert w.player.played == ["go"]  # nothing from the gap
    assert w.hold_up is not None
    assert w.hold_up.message == "Paused: the timer was held up for 20 s"
    held = [e for e in lines(log) if e["event"] == "held_up"]
    assert held == [{"t": pytest.approx(20.0 + wait), "event": "held_up", "why": "held_up",
                     "seconds": pytest.approx(20.0, abs=0.01)}]
    w.apply(TogglePause())
    assert w.hold_up is None and w.session.active_seconds(w.now()) == pytest.approx(0.0)


def test_the_events_log_stays_in_time_order_across_a_stall():
    """The pause is as of the last tick, its held_up notice when it was seen: in that
    order, so the log never runs backwards (the key-mash e2e test reads it so)."""
    w, real, log = workout()
    w.apply(Start())
    real.t += w.next_wake() + 20.0
    w.tick()
    times = [e["t"] for e in lines(log)]
    assert times == sorted(times)
    assert [e["event"] for e in lines(log)][-2:] == ["paused", "held_up"]


def test_a_sleep_between_ticks_pauses_with_the_computer_asleep():
    asleep = [0.0]
    w, real, log = workout(slept=lambda: asleep[0])
    w.apply(Start())
    real.t += w.next_wake()
    w.tick()
    active = w.session.active_seconds(w.now())
    asleep[0] += 3600.0  # a night with the lid closed; monotonic stood still
    real.t += w.next_wake()
    assert [e.name for e in w.tick()] == ["paused"]
    assert w.hold_up.message == "Paused: the computer was asleep"
    assert w.session.active_seconds(w.now()) == active


def test_a_long_hold_is_mirrored_every_5_seconds_so_a_kill_loses_at_most_that():
    store = MemoryHistory()
    w, real, _ = workout(history=store)
    w.apply(Start())
    while w.session.step.mode != "until":
        real.t += 1
        w.tick()
    before = store.snapshots
    for _ in range(58):  # a 58 s plank, ticked every second
        real.t += 1
        w.tick()
    assert store.snapshots - before >= 11
    plank = [s for s in store.in_progress.steps if s.mode == "until"][0]
    assert plank.active_seconds >= 58 - 5


def test_a_slow_history_write_never_holds_back_a_cue():
    class SlowHistory(MemoryHistory):
        def save_in_progress(self, record):
            real.t += 0.4  # a write with its fsync, on a busy disk
            super().save_in_progress(record)

    real = FakeClock(383.0)
    log = io.StringIO()
    store = SlowHistory()
    w = Workout(plan_of(ROUTINE), FakePlayer(), ScaledClock(1.0, real), store,
                events_log=EventsLog(log), slept=never_asleep)
    w.apply(Start())
    real.t += 6.0  # the squat ends: its step_done (a snapshot is due) and the rest cue
    w.tick()
    rest = next(e for e in lines(log) if e["event"] == "cue" and e["sound"] == "rest")
    assert rest["played_t"] == rest["t"] == 6.0
    assert store.snapshots == 1  # written, after the cue


@pytest.mark.parametrize(("write_seconds", "every"), [(0.001, 5.0), (0.05, 25.0)])
def test_the_mirror_is_rewritten_every_5_s_unless_that_costs_more_than_a_fifth_of_a_percent(
        write_seconds, every):
    """A routine of thousands of steps makes a slow mirror: it is then written less often,
    so the window's CPU does not grow with the routine (make bench: scale)."""
    class TimedHistory(MemoryHistory):
        def save_in_progress(self, record):
            real.t += write_seconds
            super().save_in_progress(record)

    real = FakeClock(383.0)
    store = TimedHistory()
    w = Workout(plan_of(ROUTINE), FakePlayer(), ScaledClock(1.0, real), store, cpu_clock=real,
                slept=never_asleep)
    w.apply(Start())
    writes = []
    for _ in range(600):  # 60 s, ticked every 100 ms
        real.t += 0.1
        before = store.snapshots
        w.tick()
        if store.snapshots > before:
            writes.append(real.t)
    gaps = [b - a for a, b in zip(writes, writes[1:], strict=False)]
    assert gaps and min(gaps) >= every - 0.2 and max(gaps) <= every + 0.5


def test_a_write_slow_only_because_the_disk_is_busy_keeps_the_mirror_every_5_s():
    """A busy disk makes the fsync wait, which costs no processor: a SIGKILL must still lose
    at most 5 s (the e2e test of it failed while other tests wrote to the same disk)."""
    class BusyDisk(MemoryHistory):
        def save_in_progress(self, record):
            real.t += 0.05  # waiting on the disk; the processor does nothing meanwhile
            super().save_in_progress(record)

    real = FakeClock(383.0)
    cpu = FakeClock(0.0)
    store = BusyDisk()
    w = Workout(plan_of(ROUTINE), FakePlayer(), ScaledClock(1.0, real), store, cpu_clock=cpu,
                slept=never_asleep)
    w.apply(Start())
    writes = []
    for _ in range(300):  # 30 s, ticked every 100 ms
        real.t += 0.1
        before = store.snapshots
        w.tick()
        if store.snapshots > before:
            writes.append(real.t)
    gaps = [b - a for a, b in zip(writes, writes[1:], strict=False)]
    assert gaps and max(gaps) <= 5.0 + 0.2


def test_a_key_pressed_during_a_stall_applies_to_the_session_paused_where_it_was():
    w, real, log = workout()
    w.apply(Start())
    real.t += w.next_wake()
    w.tick()
    active = w.session.active_seconds(w.now())
    real.t += w.next_wake() + 20.0  # stopped for 20 s; the key comes before the late tick
    events = w.apply(TogglePause())
    assert [e.name for e in events] == ["paused", "resumed"]
    assert w.session.active_seconds(w.now()) == pytest.approx(active)  # the gap is not exercise
    assert w.player.played == ["go"]


def test_a_wall_clock_step_back_mid_session_keeps_end_after_start_and_is_logged():
    """The record's end is its start plus the time that passed (monotonic); the step of
    the wall clock goes to the events log, never into the record (issue 20.7)."""
    from datetime import datetime, timedelta, timezone

    wall = [datetime(2026, 11, 2, 18, 0, tzinfo=timezone(timedelta(hours=1)))]
    w, real, log = workout(wallclock=lambda: wall[0])
    w.apply(Start())
    real.t += 3.0
    wall[0] += timedelta(seconds=3) - timedelta(hours=1)  # stepped back an hour
    w.tick()
    real.t += 3.0
    wall[0] += timedelta(seconds=3)
    w.apply(Stop())
    record = w.record()
    assert record.start == datetime(2026, 11, 2, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    assert record.end - record.start == timedelta(seconds=6)
    steps = [e for e in lines(log) if e["event"] == "wall_clock_step"]
    assert len(steps) == 1 and round(steps[0]["seconds"]) == -3600


def test_while_the_disk_is_full_every_step_end_tries_the_mirror_again():
    """A write that failed is tried again at the next step's end, not 5 s later: once the
    disk has room, what is on it is at most one step old (issue 20.4)."""
    store = MemoryHistory(fail=True)
    real = FakeClock(383.0)
    quick = ("name: Quick\ndefaults: {get_ready: 0}\nsections:\n  - name: A\n    exercises:\n"
             "      - {name: One, work: 2s}\n      - {name: Two, work: 2s}\n"
             "      - {name: Three, work: 2s}\n")
    w = Workout(plan_of(quick), FakePlayer(), ScaledClock(1.0, real), store, cpu_clock=real)
    w.apply(Start())
    real.t += 2.0
    w.tick()  # One ends: its mirror fails (the disk is full)
    assert store.snapshots == 0 and store.notice
    store.fail = False  # room again
    real.t += 2.0
    w.tick()  # Two ends, 2 s after the failed write: tried again at once
    assert store.snapshots == 1 and store.in_progress is not None
