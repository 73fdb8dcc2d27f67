"""Small shared pieces: scalable fonts, painted frames, big buttons."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable

from ..bundled import assets_dir
from ..errors import ItbtimerError
from .theme import BUTTON_BG, BUTTON_FG, FAMILY, TEXT

MIN_SIZE = (800, 480)
START_SIZE = "1024x640"


def dress(root: tk.Tk) -> tk.PhotoImage | None:
    """Title, size and icon of the main window (keep the icon: Tk does not)."""
    root.title("itbtimer")
    root.minsize(*MIN_SIZE)
    root.geometry(START_SIZE)
    # The window's size is the person's choice; the fonts follow it, never the reverse.
    root.pack_propagate(False)
    root.configure(bg="#000000")
    try:
        icon = tk.PhotoImage(master=root, file=str(assets_dir() / "icon.png"))
        root.iconphoto(True, icon)
    except (tk.TclError, ItbtimerError):
        return None
    return icon


class Fonts:
    """Fonts sized from the window height, so everything grows in full screen."""

    SHARES = {  # share of the window height, in pixels of font size
        "clock": 0.30, "title": 0.07, "side": 0.075, "big": 0.05, "medium": 0.038,
        "small": 0.028, "button": 0.032, "heading": 0.06,
    }

    def __init__(self, root: tk.Misc):
        self.fonts = {
            name: tkfont.Font(root=root, family=FAMILY,
                              size=-20, weight="bold" if name in ("clock", "title", "side",
                                                                  "heading") else "normal")
            for name in self.SHARES
        }
        self.height = 0

    def __getitem__(self, name: str) -> tkfont.Font:
        return self.fonts[name]

    def fit(self, height: int) -> bool:
        if height == self.height or height < 50:
            return False
        self.height = height
        for name, share in self.SHARES.items():
            self.fonts[name].configure(size=-max(10, int(height * share)))
        return True


class Painted:
    """Widgets whose background follows the phase colour."""

    def __init__(self) -> None:
        self.widgets: list[tk.Widget] = []
        self.colour = ""

    def add(self, widget: tk.Widget) -> tk.Widget:
        self.widgets.append(widget)
        if self.colour:
            widget["bg"] = self.colour
        return widget

    def paint(self, colour: str, force: bool = False) -> None:
        if colour == self.colour and not force:
            return
        self.colour = colour
        for widget in self.widgets:
            widget["bg"] = colour


def label(parent: tk.Misc, painted: Painted, font: tkfont.Font, fg: str = TEXT,
          **options) -> tk.Label:
    widget = tk.Label(parent, font=font, fg=fg, bg=painted.colour or "#000000", bd=0,
                      **options)
    painted.add(widget)
    return widget


def button(parent: tk.Misc, text: str, command: Callable[[], None], font: tkfont.Font,
           **options) -> tk.Button:
    return tk.Button(parent, text=text, command=command, font=font, bg=BUTTON_BG,
                     fg=BUTTON_FG, activebackground="#ffffff", relief="flat", bd=0,
                     highlightthickness=0, padx=14, pady=10, takefocus=0, **options)


def set_text(widget: tk.Label | tk.Button, text: str) -> None:
    """Change a widget's text only when it changed: no needless redraw."""
    if widget.cget("text") != text:
        widget.configure(text=text)
