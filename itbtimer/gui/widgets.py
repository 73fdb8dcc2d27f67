"""Small shared pieces: scalable fonts, painted frames, big buttons."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable
from typing import Any, Literal

from itbtimer.errors import ItbtimerError
from itbtimer.gui.fit import Fitted, fit
from itbtimer.gui.theme import BUTTON_BG, BUTTON_FG, FAMILY, REFERENCE_HEIGHT, TEXT, TEXT_SIZES
from itbtimer.routine_files.bundled import assets_dir

MIN_SIZE = (640, 400)
START_SIZE = "800x600"  # until the window's place is known (anywhere.py: the screen's size)


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
    """Fonts sized from the window height (theme.TEXT_SIZES), so everything grows with it."""

    def __init__(self, root: tk.Misc):
        self.root = root
        self.fonts = {
            name: tkfont.Font(root=root, family=FAMILY, size=-20,
                              weight="bold" if size.bold else "normal")
            for name, size in TEXT_SIZES.items()
        }
        self.height = 0  # until the window has a size
        self.fit(REFERENCE_HEIGHT)

    def __getitem__(self, name: str) -> tkfont.Font:
        return self.fonts[name]

    def fit(self, height: int) -> bool:
        if height == self.height or height < 50:
            return False
        self.height = height
        for name, size in TEXT_SIZES.items():
            self.fonts[name].configure(size=-size.pixels(height))
        return True


class FitLabel:
    """A label whose text is shrunk, then wrapped, then ellipsised to fit the width it is
    given, at the sizes its style allows at this window height (gui/fit.py). It has a font
    of its own, so one long name does not shrink every other text."""

    def __init__(self, parent: tk.Misc, painted: Painted, fonts: Fonts, style: str,
                 fg: str = TEXT, **options: object):
        self.fonts = fonts
        self.style = TEXT_SIZES[style]
        weight: Literal["normal", "bold"] = "bold" if self.style.bold else "normal"
        self.font = tkfont.Font(root=parent, family=FAMILY, size=-20, weight=weight)
        self._probe = tkfont.Font(root=parent, family=FAMILY, size=-20, weight=weight)
        self.widget = label(parent, painted, self.font, fg=fg, **options)
        self.max_lines = self.style.lines
        self.fitted: Fitted | None = None
        self._key: tuple[str, int, int, int] | None = None

    def _measure(self, text: str, size: int) -> int:
        if self._probe.cget("size") != -size:
            self._probe.configure(size=-size)
        return int(self._probe.measure(text))

    def show(self, text: str, width: int, max_lines: int | None = None) -> None:
        lines = self.max_lines if max_lines is None else max_lines
        key = (text, width, self.fonts.height, lines)
        if key == self._key:
            return
        self._key = key
        w = self.widget
        chrome = 2 * sum(int(float(str(w.cget(o)))) for o in ("padx", "bd", "highlightthickness"))
        self.fitted = fit(text, max(1, width - chrome), self.style.sizes(self.fonts.height),
                          self._measure, lines, self.style.wrap_first)
        if self.font.cget("size") != -self.fitted.size:
            self.font.configure(size=-self.fitted.size)
        set_text(self.widget, self.fitted.text)

    @property
    def linespace(self) -> int:
        return int(self.font.metrics("linespace"))


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
          **options: Any) -> tk.Label:
    widget = tk.Label(parent, font=font, fg=fg, bg=painted.colour or "#000000", bd=0,
                      **options)
    painted.add(widget)
    return widget


def chosen_rows(listbox: tk.Listbox) -> tuple[int, ...]:
    """The rows chosen in a list box (tkinter's stub leaves curselection untyped)."""
    rows: tuple[int, ...] = listbox.curselection()  # type: ignore[no-untyped-call]
    return rows


def button(parent: tk.Misc, text: str, command: Callable[[], None], font: tkfont.Font,
           padx: int = 14, pady: int = 10, **options: Any) -> tk.Button:
    return tk.Button(parent, text=text, command=command, font=font, bg=BUTTON_BG,
                     fg=BUTTON_FG, activebackground="#ffffff", relief="flat", bd=0,
                     highlightthickness=0, padx=padx, pady=pady, takefocus=0, **options)


def set_text(widget: tk.Label | tk.Button, text: str) -> None:
    """Change a widget's text only when it changed: no needless redraw."""
    if widget.cget("text") != text:
        widget.configure(text=text)


def row_padding(widget: tk.Widget) -> int:
    """A grid row's padding above and below: Tk gives "6" (each side) or "6 0"."""
    pady = widget.grid_info().get("pady", 0)
    parts = [int(float(p)) for p in (pady if isinstance(pady, tuple | list)
                                     else str(pady).split())]
    return 2 * parts[0] if len(parts) == 1 else sum(parts)
