"""Records and arguments the history tests share (test_history, test_progress_contract,
test_history_disks)."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta, timezone

from itbtimer.core.session import Session
from itbtimer.history import SessionRecord
from itbtimer.history.from_session import build_record
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
