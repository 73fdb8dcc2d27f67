"""The window as media remotes (MPRIS, media keys) and the desktop see it.

Commands come in on the Tk thread (RemoteInbox) and are the keys' actions; what
the window shows goes out to the remotes; a session finished while the person
looks elsewhere becomes a desktop notification.
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
from itbtimer.present.now_playing import Remote, finish_message, for_screen
from itbtimer.routine_files.bundled import assets_dir

ART_URL = (assets_dir() / "icon-256.png").as_uri()  # what a media widget shows beside the step


class MediaLink:
    def __init__(self, root: tk.Tk, app: App,
                 showing: Callable[[], tuple[Screen, Plan | None, Workout | None]],
                 act: Callable[[Action], None], quit: Callable[[], None]):
        self.root = root
        self.app = app
        self.showing = showing
        self.act = act
        self.quit = quit
        self.focused = True  # does the person look at this window? (else: a notification)
        root.bind("<FocusIn>", lambda e: self._focus(e, True), add="+")
        root.bind("<FocusOut>", lambda e: self._focus(e, False), add="+")
        self.inbox = RemoteInbox(root, app.remote, self.on_remote) if app.remote else None

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
