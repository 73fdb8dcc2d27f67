"""The seam between itbtimer and a speech engine: text in, WAV out.

Only the render worker (`python -m itbtimer.voice render`) and `itbtimer say` build
an engine; the window never does (hibari brings numpy and onnxruntime, ~190 MB).
What the window needs, the engine's identity for naming cached files, is read
from the installed package's metadata without importing it.

Another engine (piper-tts with a voice file the person provides, espeak-ng) plugs
in by implementing `Engine` and adding a line to `ENGINES`.
"""

from __future__ import annotations

import hashlib
import io
import re
import wave
from dataclasses import dataclass
from importlib import util
from pathlib import Path
from typing import Any, Protocol

from itbtimer.errors import ItbtimerError

INSTALL_HINT = "pip install 'itbtimer[voice]'"
RENDER_VERSION = "1"  # our own processing (trim, level): a change here renders again
PEAK = 0.8  # of full scale, like the beeps' loudness
LEAD_SECONDS = 0.04  # silence kept before the first sound
TAIL_SECONDS = 0.08  # ... and after the last
SILENCE = 0.01  # below this (of full scale) counts as silence when trimming
PIECE_CHARS = 60  # the most the model is given at once (its memory grows with the length)


class VoiceUnavailable(ItbtimerError):
    """The voice cannot be used: the extra is not installed, or it is broken."""


@dataclass(frozen=True)
class EngineId:
    """Which engine, version and voice made a phrase: part of every cached file's name."""

    engine: str
    version: str
    voice: str

    def key(self, text: str) -> str:
        raw = "\0".join((self.engine, self.version, RENDER_VERSION, self.voice, text))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


class Engine(Protocol):
    id: EngineId

    def render(self, text: str) -> bytes:
        """A complete 16-bit mono WAV file saying `text`."""
        ...


# --- hibari -------------------------------------------------------------------------------

HIBARI_VOICE = "heart"  # the one voice inside the wheel; every other one downloads: never


def hibari_id() -> EngineId:
    """hibari's identity, without importing it (so the window stays light)."""
    spec = util.find_spec("hibari")
    if spec is None or spec.origin is None:
        raise VoiceUnavailable(f"the voice is not installed ({INSTALL_HINT})")
    # the wheel's dist-info folder beside the package names the version; reading it is
    # a directory listing, where importlib.metadata costs the window 36 ms and 1 MB
    site = Path(spec.origin).parent.parent
    for info in site.glob("hibari_tts-*.dist-info"):
        return EngineId("hibari", info.name[len("hibari_tts-"):-len(".dist-info")],
                        HIBARI_VOICE)
    from importlib import metadata

    try:
        version = metadata.version("hibari-tts")
    except metadata.PackageNotFoundError:
        raise VoiceUnavailable(f"the voice is not installed ({INSTALL_HINT})") from None
    return EngineId("hibari", version, HIBARI_VOICE)


class HibariEngine:
    """hibari-tts with its bundled voice: float32 at 24 kHz, trimmed and levelled."""

    def __init__(self) -> None:
        self.id = hibari_id()
        try:
            from hibari import Hibari

            self._tts = Hibari(voice=HIBARI_VOICE)
            self.rate = int(self._tts.sample_rate)
        except Exception as exc:  # onnxruntime missing or broken, a damaged model file
            raise VoiceUnavailable(f"the voice cannot start: {exc}") from None

    def render(self, text: str) -> bytes:
        """The text a piece at a time (at most PIECE_CHARS): the model's memory grows with
        the length of what it is given (2,000 characters at once: 760 MB), so a long text
        costs what a short one does. A text of one piece renders as it always has."""
        import numpy as np  # hibari's own dependency: here only, in the worker

        parts = [self._trimmed(piece) for piece in pieces(text)]
        audio = parts[0].copy() if len(parts) == 1 else np.concatenate(parts)
        del parts
        audio *= PEAK / float(np.abs(audio).max())  # in place: a long text's audio once
        np.clip(audio, -1.0, 1.0, out=audio)
        audio *= 32767
        np.rint(audio, out=audio)
        return wav_bytes(audio.astype("<i2").tobytes(), self.rate)

    def _trimmed(self, text: str) -> Any:
        import numpy as np

        audio = self._tts(text, seed=0)  # seed: the same text gives the same bytes
        loud = np.flatnonzero(np.abs(audio) > SILENCE)
        if loud.size == 0:
            raise VoiceUnavailable(f"the voice made no sound for '{text}'")
        start = max(0, int(loud[0]) - int(LEAD_SECONDS * self.rate))
        end = min(audio.size, int(loud[-1]) + int(TAIL_SECONDS * self.rate))
        return audio[start:end]


def pieces(text: str, most: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `most` characters: after a sentence's or a
    clause's mark where it can, else between words, else (one long word) anywhere."""
    if len(text) <= most:
        return [text]
    clauses = [c for c in re.split(r"(?<=[.!?;:,])\s+", text) if c]
    words: list[str] = []
    for clause in clauses:
        if len(clause) <= most:
            words.append(clause)
            continue
        for word in clause.split():
            words += [word[i:i + most] for i in range(0, len(word), most)]
    out: list[str] = []
    for word in words:
        if out and len(out[-1]) + 1 + len(word) <= most:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


ENGINES = {"hibari": HibariEngine}


def engine_id(name: str = "hibari") -> EngineId:
    if name not in ENGINES:
        raise VoiceUnavailable(f"unknown voice engine '{name}' (known: {', '.join(ENGINES)})")
    return hibari_id()


def make_engine(name: str = "hibari") -> Engine:
    engine_id(name)
    return ENGINES[name]()


# --- samples to WAV -----------------------------------------------------------------------


def wav_bytes(pcm: bytes, rate: int) -> bytes:
    """A WAV file around 16-bit little-endian mono samples."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return buffer.getvalue()
