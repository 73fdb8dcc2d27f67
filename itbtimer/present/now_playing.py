"""What a media remote sees and may ask: the workout as a "track", decided without a bus.

Desktop media widgets, headset buttons and phones (KDE Connect, GSConnect) speak
MPRIS. This module turns the window's state into what they show (`NowPlaying`)
and names what they may ask (`Remote`). It imports no D-Bus and reads no clock:
`itbtimer.adapters.desktop_bus` publishes a `NowPlaying` and hands `Remote` commands back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from itbtimer.core.durations import format_clock
from itbtimer.core.enums import StrEnum
from itbtimer.core.escaping import escaped
from itbtimer.core.navigation import Screen
from itbtimer.core.session import SessionState, View
from itbtimer.history.records import SessionRecord
from itbtimer.present.step_words import describe_step

NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
# The window's notice line while the session bus is gone, and for a moment once it is back
REMOTE_LOST = "Media remote gone: the desktop bus went away (trying again)"
REMOTE_BACK = "Media remote back"


class Remote(StrEnum):
    """A command from a media remote (an MPRIS call)."""

    PLAY = "play"
    PAUSE = "pause"
    PLAY_PAUSE = "play_pause"
    NEXT = "next"
    PREVIOUS = "previous"
    STOP = "stop"
    RAISE = "raise"
    QUIT = "quit"


class Playback(StrEnum):
    """MPRIS PlaybackStatus."""

    PLAYING = "Playing"
    PAUSED = "Paused"
    STOPPED = "Stopped"


@dataclass(frozen=True)
class NowPlaying:
    """One moment of the player as MPRIS shows it.

    `position` is seconds into the step at the moment it was published; while
    playing it runs on at `rate` (the --speed) until the next publish.
    """

    status: Playback
    trackid: str
    title: str
    artist: str
    album: str
    length: float | None  # seconds; None on reps/hold steps (they wait for Done)
    position: float
    rate: float = 1.0
    art_url: str = ""
    can_play: bool = False
    can_pause: bool = False
    can_go_next: bool = False
    can_go_previous: bool = False

    def metadata(self) -> dict[str, tuple[str, Any]]:
        """MPRIS Metadata as (D-Bus signature, value) pairs, ready to wrap in Variants; the
        routine's words escaped (a widget shows them on the desktop)."""
        data: dict[str, tuple[str, Any]] = {
            "mpris:trackid": ("o", self.trackid),
            "xesam:title": ("s", escaped(self.title)),
            "xesam:artist": ("as", [escaped(self.artist)] if self.artist else []),
            "xesam:album": ("s", escaped(self.album)),
        }
        if self.length is not None:
            data["mpris:length"] = ("x", to_microseconds(self.length))
        if self.art_url:
            data["mpris:artUrl"] = ("s", self.art_url)
        return data

    def position_after(self, seconds: float) -> float:
        """Where the step is `seconds` of real time after publishing (never past its end)."""
        if self.status is not Playback.PLAYING:
            return self.position
        position = self.position + seconds * self.rate
        return min(position, self.length) if self.length is not None else position


def to_microseconds(seconds: float) -> int:
    return int(round(seconds * 1_000_000))


def ready(routine: str, total_seconds: float, art_url: str = "") -> NowPlaying:
    """The start screen: nothing playing yet; Play starts the routine."""
    return NowPlaying(status=Playback.STOPPED, trackid=NO_TRACK, title=routine,
                      artist=routine, album="Ready to start", length=total_seconds or None,
                      position=0.0, art_url=art_url, can_play=True)


def idle(title: str, art_url: str = "") -> NowPlaying:
    """No routine to play (a routine with mistakes, the finished or history screen)."""
    return NowPlaying(status=Playback.STOPPED, trackid=NO_TRACK, title=title, artist="",
                      album="", length=None, position=0.0, art_url=art_url)


def playing(view: View, routine: str, speed: float = 1.0, art_url: str = "") -> NowPlaying:
    """A session under way: the step is the track, the routine the artist, the section the album."""
    if view.state == SessionState.RUNNING:
        status = Playback.PLAYING
    elif view.state == SessionState.PAUSED:
        status = Playback.PAUSED
    else:
        status = Playback.STOPPED
    under_way = status is not Playback.STOPPED
    step = view.step
    length = view.elapsed + view.remaining if view.remaining is not None else None
    return NowPlaying(
        status=status,
        trackid=f"/org/itbtimer/step/{view.index}",
        title=describe_step(step),
        artist=routine,
        album=step.section,
        length=length,
        position=view.elapsed,
        rate=speed,
        art_url=art_url,
        # Play and Pause are harmless when already so; remotes grey out a button otherwise
        can_play=under_way,
        can_pause=under_way,
        can_go_next=under_way,
        can_go_previous=under_way,
    )


def finish_message(record: SessionRecord) -> tuple[str, str]:
    """The desktop notification for a finished session: ("Workout complete", "34:40, plank 0:57").

    The body gives the active time and the longest hold of each "until" exercise.
    """
    summary = "Workout complete" if record.completed else "Workout stopped"
    parts = [format_clock(math.floor(record.active_seconds))]
    parts += [f"{name.lower()} {format_clock(math.floor(held))}"
              for name, held in record.holds().items()]
    return summary, ", ".join(parts)


def for_screen(screen: Screen, routine: str | None, total_seconds: float, view: View | None,
               speed: float = 1.0, art_url: str = "") -> NowPlaying:
    """What remotes show on each screen: the routine ready to play, the step being done, or
    nothing to play (a routine with mistakes, the finished and history screens)."""
    if screen == Screen.RUNNING and view is not None and routine is not None:
        return playing(view, routine, speed, art_url)
    if screen == Screen.START and routine is not None:
        return ready(routine, total_seconds, art_url)
    return idle(routine or "itbtimer", art_url)
