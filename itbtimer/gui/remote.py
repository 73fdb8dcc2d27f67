"""Remote commands (MPRIS, media keys) reach the window on the Tk thread, and only there.

The bus thread writes a byte to a pipe; Tk watches the pipe (`createfilehandler`)
and calls `handle` for each command waiting, then `woke` (the bus may have gone
away or come back). No polling: nothing wakes while nobody presses anything.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import Protocol

from itbtimer.present.now_playing import Remote


class Inbox(Protocol):
    @property
    def wake_fd(self) -> int: ...

    def take(self) -> list[Remote]: ...


class RemoteInbox:
    """Watches an inbox's pipe from the Tk loop and hands each command to `handle`."""

    def __init__(self, root: tk.Misc, inbox: Inbox, handle: Callable[[Remote], None],
                 woke: Callable[[], None] = lambda: None):
        self.root = root
        self.inbox = inbox
        self.handle = handle
        self.woke = woke
        self._fd = inbox.wake_fd
        root.tk.createfilehandler(self._fd, tk.READABLE, self._ready)

    def _ready(self, fd: int, mask: int) -> None:
        for command in self.inbox.take():
            self.handle(command)
        self.woke()

    def close(self) -> None:
        try:
            self.root.tk.deletefilehandler(self._fd)
        except tk.TclError:
            pass
