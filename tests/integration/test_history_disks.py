"""The history on a disk that fills up or turns read-only (a real tmpfs, mounted here as
root, as CI runs): no torn record, the person is told why, saved once space is back."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from itbtimer.app.workout import ScaledClock, Workout
from itbtimer.core.commands import Start
from itbtimer.history import HistoryStore
from tests.fakes import FakeClock, FakePlayer
from tests.helpers import plan_of
from tests.integration.history_helpers import TZ, args, old_history_file, old_run_row, record_of

ROUTINE = """\
name: Knee
defaults: {get_ready: 0}
sections:
  - name: A
    sets: 20
    exercises:
      - {name: Plank, until: shaking}
      - {name: Squat with a long name to take room on the disk, work: 5s}
"""


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs of our own."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                continue
    return filler


def earlier_records(store: HistoryStore, n: int = 3) -> list[str]:
    start = datetime(2026, 11, 20, 18, tzinfo=timezone.utc)
    ids = []
    for i in range(n):
        record = {"id": f"earlier{i}", "start": (start + timedelta(days=i)).isoformat(),
                  "routine": "Knee", "completed": True,
                  "steps": [{"name": "Squat", "status": "done"}] * 40}
        assert store.append(record)
        ids.append(record["id"])
    return ids


def whole(folder: Path) -> None:
    db = sqlite3.connect(folder / "history.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_a_disk_that_fills_mid_session_tears_nothing_and_saves_once_freed(small_disk,
                                                                          tmp_path):
    folder = small_disk / "data"
    store = HistoryStore(folder, state=tmp_path / "state")
    before = earlier_records(store)
    clock = FakeClock(0.0)
    workout = Workout(plan_of(ROUTINE), FakePlayer(), ScaledClock(1.0, clock), store)
    workout.apply(Start())
    for t in range(1, 12):
        clock.set(float(t))
        workout.tick()
    filler = fill(small_disk)
    for t in range(12, 40):  # the disk is full: the mirror fails, the workout goes on
        clock.set(float(t))
        workout.tick()
    assert workout.session.state == "running"
    assert workout.notice == f"History not saved: the disk holding {folder} is full"
    workout.quit()
    assert not workout.saved and list(store.unsaved)
    # nothing torn: what was there is there, whole
    assert [s.id for s in HistoryStore(folder).sessions()] == before
    assert all(len(s.steps) == 40 for s in HistoryStore(folder).sessions())
    pending = store.keep_pending()  # what a signal does: the state folder is elsewhere
    assert pending == tmp_path / "state" / "pending" and list(pending.glob("*.json"))
    filler.unlink()  # space is back
    assert store.retry() and store.notice is None
    ids = [s.id for s in HistoryStore(folder).sessions()]
    assert ids[:3] == before and len(ids) == 4
    again = HistoryStore(folder, state=tmp_path / "state")
    again.recover()  # the pending copy of the same session: not recorded twice
    assert [s.id for s in again.sessions()] == ids and not list(pending.glob("*.json"))
    whole(folder)


def test_a_read_only_remount_is_named_read_stays_possible_and_saves_when_writable(
        small_disk, tmp_path, capsys):
    folder = small_disk / "data"
    store = HistoryStore(folder, state=tmp_path / "state")
    before = earlier_records(store)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        record = {"id": "later", "start": "2026-11-26T18:00:00+00:00", "routine": "Knee",
                  "steps": [{"name": "Squat", "status": "done"}]}
        assert not store.append(record)
        assert store.notice == f"History not saved: the disk holding {folder} is read-only"
        assert [s.id for s in HistoryStore(folder).sessions()] == before  # still readable
        from itbtimer.cli.history import run_history


        assert run_history(args(), HistoryStore(folder)) == 0
        assert "Knee" in capsys.readouterr().out
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert store.retry()
    assert [s.id for s in HistoryStore(folder).sessions()] == [*before, "later"]
    whole(folder)


@pytest.mark.parametrize("data_too", [False, True], ids=["data-elsewhere", "data-there-too"])
def test_a_session_started_with_the_state_folder_on_a_full_disk_runs_on(small_disk, tmp_path,
                                                                       data_too):
    """The lock file is made (a new file needs no room) but its first write fails: before,
    that OSError left the workout's first tick and the window ended, 'internal error'."""
    folder = (small_disk if data_too else tmp_path) / "data"
    store = HistoryStore(folder, state=small_disk / "state")
    before = earlier_records(store, 1)
    filler = fill(small_disk)
    clock = FakeClock(0.0)
    workout = Workout(plan_of(ROUTINE), FakePlayer(), ScaledClock(1.0, clock), store)
    workout.apply(Start())
    for t in range(1, 12):
        clock.set(float(t))
        workout.tick()
    assert workout.session.state == "running"
    in_progress = [s.id for s in HistoryStore(folder).sessions(in_progress=True)]
    if data_too:
        assert workout.notice == f"History not saved: the disk holding {folder} is full"
        assert in_progress == before
    else:  # the session is still owned (its lock is held) and mirrored to the database
        assert workout.notice is None
        assert in_progress == [*before, workout.record().id]
        assert store.owners.running(workout.record().id)
    filler.unlink()
    whole(folder)


def test_an_old_file_on_a_read_only_disk_reads_with_no_runs(small_disk, tmp_path, capsys):
    """A file of schema 2 (before runs had a table) on a read-only disk: read as it is, the
    runs none, nothing written."""
    folder = small_disk / "data"
    record = record_of(datetime(2026, 11, 20, 18, tzinfo=TZ), 40.0)
    old_history_file(folder, [record], version=2)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        store = HistoryStore(folder, state=tmp_path / "state")
        assert store.runs() == []
        assert store.progress(record.local_date, series=True).pain_free == ()
        from itbtimer.cli.history import run_history

        assert run_history(args(json=True), store) == 0
        out = capsys.readouterr().out
        assert '"runs": []' in out and record.id in out
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)


def test_a_run_logged_on_a_read_only_disk_is_refused_with_the_cause(small_disk, capsys,
                                                                     monkeypatch):
    from itbtimer.cli.main import main

    folder = small_disk / "itbtimer"
    HistoryStore(folder).runs()  # the file made, then the disk turns read-only
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        monkeypatch.setenv("XDG_DATA_HOME", str(small_disk))
        assert main(["run", "5km", "--pain", "2"]) == 2
        err = capsys.readouterr().err
        assert f"the run was not kept: the disk holding {folder} is read-only" in err
        assert "Traceback" not in err
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert HistoryStore(folder).runs() == []


def test_an_old_file_on_a_read_only_disk_charts_no_unanswered_run_pain_free(small_disk,
                                                                            tmp_path):
    folder = small_disk / "data"
    path = old_history_file(folder, [], version=6)
    old_run_row(path, "a" * 32, datetime(2026, 12, 2, 18, 0, tzinfo=TZ), 5000.0)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        store = HistoryStore(folder, state=tmp_path / "state")
        assert [r.id for r in store.runs()] == ["a" * 32]
        assert store.progress(date(2026, 12, 7), series=True).pain_free == ()
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
