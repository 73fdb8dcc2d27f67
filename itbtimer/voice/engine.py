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
import os
import re
import time
import wave
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import util
from pathlib import Path
from typing import Any, Protocol

from itbtimer.core.limits import SAY_SECONDS
from itbtimer.errors import ItbtimerError

INSTALL_HINT = "pip install 'itbtimer[voice]'"
RENDER_VERSION = "1"  # our own processing (trim, level): a change here renders again
PEAK = 0.8  # of full scale, like the beeps' loudness
LEAD_SECONDS = 0.04  # silence kept before the first sound
TAIL_SECONDS = 0.08  # ... and after the last
SILENCE = 0.01  # below this (of full scale) counts as silence when trimming
PIECE_CHARS = 60  # the most the model is given at once (its memory grows with the length)
CALL_PHONEMES = 100  # ... in phonemes (a number read out in full: 60 characters, 500
#                      phonemes); each phoneme costs the model ~0.3 MB while it runs
PHONEMES_PER_SECOND = 14  # the slowest hibari speaks (prose 18, unknown words 14.6)


class VoiceUnavailable(ItbtimerError):
    """The voice cannot be used: the extra is not installed, or it is broken."""


class NoSound(VoiceUnavailable):
    """The voice made no sound for a text (another script than the Latin one, symbols)."""

    def __init__(self, text: str):
        shown = text if len(text) <= 60 else text[:59] + "…"
        super().__init__(f"the voice made no sound for '{shown}' (it reads English)")


class TooLongToSay(ItbtimerError):
    """A text that would take longer than SAY_SECONDS to say (about `seconds`)."""

    def __init__(self, seconds: float):
        super().__init__(f"the text would take about {seconds / 60:.0f} minutes to say; at "
                         f"most {SAY_SECONDS // 60} minutes can be said at once (split it)")
        self.seconds = seconds


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
        """A complete 16-bit mono WAV file saying `text` (TooLongToSay: over SAY_SECONDS)."""
        ...

    def render_all(self, texts: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """Each text with its WAV file, in order, each as soon as it is made; a text that
        would take longer than SAY_SECONDS to say is left out."""
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
        """A complete 16-bit mono WAV file saying `text` (TooLongToSay: over SAY_SECONDS)."""
        (said,) = self._phonemes([text])
        if _seconds_to_say(said) > SAY_SECONDS:
            raise TooLongToSay(_seconds_to_say(said))
        return self._wav(self._speech(), said, text)

    def render_all(self, texts: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """Each text with its WAV file, in order, each as soon as it is made; a text that
        would take longer than SAY_SECONDS to say is left out. Every text is said a piece
        at a time (at most PIECE_CHARS and CALL_PHONEMES): the model's memory grows with
        the length of what it is given (2,000 characters at once: 760 MB), so a long text
        costs what a short one does."""
        spoken = [(text, said) for text, said in zip(texts, self._phonemes(texts), strict=True)
                  if _seconds_to_say(said) <= SAY_SECONDS]
        speech = self._speech() if spoken else None
        for text, said in spoken:
            try:
                yield text, self._wav(speech, said, text)
            except NoSound:
                continue  # left out: not said, and the other phrases still are

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
        spoken = [[bounded(reader.phonemize(piece)) for piece in pieces(text)]
                  for text in texts]
        del reader
        _give_back_memory()
        return spoken

    def _speech(self) -> Any:
        """hibari's speech model, without its lexicons (the phonemes are read already)."""
        started = time.perf_counter()
        # onnxruntime's telemetry writes a device id into ~/.cache/Microsoft unless told
        # not to; nothing of ours leaves the machine, and nothing is left behind either
        os.environ["ORT_DISABLE_TELEMETRY"] = "1"
        try:
            from hibari import Hibari

            speech = Hibari(voice=HIBARI_VOICE)  # its lexicons load only if asked: never
            speech.sess = None  # hibari's own session goes before ours comes
            speech.sess = _lean_session(speech.model_path)
            self.rate = int(speech.sample_rate)
        except Exception as exc:  # onnxruntime missing or broken, a damaged model file
            raise VoiceUnavailable(f"the voice cannot start: {exc}") from None
        self.load_seconds += time.perf_counter() - started
        return speech

    def _wav(self, speech: Any, said: list[list[str]], text: str) -> bytes:
        """The pieces' sound, levelled as one (the loudest piece at PEAK), as a WAV file."""
        import numpy as np  # hibari's own dependency: here only, in the worker

        parts = [part for phonemes in said
                 if (part := self._trimmed(speech, phonemes)) is not None]
        if not parts:
            raise NoSound(text)
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
        del parts, part
        return wav_bytes(samples.data, self.rate)  # the WAV is the one copy made

    def _trimmed(self, speech: Any, phonemes: list[str]) -> Any:
        """One piece's sound without its silence around it; None when it is all silence."""
        import numpy as np

        rng = np.random.default_rng(0)  # seeded: the same text gives the same bytes
        sound = [speech.from_ids(speech.ids(chunk), 1.0, rng) for chunk in phonemes]
        audio = np.concatenate(sound) if sound else np.zeros(0, np.float32)
        loud = np.flatnonzero(np.abs(audio) > SILENCE)
        if loud.size == 0:
            return None
        start = max(0, int(loud[0]) - int(LEAD_SECONDS * self.rate))
        end = min(audio.size, int(loud[-1]) + int(TAIL_SECONDS * self.rate))
        return audio[start:end].copy()  # not a view that keeps the untrimmed sound


def _lean_session(model: str) -> Any:
    """The speech model as hibari runs it (one thread), but handing memory back after each
    call: with onnxruntime's arena the process keeps the most the longest piece ever
    needed, and its memory patterns keep a plan per input length."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.enable_cpu_mem_arena = False
    options.enable_mem_pattern = False
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


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


def _seconds_to_say(said: list[list[str]]) -> float:
    """How long these phonemes take to say, at the most (from their number)."""
    return sum(len(chunk) for chunks in said for chunk in chunks) / PHONEMES_PER_SECOND


def bounded(chunks: list[str], most: int = CALL_PHONEMES) -> list[str]:
    """hibari's phoneme chunks, each longer than `most` cut between words (else anywhere);
    the shorter ones, every chunk of ordinary prose, as they are."""
    out: list[str] = []
    for chunk in chunks:
        if len(chunk) <= most:
            out.append(chunk)
            continue
        words = [w[i:i + most] for w in chunk.split() for i in range(0, len(w), most)]
        line = ""
        for word in words:
            if line and len(line) + 1 + len(word) > most:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return out


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


def wav_bytes(pcm: bytes | memoryview, rate: int) -> bytes:
    """A WAV file around 16-bit little-endian mono samples."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return buffer.getvalue()
