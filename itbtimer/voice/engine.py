"""The seam between itbtimer and a speech engine: text in, WAV out.

Only the render worker (`python -m itbtimer.voice render`) and `itbtimer say` build
an engine; the window never does (hibari brings numpy, onnxruntime and its lexicons:
~140 MB at the peak).
What the window needs, the engine's identity for naming cached files, is read
from the installed package's metadata without importing it.

Another engine (piper-tts with a voice file the person provides, espeak-ng) plugs
in by implementing `Engine` and adding a line to `ENGINES`.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
import wave
from collections.abc import Iterator, Sequence
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
    load_seconds: float  # of the rendering so far, spent loading the engine

    def render(self, text: str) -> bytes:
        """A complete 16-bit mono WAV file saying `text`."""
        ...

    def render_all(self, texts: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """Each text with its WAV file, in order, each as soon as it is made."""
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
    """hibari-tts with its bundled voice: float32 at 24 kHz, trimmed and levelled.

    In two halves, one after the other, so their memory never adds up: first every text
    is read into phonemes (hibari's lexicons and tagger: ~100 MB of Python dicts), which
    are then let go and the freed memory handed back to the system; only then is the
    speech model loaded (onnxruntime, ~50 MB) to turn the phonemes into sound. Together
    they peaked at 236 MB for the longest text `itbtimer say` takes; apart, at ~140 MB."""

    def __init__(self) -> None:
        self.id = hibari_id()
        self.load_seconds = 0.0  # spent loading the lexicons and the model (the worker says)
        if util.find_spec("onnxruntime") is None:  # found, not imported: see render_all
            raise VoiceUnavailable("the voice cannot start: onnxruntime is not installed "
                                   f"({INSTALL_HINT})")

    def render(self, text: str) -> bytes:
        """A complete 16-bit mono WAV file saying `text`."""
        return next(self.render_all([text]))[1]

    def render_all(self, texts: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """Each text with its WAV file, in order, each as soon as it is made. Every text is
        said a piece at a time (at most PIECE_CHARS): the model's memory grows with the
        length of what it is given (2,000 characters at once: 760 MB), so a long text
        costs what a short one does."""
        spoken = self._phonemes(texts)
        speech = self._speech()
        for text, said in zip(texts, spoken, strict=True):
            yield text, self._wav(speech, said, text)

    def _phonemes(self, texts: Sequence[str]) -> list[list[list[str]]]:
        """For each text, for each of its pieces, hibari's phoneme strings; the lexicons are
        gone again when this returns."""
        started = time.perf_counter()
        try:
            from hibari.g2p import G2P
            from hibari.voices import VOICES

            reader = _Reader(G2P(british=VOICES[HIBARI_VOICE]["british"]))
        except Exception as exc:  # a broken install, a damaged lexicon
            raise VoiceUnavailable(f"the voice cannot start: {exc}") from None
        self.load_seconds += time.perf_counter() - started
        spoken = [[reader.phonemize(piece) for piece in pieces(text)] for text in texts]
        del reader
        _give_back_memory()
        return spoken

    def _speech(self) -> Any:
        """hibari's speech model, without its lexicons (the phonemes are read already)."""
        started = time.perf_counter()
        try:
            from hibari import Hibari

            speech = Hibari(voice=HIBARI_VOICE)  # its lexicons load only if asked: never
            self.rate = int(speech.sample_rate)
        except Exception as exc:  # onnxruntime missing or broken, a damaged model file
            raise VoiceUnavailable(f"the voice cannot start: {exc}") from None
        self.load_seconds += time.perf_counter() - started
        return speech

    def _wav(self, speech: Any, said: list[list[str]], text: str) -> bytes:
        """The pieces' sound, levelled as one (the loudest piece at PEAK), as a WAV file."""
        import numpy as np  # hibari's own dependency: here only, in the worker

        parts = [self._trimmed(speech, phonemes, text) for phonemes in said]
        gain = PEAK / max(float(np.abs(part).max()) for part in parts)
        samples = np.empty(sum(part.size for part in parts), "<i2")
        at = 0
        for part in parts:  # one piece at a time: no second copy of a long text's audio
            part *= gain
            np.clip(part, -1.0, 1.0, out=part)
            part *= 32767
            np.rint(part, out=part)
            samples[at:at + part.size] = part
            at += part.size
        del parts
        return wav_bytes(samples.tobytes(), self.rate)

    def _trimmed(self, speech: Any, phonemes: list[str], text: str) -> Any:
        import numpy as np

        rng = np.random.default_rng(0)  # seeded: the same text gives the same bytes
        sound = [speech.from_ids(speech.ids(chunk), 1.0, rng) for chunk in phonemes]
        audio = np.concatenate(sound) if sound else np.zeros(0, np.float32)
        loud = np.flatnonzero(np.abs(audio) > SILENCE)
        if loud.size == 0:
            raise VoiceUnavailable(f"the voice made no sound for '{text}'")
        start = max(0, int(loud[0]) - int(LEAD_SECONDS * self.rate))
        end = min(audio.size, int(loud[-1]) + int(TAIL_SECONDS * self.rate))
        return audio[start:end]


class _Reader:
    """hibari's text-to-phonemes half (its own `phonemize`: sentences, then clauses of at
    most 400 phonemes), without loading its speech model."""

    def __init__(self, g2p: Any):
        from hibari import Hibari

        self.g2p = g2p
        self.split_sentences = Hibari.split_sentences
        self._phonemize = Hibari.phonemize

    def phonemize(self, text: str) -> list[str]:
        return list(self._phonemize(self, text))


def _give_back_memory() -> None:
    """Free what was let go, and hand glibc's free pages back to the system (the lexicons'
    100 MB would otherwise stay in the process's RSS)."""
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass  # not glibc: what was freed is reused by the model instead


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
