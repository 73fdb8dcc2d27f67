"""The real program under faults a laptop meets: a stalled process, signals, a clock step."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest

from itbtimer.history import HistoryStore
from tests.e2e.faketime import faketime_env
from tests.e2e.program import App, event_names

pytestmark = [pytest.mark.gui, pytest.mark.slow]

LONG_SQUAT = """\
name: Stall
defaults: {get_ready: 0}
sections:
  - name: Main
    rest: 2s
    exercises:
      - {name: Squat, work: 12s}
      - {name: Plank, until: shaking}
"""

HOUR = """\
name: Hour
defaults: {get_ready: 0}
sections:
  - name: Main
    exercises:
      - {name: Squat, work: 60m}
"""


def history(tmp: Path) -> list[dict]:
    records, _ = HistoryStore(tmp / "data" / "itbtimer").load()
    return records


def started(name: str):
    return lambda e: any(x["event"] == "step_started" and x["name"] == name for x in e)


def late_cues(events: list[dict]) -> list[dict]:
    """Cues played more than 0.5 s after they fell due."""
    return [e for e in events if e["event"] == "cue" and e.get("played_t") is not None
            and e["played_t"] - e["t"] > 0.5]


def screenshot(app: App, name: str) -> None:
    """For a person to look at (kept beside the test's files)."""
    subprocess.run(["import", "-window", "root", str(app.tmp / name)], env=app.env,
                   timeout=30, check=False, capture_output=True)


def test_sigstop_for_20_s_mid_step_pauses_there_and_plays_no_stale_cue(xdisplay, tmp_path):
    app = App(tmp_path, xdisplay, LONG_SQUAT, "--autostart")
    try:
        app.wait_for(started("Squat"))
        # real time is what this test is about: 3 s into the 12 s squat, stopped for 20 s
        time.sleep(3.0)
        os.kill(app.proc.pid, signal.SIGSTOP)
        time.sleep(20.0)
        os.kill(app.proc.pid, signal.SIGCONT)
        events = app.wait_for(lambda e: "held_up" in event_names(e), timeout=10)
        held = next(e for e in events if e["event"] == "held_up")
        assert held["why"] == "held_up" and 19.0 < held["seconds"] < 25.0
        paused = next(e for e in events if e["event"] == "paused")
        assert 2.5 < paused["t"] < 6.0  # as of the last tick before the stop (not after it)
        assert [e["name"] for e in events if e["event"] == "step_started"] == ["Squat"]
        assert late_cues(events) == []
        screenshot(app, "held-up.png")
        app.keys("space")  # resume exactly there
        app.wait_for(started("Plank"), timeout=20)
        app.keys("Return")  # Done: the end
        events = app.wait_for(lambda e: "finished" in event_names(e))
        app.keys("Escape")
        app.keys("ctrl+q")
        assert app.proc.wait(timeout=10) == 0
        assert late_cues(events) == []
        cues = [e for e in events if e["event"] == "cue"]
        assert [c["sound"] for c in cues if not c.get("dropped")][-1] == "finish"
        record, = history(tmp_path)
        assert record["completed"]
        squat = next(s for s in record["steps"] if s["name"] == "Squat")
        assert squat["status"] == "done"
        assert record["active_seconds"] < 12 + 2 + 5  # the 20 s stall is not exercise time
        assert record["paused_seconds"] >= 20.0
    finally:
        app.close()


QUIT_RUNS = [(signal.SIGTERM, "1", 1), (signal.SIGHUP, "1", 1), (signal.SIGTERM, "100", 1),
             (signal.SIGHUP, "100", 1), (signal.SIGINT, "1", 20), (signal.SIGINT, "100", 20)]


@pytest.mark.parametrize("signum, speed, times", QUIT_RUNS,
                         ids=[f"{signal.Signals(s).name}-speed{v}-x{n}" for s, v, n in QUIT_RUNS])
def test_a_quit_signal_records_the_session_at_once_and_exits_0(xdisplay, tmp_path, signum,
                                                               speed, times):
    for run in range(times):
        folder = tmp_path / f"run{run}"
        folder.mkdir()
        app = App(folder, xdisplay, HOUR, "--autostart", "--speed", speed)
        try:
            app.wait_for(started("Squat"))
            time.sleep(0.05 * (run % 7))  # real time on purpose: at different moments of the loop
            app.proc.send_signal(signum)
            code = app.proc.wait(timeout=10)
            out, err = app.proc.communicate(timeout=10)
            assert code == 0, (run, err)
            assert "Traceback" not in err and "Something went wrong" not in app.bugs()
            events = [e for e in app.events() if e["event"] != "timers"]
            assert event_names(events)[-2:] == ["stopped", "quit"], (run, events[-4:])
            record, = history(folder)
            assert not record["completed"] and record["steps"][0]["status"] == "stopped"
        finally:
            app.close()


def test_a_wall_clock_step_back_of_an_hour_keeps_the_cues_on_time(xdisplay, tmp_path):
    routine = """\
name: Steps
defaults: {get_ready: 0}
sections:
  - name: Main
    rest: 2s
    exercises:
      - {name: Squat, work: 5s}
      - {name: Lunge, work: 5s}
"""
    stamp = tmp_path / "stamp"
    # --no-voice: under libfaketime a sleeping wait raises EINVAL (time.sleep, seen in
    # Popen.wait), so a voice worker still rendering at quit ended the program with exit 1
    # (seen once in make test, under load); the voice has no part in what is measured here
    app = App(tmp_path, xdisplay, routine, "--autostart", "--mute", "--no-voice",
              env=faketime_env(stamp, {}))
    try:
        app.wait_for(started("Squat"))
        time.sleep(2.0)  # real time: the step comes 2 s into the running squat
        stamp.write_text("-3600\n")  # NTP steps the wall clock back an hour mid-squat
        events = app.wait_for(lambda e: "finished" in event_names(e), timeout=30)
        cues = [e for e in events if e["event"] == "cue"]
        assert len(cues) >= 10 and not any(c.get("dropped") for c in cues)
        late = sorted(round(c["played_t"] - c["t"], 3) for c in cues)
        # On time: none dropped (so none over 0.5 s late) and the median within 50 ms; a
        # wall-clock timer would wait an hour. The millisecond figures are in make bench.
        assert late[len(late) // 2] <= 0.05, late
        assert "held_up" not in event_names(events)
        step, = [e for e in events if e["event"] == "wall_clock_step"]  # noted, once
        assert -3602 < step["seconds"] < -3598
        app.keys("ctrl+q")
        assert app.proc.wait(timeout=10) == 0, (app.proc.communicate(), app.bugs())
        record, = history(tmp_path)  # the step is in the log, never in the record
        start, end = (datetime.fromisoformat(record[k]) for k in ("start", "end"))
        assert 11 < (end - start).total_seconds() < 14  # 5 s + 2 s rest + 5 s
    finally:
        app.close()

def test_sigkill_during_a_long_hold_loses_at_most_5_s_of_it(xdisplay, tmp_path):
    routine = """\
name: Hold
defaults: {get_ready: 0}
sections:
  - name: Main
    exercises:
      - {name: Plank, until: shaking}
"""
    app = App(tmp_path, xdisplay, routine, "--autostart")
    try:
        app.wait_for(started("Plank"))
        held = 12.0
        time.sleep(held)  # real time is what is measured: a hold of 12 s, then SIGKILL
        app.proc.kill()  # SIGKILL: nothing runs after this, only what is on disk counts
        app.proc.wait(timeout=10)
    finally:
        app.close()
    store = HistoryStore(tmp_path / "data" / "itbtimer")
    recovered = store.recover()
    assert len(recovered) == 1
    plank = recovered[0].steps[0]
    kept = plank.time_seconds if plank.time_seconds is not None else plank.active_seconds
    assert held - 5.0 - 0.5 <= kept <= held + 0.5, plank
