"""The real program in its own process on Xvfb, driven by real key presses (xdotool)."""

from __future__ import annotations

import random
import time

import pytest

from itbtimer.history import HistoryStore
from tests.e2e.program import App, event_names
from tests.helpers import wait_until

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROUTINE = """\
name: E2E
per_week: 3
ask: knee pain
defaults: {get_ready: 1, switch: 1}
sections:
  - name: Main
    rest: 1-2s
    exercises:
      - {name: Squat, work: 4s}
      - {name: Lunge, work: 2s, sides: both}
      - {name: Plank, until: shaking}
"""


def test_whole_routine_by_real_key_presses(xdisplay, tmp_path):
    app = App(tmp_path, xdisplay, ROUTINE, "--speed", "4")
    try:
        def started(name):
            return lambda e: any(x["event"] == "step_started" and x["name"] == name for x in e)

        app.keys("space")                      # start
        app.wait_for(started("Squat"))
        app.keys("space")                      # pause
        app.wait_for(lambda e: "paused" in event_names(e))
        app.keys("space", "plus")              # resume, +10 s on the squat
        app.wait_for(lambda e: "extended" in event_names(e))
        app.keys("Right")                      # skip the squat
        app.wait_for(lambda e: "skipped" in event_names(e))
        app.keys("Left")                       # back from the rest to the squat
        app.wait_for(lambda e: "back" in event_names(e))
        app.wait_for(started("Plank"))
        time.sleep(1.0)  # real time is the thing here: a hold of 4 s at speed 4 (under 3 s skips)
        app.keys("Return")                     # Done with the plank: the end
        events = app.wait_for(lambda e: "finished" in event_names(e))
        app.keys("7", "Return")                # knee pain 7, save
        store = HistoryStore(tmp_path / "data" / "itbtimer")
        assert wait_until(lambda: [r.pain for r in store.sessions()] == [7])
        app.keys("ctrl+q")
        app.proc.wait(timeout=10)
        assert app.proc.returncode == 0
        out, err = app.proc.communicate()
        assert "Traceback" not in err and app.bugs() == ""
        history, _ = HistoryStore(tmp_path / "data" / "itbtimer").load()
        assert len(history) == 1
        record = history[0]
        assert record["completed"] and record["pain"] == 7
        plank = [s for s in record["steps"] if s["name"] == "Plank"][0]
        assert plank["time_seconds"] > 3.0  # held ≥ 1 s real at speed 4
        cues = [e["sound"] for e in events if e["event"] == "cue"]
        assert cues[-1] == "finish" and "switch" in cues and "go" in cues
        assert list(tmp_path.glob("beep.wav*"))  # the beeps went out through ALSA
    finally:
        app.close()


WINDOW_EVENTS = ("window_mapped", "timers")  # the window's, written by gui/launch and wiring


def consistent(events: list[dict], steps: int) -> None:
    """The engine's invariants, read back from the events log of one session. The window's
    own lines are not on the session's clock (window_mapped is always t=0.0; under load the
    window maps after an --autostart session has begun), so time runs forward among the rest."""
    events = [e for e in events if e["event"] not in WINDOW_EVENTS]
    backwards = [(a, b) for a, b in zip(events, events[1:], strict=False) if b["t"] < a["t"] - 1e-3]
    assert backwards == []
    paused = False
    for e in events:
        if e["event"] == "paused":
            assert not paused
            paused = True
        elif e["event"] == "resumed":
            assert paused
            paused = False
        elif e["event"] == "cue":
            assert not paused or e["sound"] == "finish"
        elif e["event"] == "step_started":
            assert 0 <= e["index"] < steps


def test_key_mash_50_keys_a_second_for_10_seconds(xdisplay, tmp_path):
    routine = ROUTINE.replace("- name: Main", "- name: Main\n    rounds: 6")
    app = App(tmp_path, xdisplay, routine, "--speed", "20", "--autostart")
    rng = random.Random(7)
    keys = [rng.choice(["space", "Right", "Left", "r", "plus", "m", "f"]) for _ in range(500)]
    try:
        app.keys(*keys, delay_ms=20)
        assert app.proc.poll() is None, "the window died under the key-mash"
        app.keys("Escape")
        def finished_or_done_pressed() -> bool:  # then finish whatever session is open
            if "finished" in event_names(split_sessions(app.events())[-1]):
                return True
            app.keys("Return", "Return", delay_ms=30)
            return False

        wait_until(finished_or_done_pressed, timeout=30)
        sessions = split_sessions(app.events())
        assert "finished" in event_names(sessions[-1])
        for session in sessions:
            consistent(session, steps=1 + 6 * 4 * 2)
        assert app.bugs() == ""
    finally:
        out, err = app.close()
    assert "Traceback" not in err


def split_sessions(events: list[dict]) -> list[list[dict]]:
    sessions: list[list[dict]] = []
    for e in events:
        if e["event"] == "session_started":
            sessions.append([])
        if sessions:
            sessions[-1].append(e)
    return sessions or [[]]
