"""A run and a note, logged in the real program with real key presses (xdotool), read back
from the history the way another process sees it."""

from __future__ import annotations

import pytest

from itbtimer.history import HistoryStore
from tests.e2e.program import App, event_names
from tests.helpers import wait_until

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROUTINE = """\
name: E2E
ask: knee pain
defaults: {get_ready: 1}
sections:
  - name: Main
    exercises:
      - {name: Squat, work: 30s}
"""


def test_a_run_and_a_note_by_real_key_presses(xdisplay, tmp_path):
    app = App(tmp_path, xdisplay, ROUTINE)
    store = HistoryStore(tmp_path / "data" / "itbtimer")
    try:
        app.keys("l")                                   # Log a run
        app.keys("5", "period", "2", "k", "m", "Tab",   # distance, then the time
                 "3", "1", "colon", "2", "0", "Tab",
                 "3", "Tab", "4", "k", "m", "Return")  # pain 3 from 4 km; Enter saves
        assert wait_until(lambda: len(store.runs()) == 1)
        (run,) = store.runs()
        assert (run.distance_m, run.seconds, run.pain, run.pain_from_m) == (
            5200.0, 1880.0, 3, 4000.0)
        app.keys("space")                               # a session, stopped at once
        app.wait_for(lambda e: "step_started" in event_names(e))
        app.keys("s")
        app.wait_for(lambda e: "stopped" in event_names(e) or "finished" in event_names(e))
        app.keys("n", "o", "k", "space", "2", "Return",  # the note "ok 2" (its 2 is no score)
                 "4", "Return")                          # then the score 4, kept (the screen stays)
        assert wait_until(lambda: [(s.note, s.pain) for s in store.sessions()] == [("ok 2", 4)])
        app.keys("ctrl+q")
        app.proc.wait(timeout=10)
        assert app.proc.returncode == 0
        _, err = app.proc.communicate()
        assert "Traceback" not in err and app.bugs() == ""
        assert len(store.runs()) == 1  # the run was never a session
    finally:
        app.close()
