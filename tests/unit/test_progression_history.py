"""Progression levels in the history (issue 23): each session keeps the levels it ran at
(record version 6), levels set by hand are kept apart, and where each exercise stands is
derived from them by the store (a database in memory)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from itbtimer.core.plan import build_plan
from itbtimer.core.progression import Change, Grows, LevelKey
from itbtimer.core.session import Session
from itbtimer.history import HistoryStore
from itbtimer.history.database import MemoryDatabase
from itbtimer.history.from_session import build_record
from itbtimer.history.limits import check_import
from itbtimer.history.records import RecordError, SessionRecord
from itbtimer.routine_files import parse_routine

KNEE = parse_routine("""\
name: Knee
ask: knee pain
defaults: {get_ready: 0}
sections:
  - name: Strength
    exercises:
      - name: Plank
        work: 30s
        progress: {by: 5s, up_to: 60s}
""")
PLANK = LevelKey(Grows.EXERCISE, "Plank")
DAY = timedelta(days=1)
FIRST = datetime(2026, 11, 2, 18, tzinfo=timezone(timedelta(hours=1)))


def session(n: int, pain: int | None, level: int | None = None, morning: int | None = None,
            **fields: object) -> SessionRecord:
    start = FIRST + n * DAY
    data = {"id": f"{n + 1:032x}", "start": start.isoformat(), "routine": "Knee",
            "completed": True, "pain": pain, "morning": morning, **fields}
    if level is not None:
        data["levels"] = {"exercises": {"Plank": level}, "sections": {}}
    return SessionRecord.from_json(data)


def store_of(*records: SessionRecord, now: float = 0.0) -> HistoryStore:
    store = HistoryStore(database=MemoryDatabase(), now=lambda: now)
    for record in records:
        assert store.append(record)
    return store


def test_a_record_keeps_the_levels_it_ran_at_and_reads_them_back():
    record = session(0, 2, level=3)
    data = record.to_json()
    assert data["version"] >= 6  # levels came in version 6
    assert data["levels"] == {"exercises": {"Plank": 3}, "sections": {}}
    assert SessionRecord.from_json(json.loads(json.dumps(data))) == record
    assert record.level_map() == {PLANK: 3}


def test_an_older_record_ran_at_the_routines_own_figures():
    old = SessionRecord.from_json({"version": 4, "id": "ab" * 16, "start": FIRST.isoformat(),
                                   "routine": "Knee", "completed": True, "pain": 2})
    assert old.levels is None and old.level_map() == {}


def test_an_import_with_levels_that_are_no_levels_says_which():
    bad = session(0, 2, level=1).to_json() | {"levels": {"exercises": {"Plank": -1}}}
    with pytest.raises(RecordError, match=r"levels.exercises.Plank: -1 is not a whole number"):
        check_import(bad)
    with pytest.raises(RecordError, match="levels: 'weights' is not exercises or sections"):
        check_import(bad | {"levels": {"weights": {}}})


def test_a_session_run_at_levels_records_them():
    store = store_of(session(0, 2), session(1, 2))
    plan = build_plan(KNEE, store.progression(KNEE))
    assert plan.steps[0].seconds == 35
    run = Session(plan)
    run.start(0.0)
    run.tick(36.0)
    record = build_record(run, 36.0, FIRST + 3 * DAY, FIRST + 3 * DAY, pain=1)
    assert record.level_map() == {PLANK: 1}


def test_the_store_derives_the_level_from_the_sessions_and_their_answers():
    assert store_of(session(0, 2), session(1, 2)).progression(KNEE).as_levels() == {PLANK: 1}
    back = store_of(session(0, 2), session(1, 2), session(2, 6, level=1)).progression(KNEE)
    assert back.levels[0].decision.change == Change.BACK and back.as_levels() == {PLANK: 0}


def test_practice_stopped_and_other_routines_sessions_do_not_count():
    store = store_of(session(0, 2), session(1, 2, practice=True, speed=10),
                     session(2, 2, completed=False), session(3, 1, routine="Other"))
    assert store.progression(KNEE).levels[0].decision.reason == (
        "pain 2 after one session at this level; one more like it to step up")


def test_a_morning_that_arrives_later_is_read_at_the_next_look():
    store = store_of(session(0, 2), session(1, 2))
    assert store.progression(KNEE).as_levels() == {PLANK: 1}
    store.set_morning(session(1, 2).id, 5)
    again = store.progression(KNEE)
    assert again.as_levels() == {PLANK: 0}  # never applied twice, nor kept when untrue
    assert again.levels[0].decision.reason == (
        "step up held back: 5 the morning after, 2 after the session")


def test_a_level_set_by_hand_holds_until_sessions_after_it():
    last = (FIRST + DAY).timestamp()
    store = store_of(session(0, 2), session(1, 2), now=last + 60)
    store.set_levels("Knee", {PLANK: 4})
    assert store.progression(KNEE).as_levels() == {PLANK: 4}
    store.set_levels("Knee", {PLANK: 0})
    assert store.progression(KNEE).levels[0].decision.reason == "reset by hand"
    store.append(session(2, 1, level=0))
    assert store.progression(KNEE).as_levels() == {PLANK: 0}  # one session since the reset


def test_a_routine_that_grows_nothing_reads_no_history():
    plain = parse_routine("name: P\nsections:\n  - name: S\n    exercises:\n      - name: A\n")
    assert not store_of().progression(plain)


def test_a_plank_skipped_in_a_stored_session_does_not_step_up():
    skipped = [{"name": "Plank", "status": "skipped", "mode": "timed", "set": 1}]
    done = [{"name": "Plank", "status": "done", "mode": "timed", "set": 1}]
    stays = store_of(session(0, 2, steps=done), session(1, 2, steps=skipped)).progression(KNEE)
    assert stays.as_levels() == {PLANK: 0}
    assert stays.levels[0].decision.reason.endswith("Plank was skipped: done in both "
                                                    "sessions to step up")
    ups = store_of(session(0, 2, steps=done), session(1, 2, steps=done)).progression(KNEE)
    assert ups.as_levels() == {PLANK: 1}
