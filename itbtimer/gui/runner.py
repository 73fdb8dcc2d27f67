"""One workout on the running screen: built from the app, driven by the ticker.

It draws what the presenter says, flashes on cues, and says once when the
workout is over; the window decides where to go next.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

from itbtimer.app.wiring import App
from itbtimer.app.workout import Workout
from itbtimer.core.commands import Command, Start
from itbtimer.core.events import Cue, Event, Finished, Stopped
from itbtimer.core.navigation import Action
from itbtimer.core.plan import Plan
from itbtimer.gui.keys import Anywhere
from itbtimer.gui.running import RunningScreen
from itbtimer.gui.ticker import Ticker, Timers
from itbtimer.gui.widgets import Fonts
from itbtimer.present.display import mute_label, show, timeline_fraction


class Runner:
    def __init__(self, root: tk.Misc, fonts: Fonts, app: App, timers: Timers, plan: Plan,
                 routine_file: str, on_button: Callable[[Action | Anywhere], None],
                 notice: Callable[[], str], on_over: Callable[[], None]):
        self.app = app
        self.timers = timers
        self.plan = plan
        self.notice = notice
        self.on_over = on_over
        self.screen = RunningScreen(root, fonts, plan, on_button, timers)
        self.workout: Workout = app.new_workout(plan, routine_file)
        self.workout.listeners.append(self._on_event)
        self.ticker = Ticker(timers, self.workout.tick, self.render, self.workout.next_wake)
        self.showing = True
        self._over: str | None = None  # the pending call of on_over

    def start(self) -> None:
        self.workout.apply(Start())
        self.ticker.run()

    def command(self, command: Command) -> None:
        self.workout.apply(command)
        if self.showing:
            self.ticker.redraw()

    def toggle_how(self) -> None:
        """I: the how-to of the exercise showing, large, and read aloud; or hidden again."""
        opened = self.screen.toggle_how()
        shown = self.screen.shown
        self.workout.read_how(shown.about_how if shown else None, opened)
        self.ticker.redraw()

    def render(self) -> None:
        if not self.showing:
            return
        view = self.workout.view()
        why = self.workout.hold_up.message if self.workout.hold_up else None
        self.screen.render(show(view, self.plan.routine.cue, why, self.plan.steps),
                           view.index, timeline_fraction(view), self.notice(),
                           mute_label(self.app.player.muted))

    def _on_event(self, event: Event) -> None:
        if isinstance(event, Cue):
            self.screen.flash()
        if isinstance(event, Finished | Stopped) and self._over is None:
            # after the key press that ended it has been handled, not in the middle of it
            self._over = self.timers.after_idle(self._end)

    def _end(self) -> None:
        self._over = None
        self.leave()
        self.on_over()

    def leave(self) -> None:
        """The running screen is no longer shown: no more wake-ups."""
        self.showing = False
        self.ticker.stop()
        if self._over is not None:
            self.timers.cancel(self._over)
            self._over = None

    def destroy(self) -> None:
        self.leave()
        self.screen.destroy()
