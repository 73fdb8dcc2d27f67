"""What some keys do on every screen (help, mute, full screen, the voice and its cues), and
where the window opens: the size and state it was left in."""

from __future__ import annotations

import contextlib
import tkinter as tk
from collections.abc import Callable
from dataclasses import replace

from itbtimer.adapters.settings import Placement
from itbtimer.app.wiring import App
from itbtimer.gui.keys import Anywhere, HelpOverlay
from itbtimer.gui.options import Options
from itbtimer.gui.widgets import Fonts


class Everywhere:
    def __init__(self, root: tk.Tk, fonts: Fonts, app: App, redraw: Callable[[], None],
                 options: Options, keys_text: Callable[[], str]):
        self.root = root
        self.app = app
        self.redraw = redraw  # show the new state (the running screen, or the notices)
        self.help = HelpOverlay(root, fonts, keys_text)
        self.fullscreen = False
        self._fill_pending = False  # maximised, not yet shown: fill the screen if no WM does
        self.flash = options.flash  # the border pulse on cues
        self._place(options)
        if options.fullscreen and not self.fullscreen:
            self.toggle_fullscreen()

    def do(self, what: Anywhere) -> None:
        actions: dict[Anywhere, Callable[[], object]] = {
            Anywhere.HELP: self.help.toggle, Anywhere.MUTE: self.toggle_mute,
            Anywhere.FULLSCREEN: self.toggle_fullscreen, Anywhere.VOICE: self.toggle_voice,
            Anywhere.CUES: lambda: self.toggle_voice(cues=True),
            Anywhere.READ_HOW: self.toggle_read_how}
        actions[what]()

    def escape(self) -> Anywhere | None:
        """Esc closes the help first, then leaves full screen; else it is the screen's."""
        if self.help.open:
            return Anywhere.HELP
        return Anywhere.FULLSCREEN if self.fullscreen else None

    def toggle_mute(self) -> None:
        self.app.toggle_mute()
        self.redraw()

    def toggle_voice(self, cues: bool = False) -> None:
        """V: the spoken coach on/off; C (cues=True): the spoken cues."""
        if self.app.voice is not None:
            (self.app.voice.toggle_cues if cues else self.app.voice.toggle_voice)()
        self.redraw()

    def toggle_read_how(self) -> None:
        """W: the voice reads each exercise's how-to in the rest before its first time."""
        if self.app.voice is not None:
            self.app.voice.toggle_read_how()
        self.redraw()

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.root.attributes("-fullscreen", self.fullscreen)

    def _place(self, options: Options) -> None:
        """Maximised on the first start; else as the person left it (size, full screen),
        never larger than the screen, at least 800x600 (Placement.size_on). Maximised is
        asked of the window manager; where none frames the window, it is given the
        screen's size when it first shows."""
        placement = self.app.settings.placement() if self.app.settings else Placement()
        screen = self.root.winfo_screenwidth(), self.root.winfo_screenheight()
        width, height = replace(placement, maximised=False).size_on(*screen)
        self.root.geometry(f"{width}x{height}")  # the size it has when not maximised
        if placement.maximised:
            try:
                self.root.attributes("-zoomed", True)  # X11
            except tk.TclError:
                try:
                    self.root.state("zoomed")  # Windows, macOS
                except tk.TclError:
                    pass
            self._fill_pending = True
            self.root.bind("<Map>", self._fill_screen, add="+")
        if placement.fullscreen and not options.fullscreen:
            self.toggle_fullscreen()

    def _fill_screen(self, event: tk.Event) -> None:
        """First shown with no window manager (its frame is the window itself): nothing
        maximises it, so it takes the screen's size."""
        if event.widget is not self.root or not self._fill_pending:
            return
        self._fill_pending = False  # once: (tkinter's unbind would drop the window's too)
        if int(self.root.wm_frame(), 16) == self.root.winfo_id():
            self.root.geometry(f"{self.root.winfo_screenwidth()}x"
                               f"{self.root.winfo_screenheight()}")

    def remember_place(self) -> None:
        """At quit: the size and state to open with next time (never in the way of quitting)."""
        with contextlib.suppress(tk.TclError):
            self._remember_place()

    def _remember_place(self) -> None:
        if self.app.settings is None:
            return
        try:
            zoomed = bool(self.root.attributes("-zoomed"))
        except tk.TclError:
            zoomed = self.root.state() == "zoomed"
        before = self.app.settings.placement()
        width, height = self.root.winfo_width(), self.root.winfo_height()
        if zoomed or self.fullscreen:  # keep the size it had before it filled the screen
            width, height = before.width, before.height
        self.app.settings.save_placement(Placement(width, height, zoomed, self.fullscreen))
