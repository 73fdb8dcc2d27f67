"""The voice in the real window at speed 1, sound routed by ALSA into files.

The events log says when each phrase fell due (`t`) and when it was handed to the
player (`played_t`); ALSA's file plugin shows what was really played.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from itbtimer.core.plan import build_plan
from itbtimer.routine_files import parse_routine
from itbtimer.voice.phrases import texts_to_render
from tests.helpers import wait_until
from tests.integration.sound_helpers import FILE_DEVICE

pytestmark = [pytest.mark.gui, pytest.mark.sound, pytest.mark.slow]
ROOT = Path(__file__).parents[2]
ROUTINE = """\
name: Voice window
defaults: {get_ready: 5s, switch: 5s}
sections:
  - name: Warm-up
    rest: 9s
    exercises:
      - {name: Squats, work: 9s, cue: Knees out}
      - {name: Lunges, work: 7s, sides: both}
"""


def run_window(tmp: Path, display: str, *args: str, prerender: bool = True,
               text: str = ROUTINE) -> list[dict]:
    env = {**os.environ, "DISPLAY": display, "HOME": str(tmp),
           "XDG_DATA_HOME": str(tmp / "data"), "XDG_STATE_HOME": str(tmp / "state"),
           "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_CACHE_HOME": str(tmp / "cache")}
    (tmp / "sound").mkdir()
    (tmp / ".asoundrc").write_text(FILE_DEVICE.format(out=tmp / "sound" / "played.wav"))
    routine = tmp / "voice.yaml"
    routine.write_text(text)
    if prerender:  # as a second start of the routine finds it: everything ready
        texts = texts_to_render(build_plan(parse_routine(text)))
        subprocess.run([sys.executable, "-m", "itbtimer.voice", "render", "--cache",
                        str(tmp / "cache" / "itbtimer" / "voice"), *texts], env=env,
                       check=True, capture_output=True, timeout=120)
    events_path = tmp / "events.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "itbtimer", str(routine), "--autostart",
                             "--events", str(events_path), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    def played_out() -> bool:
        """Finished, the finish phrase handed over after the finish beep (unless the voice is
        off), and a WAV file for every sound handed over: nothing more is coming."""
        assert proc.poll() is None, proc.communicate()
        lines = events_path.read_text().splitlines() if events_path.exists() else []
        events = [json.loads(x) for x in lines if x.endswith("}")]
        if not any(e["event"] == "finished" for e in events):
            return False
        says = [e for e in events if e["event"] == "say" and e["played_t"] is not None]
        if "--no-voice" not in args and not (says and "Well done" in says[-1]["text"]):
            return False
        cues = [e for e in events if e["event"] == "cue"]
        try:
            return len(played_rates(tmp)) >= len(cues) + len(says)
        except (wave.Error, EOFError):  # a file still being written
            return False

    assert wait_until(played_out, timeout=90)
    proc.terminate()
    _, err = proc.communicate(timeout=10)
    assert "Traceback" not in err, err
    return [json.loads(x) for x in events_path.read_text().splitlines() if x.endswith("}")]


def played_rates(tmp: Path) -> list[int]:
    rates = []
    for path in sorted((tmp / "sound").glob("played.wav*")):
        with wave.open(str(path)) as w:
            rates.append(w.getframerate())
    return rates


def test_each_announcement_plays_on_time_and_no_beep_waits(xdisplay, tmp_path):
    events = run_window(tmp_path, xdisplay)
    says = [e for e in events if e["event"] == "say"]
    cues = [e for e in events if e["event"] == "cue"]
    started = [e for e in events if e["event"] == "step_started"]
    assert len(started) == 6  # get ready, squats, rest, lunges left, switch, lunges right
    for step in started:  # every step is announced with its name
        first = next(s for s in says if s["index"] == step["index"])
        assert first["played_t"] is not None, first
    said = [s for s in says if not s["dropped"]]
    assert any("Lunges, left side" in s["text"] for s in said)
    assert any(s["text"] == "Switch to the right side." or s["text"] == "Right side."
               for s in said)
    assert any(s["text"] == "Rest, nine seconds. Next: Lunges, left side." for s in said)
    assert said[-1]["text"] == "Workout complete. Well done."
    for say in said[:-1]:
        assert say["played_t"] is not None, say
        assert 0 <= say["played_t"] - say["t"] <= 0.05, say
    for cue in cues:  # no beep waits for the voice: no phrase is handed over in between
        assert cue["played_t"] >= cue["t"]
        assert not [s for s in said if s["played_t"] is not None
                    and cue["t"] - 0.1 <= s["played_t"] <= cue["played_t"]], cue
    rates = played_rates(tmp_path)
    assert rates.count(24000) == len([s for s in says if s["played_t"] is not None])
    assert rates.count(44100) == len(cues)


def test_no_voice_plays_beeps_alone(xdisplay, tmp_path):
    short = ("name: Short\ndefaults: {get_ready: 0}\nsections:\n  - name: S\n"
             "    exercises: [{name: Squats, work: 4s}]\n")
    events = run_window(tmp_path, xdisplay, "--no-voice", text=short)
    assert [e for e in events if e["event"] == "say"] == []
    assert 24000 not in played_rates(tmp_path)
    config = json.loads((tmp_path / "config" / "itbtimer" / "voice.json").read_text())
    assert config["voice"] is False  # remembered


def test_v_and_c_keys_pause_and_skip_in_the_window_on_a_fake_clock(xdisplay, tmp_path):
    """In-process: the real window and keys, a fake clock, a silent player that records."""
    from itbtimer.voice.coach import VoicePreparation
    from itbtimer.voice.control import VoiceControl
    from itbtimer.voice.settings import VoiceSettings
    from tests.integration.gui_helpers import Harness

    text = ("name: Keys\ndefaults: {get_ready: 5s}\nsections:\n  - name: Core\n"
            "    exercises:\n      - {name: Squats, work: 30s, cue: Knees out}\n"
            "      - {name: Lunges, work: 30s, cue: Sweep the arms}\n")
    cache = tmp_path / "cache"
    texts = texts_to_render(build_plan(parse_routine(text)))
    subprocess.run([sys.executable, "-m", "itbtimer.voice", "render", "--cache", str(cache),
                    *texts], check=True, capture_output=True, timeout=120)
    ui = Harness(tmp_path, text)
    settings_file = tmp_path / "voice.json"
    ui.app.voice = VoiceControl(VoiceSettings(), True, VoicePreparation(cache), ui.clock,
                                settings_file)
    try:
        ui.key("space")
        ui.advance(5.6)  # get ready said at once; the squats' start phrase after the go beep
        assert len(ui.player.spoken) == 2
        ui.key("c")  # no more cues: the squats' "Knees out." is not said
        assert "Cues not spoken" in ui.window.runner.screen.notice.cget("text")
        ui.advance(3.0)
        assert len(ui.player.spoken) == 2
        hushed = ui.player.hushed
        ui.key("space")  # pause: speech stops at once
        assert ui.player.hushed == hushed + 1
        ui.key("space")
        ui.key("Right")  # skip: cut, and the lunges are announced after their go beep
        ui.advance(1.0)
        assert len(ui.player.spoken) == 3
        ui.key("v")  # voice off: nothing more is said, and it is remembered
        assert "Voice off" in ui.window.runner.screen.notice.cget("text")
        ui.advance(20.0)
        assert len(ui.player.spoken) == 3
        saved = json.loads(settings_file.read_text())
        assert saved["voice"] is False and saved["cues"] is False
        says = [e for e in ui.events() if e["event"] == "say"]
        played = [s["text"] for s in says if s["played_t"] is not None]
        assert played[0] in ("Core. First: Squats, thirty seconds.", "Core. First: Squats.",
                             "First: Squats.")  # as much as fits before the pips
        assert played[1:] == ["Squats. Thirty seconds.", "Lunges. Thirty seconds."]
        assert ui.errors == []
    finally:
        ui.close()


def test_a_cache_that_cannot_be_written_is_one_notice_and_beeps(xdisplay, tmp_path):
    from itbtimer.voice.coach import VoicePreparation
    from itbtimer.voice.control import VoiceControl
    from itbtimer.voice.settings import VoiceSettings
    from tests.integration.gui_helpers import Harness

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    ui = Harness(tmp_path)
    voice = VoiceControl(VoiceSettings(), True, VoicePreparation(blocker / "voice"), ui.clock,
                         tmp_path / "voice.json")
    ui.app.voice = voice
    try:
        ui.window.load(ui.window.routine_path)  # as a routine chosen: its phrases rendered
        assert ui.window.plan is not None and voice.preparation.job is not None
        notice = ui.window.start.notice

        def said() -> bool:  # the worker fails at its first phrase; the window, watching
            ui.advance(1.0)  # it every second, says so without a key pressed
            return "Voice is off" in notice.cget("text")

        assert wait_until(said, timeout=60)
        assert notice.cget("text").count("Voice is off: cannot write the voice cache") == 1
        ui.key("space")
        ui.advance(10.0)
        assert "go" in ui.player.played and ui.player.spoken == []
        assert ui.errors == []
    finally:
        ui.close()
