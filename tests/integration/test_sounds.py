"""Sound through the real simpleaudio and ALSA, routed into WAV files: no sound card needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from array import array
from pathlib import Path

import pytest

from itbtimer.adapters.sound import (
    CUES,
    NO_DEVICE_NOTICE,
    RETRY_SECONDS,
    SimpleaudioPlayer,
    load_sounds,
    read_sound,
)
from itbtimer.adapters.tones import write_sounds
from tests.fakes import FakeClock, FlakyBackend
from tests.integration.sound_helpers import FILE_DEVICE

ROOT = Path(__file__).parents[2]
BUNDLED = ROOT / "assets" / "sounds"
BROKEN_DEVICE = 'pcm.!default { type hw; card 97; device 0 }\nctl.!default { type hw; card 97 }\n'


def probe(home: Path, **args) -> dict:
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("XDG_CONFIG_HOME", None)
    probe = [sys.executable, "-m", "tests.integration.sound_probe", json.dumps(args)]
    result = subprocess.run(probe, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def file_device(tmp_path: Path) -> tuple[Path, Path]:
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "played.wav"
    (home / ".asoundrc").write_text(FILE_DEVICE.format(out=out))
    return home, out


def played_files(out: Path) -> list[Path]:
    """ALSA's file plugin writes played.wav, then played.wav.0001, .0002 ... one per play."""
    files = [out] if out.exists() else []
    return files + sorted(out.parent.glob(out.name + ".0*"))


def samples(path: Path) -> tuple[array, int]:
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        data = array("h")
        data.frombytes(w.readframes(w.getnframes()))
        return data, w.getframerate()


def dominant_hz(data: array, rate: int) -> float:
    crossings = sum(1 for a, b in zip(data, data[1:], strict=False) if (a < 0) != (b < 0))
    return crossings / 2 / (len(data) / rate)


@pytest.mark.sound
def test_every_cue_plays_through_alsa_with_the_right_shape(file_device):
    home, out = file_device
    result = probe(home, cues=list(CUES))
    assert result["player"] == "SimpleaudioPlayer" and result["notices"][-1] is None
    files = played_files(out)
    assert len(files) == len(CUES)
    seen = []
    for cue, path in zip(CUES, files, strict=True):
        data, rate = samples(path)
        expected = read_sound(BUNDLED / f"{cue}.wav")
        assert rate == 44100
        assert abs(len(data) - len(expected.samples)) <= 64, cue  # exact, give or take a period
        peak = max(abs(x) for x in data)
        assert 0.3 * 32767 < peak < 32767, (cue, peak)  # audible and not clipped
        seen.append((round(len(data) / rate, 2), round(dominant_hz(data, rate), -1)))
    assert len(set(seen)) == len(CUES), seen  # every cue a different sound (the tick too)


@pytest.mark.sound
def test_volume_50_percent_halves_the_peak(file_device):
    home, out = file_device
    probe(home, cues=["go"])
    probe(home, cues=["go"], volume=50)
    full, half = (max(abs(x) for x in samples(p)[0]) for p in played_files(out))
    assert half == pytest.approx(full / 2, rel=0.01)


@pytest.mark.sound
def test_mute_plays_nothing(file_device):
    home, out = file_device
    probe(home, cues=["go", "rest"], mute=True)
    assert played_files(out) == []


@pytest.mark.sound
def test_no_audio_device_means_silence_and_one_notice(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text(BROKEN_DEVICE)
    cues = ["go", "countdown", "countdown", "countdown", "rest", "switch", "finish"] * 5
    result = probe(home, cues=cues)
    assert result["notices"] == [NO_DEVICE_NOTICE] * len(cues)


def test_bad_replacement_sound_falls_back_with_one_warning(tmp_path):
    (tmp_path / "go.wav").write_bytes(b"not a wav at all")
    (tmp_path / "rest.wav").write_bytes(b"")
    sounds, warnings = load_sounds(BUNDLED, tmp_path)
    assert len(warnings) == 2 and "using the built-in go sound" in warnings[0]
    assert sounds["go"] == read_sound(BUNDLED / "go.wav")


def test_good_replacement_sound_is_used(tmp_path):
    (tmp_path / "go.wav").write_bytes((BUNDLED / "finish.wav").read_bytes())
    sounds, warnings = load_sounds(BUNDLED, tmp_path)
    assert warnings == [] and sounds["go"] == read_sound(BUNDLED / "finish.wav")


def test_generator_is_deterministic_and_matches_the_committed_wavs(tmp_path):
    write_sounds(tmp_path)
    for cue in CUES:
        assert (tmp_path / f"{cue}.wav").read_bytes() == (BUNDLED / f"{cue}.wav").read_bytes()


def test_failed_device_is_retried_at_most_every_30_seconds():
    clock = FakeClock(0.0)
    backend = FlakyBackend()
    sounds, _ = load_sounds(BUNDLED)
    player = SimpleaudioPlayer(sounds, backend, clock=clock)
    player.play("go")
    assert player.notice == NO_DEVICE_NOTICE and backend.calls == 1
    for t in range(1, 30):
        clock.set(float(t))
        player.play("countdown")
    assert backend.calls == 1  # not once per beep
    backend.back = True
    clock.set(RETRY_SECONDS + 0.5)
    player.play("go")
    assert backend.calls == 2 and player.notice is None
