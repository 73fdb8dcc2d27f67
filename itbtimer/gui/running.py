"""The running screen: the countdown as the biggest thing, the phase as the background."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from functools import partial

from ..display import Display
from ..navigation import Action
from ..plan import Plan
from .keys import Anywhere
from .theme import DIM_TEXT, FLASH, PAUSED_CLOCK, PHASE_COLOURS, SIDE_TEXT
from .ticker import Timers
from .timeline import Timeline
from .widgets import Fonts, Painted, button, label, set_text

FLASH_MS = 140
BUTTONS: tuple[tuple[str, str, Action | Anywhere], ...] = (  # (name, label, what it asks)
    ("back", "◀ Back", Action.BACK),
    ("pause", "Pause", Action.TOGGLE),
    ("next", "Next ▶", Action.NEXT),
    ("extend", "+10 s", Action.EXTEND),
    ("mute", "Mute", Anywhere.MUTE),
    ("fullscreen", "Full screen", Anywhere.FULLSCREEN),
)


def _clock_colour(shown: Display) -> str:
    """Paused: the clock is dimmed as well as the background, so it can't be misread."""
    return PAUSED_CLOCK if shown.phase == "paused" else "#ffffff"


class RunningScreen:
    def __init__(self, parent: tk.Misc, fonts: Fonts, plan: Plan,
                 on_button: Callable[[Action | Anywhere], None], timers: Timers):
        self.timers = timers
        self.painted = Painted()
        self.painted.colour = PHASE_COLOURS["get_ready"]
        self.frame = self.painted.add(tk.Frame(parent, bd=0, highlightthickness=0))
        f = self.frame
        f.columnconfigure(0, weight=1)
        top = self.painted.add(tk.Frame(f))
        top.grid(row=0, column=0, sticky="ew", padx=16, pady=(8, 0))
        top.columnconfigure(1, weight=1)
        self.section = label(top, self.painted, fonts["small"], fg=DIM_TEXT, anchor="w")
        self.position = label(top, self.painted, fonts["small"], fg=DIM_TEXT)
        self.time_left = label(top, self.painted, fonts["small"], fg=DIM_TEXT, anchor="e")
        self.section.grid(row=0, column=0, sticky="w")
        self.position.grid(row=0, column=1)
        self.time_left.grid(row=0, column=2, sticky="e")

        head = self.painted.add(tk.Frame(f))
        head.grid(row=1, column=0, sticky="ew", padx=16)
        head.columnconfigure(0, weight=1)
        self.fonts = fonts
        self.title = label(head, self.painted, fonts["title"], anchor="w")
        self.side = label(head, self.painted, fonts["side"], fg=SIDE_TEXT, anchor="e")
        self.title.grid(row=0, column=0, sticky="w")
        self.side.grid(row=0, column=1, sticky="e")
        self.target = label(f, self.painted, fonts["medium"], anchor="w")
        self.target.grid(row=2, column=0, sticky="ew", padx=16)

        self.clock = label(f, self.painted, fonts["clock"])
        self.clock.grid(row=3, column=0, sticky="nsew")
        f.rowconfigure(3, weight=1)
        self.status = label(f, self.painted, fonts["big"], fg=SIDE_TEXT)
        self.status.grid(row=4, column=0, sticky="ew")
        self.cue = label(f, self.painted, fonts["medium"], wraplength=1, justify="center")
        self.cue.grid(row=5, column=0, sticky="ew", padx=16)
        self.routine_cue = label(f, self.painted, fonts["small"], fg=DIM_TEXT)
        self.routine_cue.grid(row=6, column=0, sticky="ew")
        self.next_up = label(f, self.painted, fonts["medium"], fg=DIM_TEXT)
        self.next_up.grid(row=7, column=0, sticky="ew", pady=(2, 4))

        self.timeline = Timeline(f, plan)
        self.timeline.canvas.grid(row=8, column=0, sticky="ew", padx=16, pady=4)
        bar = self.painted.add(tk.Frame(f))
        bar.grid(row=9, column=0, sticky="ew", padx=12, pady=(4, 8))
        self.buttons: dict[str, tk.Button] = {}
        for column, (name, text, command) in enumerate(BUTTONS):
            bar.columnconfigure(column, weight=1, uniform="buttons")
            widget = button(bar, text, partial(on_button, command), fonts["button"])
            widget.grid(row=0, column=column, sticky="ew", padx=4)
            self.buttons[name] = widget
        self.notice = label(f, self.painted, fonts["small"], fg=SIDE_TEXT)
        self.notice.grid(row=10, column=0, sticky="ew")
        self.shown: Display | None = None
        self._flash_after: str | None = None
        self._last: tuple[Display, str, str] | None = None
        self.frame.bind("<Configure>", self._on_resize)

    def _on_resize(self, event: tk.Event) -> None:
        self.cue.configure(wraplength=max(200, event.width - 40))

    def render(self, shown: Display, index: int, step_fraction: float,
               notice: str, mute_label: str) -> None:
        """Copy the presenter's words into the widgets; only what changed is touched."""
        self.timeline.show(index, step_fraction)
        if (shown, notice, mute_label) == self._last:
            return  # most wake-ups: the shown second has not changed
        self._last = (shown, notice, mute_label)
        colour = PHASE_COLOURS[shown.phase]
        if self.painted.colour != FLASH:
            self.painted.paint(colour)
            self.clock.configure(fg=_clock_colour(shown))
        set_text(self.clock, shown.clock)
        set_text(self.title, shown.title)
        self._fit_title(shown)
        set_text(self.side, shown.side)
        set_text(self.target, shown.target)
        set_text(self.cue, shown.cue)
        set_text(self.routine_cue, shown.routine_cue)
        set_text(self.status, shown.status)
        set_text(self.next_up, shown.next_up)
        set_text(self.section, shown.section)
        set_text(self.position, shown.position)
        set_text(self.time_left, shown.time_left)
        set_text(self.buttons["next"], f"{shown.next_label} ▶")
        set_text(self.buttons["pause"], shown.pause_label)
        set_text(self.buttons["mute"], mute_label)
        set_text(self.notice, notice)
        self.shown = shown

    def _fit_title(self, shown: Display) -> None:
        """A long exercise name steps down a size rather than push the side off screen."""
        room = self.frame.winfo_width() - self.fonts["side"].measure(shown.side) - 60
        fits = self.fonts["title"].measure(shown.title) <= room or room <= 0
        font = self.fonts["title"] if fits else self.fonts["big"]
        if str(self.title.cget("font")) != str(font):
            self.title.configure(font=font)

    def flash(self, milliseconds: int = FLASH_MS) -> None:
        """A brief light flash of the whole screen on a cue, for a noisy room."""
        if self.shown is None:
            return
        if self._flash_after is not None:
            self.timers.cancel(self._flash_after)  # one flash at a time: three pips, one after
        self.painted.paint(FLASH)
        for widget in (self.clock, self.title):
            widget.configure(fg="#000000")
        self._flash_after = self.timers.after(milliseconds, self._end_flash)

    def _end_flash(self) -> None:
        self._flash_after = None
        self.title.configure(fg="#ffffff")
        if self.shown is not None:
            self.clock.configure(fg=_clock_colour(self.shown))
            self.painted.paint(PHASE_COLOURS[self.shown.phase])

    def destroy(self) -> None:
        if self._flash_after is not None:
            self.timers.cancel(self._flash_after)
            self._flash_after = None
        self.frame.destroy()
