"""`itbtimer say "TEXT" [-o FILE.wav]`: speak, or write, any sentence with the coach's voice.

For checking how the voice sounds and for tests. It runs in its own process (the
command line's), so loading the engine here costs the window nothing.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from pathlib import Path

from itbtimer.core.limits import SAY_CHARS
from itbtimer.errors import ItbtimerError
from itbtimer.voice.cache import VoiceCache
from itbtimer.voice.engine import NoSound, TooLongToSay, engine_id, make_engine


class SayError(ItbtimerError):
    pass


@dataclass(frozen=True)
class Written:
    """A sentence written to a WAV file, and how long it plays."""

    path: Path
    seconds: float


def write_say(text: str, output: str) -> Written:
    """Write `text` in the coach's voice to the WAV file `output`."""
    wav = _render(_sentence(text))
    try:
        Path(output).write_bytes(wav)
    except OSError as exc:
        raise SayError(f"itbtimer say: {output}: cannot write ({exc.strerror})") from None
    return Written(Path(output), _seconds(wav))


def _render(text: str) -> bytes:
    try:
        return make_engine().render(text)
    except (TooLongToSay, NoSound) as exc:
        raise SayError(f"itbtimer say: {exc}") from None


def _seconds(wav: bytes) -> float:
    with wave.open(io.BytesIO(wav)) as w:
        return float(w.getnframes() / w.getframerate())


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        raise SayError("itbtimer say: nothing to say (give a sentence in quotes)")
    if len(text) > SAY_CHARS:
        raise SayError(f"itbtimer say: the text is {len(text)} characters long; at most "
                       f"{SAY_CHARS} can be said at once (split it)")
    return text


def run_say(text: str) -> int:
    """Say `text` in the coach's voice."""
    text = _sentence(text)
    cache = VoiceCache(engine_id())
    path = cache.path(text)
    if not path.is_file():
        wav = _render(text)
        try:
            path = cache.store(text, wav)
        except OSError:  # no cache folder: speak from a file next to nothing
            return _play_bytes(wav)
    return _play_bytes(path.read_bytes())


def _play_bytes(wav: bytes) -> int:
    from itbtimer.adapters.sound import _quiet_alsa

    _quiet_alsa()
    try:
        import simpleaudio

        with wave.open(io.BytesIO(wav)) as w:
            frames, rate = w.readframes(w.getnframes()), w.getframerate()
        simpleaudio.play_buffer(frames, 1, 2, rate).wait_done()
    except Exception as exc:  # no device, no simpleaudio
        raise SayError(f"itbtimer say: cannot play sound ({exc}); "
                       "write it to a file with -o FILE.wav") from None
    return 0
