"""Rendered phrases on disk: one WAV per text, named by a hash of text + engine + voice.

The window only looks things up here (a stat, no decoding); the worker writes.
Files are written whole and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

from pathlib import Path

from itbtimer.atomic import write_atomic
from itbtimer.paths import cache_dir
from itbtimer.voice.engine import EngineId
from itbtimer.voice.phrases import speaking_seconds

WAV_HEADER = 44  # bytes before the samples in the files the worker writes
BYTES_PER_FRAME = 2  # 16-bit mono


def voice_cache_dir() -> Path:
    return cache_dir() / "voice"


class VoiceCache:
    def __init__(self, engine: EngineId, folder: Path | None = None):
        self.engine = engine
        self.folder = folder or voice_cache_dir()

    def path(self, text: str) -> Path:
        return self.folder / f"{self.engine.key(text)}.wav"

    def ready(self, text: str) -> bool:
        return self.path(text).is_file()

    def missing(self, texts: list[str]) -> list[str]:
        return [t for t in texts if not self.ready(t)]

    def seconds_of(self, text: str, rate: int = 24000) -> float:
        """How long the phrase lasts: from its file's size when rendered, else estimated."""
        try:
            size = self.path(text).stat().st_size
        except OSError:
            return speaking_seconds(text)
        return max(0.0, (size - WAV_HEADER) / (BYTES_PER_FRAME * rate))

    def store(self, text: str, wav: bytes) -> Path:
        """Write one phrase atomically (OSError when the folder cannot be written)."""
        target = self.path(text)
        write_atomic(target, wav)
        return target
