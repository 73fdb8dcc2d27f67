"""The eight cue sounds, generated: `python -m itbtimer.adapters.tones --write assets/sounds`
regenerates the bundled WAVs (deterministically: the same bytes every time)."""

from __future__ import annotations

import argparse
import io
import math
import sys
import wave
from array import array
from pathlib import Path

from itbtimer.adapters.sound import PEAK, RATE
from itbtimer.core.events import CueSound

# --- generating the sounds ---------------------------------------------------------------


def _tone(freqs: list[tuple[float, float]], seconds: float, level: float = 1.0,
          attack: float = 0.005, release: float = 0.03, decay: float = 0.0) -> list[float]:
    """A sum of (frequency, weight) partials with a click-free envelope."""
    n = int(seconds * RATE)
    total = sum(w for _, w in freqs)
    out = []
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / attack, (seconds - t) / release)
        if decay:
            env *= math.exp(-t / decay)
        value = sum(w * math.sin(2 * math.pi * f * t) for f, w in freqs) / total
        out.append(level * max(0.0, env) * value)
    return out


def _silence(seconds: float) -> list[float]:
    return [0.0] * int(seconds * RATE)


def _recipes() -> dict[CueSound, list[float]]:
    pure = [(1.0, 1.0)]

    def at(f: float, partials: list[tuple[float, float]] = pure) -> list[tuple[float, float]]:
        return [(f * m, w) for m, w in partials]

    bright = [(1.0, 1.0), (2.0, 0.3), (3.0, 0.1)]
    bell = [(1.0, 1.0), (2.01, 0.4), (3.0, 0.2), (4.2, 0.1)]
    return {
        # short high pip: 3, 2, 1
        CueSound.COUNTDOWN: _tone(at(880, bright), 0.09),
        # longer, higher, full: start working
        CueSound.GO: _tone(at(1320, bright), 0.40, release=0.08),
        # low and soft: breathe
        CueSound.REST: _tone(at(440), 0.45, level=0.6, release=0.15),
        # two tones, twice: change sides
        CueSound.SWITCH: (_tone(at(622, bright), 0.12) + _tone(at(932, bright), 0.12)
                          + _tone(at(622, bright), 0.12) + _tone(at(932, bright), 0.12)),
        # one soft mid note
        CueSound.HALFWAY: _tone(at(660), 0.22, level=0.5, release=0.1),
        # gentle chime: you may go
        CueSound.READY: _tone(at(1047, bell), 0.7, level=0.7, release=0.2, decay=0.3),
        # rising three-note phrase: done
        CueSound.FINISH: (_tone(at(523, bright), 0.16) + _silence(0.02)
                          + _tone(at(659, bright), 0.16) + _silence(0.02)
                          + _tone(at(784, bright), 0.45, release=0.2)),
        # two bright bell notes leaping up a fifth, the second ringing on: a new best
        CueSound.NEW_BEST: (_tone(at(1175, bell), 0.12, level=0.8)
                            + _tone(at(1760, bell), 0.55, release=0.2, decay=0.35)),
        # a quiet short click, unlike every cue: the next phase of a paced rep
        CueSound.TICK: _tone(at(1568), 0.035, level=0.5, release=0.02),
    }


def _to_wav(samples: list[float]) -> bytes:
    frames = array("h", (int(round(s * PEAK * 32767)) for s in samples))
    if sys.byteorder == "big":
        frames.byteswap()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames.tobytes())
    return buffer.getvalue()


def write_sounds(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for cue, samples in _recipes().items():
        path = folder / f"{cue}.wav"
        path.write_bytes(_to_wav(samples))
        written.append(path)
    return written


# --- decoding ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m itbtimer.adapters.tones",
                                     description="Regenerate the cue sounds.")
    parser.add_argument("--write", metavar="FOLDER", required=True,
                        help="where to write the WAV files (assets/sounds)")
    args = parser.parse_args(argv)
    for path in write_sounds(Path(args.write)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
