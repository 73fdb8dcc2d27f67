"""The morning-after question in the real program (issue 23), its wall clock a day on by
libfaketime: the start asks about yesterday's session and keeps the answer typed with real
keys as its `morning`. (Not the same day, and not twice: tests/integration/
test_morning_window.py, on the window's injectable clock; one program start here.)"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from itbtimer.history import HistoryStore, SessionRecord
from tests.e2e.faketime import faketime_env
from tests.e2e.program import App
from tests.helpers import wait_until

pytestmark = pytest.mark.slow

ROUTINE = """\
name: Morning
ask: knee pain
sections:
  - name: Main
    exercises:
      - {name: Squat, work: 30s}
"""
QUIET = ("--no-voice", "--mute")


def mornings(tmp) -> list[int | None]:
    return [s.morning for s in HistoryStore(tmp / "data" / "itbtimer").sessions()]


def test_the_next_days_first_start_asks_once_and_keeps_the_answer(xdisplay, tmp_path):
    now = datetime.now().astimezone()  # the session: today, by the real clock
    session = SessionRecord("5e55107" + "0" * 25, now - timedelta(minutes=30), now, "Morning",
                            completed=True, pain=2, question="knee pain", routine_id="Morning")
    assert HistoryStore(tmp_path / "data" / "itbtimer").append(session)
    stamp = tmp_path / "stamp"
    env = faketime_env(stamp, {})
    stamp.write_text("+86400\n")  # the program lives a day later: tomorrow morning

    app = App(tmp_path, xdisplay, ROUTINE, *QUIET, env=env)
    try:
        app.keys("5")
        assert wait_until(lambda: mornings(tmp_path) == [5])
        app.keys("ctrl+q")
        assert app.proc.wait(timeout=10) == 0
        assert app.bugs() == ""
    finally:
        app.close()
    assert mornings(tmp_path) == [5]
