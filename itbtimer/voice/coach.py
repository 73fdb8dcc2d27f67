"""The voice in the window's process: what to say (Announcer), found in the cache, played.

No engine here: the coach only looks up WAV files the render worker wrote, reads one
when it falls due (a few hundred kilobytes, well under a millisecond) and hands it
to the same non-blocking player as the beeps. A phrase not rendered yet is skipped
(the beep plays alone); a damaged file is skipped with one notice and removed, so
the next start renders it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from itbtimer.adapters.sound import BadSound, Sound, read_sound
from itbtimer.core.events import Event
from itbtimer.core.plan import Plan
from itbtimer.voice.announcer import Announcer, Hush, Say
from itbtimer.voice.cache import VoiceCache
from itbtimer.voice.engine import INSTALL_HINT, VoiceUnavailable, engine_id
from itbtimer.voice.phrases import how_wordings, speaking_seconds, texts_to_render
from itbtimer.voice.worker import RenderJob

DAMAGED = "Voice: a saved phrase was damaged and is skipped; it is made again next time"
MISSING = f"Voice coach: {INSTALL_HINT} to hear each step spoken"


@runtime_checkable
class SpeechPlayer(Protocol):
    def speak(self, sound: Sound, lead_in: float = 0.0) -> bool: ...

    def hush(self) -> None: ...


class Coach:
    """One workout's voice. `on`: V; `cues`: C. Off, it still follows the session."""

    def __init__(self, plan: Plan, cache: VoiceCache | None, player: SpeechPlayer,
                 on: bool = True, cues: bool = True, how: bool = False):
        self.cache = cache
        self.player = player
        self.on = on and cache is not None
        self.notice: str | None = None
        self.announcer = Announcer(plan, cues, cache.seconds_of if cache else speaking_seconds,
                                   how)

    @property
    def cues(self) -> bool:
        return self.announcer.cues

    def hear(self, event: Event) -> list[Event]:
        return self.announcer.hear(event)

    def due(self, now: float) -> list[Say]:
        return self.announcer.due(now)

    def next_due(self) -> float | None:
        return self.announcer.next_due()

    def flush(self) -> list[Say]:
        """Everything still to say, due or not (the workout is over: nothing will wake)."""
        return self.announcer.flush()

    def speak(self, say: Say, lead_in: float = 0.0) -> bool:
        """Play a due phrase; False when not said (off, dropped, not rendered, damaged)."""
        if not self.on or say.dropped or self.cache is None:
            return False
        path = self.cache.path(say.text)
        try:
            sound = read_sound(path)
        except BadSound:
            if path.exists():
                self.notice = DAMAGED
                path.unlink(missing_ok=True)
            return False
        return self.player.speak(sound, lead_in)

    def act(self, event: Event) -> None:
        if isinstance(event, Hush):
            self.player.hush()

    def set_on(self, on: bool) -> None:
        self.on = on and self.cache is not None
        if not self.on:
            self.player.hush()

    def set_cues(self, on: bool) -> None:
        self.announcer.set_cues(on)

    def set_how(self, on: bool) -> None:
        self.announcer.set_how(on)

    def read(self, how: str | None, now: float) -> None:
        """I: read this how-to now (hushing what is being said)."""
        for hush in self.announcer.read(how_wordings(how), now):
            self.act(hush)

    def stop_reading(self, now: float) -> None:
        for hush in self.announcer.stop_reading(now):
            self.act(hush)


class VoicePreparation:
    """Before a workout: is the voice there, and are this plan's phrases rendered?"""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.job: RenderJob | None = None
        self.notice: str | None = None
        self._texts: list[str] = []  # what the running worker was given
        self._restarted = False  # a worker killed once is started again, once
        try:
            self.cache: VoiceCache | None = VoiceCache(engine_id(), folder)
            self.installed = True
        except VoiceUnavailable:
            self.cache = None
            self.installed = False

    def prepare(self, plan: Plan) -> None:
        """Start the worker on the phrases not yet rendered (none: nothing starts)."""
        if self.cache is None:
            return
        self.stop()
        missing = self.cache.missing(texts_to_render(plan))
        if missing:
            self._texts, self._restarted = missing, False
            self.job = RenderJob(missing, self.cache.folder)
            if self.job.failure:
                self.notice = f"Voice is off: {self.job.failure}"

    def poll(self) -> bool:
        """True while the worker is still rendering; sets `notice` if it failed."""
        if self.job is None:
            return False
        if not self.job.poll():
            return True
        killed = self.job.killed
        if killed and self.cache is not None and not self._restarted:
            # killed from outside (out of memory, a person): once, the rest is rendered again
            self._restarted = True
            left = self.cache.missing(self._texts)
            if not left:
                self.job = None
                return False
            self.job = RenderJob(left, self.cache.folder)
            if not self.job.failure:
                return True
        if self.job.failure:
            why = (f"the voice worker stopped twice (killed by {killed})"
                   if killed and self._restarted else self.job.failure)
            self.notice = f"Voice is off: {why}"
            self.cache = None
        self.job = None
        return False

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop()
            self.job = None
