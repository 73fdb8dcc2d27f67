"""History: one record per session, nothing lost, progress read back right."""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itbtimer.history import HistoryStore
from itbtimer.history_cli import run_history
from itbtimer.progress import build_record, progress
from itbtimer.session import Session
from itbtimer.sounds import SilentPlayer
from itbtimer.workout import ScaledClock, Workout

from ..helpers import plan_of

ROUTINE = """\
name: Knee
per_week: 3
defaults: {get_ready: 0}
sections:
  - name: A
    sets: 2
    exercises:
      - {name: Plank, until: shaking}
      - {name: Squat, work: 30s}
"""
TZ = timezone(timedelta(hours=1))


def record_of(start: datetime, hold: float, pain: int | None = 3, finish: bool = True) -> dict:
    session = Session(plan_of(ROUTINE))
    session.start(0.0)
    session.tick(0.0)
    session.next(hold)              # plank set 1
    session.next(hold + hold - 5)   # plank set 2, 5 s shorter
    now = hold + hold - 5
    if finish:
        session.tick(now + 60.0)    # two sets of squats
        now += 60.0
    else:
        session.stop(now + 10.0)
        now += 10.0
    return build_record(session, now, start, start + timedelta(seconds=now), "knee.yaml", pain)


def test_record_has_the_fields_the_history_needs():
    record = record_of(datetime(2026, 11, 2, 18, 0, tzinfo=TZ), 48.0)
    assert record["start"] == "2026-11-02T18:00:00+01:00"
    assert record["completed"] and record["routine"] == "Knee" and record["pain"] == 3
    assert record["fingerprint"] and record["file"] == "knee.yaml"
    plank = [s for s in record["steps"] if s["name"] == "Plank"]
    assert [p["time_seconds"] for p in plank] == [48.0, 43.0]
    squat = [s for s in record["steps"] if s["name"] == "Squat"]
    assert squat[0]["planned_seconds"] == 30 and squat[0]["active_seconds"] == 30.0
    assert {"name", "side", "set", "planned_seconds", "active_seconds", "skipped",
            "added_seconds", "time_seconds"} <= set(plank[0])


def test_append_and_load_round_trip(tmp_path):
    store = HistoryStore(tmp_path)
    first = record_of(datetime(2026, 11, 2, 18, tzinfo=TZ), 40.0)
    second = record_of(datetime(2026, 11, 4, 18, tzinfo=TZ), 45.0)
    assert store.append(first) and store.append(second)
    records, message = store.load()
    assert records == [first, second] and message is None


def test_corrupt_lines_are_kept_aside_once_and_never_deleted(tmp_path):
    store = HistoryStore(tmp_path)
    good = record_of(datetime(2026, 11, 2, 18, tzinfo=TZ), 40.0)
    store.append(good)
    with open(store.path, "ab") as f:
        f.write(b'{"start": "2026-11-03", "trunc\n\xff\xfe junk\n')
    store.append(good | {"id": "x"})
    before = store.path.read_bytes()
    records, message = store.load()
    assert [r["id"] for r in records] == [good["id"], "x"]
    assert message == "2 unreadable lines in history.jsonl were kept aside in history.jsonl.bad"
    assert store.bad_path.read_bytes().count(b"\n") == 2
    assert store.load()[1] is None  # reported once
    assert store.path.read_bytes() == before  # never rewritten


def test_torn_last_line_does_not_swallow_the_next_record(tmp_path):
    store = HistoryStore(tmp_path)
    with open(store.path, "wb") as f:
        f.write(b'{"start": "2026-11-01T10:00:00+01:00", "rou')  # a crash mid-write
    good = record_of(datetime(2026, 11, 2, 18, tzinfo=TZ), 40.0)
    assert store.append(good)
    records, message = store.load()
    assert records == [good] and "1 unreadable line" in message


def test_unwritable_folder_gives_a_notice_and_keeps_the_record_for_later(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    store = HistoryStore(blocker / "itbtimer")
    record = record_of(datetime(2026, 11, 2, 18, tzinfo=TZ), 40.0)
    assert not store.append(record)
    assert store.notice.startswith("History not saved (Not a directory)")
    blocker.unlink()
    assert store.append(record_of(datetime(2026, 11, 3, 18, tzinfo=TZ), 41.0))
    records, _ = store.load()
    assert len(records) == 2 and store.notice is None


def test_full_disk_gives_a_notice(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    store = HistoryStore(tmp_path)
    store.path.symlink_to("/dev/full")
    assert not store.append(record_of(datetime(2026, 11, 2, 18, tzinfo=TZ), 40.0))
    assert "No space left on device" in store.notice


def test_interrupted_session_is_recorded_at_the_next_start(tmp_path):
    store = HistoryStore(tmp_path)
    partial = record_of(datetime(2026, 11, 2, 18, tzinfo=TZ), 40.0, finish=False)
    store.save_in_progress(partial)
    again = HistoryStore(tmp_path)
    recovered = again.recover_interrupted()
    assert recovered["id"] == partial["id"] and recovered["interrupted"]
    assert not store.in_progress.exists()
    assert [r["id"] for r in again.load()[0]] == [partial["id"]]


WRITER = """
import sys, time
from itbtimer.history import HistoryStore
store = HistoryStore(__import__("pathlib").Path(sys.argv[1]))
i = 0
while True:
    store.append({"id": f"r{i}", "start": "2026-11-02T18:00:00+01:00",
                  "steps": [{"name": "x" * 2000, "n": k} for k in range(50)]})
    print(i, flush=True)
    i += 1
"""


@pytest.mark.slow
def test_kill_9_mid_write_loses_nothing_already_written(tmp_path):
    for attempt in range(5):
        folder = tmp_path / f"run{attempt}"
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(folder)],
                                stdout=subprocess.PIPE, text=True,
                                cwd=Path(__file__).parents[2])
        confirmed = -1
        deadline = time.monotonic() + 0.3 + attempt * 0.1
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line:
                confirmed = int(line)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        records, _ = HistoryStore(folder).load()
        ids = [r["id"] for r in records]
        assert ids == [f"r{i}" for i in range(len(ids))]  # complete records, in order
        assert len(ids) >= confirmed + 1  # every append that returned is there
        assert confirmed >= 0


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["append", "load", "tear"]), max_size=30))
def test_random_interleavings_never_lose_a_complete_record(tmp_path, operations):
    # a fresh folder for every example: a replayed example must not find earlier records
    folder = Path(tempfile.mkdtemp(dir=tmp_path)) / "h"
    store = HistoryStore(folder)
    written = []
    for n, op in enumerate(operations):
        if op == "append":
            record = {"id": f"r{n}", "start": "2026-11-02T18:00:00+01:00", "steps": []}
            assert store.append(record)
            written.append(record["id"])
        elif op == "tear":
            folder.mkdir(parents=True, exist_ok=True)
            with open(store.path, "ab") as f:
                f.write(b'{"id": "torn", "sta')
        else:
            records, _ = store.load()
            assert [r["id"] for r in records] == written
    assert [r["id"] for r in HistoryStore(folder).load()[0]] == written


def test_progress_weeks_holds_and_pain():
    today = date(2026, 11, 26)  # a Thursday
    records = [
        record_of(datetime(2026, 11, 10, 18, tzinfo=TZ), 35.0, pain=6),
        record_of(datetime(2026, 11, 17, 18, tzinfo=TZ), 41.0, pain=4),
        record_of(datetime(2026, 11, 23, 18, tzinfo=TZ), 52.0, pain=3),
        record_of(datetime(2026, 11, 25, 18, tzinfo=TZ), 48.0, pain=2),
        record_of(datetime(2026, 11, 26, 8, tzinfo=TZ), 10.0, pain=None, finish=False),
    ]
    result = progress(records, today, "Knee")
    assert result.week_text() == "This week: 3 of 3"  # the stopped one was more than half done
    assert result.weeks[-3:] == ((date(2026, 11, 9), 1), (date(2026, 11, 16), 1),
                                 (date(2026, 11, 23), 3))
    (plank,) = result.holds
    assert plank.text() == "Plank: best 0:52, last 0:10"
    assert [p for _, p in result.pain] == [6, 4, 3, 2]
    assert result.last_session == datetime(2026, 11, 26, 8, tzinfo=TZ)


def test_a_barely_started_session_does_not_count_for_the_week():
    session = Session(plan_of(ROUTINE))
    session.start(0.0)
    session.stop(5.0)
    start = datetime(2026, 11, 25, 18, tzinfo=TZ)
    record = build_record(session, 5.0, start, start, None)
    assert progress([record], date(2026, 11, 26)).this_week == 0


def args(**kw):
    return argparse.Namespace(**{"json": False, "routine": None, "export": None, **kw})


def filled_store(tmp_path) -> HistoryStore:
    store = HistoryStore(tmp_path)
    for day, hold, pain in ((23, 45.0, 4), (25, 52.0, 2)):
        store.append(record_of(datetime(2026, 11, day, 18, tzinfo=TZ), hold, pain))
    return store


def test_history_command_prints_sessions_week_holds_and_pain(tmp_path, capsys):
    assert run_history(args(), filled_store(tmp_path), date(2026, 11, 26)) == 0
    out = capsys.readouterr().out
    assert "Mon 23 Nov 18:00  Knee" in out and "Plank 0:52" in out
    assert "This week: 2 of 3" in out
    assert "Plank: best 0:52, last 0:52" in out
    assert "Knee pain: 4 → 2" in out


def test_history_json_and_routine_filter(tmp_path, capsys):
    store = filled_store(tmp_path)
    run_history(args(json=True), store, date(2026, 11, 26))
    data = json.loads(capsys.readouterr().out)
    assert data["this_week"] == 2 and data["per_week"] == 3
    assert data["holds"] == [{"exercise": "Plank", "best_seconds": 52.0, "last_seconds": 52.0}]
    run_history(args(json=True, routine="Other"), store, date(2026, 11, 26))
    assert json.loads(capsys.readouterr().out)["sessions"] == []


def test_history_export_writes_one_row_per_step(tmp_path, capsys):
    target = tmp_path / "out.csv"
    run_history(args(export=str(target)), filled_store(tmp_path / "h"), date(2026, 11, 26))
    rows = list(csv.DictReader(target.open()))
    assert len(rows) == 8 and rows[0]["name"] == "Plank" and rows[0]["time_seconds"] == "45.0"
    assert "Wrote 8 steps of 2 sessions" in capsys.readouterr().out


def test_workout_goes_on_when_history_cannot_be_written(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    now = [0.0]
    workout = Workout(plan_of(ROUTINE), SilentPlayer(), ScaledClock(1.0, lambda: now[0]),
                      HistoryStore(blocker / "data"))
    workout.command("start")
    now[0] = 20.0
    workout.command("next")
    now[0] = 50.0
    workout.tick()
    assert workout.session.step.name == "Plank" and workout.session.state == "running"
    assert workout.notice.startswith("History not saved")
    workout.quit()
    assert not workout.saved


def test_reaching_the_end_by_skipping_most_of_it_does_not_count_for_the_week():
    session = Session(plan_of(ROUTINE))
    session.start(0.0)
    while not session.over:
        session.next(1.0)
    start = datetime(2026, 11, 25, 18, tzinfo=TZ)
    record = build_record(session, 1.0, start, start, None)
    assert record["completed"]
    assert [s["status"] for s in record["steps"]] == ["done", "done", "skipped", "skipped"]
    assert progress([record], date(2026, 11, 26)).this_week == 1  # half were done: counts
    record["steps"][1]["status"] = "skipped"
    assert progress([record], date(2026, 11, 26)).this_week == 0
