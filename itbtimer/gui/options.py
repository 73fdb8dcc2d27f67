"""What the command line asks of the window (`Launch`) and what the window opens with
(`Options`): typed, so nothing reads an argparse Namespace with getattr."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from itbtimer.routine_files.bundled import DEFAULT_ROUTINE


@dataclass(frozen=True)
class Launch:
    """What the command line asks of the window (`itbtimer [ROUTINE] [options]`)."""

    routine: str = DEFAULT_ROUTINE
    autostart: bool = False
    fullscreen: bool = False
    mute: bool = False
    no_flash: bool = False
    volume: int = 100
    speed: float = 1.0
    practice: bool = False
    voice: bool | None = None
    cues: bool | None = None
    events: str | None = None
    edit: bool = False


@dataclass
class Options:
    """What the window opens with (from the command line)."""

    routine: Path
    autostart: bool = False
    fullscreen: bool = False
    edit: bool = False  # open the routine editor (itbtimer edit)
    flash: bool = True  # the coloured border pulse on cues (--no-flash, settings.json)
