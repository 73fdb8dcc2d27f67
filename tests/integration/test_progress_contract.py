"""One contract for both HistoryStores: the SQLite store on disk and tests/fakes.py's
MemoryHistory (its figures are the same queries, on a database in memory, over the
sessions it keeps) show the same figures for the same writes — practice runs, a
session in progress, a deleted session and their holds left out. What it guards is
that the fake keeps and drops sessions as the store does."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from itbtimer.history import HistoryStore, figures
from itbtimer.history.figures import Hold
from tests.fakes import MemoryHistory
from tests.integration.history_helpers import ROUTINE, TZ, record_of

TODAY = date(2026, 11, 26)  # a Thursday
HIP = ROUTINE.replace("per_week: 3", "per_week: 3\nask: hip pain")
LEAKS = ROUTINE.replace("per_week: 3", "per_week: 5\nask: leaked pain")  # must never show


def at(day: int) -> datetime:
    return datetime(2026, 11, day, 18, tzinfo=TZ)


def monday(day: int) -> datetime:
    return datetime.combine(date(2026, 11, day), time()).astimezone()


@pytest.fixture(params=["memory", "sqlite"])
def store(request, tmp_path):
    chosen = MemoryHistory() if request.param == "memory" else HistoryStore(tmp_path)
    chosen.append(record_of(at(16), 40.0, pain=2))
    chosen.append(record_of(at(18), 50.0, pain=3))
    chosen.append(record_of(at(23), 45.0, pain=2, routine=HIP))
    chosen.append(record_of(at(24), 90.0, pain=9, speed=10.0, routine=LEAKS))  # practice
    deleted = record_of(at(25), 95.0, pain=8, routine=LEAKS)
    chosen.append(deleted)
    chosen.delete(deleted.id)  # a deleted session leaves nothing behind either
    chosen.save_in_progress(record_of(at(25), 80.0, pain=7, finish=False, routine=LEAKS))
    return chosen


def test_both_stores_give_the_same_progress(store, monkeypatch):
    recent = store.progress(TODAY, "Knee")
    assert (recent.this_week, recent.per_week, recent.question) == (1, 3, "hip pain")
    assert recent.last_session == at(23)
    assert recent.weeks[-3:] == ((date(2026, 11, 9), 0), (date(2026, 11, 16), 2),
                                 (date(2026, 11, 23), 1))
    assert len(recent.weeks) == 12 and recent.weeks[0][0] == date(2026, 9, 7)
    assert recent.holds == (Hold("Plank", 50.0, 45.0, ()),) and recent.pain == ()

    charted = store.progress(TODAY, None, series=True)
    assert charted.per_week is None and charted.weeks == recent.weeks
    assert charted.holds == (Hold("Plank", 50.0, 45.0,
                                  ((at(16), 40.0), (at(18), 50.0), (at(23), 45.0))),)
    assert charted.pain == ((at(16), 2), (at(18), 3), (at(23), 2))

    monkeypatch.setattr(figures, "SERIES_POINTS", 2)  # one point a week from here
    weekly = store.progress(TODAY, "Knee", 7, series=True)
    assert weekly.per_week == 7
    assert weekly.holds == (Hold("Plank", 50.0, 45.0, ((monday(16), 50.0), (monday(23), 45.0))),)
    assert weekly.pain == ((monday(16), 3), (monday(23), 2))  # 2.5 rounds up, as SQLite does
