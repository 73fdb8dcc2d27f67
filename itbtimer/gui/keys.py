"""Which key asks for what: navigation actions, and the few things any screen does."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

from itbtimer.core.enums import StrEnum
from itbtimer.core.navigation import Action
from itbtimer.gui.widgets import Fonts
from itbtimer.present.now_playing import Remote


class Anywhere(StrEnum):
    """Keys that mean the same on every screen."""

    HELP = "help"
    MUTE = "mute"
    FULLSCREEN = "fullscreen"
    VOICE = "voice"
    CUES = "cues"
    READ_HOW = "read_how"  # W: the voice reads each how-to before the exercise's first time


KEYS: dict[str, Action | Anywhere] = {
    "space": Action.TOGGLE, "Right": Action.NEXT, "Return": Action.NEXT,
    "KP_Enter": Action.NEXT, "Left": Action.BACK, "r": Action.RESTART, "R": Action.RESTART,
    "plus": Action.EXTEND, "KP_Add": Action.EXTEND, "equal": Action.EXTEND,
    "s": Action.STOP, "S": Action.STOP, "h": Action.HISTORY, "H": Action.HISTORY,
    "Escape": Action.ESCAPE, "e": Action.EDIT, "E": Action.EDIT,
    "m": Anywhere.MUTE, "M": Anywhere.MUTE, "f": Anywhere.FULLSCREEN, "F": Anywhere.FULLSCREEN,
    "F11": Anywhere.FULLSCREEN, "question": Anywhere.HELP,
    "i": Action.HOW, "I": Action.HOW, "o": Action.LINK, "O": Action.LINK,
    "l": Action.LOG_RUN, "L": Action.LOG_RUN, "n": Action.NOTE, "N": Action.NOTE,
    "v": Anywhere.VOICE, "V": Anywhere.VOICE, "c": Anywhere.CUES, "C": Anywhere.CUES,
    "w": Anywhere.READ_HOW, "W": Anywhere.READ_HOW,
    # media keys (most keyboards have one play/pause key), the same as a media remote
    "XF86AudioPlay": Action.TOGGLE, "XF86AudioPause": Action.PAUSE,
    "XF86AudioNext": Action.NEXT, "XF86AudioPrev": Action.BACK, "XF86AudioStop": Action.STOP,
}

# What a media remote (MPRIS) asks for; Raise and Quit are the window's own.
REMOTE: dict[Remote, Action] = {
    Remote.PLAY_PAUSE: Action.TOGGLE, Remote.PLAY: Action.PLAY, Remote.PAUSE: Action.PAUSE,
    Remote.NEXT: Action.NEXT, Remote.PREVIOUS: Action.BACK, Remote.STOP: Action.STOP,
}

CONTROL = 0x4  # the Control modifier bit in a Tk key event's state


class HelpOverlay:
    """The keys of the screen showing, over it (? opens and closes it, so does Esc); `text`
    gives them (present/keys_help.py)."""

    def __init__(self, root: tk.Misc, fonts: Fonts, text: Callable[[], str]):
        self.root = root
        self.fonts = fonts
        self.text = text
        self.label: tk.Label | None = None

    @property
    def open(self) -> bool:
        return self.label is not None

    def toggle(self) -> None:
        if self.label is not None:
            self.label.destroy()
            self.label = None
            return
        self.label = tk.Label(self.root, text=self.text(), font=self.fonts["medium"], bg="#000000",
                              fg="#ffffff", justify="left", padx=30, pady=20, relief="solid",
                              bd=2)
        self.label.place(relx=0.5, rely=0.5, anchor="center")
