"""The person's voice choices, remembered in the config folder (voice.json)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

from itbtimer.adapters.preferences import PreferenceFile
from itbtimer.paths import config_dir


def settings_path() -> Path:
    return config_dir() / "voice.json"


@dataclass
class VoiceSettings:
    voice: bool = True  # the coach speaks
    cues: bool = True  # ... the exercise cues too
    read_how: bool = False  # ... and each how-to in the rest before its first time (W)
    told_missing: bool = False  # the start screen said once how to get the voice

    @classmethod
    def load(cls, path: Path | None = None) -> VoiceSettings:
        data = PreferenceFile(path or settings_path()).read_dict()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known and isinstance(v, bool)})

    def save(self, path: Path | None = None) -> bool:
        # False: not remembered next time; nothing else is lost
        return PreferenceFile(path or settings_path()).write(asdict(self))


def voice_wanted(settings: VoiceSettings, option: bool | None, speed: float) -> bool:
    """--voice / --no-voice win; a rehearsal at another speed is silent unless --voice."""
    if option is not None:
        return option
    return settings.voice and speed == 1
