"""Records and arguments the history tests share (test_history, test_progress_contract,
test_history_disks)."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from itbtimer.core.session import Session
from itbtimer.history import SessionRecord
from itbtimer.history.database import DATABASE, MIGRATIONS
from itbtimer.history.from_session import build_record
from itbtimer.history.records import identity_of
from itbtimer.history.rows import dump, step_rows
from tests.helpers import plan_of

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


def record_of(start: datetime, hold: float, pain: int | None = 3, finish: bool = True,
              speed: float = 1.0, routine: str = ROUTINE) -> SessionRecord:
    session = Session(plan_of(routine))
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
    return build_record(session, now, start, start + timedelta(seconds=now), "knee.yaml", pain,
                        speed=speed)


def args(**kw):
    return argparse.Namespace(**{"json": False, "routine": None, "export": None,
                                 "import_file": None, "delete": None, "undelete": None,
                                 "pain": None, **kw})


def old_history_file(folder: Path, records: list[SessionRecord], version: int) -> Path:
    """A history file as the itbtimer of schema `version` wrote it: its tables and its
    rows, the holds one per exercise with the sides merged before version 3 (version 1: the
    `routine` columns hold the routine's name, not its identity)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DATABASE
    db = sqlite3.connect(path, isolation_level=None)
    db.create_function("identity_of", 1, identity_of)
    db.execute("PRAGMA journal_mode=WAL")
    for script in MIGRATIONS[:version]:
        for statement in script.split(";"):
            if statement.strip():
                db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    for r in records:
        routine = r.identity if version >= 2 else r.routine
        data = r.to_json()
        del data["steps"]
        start, week = r.start.timestamp(), r.week.isoformat()
        db.execute("INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (r.id, start, r.end.timestamp(), r.offset_minutes, week, routine, r.file,
                    int(r.practice), int(r.counts_for_week()), r.pain, 0, None, dump(data)))
        # the steps' columns of that schema: reps_done came last, with migration 6
        columns = 15 if version < 6 else 16
        db.executemany(f"INSERT INTO steps VALUES ({','.join('?' * columns)})",
                       [row[:columns] for row in step_rows(r)])
        if version >= 3:  # holds per side (migration 3)
            db.executemany("INSERT INTO holds VALUES (?,?,?,?,?,?,?,?)",
                           [(r.id, routine, h.exercise, h.side or "", start, week, seconds,
                             int(not r.practice)) for h, seconds in r.side_holds().items()])
            continue
        db.executemany("INSERT INTO holds VALUES (?,?,?,?,?,?,?)",
                       [(r.id, routine, name, start, week, seconds, int(not r.practice))
                        for name, seconds in r.holds().items()])
    db.close()
    return path


def old_run_row(path: Path, run_id: str, start: datetime, distance_m: float) -> None:
    """A run with no pain answer as schema 4-6 wrote it: counted pain-free (the whole run)."""
    record = {"kind": "run", "version": 6, "id": run_id, "start": start.isoformat(),
              "distance_m": distance_m, "unit": "km"}
    db = sqlite3.connect(path)
    db.execute("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?)",
               (run_id, start.timestamp(), 60, "2026-11-30", distance_m, distance_m, None,
                dump(record)))
    db.commit()
    db.close()
