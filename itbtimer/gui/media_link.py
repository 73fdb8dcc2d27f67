"""The window as media remotes (MPRIS, media keys) and the desktop see it.

Commands come in on the Tk thread (RemoteInbox) and are the keys' actions; what
the window shows goes out to the remotes; a session finished while the person
looks elsewhere becomes a desktop notification. While the session bus is gone
the window says so, and for a moment once it is back.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

from itbtimer.app.wiring import App
from itbtimer.app.workout import Workout
from itbtimer.core.events import Cue, Event
from itbtimer.core.navigation import Action, Screen
from itbtimer.core.plan import Plan
from itbtimer.gui.keys import REMOTE
from itbtimer.gui.remote import RemoteInbox
from itbtimer.history import SessionRecord
from itbtimer.present.now_playing import (
    REMOTE_BACK,
    REMOTE_LOST,
    Remote,
    finish_message,
    for_screen,
)
from itbtimer.routine_files.bundled import assets_dir
from itbtimer.voice.control import STATUS_SECONDS

ART_URL = (assets_dir() / "icon-256.png").as_uri()  # what a media widget shows beside the step


class MediaLink:
    def __init__(self, root: tk.Tk, app: App,
                 showing: Callable[[], tuple[Screen, Plan | None, Workout | None]],
                 act: Callable[[Action], None], quit: Callable[[], None],
                 redraw: Callable[[], None] = lambda: None):
        self.root = root
        self.app = app
        self.showing = showing
        self.act = act
        self.quit = quit
        self.redraw = redraw  # the notice line has news (the bus went away, or is back)
        self.focused = True  # does the person look at this window? (else: a notification)
        self._gone = False  # the bus went away; the remotes wait for it to come back
        self._back_at: float | None = None  # when it came back (said for a moment)
        root.bind("<FocusIn>", lambda e: self._focus(e, True), add="+")
        root.bind("<FocusOut>", lambda e: self._focus(e, False), add="+")
        self.inbox = (RemoteInbox(root, app.remote, self.on_remote, self._woke)
                      if app.remote else None)

    def on_remote(self, command: Remote) -> None:
        """A media remote's command, on the Tk thread: the same as the key for it."""
        if command is Remote.RAISE:
            self.root.deiconify()
            self.root.lift()
            self.root.focus_force()
        elif command is Remote.QUIT:
            self.quit()
        else:
            self.act(REMOTE[command])

    def _woke(self) -> None:
        """The bus thread woke the window: has the bus gone away, or come back?"""
        gone = self.app.remote is not None and self.app.remote.gone
        if gone == self._gone:
            return
        self._gone = gone
        self._back_at = None if gone else self.app.real_clock()
        self.redraw()

    def notices(self) -> list[str]:
        """What the notice line says about the media remote: gone, back (for a moment)."""
        if self._gone:
            return [REMOTE_LOST]
        if self._back_at is not None and self.app.real_clock() - self._back_at < STATUS_SECONDS:
            return [REMOTE_BACK]
        return []

    def publish(self) -> None:
        """Tell media remotes what this window shows now (they signal only what changed)."""
        if self.app.remote is None:
            return
        screen, plan, workout = self.showing()
        self.app.remote.publish(for_screen(
            screen, plan.routine.name if plan else None, plan.total_seconds if plan else 0.0,
            workout.view() if workout is not None else None, self.app.speed, ART_URL))

    def on_workout_event(self, event: Event) -> None:
        if not isinstance(event, Cue):  # a new step, pause, resume, more time, the end
            self.publish()

    def finished(self, record: SessionRecord) -> None:
        if self.app.remote is not None and not self.focused:
            self.app.remote.notify(*finish_message(record))

    def _focus(self, event: tk.Event, focused: bool) -> None:
        if event.widget is self.root:
            self.focused = focused

    def close(self) -> None:
        if self.inbox is not None:
            self.inbox.close()
        if self.app.remote is not None:
            self.app.remote.close()  # the bus name goes with the window
