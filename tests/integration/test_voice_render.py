"""The real voice: hibari renders phrases in a worker process into the cache, offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import wave
from array import array
from pathlib import Path

import pytest

from itbtimer.voice.cache import VoiceCache
from itbtimer.voice.engine import VoiceUnavailable, engine_id, hibari_id
from itbtimer.voice.phrases import speaking_seconds
from tests.helpers import plan_of, wait_until

ROOT = Path(__file__).parents[2]
PHRASES = ["Side plank, left side. Set one of two. Until shaking.",
           "Rest, thirty to forty-five seconds. Next: Goblet squat.",
           "Switch to the right side."]


def offline() -> list[str]:
    """A command prefix with no network at all, where this machine allows it (root: CI)."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def worker(cache: Path, *texts: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [*offline(), sys.executable, "-m", "itbtimer.voice", "render", "--cache",
               str(cache), *texts]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **(env or {})})


def read(path: Path) -> tuple[array, int]:
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        data = array("h")
        data.frombytes(w.readframes(w.getnframes()))
        return data, w.getframerate()


def test_worker_renders_each_phrase_once_offline_into_24khz_speech(tmp_path):
    cache, hibari_home = tmp_path / "voice", tmp_path / "hibari-home"
    hibari_home.mkdir()
    result = worker(cache, *PHRASES, env={"HIBARI_HOME": str(hibari_home)})
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["rendered"] == 3 and figures["cached"] == 0
    assert list(hibari_home.iterdir()) == []  # nothing downloaded, no other voice fetched
    store = VoiceCache(engine_id(), cache)
    for text in PHRASES:
        data, rate = read(store.path(text))
        seconds = len(data) / rate
        assert rate == 24000
        assert 0.5 * 32767 < max(abs(x) for x in data) < 32767  # levelled, not clipped
        rms = (sum(x * x for x in data) / len(data)) ** 0.5
        assert rms > 0.05 * 32767, text  # speech, not a click in silence
        words = len(text.split())
        assert 0.15 * words < seconds < 0.6 * words + 0.5, (text, seconds)
        assert abs(seconds - speaking_seconds(text)) < 1.2, (text, seconds)
        assert abs(store.seconds_of(text) - seconds) < 0.001
    again = worker(cache, *PHRASES)
    assert json.loads(again.stdout) == {**json.loads(again.stdout), "rendered": 0, "cached": 3}


def test_a_phrase_the_voice_makes_no_sound_for_is_left_out_and_the_others_are_said(tmp_path):
    """Before, one cue in another script ('スクワット') failed the whole worker (exit 3) and
    the voice was off for the session."""
    cache = tmp_path / "voice"
    result = worker(cache, "Squat.", "スクワット", "Hold.")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rendered"] == 2
    store = VoiceCache(engine_id(), cache)
    assert store.path("Squat.").is_file() and store.path("Hold.").is_file()
    assert not store.path("スクワット").exists()


def test_same_text_same_file_name_and_another_text_another(tmp_path):
    store = VoiceCache(engine_id(), tmp_path)
    assert store.path("Halfway.") == store.path("Halfway.")
    assert store.path("Halfway.") != store.path("Halfway!")
    assert hibari_id().voice == "heart"


def test_a_cache_folder_that_cannot_be_written_is_one_message(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = worker(blocker / "voice", "Halfway.")
    assert result.returncode == 4
    assert result.stderr.startswith("itbtimer voice: cannot write the voice cache")
    assert "Traceback" not in result.stderr


def test_a_broken_engine_is_one_message_not_a_traceback(tmp_path):
    fake = tmp_path / "fake"
    (fake / "hibari").mkdir(parents=True)
    (fake / "hibari" / "__init__.py").write_text("raise ImportError('onnxruntime is broken')\n")
    result = worker(tmp_path / "voice", "Halfway.", env={"PYTHONPATH": f"{fake}:{ROOT}"})
    assert result.returncode == 3
    assert result.stderr.strip() == (
        "itbtimer voice: the voice cannot start: onnxruntime is broken")


def test_without_the_extra_the_window_side_knows_without_importing(monkeypatch):
    from importlib import util

    real = util.find_spec
    monkeypatch.setattr(util, "find_spec", lambda name, *a: None if name == "hibari"
                        else real(name, *a))
    with pytest.raises(VoiceUnavailable, match=r"pip install 'itbtimer\[voice\]'"):
        hibari_id()


def test_say_writes_a_wav_file(tmp_path):
    out = tmp_path / "said.wav"
    result = subprocess.run([*offline(), sys.executable, "-m", "itbtimer", "say",
                             "Fifty-seven seconds. Well done.", "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    data, rate = read(out)
    assert rate == 24000 and 1.0 < len(data) / rate < 4.0


def test_say_with_nothing_to_say_is_a_message():
    result = subprocess.run([sys.executable, "-m", "itbtimer", "say", "  "],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2 and "nothing to say" in result.stderr


def wait_for(preparation, seconds: float = 120.0) -> None:
    assert wait_until(lambda: not preparation.poll(), timeout=seconds), "the worker did not finish"


def test_loading_a_routine_renders_all_its_phrases_once_in_a_worker(tmp_path):
    from itbtimer.voice.coach import VoicePreparation
    from itbtimer.voice.phrases import texts_to_render

    plan = plan_of("name: W\nsections:\n  - name: Warm-up\n    exercises:\n"
                   "      - {name: Squats, work: 20s, cue: Butt back}\n"
                   "      - {name: Lunges, sides: both, work: 20s}\n")
    preparation = VoicePreparation(tmp_path / "voice")
    preparation.prepare(plan)
    assert preparation.job is not None and preparation.job.running
    wait_for(preparation)
    assert preparation.notice is None
    assert preparation.cache is not None
    assert preparation.cache.missing(texts_to_render(plan)) == []
    preparation.prepare(plan)
    assert preparation.job is None  # a second start of the same routine renders nothing


def test_a_worker_that_fails_turns_the_voice_off_with_one_notice(tmp_path):
    from itbtimer.voice.coach import VoicePreparation

    blocker = tmp_path / "file"
    blocker.write_text("")
    preparation = VoicePreparation(blocker / "voice")
    preparation.prepare(plan_of("name: X\nsections:\n  - name: S\n"
                                "    exercises: [{name: A, work: 5s}]\n"))
    wait_for(preparation)
    assert preparation.notice is not None
    assert preparation.notice.startswith("Voice is off: cannot write the voice cache")
    assert preparation.cache is None


def test_the_worker_stops_when_the_window_is_gone(tmp_path):
    """A window killed mid-render leaves no worker rendering on for seconds."""

    texts = [f"Phrase number {n}, said slowly." for n in range(60)]
    listing = tmp_path / "texts.json"
    listing.write_text(json.dumps(texts))
    window = (f"import os, subprocess, sys\n"
              f"p = subprocess.Popen([sys.executable, '-m', 'itbtimer.voice', 'render', "
              f"'--cache', {str(tmp_path / 'voice')!r}, '--from', {str(listing)!r}, "
              f"'--parent', str(os.getpid())], stdout=subprocess.DEVNULL)\n"
              f"print(p.pid, flush=True)\nos._exit(0)\n")
    result = subprocess.run([sys.executable, "-c", window], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    pid = int(result.stdout)
    assert wait_until(lambda: not Path(f"/proc/{pid}").exists(), timeout=60)
    assert len(list((tmp_path / "voice").glob("*.wav"))) < len(texts)


def test_a_killed_worker_is_started_again_once_then_the_voice_says_it_is_off(tmp_path):
    """Killed (by the OOM killer, by a person): the phrases left are rendered by a second
    worker without a word; killed again, the notice says the voice is off (issue 20.8)."""
    import signal

    from itbtimer.voice.coach import VoicePreparation

    exercises = "".join(f"      - {{name: Exercise number {n}, work: 20s}}\n" for n in range(40))
    plan = plan_of(f"name: W\nsections:\n  - name: Many\n    exercises:\n{exercises}")
    preparation = VoicePreparation(tmp_path / "voice")
    preparation.prepare(plan)
    first = preparation.job
    assert first is not None and first.pid is not None
    os.kill(first.pid, signal.SIGKILL)
    assert wait_until(lambda: preparation.poll() and preparation.job is not first, timeout=30)
    assert preparation.notice is None  # started again, nothing to tell
    second = preparation.job
    assert second is not None and second.pid is not None
    os.kill(second.pid, signal.SIGKILL)
    assert wait_until(lambda: not preparation.poll(), timeout=30)
    assert preparation.notice == ("Voice is off: the voice worker stopped twice (killed by "
                                  "SIGKILL)")
