"""The two MPRIS interfaces, as dbus-fast service objects (imported only on the bus thread).

Every method only *asks*: it puts a `Remote` command in the window's inbox and
returns. The window's Tk thread does the work and publishes what changed.
No `from __future__ import annotations` here: dbus-fast reads the annotations
as D-Bus signatures at class creation.
"""

from collections.abc import Callable
from typing import Annotated

from dbus_fast.annotations import (
    DBusBool,
    DBusDict,
    DBusDouble,
    DBusInt64,
    DBusObjectPath,
    DBusSignature,
    DBusStr,
)
from dbus_fast.constants import PropertyAccess
from dbus_fast.service import ServiceInterface, dbus_method, dbus_property, dbus_signal
from dbus_fast.signature import Variant

from itbtimer.present.now_playing import NowPlaying, Playback, Remote, to_microseconds

PATH = "/org/mpris/MediaPlayer2"
ROOT_INTERFACE = "org.mpris.MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"
# The player properties a remote shows; any change to one is signalled at once.
SIGNALLED = ("PlaybackStatus", "Metadata", "Rate", "CanPlay", "CanPause", "CanGoNext",
             "CanGoPrevious")

Ask = Callable[[Remote], None]
DBusStrings = Annotated[list[str], DBusSignature("as")]


class MediaPlayer(ServiceInterface):
    """org.mpris.MediaPlayer2: who we are; Raise and Quit."""

    def __init__(self, ask: Ask, identity: str, desktop_entry: str):
        super().__init__(ROOT_INTERFACE)
        self._ask = ask
        self._identity = identity
        self._desktop_entry = desktop_entry

    @dbus_method()
    def Raise(self) -> None:
        self._ask(Remote.RAISE)

    @dbus_method()
    def Quit(self) -> None:
        self._ask(Remote.QUIT)

    @dbus_property(access=PropertyAccess.READ)
    def CanQuit(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanRaise(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def HasTrackList(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ)
    def Identity(self) -> DBusStr:
        return self._identity

    @dbus_property(access=PropertyAccess.READ)
    def DesktopEntry(self) -> DBusStr:
        return self._desktop_entry

    @dbus_property(access=PropertyAccess.READ)
    def SupportedUriSchemes(self) -> DBusStrings:
        return []

    @dbus_property(access=PropertyAccess.READ)
    def SupportedMimeTypes(self) -> DBusStrings:
        return []


class Player(ServiceInterface):
    """org.mpris.MediaPlayer2.Player: the workout as one long track per step."""

    def __init__(self, ask: Ask, now_playing: NowPlaying, position: Callable[[], float]):
        super().__init__(PLAYER_INTERFACE)
        self._ask = ask
        self.now = now_playing
        self._position = position

    def show(self, now_playing: NowPlaying, jumped: bool) -> None:
        """Take a new state; signal what changed (and Seeked when the step began again)."""
        before, self.now = self.now, now_playing
        changed = {name: getattr(self, name) for name in SIGNALLED
                   if _prop(before, name) != _prop(now_playing, name)}
        if changed:
            self.emit_properties_changed(changed)
        if jumped:
            self.Seeked()

    # --- methods: each only asks the window -------------------------------------------

    @dbus_method()
    def Next(self) -> None:
        self._ask(Remote.NEXT)

    @dbus_method()
    def Previous(self) -> None:
        self._ask(Remote.PREVIOUS)

    @dbus_method()
    def Pause(self) -> None:
        self._ask(Remote.PAUSE)

    @dbus_method()
    def PlayPause(self) -> None:
        self._ask(Remote.PLAY_PAUSE)

    @dbus_method()
    def Stop(self) -> None:
        self._ask(Remote.STOP)

    @dbus_method()
    def Play(self) -> None:
        self._ask(Remote.PLAY)

    @dbus_method()
    def Seek(self, offset: DBusInt64) -> None:
        """CanSeek is false: a routine's time is not for scrubbing."""

    @dbus_method()
    def SetPosition(self, track_id: DBusObjectPath, position: DBusInt64) -> None:
        """CanSeek is false."""

    @dbus_method()
    def OpenUri(self, uri: DBusStr) -> None:
        """No URI schemes are supported."""

    @dbus_signal()
    def Seeked(self) -> DBusInt64:
        return to_microseconds(self._position())

    # --- properties -------------------------------------------------------------------

    @dbus_property(access=PropertyAccess.READ)
    def PlaybackStatus(self) -> DBusStr:
        return self.now.status.value

    @dbus_property(access=PropertyAccess.READ)
    def Rate(self) -> DBusDouble:
        return self.now.rate

    @dbus_property(access=PropertyAccess.READ)
    def MinimumRate(self) -> DBusDouble:
        return self.now.rate

    @dbus_property(access=PropertyAccess.READ)
    def MaximumRate(self) -> DBusDouble:
        return self.now.rate

    @dbus_property(access=PropertyAccess.READ)
    def Metadata(self) -> DBusDict:
        return {key: Variant(sig, value) for key, (sig, value) in self.now.metadata().items()}

    @dbus_property(access=PropertyAccess.READ)
    def Volume(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ)
    def Position(self) -> DBusInt64:
        return to_microseconds(self._position())

    @dbus_property(access=PropertyAccess.READ)
    def CanGoNext(self) -> DBusBool:
        return self.now.can_go_next

    @dbus_property(access=PropertyAccess.READ)
    def CanGoPrevious(self) -> DBusBool:
        return self.now.can_go_previous

    @dbus_property(access=PropertyAccess.READ)
    def CanPlay(self) -> DBusBool:
        return self.now.can_play

    @dbus_property(access=PropertyAccess.READ)
    def CanPause(self) -> DBusBool:
        return self.now.can_pause

    @dbus_property(access=PropertyAccess.READ)
    def CanSeek(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ)
    def CanControl(self) -> DBusBool:
        return True


def _prop(now_playing: NowPlaying, name: str) -> object:
    """The value behind each signalled property, to compare two states."""
    values: dict[str, Callable[[], object]] = {
        "PlaybackStatus": lambda: now_playing.status,
        "Metadata": now_playing.metadata,
        "Rate": lambda: now_playing.rate,
        "CanPlay": lambda: now_playing.can_play,
        "CanPause": lambda: now_playing.can_pause,
        "CanGoNext": lambda: now_playing.can_go_next,
        "CanGoPrevious": lambda: now_playing.can_go_previous,
    }
    return values[name]()


__all__ = ["PATH", "MediaPlayer", "Player", "Playback"]
