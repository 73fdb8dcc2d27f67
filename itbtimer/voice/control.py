"""The voice for one window: the person's choices (V, C, options), the worker, the coach.

Built by app.bootstrap; the window calls `prepare` when a routine is opened,
`new_coach` for each workout, the toggles for V and C, and shows `notices()`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from itbtimer.core.plan import Plan
from itbtimer.voice.coach import MISSING, Coach, SpeechPlayer, VoicePreparation
from itbtimer.voice.settings import VoiceSettings, voice_wanted

STATUS_SECONDS = 3.0  # "Voice off" shows this long after V


class VoiceControl:
    def __init__(self, settings: VoiceSettings, on: bool, preparation: VoicePreparation,
                 clock: Callable[[], float], settings_file: Path | None = None):
        self.settings = settings
        self.on = on
        self.preparation = preparation
        self.clock = clock
        self.settings_file = settings_file
        self.coach: Coach | None = None
        self._plan: Plan | None = None
        self._status: tuple[str, float] | None = None
        self._missing = not preparation.installed and not settings.told_missing
        if self._missing:
            settings.told_missing = True  # said on this start screen, never again
            settings.save(settings_file)

    @classmethod
    def real(cls, option: bool | None, cues: bool | None, speed: float,
             clock: Callable[[], float], settings_file: Path | None = None,
             cache: Path | None = None) -> VoiceControl:
        """From the command line's --voice/--no-voice and --cues/--no-cues (remembered)."""
        settings = VoiceSettings.load(settings_file)
        if option is not None or cues is not None:
            settings.voice = settings.voice if option is None else option
            settings.cues = settings.cues if cues is None else cues
            settings.save(settings_file)
        return cls(settings, voice_wanted(settings, option, speed), VoicePreparation(cache),
                   clock, settings_file)

    def prepare(self, plan: Plan) -> None:
        """A routine is open: render what it will say (only while the voice is on)."""
        self._plan = plan
        if self.on:
            self.preparation.prepare(plan)

    def new_coach(self, plan: Plan, player: object) -> Coach | None:
        if not self.preparation.installed or not isinstance(player, SpeechPlayer):
            return None
        self.coach = Coach(plan, self.preparation.cache, player, self.on, self.settings.cues,
                           self.settings.read_how)
        return self.coach

    def toggle_voice(self) -> None:
        if not self.preparation.installed:
            self._status = (MISSING, self.clock())
            return
        self.on = not self.on
        self.settings.voice = self.on
        self.settings.save(self.settings_file)
        if self.coach is not None:
            self.coach.set_on(self.on)
        if self.on and self._plan is not None and self.preparation.job is None:
            self.preparation.prepare(self._plan)
        self._status = ("Voice on" if self.on else "Voice off", self.clock())

    def toggle_cues(self) -> None:
        if not self.preparation.installed:
            self._status = (MISSING, self.clock())
            return
        self.settings.cues = not self.settings.cues
        self.settings.save(self.settings_file)
        if self.coach is not None:
            self.coach.set_cues(self.settings.cues)
        self._status = ("Cues spoken" if self.settings.cues else "Cues not spoken",
                        self.clock())

    def toggle_read_how(self) -> None:
        """W: read each exercise's how-to in the rest before its first time, or not
        (remembered; from the next step on)."""
        if not self.preparation.installed:
            self._status = (MISSING, self.clock())
            return
        self.settings.read_how = not self.settings.read_how
        self.settings.save(self.settings_file)
        if self.coach is not None:
            self.coach.set_how(self.settings.read_how)
        self._status = ("How-tos read before each new exercise" if self.settings.read_how
                        else "How-tos read on I only", self.clock())

    def rendering(self) -> bool:
        """True while the worker renders this plan's phrases (its end is noted here: a
        failure becomes the notice)."""
        return self.preparation.poll()

    def notices(self) -> list[str]:
        """What the notice line says about the voice now (the worker is checked here)."""
        self.preparation.poll()
        out = []
        if self._missing:
            out.append(MISSING)
        if self.preparation.notice:
            out.append(self.preparation.notice)
        if self._status is not None and self.clock() - self._status[1] < STATUS_SECONDS:
            out.append(self._status[0])
        return out

    def close(self) -> None:
        self.preparation.stop()
