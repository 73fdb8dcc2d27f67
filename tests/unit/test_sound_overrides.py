"""A person's replacement sounds: only regular files, opened without blocking, 5 MB and 10 s."""

from __future__ import annotations

import os
import threading
import wave
from pathlib import Path

from itbtimer.adapters.sound import (
    MAX_REPLACEMENT_BYTES,
    MAX_REPLACEMENT_SECONDS,
    load_sounds,
    read_sound,
)
from itbtimer.routine_files.bundled import assets_dir

BUNDLED = assets_dir() / "sounds"


def wav(path: Path, seconds: float, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x10\x00" * int(seconds * rate))
    return path


def load_within(custom: Path, seconds: float = 10.0):
    """load_sounds in a thread: a hang shows as a failure, not a stuck test run."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(load_sounds(BUNDLED, custom)),
                              daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "load_sounds blocked"
    return result[0]


def test_a_fifo_named_go_wav_is_ignored_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "go.wav")
    sounds, warnings = load_within(tmp_path)
    assert warnings == [f"{tmp_path / 'go.wav'}: not a regular file; a cue sound must be a "
                        "WAV file; using the built-in go sound"]
    assert sounds["go"] == read_sound(BUNDLED / "go.wav")


def test_a_500_mb_replacement_is_not_read_and_the_notice_names_the_limit(tmp_path):
    with open(tmp_path / "go.wav", "wb") as f:
        f.truncate(500 * 1024 * 1024)  # sparse: costs no disk
    sounds, warnings = load_within(tmp_path)
    assert len(warnings) == 1
    assert str(tmp_path / "go.wav") in warnings[0] and "at most 5 MB" in warnings[0]
    assert sounds["go"] == read_sound(BUNDLED / "go.wav")


def test_a_replacement_longer_than_10_s_is_ignored_with_the_limit_named(tmp_path):
    wav(tmp_path / "rest.wav", MAX_REPLACEMENT_SECONDS + 1)
    sounds, warnings = load_within(tmp_path)
    assert warnings == [f"{tmp_path / 'rest.wav'}: lasts 11 s; a cue sound may last at most "
                        "10 s; using the built-in rest sound"]
    assert sounds["rest"] == read_sound(BUNDLED / "rest.wav")


def test_a_replacement_just_inside_the_limits_is_used(tmp_path):
    wav(tmp_path / "finish.wav", MAX_REPLACEMENT_SECONDS)
    assert (tmp_path / "finish.wav").stat().st_size < MAX_REPLACEMENT_BYTES
    sounds, warnings = load_within(tmp_path)
    assert warnings == []
    assert len(sounds["finish"].samples) == int(MAX_REPLACEMENT_SECONDS * 8000)


def test_a_folder_named_go_wav_is_ignored_with_one_notice(tmp_path):
    (tmp_path / "go.wav").mkdir()
    sounds, warnings = load_within(tmp_path)
    assert len(warnings) == 1 and "not a regular file" in warnings[0]


def test_no_replacement_folder_means_no_notice(tmp_path):
    sounds, warnings = load_within(tmp_path / "absent")
    assert warnings == [] and set(sounds) >= {"go", "rest"}
