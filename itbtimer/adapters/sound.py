"""The eight cue sounds: generated, decoded once, played without ever blocking or crashing.

The bundled WAVs are made by `python -m itbtimer.adapters.tones --write assets/sounds`.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import struct
import sys
import time
import wave
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from itbtimer.core.events import CueSound

CUES = tuple(CueSound)  # countdown, go, rest, switch, halfway, ready, finish, new best
RATE = 44100
PEAK = 0.7  # of full scale: loud, with headroom so nothing clips
RETRY_SECONDS = 30.0
NO_DEVICE_NOTICE = "Sound is off: no audio device found"
SUPPORTED_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000)
# A cue is a beep: a replacement longer or larger than this is a mistake (a song, a FIFO, a
# recording), and decoding and scaling it would hold up the window's start for seconds.
MAX_REPLACEMENT_BYTES = 5 * 1024 * 1024
MAX_REPLACEMENT_SECONDS = 10.0

log = logging.getLogger("itbtimer.adapters.sound")


@dataclass(frozen=True)
class Sound:
    samples: array[int]  # signed 16-bit, native byte order
    channels: int
    rate: int

    def scaled(self, volume: float) -> bytes:
        if volume >= 1.0:
            return self.samples.tobytes()
        return array("h", (int(s * volume) for s in self.samples)).tobytes()


class BadSound(Exception):
    pass


def read_sound(path: Path, max_seconds: float | None = None) -> Sound:
    return _decode(path, str(path), max_seconds)


def _decode(path: Path, source: str | io.BytesIO, max_seconds: float | None) -> Sound:
    try:
        with wave.open(source, "rb") as w:
            channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            frames = w.getnframes()
            if max_seconds is not None and rate and frames / rate > max_seconds:
                raise BadSound(f"{path}: lasts {frames / rate:.0f} s; a cue sound may last "
                               f"at most {max_seconds:.0f} s")
            data = w.readframes(frames)
    except (OSError, wave.Error, EOFError, struct.error) as exc:
        raise BadSound(f"{path}: not a readable WAV file ({exc})") from None
    if width != 2:
        raise BadSound(f"{path}: must be 16-bit PCM, not {width * 8}-bit")
    if channels not in (1, 2):
        raise BadSound(f"{path}: must be mono or stereo, not {channels} channels")
    if rate not in SUPPORTED_RATES:
        raise BadSound(f"{path}: sample rate {rate} Hz is not supported")
    if not data:
        raise BadSound(f"{path}: has no sound in it")
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return Sound(samples, channels, rate)


def read_replacement(path: Path) -> Sound | None:
    """A person's replacement sound, or None when there is none; BadSound when unusable.

    Opened without blocking (a FIFO named go.wav must not hang the start), and only a
    regular file of at most 5 MB and 10 s is read at all.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BadSound(f"{path}: cannot be opened ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BadSound(f"{path}: not a regular file; a cue sound must be a WAV file")
        if info.st_size > MAX_REPLACEMENT_BYTES:
            raise BadSound(f"{path}: {info.st_size / 1024 / 1024:.0f} MB; a cue sound may be "
                           f"at most {MAX_REPLACEMENT_BYTES // 1024 // 1024} MB")
        data = b""
        while len(data) <= MAX_REPLACEMENT_BYTES:
            chunk = os.read(fd, MAX_REPLACEMENT_BYTES + 1 - len(data))
            if not chunk:
                break
            data += chunk
    except OSError as exc:
        raise BadSound(f"{path}: cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_REPLACEMENT_BYTES:  # grew while being read
        raise BadSound(f"{path}: more than {MAX_REPLACEMENT_BYTES // 1024 // 1024} MB; "
                       f"a cue sound may be at most that")
    return _decode(path, io.BytesIO(data), MAX_REPLACEMENT_SECONDS)


def load_sounds(bundled: Path,
                custom: Path | None = None) -> tuple[dict[CueSound, Sound], list[str]]:
    """Every cue's sound: a person's replacement where it is good, else the bundled one."""
    sounds: dict[CueSound, Sound] = {}
    warnings: list[str] = []
    for cue in CUES:
        if custom is not None:
            try:
                replacement = read_replacement(custom / f"{cue}.wav")
            except BadSound as exc:
                warnings.append(f"{exc}; using the built-in {cue} sound")
            else:
                if replacement is not None:
                    sounds[cue] = replacement
                    continue
        sounds[cue] = read_sound(bundled / f"{cue}.wav")
    return sounds, warnings


# --- playing -----------------------------------------------------------------------------


class Player(Protocol):
    notice: str | None

    def play(self, cue: CueSound) -> None: ...
    def set_volume(self, percent: int) -> None: ...
    def mute(self) -> None: ...
    def unmute(self) -> None: ...
    @property
    def muted(self) -> bool: ...


class SilentPlayer:
    """Plays nothing; remembers what it was asked to play (for tests and the bench)."""

    def __init__(self, notice: str | None = None):
        self.notice = notice
        self.played: list[CueSound] = []
        self.spoken: list[tuple[Sound, float]] = []  # (phrase, lead-in seconds)
        self.hushed = 0
        self.volume = 100
        self._muted = False

    def play(self, cue: CueSound) -> None:
        if not self._muted:
            self.played.append(cue)

    def speak(self, sound: Sound, lead_in: float = 0.0) -> bool:
        if self._muted:
            return False
        self.spoken.append((sound, lead_in))
        return True

    def hush(self) -> None:
        self.hushed += 1

    def set_volume(self, percent: int) -> None:
        self.volume = max(0, min(100, int(percent)))

    def mute(self) -> None:
        self._muted = True

    def unmute(self) -> None:
        self._muted = False

    @property
    def muted(self) -> bool:
        return self._muted


class SimpleaudioPlayer:
    """Plays through simpleaudio; a failing device turns it silent, with one notice.

    All buffers are prepared before play() is called: play() does no file I/O and
    no sample arithmetic, it only hands a ready buffer to simpleaudio, which plays
    it on its own thread.
    """

    def __init__(self, sounds: dict[CueSound, Sound], backend: object,
                 clock: Callable[[], float] = time.monotonic, volume: int = 100):
        self._sounds = sounds
        self._backend = backend
        self._clock = clock
        self._muted = False
        self._failed_at: float | None = None
        self._playing: list[object] = []
        self._speech: object | None = None  # the voice coach's phrase being said
        self.notice: str | None = None
        self._buffers: dict[CueSound, bytes] = {}
        self.set_volume(volume)

    def set_volume(self, percent: int) -> None:
        self.volume = max(0, min(100, int(percent)))
        self._buffers = {cue: s.scaled(self.volume / 100) for cue, s in self._sounds.items()}

    def mute(self) -> None:
        self._muted = True
        for obj in self._playing:
            try:
                obj.stop()  # type: ignore[attr-defined]
            except Exception:  # a device gone mid-sound: nothing to stop
                pass
        self._playing.clear()
        self.hush()

    def unmute(self) -> None:
        self._muted = False

    @property
    def muted(self) -> bool:
        return self._muted

    def wait_done(self, timeout: float = 3.0) -> None:
        """Let the sounds already started finish (before exit; in tests)."""
        deadline = self._clock() + timeout
        while any(_is_playing(p) for p in [*self._playing, self._speech]) and (
                self._clock() < deadline):
            time.sleep(0.01)

    def play(self, cue: CueSound) -> None:
        if self._muted or cue not in self._buffers:
            return
        if self._failed_at is not None and self._clock() - self._failed_at < RETRY_SECONDS:
            return
        sound = self._sounds[cue]
        try:
            obj = self._backend.play_buffer(  # type: ignore[attr-defined]
                self._buffers[cue], sound.channels, 2, sound.rate)
        except Exception as exc:  # SimpleaudioError and whatever a broken device raises
            if self._failed_at is None:
                log.warning("sound off: %s", exc)
                self.notice = NO_DEVICE_NOTICE
            self._failed_at = self._clock()
            return
        if self._failed_at is not None:
            self._failed_at = None
            self.notice = None
            log.warning("sound is back")
        self._playing = [p for p in self._playing if _is_playing(p)][-8:] + [obj]
        if cue == CueSound.COUNTDOWN:
            self.hush()  # speech never runs into the 3-2-1 pips (after the pip: no delay)

    def speak(self, sound: Sound, lead_in: float = 0.0) -> bool:
        """Say one voice phrase (after `lead_in` seconds of silence), cutting the last one.

        False when it cannot be heard: muted, or no device. The phrase's scaling is done
        here, so play() of the beeps stays free of it; a phrase is never due at the same
        moment as a beep (the voice's schedule keeps them apart).
        """
        if self._muted:
            return False
        if self._failed_at is not None and self._clock() - self._failed_at < RETRY_SECONDS:
            return False
        self.hush()
        silence = bytes(2 * sound.channels * int(lead_in * sound.rate))
        try:
            self._speech = self._backend.play_buffer(  # type: ignore[attr-defined]
                silence + sound.scaled(self.volume / 100), sound.channels, 2, sound.rate)
        except Exception as exc:  # the device is gone: the beeps will say so
            log.warning("voice not played: %s", exc)
            return False
        return True

    def hush(self) -> None:
        """Stop the phrase being said (pause, a new step, a countdown pip)."""
        if self._speech is not None:
            try:
                self._speech.stop()  # type: ignore[attr-defined]
            except Exception:  # already over, or the device is gone
                pass
            self._speech = None


def _is_playing(obj: object) -> bool:
    try:
        return bool(obj.is_playing())  # type: ignore[attr-defined]
    except Exception:
        return False


_ALSA_HANDLER = None


def _quiet_alsa() -> None:
    """ALSA prints its errors on stderr; the notice in the window says it better."""
    global _ALSA_HANDLER
    if _ALSA_HANDLER is not None or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        handler_type = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                        ctypes.c_int, ctypes.c_char_p)
        _ALSA_HANDLER = handler_type(lambda *args: None)
        ctypes.cdll.LoadLibrary("libasound.so.2").snd_lib_error_set_handler(_ALSA_HANDLER)
    except (OSError, AttributeError):
        pass


def make_player(bundled: Path, custom: Path | None = None, muted: bool = False,
                clock: Callable[[], float] = time.monotonic) -> tuple[Player, list[str]]:
    """The best player this machine allows, and warnings for the person."""
    try:
        sounds, warnings = load_sounds(bundled, custom)
    except BadSound as exc:
        player: Player = SilentPlayer(f"Sound is off: {exc}")
        return player, [str(exc)]
    _quiet_alsa()
    try:
        import simpleaudio
    except Exception as exc:  # not installed, or its ALSA library missing
        log.warning("sound off: simpleaudio cannot be imported: %s", exc)
        player = SilentPlayer("Sound is off: simpleaudio is not available")
    else:
        player = SimpleaudioPlayer(sounds, simpleaudio, clock)
    if muted:
        player.mute()
    return player, warnings
