"""What a person can ask of a running workout: small frozen commands.

Keys, buttons and remote controls (MPRIS) all build one of these and hand it to
`Workout.apply`; the session decides what it means in its present state.
"""

from __future__ import annotations

from dataclasses import dataclass

EXTEND_SECONDS = 10.0


@dataclass(frozen=True)
class Command:
    """Base of every command."""


@dataclass(frozen=True)
class Start(Command):
    """Begin the session (only before it has started)."""


@dataclass(frozen=True)
class TogglePause(Command):
    """Space: start, pause or resume."""


@dataclass(frozen=True)
class Pause(Command):
    """Pause if running; nothing otherwise."""


@dataclass(frozen=True)
class Resume(Command):
    """Resume if paused; nothing otherwise."""


@dataclass(frozen=True)
class Next(Command):
    """Skip a timed step, Done on reps and holds, go on from a flexible rest."""


@dataclass(frozen=True)
class Back(Command):
    """Restart the exercise (more than 3 s in), else go to the previous exercise."""


@dataclass(frozen=True)
class Restart(Command):
    """Begin this step again."""


@dataclass(frozen=True)
class Extend(Command):
    """More time on this timed step (a rest too)."""

    seconds: float = EXTEND_SECONDS


@dataclass(frozen=True)
class Stop(Command):
    """Stop here and record what was done."""
