"""Faults during a session: the workout goes on, a notice where it matters, nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from itbtimer.adapters.sound import NO_DEVICE_NOTICE, SimpleaudioPlayer, load_sounds
from itbtimer.app.workout import ScaledClock, Workout
from itbtimer.core.commands import Start
from itbtimer.history import HistoryStore
from tests.fakes import FakeClock, FakePlayer, FlakyBackend
from tests.helpers import plan_of, wait_until
from tests.integration.gui_helpers import Harness

BUNDLED = Path(__file__).parents[2] / "assets" / "sounds"
ROUTINE = """\
name: Faults
defaults: {get_ready: 0}
sections:
  - name: A
    rounds: 20
    exercises:
      - {name: Squat, work: 5s}
"""


def test_audio_device_disappears_and_comes_back_mid_session():
    clock = FakeClock(0.0)
    backend = FlakyBackend()
    backend.back = True
    sounds, _ = load_sounds(BUNDLED)
    player = SimpleaudioPlayer(sounds, backend, clock=clock)
    workout = Workout(plan_of(ROUTINE), player, ScaledClock(1.0, clock))
    workout.apply(Start())
    assert workout.notice is None
    backend.back = False  # headset unplugged
    for t in range(1, 31):
        clock.set(float(t))
        workout.tick()
    assert workout.notice == NO_DEVICE_NOTICE and workout.session.state == "running"
    calls_while_gone = backend.calls
    backend.back = True  # plugged in again
    for t in range(31, 70):
        clock.set(float(t))
        workout.tick()
    assert workout.notice is None and backend.calls > calls_while_gone
    assert workout.session.view(clock()).index == 13  # 69 s of 5 s steps: on time throughout


def test_history_folder_becomes_unwritable_mid_session(tmp_path):
    folder = tmp_path / "data"
    store = HistoryStore(folder)
    store.append({"id": "earlier", "start": "2026-11-20T18:00:00+01:00", "steps": []})
    clock = FakeClock(0.0)
    workout = Workout(plan_of(ROUTINE), FakePlayer(), ScaledClock(1.0, clock), store)
    workout.apply(Start())
    clock.set(12.0)
    workout.tick()
    hidden = tmp_path / "hidden"
    folder.rename(hidden)
    folder.write_text("a file where the folder was")  # the folder can't be written now
    clock.set(30.0)
    workout.tick()
    assert workout.session.state == "running" and workout.notice.startswith("History not saved")
    workout.quit()
    assert not workout.saved
    folder.unlink()
    hidden.rename(folder)
    records, _ = HistoryStore(folder).load()
    assert [r["id"] for r in records] == ["earlier"]  # nothing already recorded was lost
    assert store.append({"id": "later", "start": "2026-11-27T18:00:00+01:00", "steps": []})
    ids = [r["id"] for r in HistoryStore(folder).load()[0]]
    assert ids[0] == "earlier" and "later" in ids and len(ids) == 3  # the held record too


@pytest.mark.gui
def test_routine_file_deleted_or_edited_mid_session(xdisplay, tmp_path):
    ui = Harness(tmp_path)
    try:
        ui.key("space")
        ui.routine.write_text("name: [broken")  # edited into nonsense mid-session
        ui.advance(3.0)
        ui.routine.unlink()                     # then deleted
        while ui.window.screen == "running":
            ui.advance(1.0)
            ui.key("Return")
        assert ui.window.screen == "finished"
        ui.key("Escape")
        ui.key("space")                         # back to start: the file is gone
        assert ui.window.screen == "start" and "no such file" in ui.window.start.error_text
        records, _ = ui.history.load()
        assert len(records) == 1 and records[0]["completed"]
    finally:
        ui.close()
    assert ui.errors == []


@pytest.mark.gui
@pytest.mark.slow
def test_window_closed_during_a_beep_quits_cleanly_and_saves(xdisplay, tmp_path):
    routine = tmp_path / "r.yaml"
    routine.write_text(ROUTINE)
    (tmp_path / ".asoundrc").write_text('pcm.!default { type file; slave.pcm "null"; '
                                        f'file "{tmp_path}/beep.wav"; format "wav"; }}\n')
    events = tmp_path / "events.jsonl"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.Popen([sys.executable, "-m", "itbtimer", str(routine), "--autostart",
                             "--speed", "5", "--events", str(events)], env=env,
                            stderr=subprocess.PIPE, text=True)
    def beeping() -> bool:
        text = events.read_text() if events.exists() else ""
        return '"sound": "go"' in text and text.count('"sound"') >= 2

    wait_until(beeping, timeout=20)
    subprocess.run(["xdotool", "key", "ctrl+q"], env=env, check=True)  # the beep still plays
    assert proc.wait(timeout=10) == 0  # quits, not held by the beep still playing
    assert "Traceback" not in proc.stderr.read()
    records, _ = HistoryStore(tmp_path / "data" / "itbtimer").load()
    assert len(records) == 1 and not records[0]["completed"]
    assert not (tmp_path / "state" / "itbtimer" / "itbtimer.log").exists() or "Traceback" not in (
        tmp_path / "state" / "itbtimer" / "itbtimer.log").read_text()


def test_a_log_line_on_a_full_disk_is_lost_quietly_not_printed(tmp_path):
    """The log file's disk is full (here: the log is /dev/full, where every write fails with
    'No space left on device'): the line is lost; before, logging printed '--- Logging
    error ---' and a traceback on the terminal for each one."""
    log = tmp_path / "state" / "itbtimer" / "itbtimer.log"
    log.parent.mkdir(parents=True)
    log.symlink_to("/dev/full")
    code = ("from itbtimer.adapters import logs; logs.setup(); "
            "logs.log.warning('MPRIS off: no session bus'); logs.log.info('again')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")},
                          timeout=30)
    assert (done.returncode, done.stderr) == (0, "")
