"""Rep tempo: `tempo: 3-1-3` paces each rep with a soft tick at every phase change and says
which rep and phase it is (issue 22)."""

from __future__ import annotations

import pytest

from itbtimer.core.events import Cue, CueSound
from itbtimer.core.schedule import rep_at, tempo_ticks
from itbtimer.core.session import Session
from itbtimer.errors import RoutineError
from itbtimer.present.display import show
from itbtimer.routine_files import parse_routine
from tests.helpers import plan_of

DIPS = """\
name: Knee
defaults: {get_ready: 0}
sections:
  - name: Strength
    exercises:
      - {name: Single leg dips, reps: 2-3, tempo: 3-1-2}
"""


def test_a_tempo_is_read_and_gives_the_rep_time():
    exercise = parse_routine(DIPS).sections[0].exercises[0]
    assert exercise.tempo == (3, 1, 2) and exercise.rep_seconds == 6
    assert exercise.estimate == 3 * 6  # 2-3 counts as 3 (rounded up), 6 s each


@pytest.mark.parametrize(("tempo", "words"), [
    ("3-1", "is not a tempo: write seconds down-hold-up, like 3-1-3"),
    ("0-1-3", "down and up at least 1"),
    ("3-1-99", "each at most 60"),
])
def test_a_tempo_that_is_not_three_numbers_is_a_mistake_on_its_line(tempo, words):
    with pytest.raises(RoutineError) as info:
        parse_routine(DIPS.replace("3-1-2", tempo), "mine.yaml")
    assert str(info.value).startswith("mine.yaml:6:")
    assert words in str(info.value)


def test_a_tempo_without_reps_is_a_mistake():
    with pytest.raises(RoutineError) as info:
        parse_routine(DIPS.replace("reps: 2-3", "work: 30s"), "mine.yaml")
    assert "`tempo` paces the reps of an exercise with `reps`" in str(info.value)


def test_ticks_fall_at_each_phase_change_up_to_the_highest_rep():
    assert tempo_ticks((3, 1, 2), "2-3") == [3, 4, 6, 9, 10, 12, 15, 16, 18]
    assert tempo_ticks((2, 0, 1), "2") == [2, 3, 5, 6]  # no hold: one tick where it would be


def test_the_rep_and_phase_at_a_moment():
    assert rep_at((3, 1, 2), 0.0) == (1, 0, 3.0)
    assert rep_at((3, 1, 2), 3.5) == (1, 1, 0.5)
    assert rep_at((3, 1, 2), 4.0) == (1, 2, 2.0)
    assert rep_at((3, 1, 2), 6.0) == (2, 0, 3.0)


def test_a_session_ticks_on_time_and_the_screen_counts_the_reps():
    plan = plan_of(DIPS)
    s = Session(plan)
    events = s.start(100.0)
    assert [e.sound for e in events if isinstance(e, Cue)] == [CueSound.GO]
    ticks = [e for e in s.tick(109.5) if isinstance(e, Cue)]
    assert [(e.sound, e.at) for e in ticks] == [
        (CueSound.TICK, 103.0), (CueSound.TICK, 104.0), (CueSound.TICK, 106.0),
        (CueSound.TICK, 109.0)]
    assert s.next_due() == 110.0
    shown = show(s.view(109.5), steps=plan.steps)
    assert shown.target == "Rep 2 of 2–3 · HOLD 1"  # rep 2: down 6-9 s, hold 9-10 s
    later = show(s.view(118.5), steps=plan.steps)
    assert later.target == "2–3 reps done · press Done"
    s.tick(130.0)
    assert s.next_due() is None  # no ticks past the highest rep: it waits for Done


def test_a_paused_paced_rep_does_not_tick():
    s = Session(plan_of(DIPS))
    s.start(0.0)
    s.pause(1.0)
    assert s.tick(20.0) == [] or all(not isinstance(e, Cue) for e in s.tick(20.0))
    s.resume(20.0)
    ticks = [e.at for e in s.tick(22.5) if isinstance(e, Cue)]
    assert ticks == [22.0]  # 3 s into the rep, counting only the time it ran


def test_the_record_keeps_the_reps_the_tempo_counted():
    """Done after 2 whole reps of 6 s and a half (13 s): 2 counted; past the highest count
    the ticks stop, and so does the count. A step without a tempo counts nothing."""
    from datetime import datetime, timezone

    from itbtimer.core.schedule import reps_counted
    from itbtimer.history.from_session import build_record
    from itbtimer.history.records import SessionRecord

    assert [reps_counted((3, 1, 2), "2-3", s) for s in (0, 5.9, 6, 13, 18, 600)] == [
        0, 0, 1, 2, 3, 3]
    plan = plan_of(DIPS.replace("tempo: 3-1-2}", "tempo: 3-1-2}\n      - {name: Squat, reps: 10}"))
    session = Session(plan)
    session.start(0.0)
    session.next(13.0)  # Done on the dips
    session.next(20.0)  # Done on the squats
    when = datetime(2026, 12, 7, 8, 0, tzinfo=timezone.utc)
    record = build_record(session, 20.0, when, when)
    dips, squat = record.steps
    assert (dips.reps_done, squat.reps_done) == (2, None)
    data = record.to_json()
    assert data["steps"][0]["reps_done"] == 2 and "reps_done" not in data["steps"][1]
    assert SessionRecord.from_json(data) == record
