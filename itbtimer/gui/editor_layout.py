"""The editor screen's layout: the outline and the form side by side when the window is
wide, stacked when narrow; the buttons on as many lines as they need. Functions of the
screen (gui/editor.py), which holds the widgets."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import TYPE_CHECKING

from itbtimer.gui.theme import BUTTON_BG, BUTTON_FG, PHASE_COLOURS, TEXT

if TYPE_CHECKING:
    from itbtimer.gui.editor import EditorScreen

BG = PHASE_COLOURS["start"]
FIELD_BG = "#f4f6f8"
FIELD_FG = "#111111"
ERROR_FG = "#ffb4a8"
SELECTED_BG = "#ffe066"
WIDE = 1000  # from this width on, the outline and the form sit side by side

KEYS_HELP = "↑/↓ choose · Enter edit its fields · Tab/Shift+Tab next/previous field · Esc back"
TAG = "ItbEditor"


def on_resize(screen: EditorScreen, event: tk.Event) -> None:
    if event.widget is screen.frame:
        screen._layout(event.width)


def lay_out(screen: EditorScreen, width: int) -> None:
    wide = width >= WIDE
    wrap = max(200, width - 30)
    for label in (screen.notice, screen.keys, screen.summary):
        if str(label.cget("wraplength")) != str(wrap):
            label.configure(wraplength=wrap)
    place_buttons(screen, width)
    if wide == screen.wide:
        return
    screen.wide = wide
    focused = screen.frame.focus_get()  # a widget taken off the grid loses the focus
    field = next((e.field.key for e in screen.entries if e.widget is focused), None)
    for widget in (screen.outline, screen.preview_box, screen.form):
        widget.grid_forget()
    for i in range(3):
        screen.body.columnconfigure(i, weight=0, uniform="")
        screen.body.rowconfigure(i, weight=0)
    if wide:
        screen.outline.grid(row=0, column=0, sticky="nsew", padx=(0, 12))
        screen.preview_box.grid(row=1, column=0, sticky="nsew", padx=(0, 12), pady=(8, 0))
        screen.form.grid(row=0, column=1, rowspan=2, sticky="nsew")
        screen.body.columnconfigure(0, weight=2, uniform="cols")
        screen.body.columnconfigure(1, weight=3, uniform="cols")
        screen.body.rowconfigure(0, weight=3)
        screen.body.rowconfigure(1, weight=2)
    else:
        screen.outline.grid(row=0, column=0, sticky="nsew", padx=(0, 8))
        screen.preview_box.grid(row=0, column=1, sticky="nsew")
        screen.form.grid(row=1, column=0, columnspan=2, sticky="nsew", pady=(8, 0))
        screen.body.columnconfigure(0, weight=1, uniform="cols")
        screen.body.columnconfigure(1, weight=1, uniform="cols")
        screen.body.rowconfigure(0, weight=1)
        screen.body.rowconfigure(1, weight=0)
    screen.outline.configure(height=4)
    screen.preview.configure(height=3)
    if screen.document is not None:
        screen._commit_focused()
        screen._build_form(keep=field)
    if field is None and focused is not None and focused.winfo_exists():
        focused.focus_set()


def place_buttons(screen: EditorScreen, width: int) -> None:
    """As many buttons on a line as fit; the rest on the next line."""
    places = []
    x, row, column = 0, 0, 0
    for widget in screen.button_widgets:
        needed = widget.winfo_reqwidth() + 6
        if x and x + needed > width - 20:
            row, column, x = row + 1, 0, 0
        places.append((row, column))
        column += 1
        x += needed
    if places == screen._button_places:
        return
    screen._button_places = places
    rows = places[-1][0] + 1
    while len(screen.button_rows) < rows:
        screen.button_rows.append(tk.Frame(screen.buttons, bg=BG))
    for n, line in enumerate(screen.button_rows):
        # A line left empty keeps its old height in Tk: take it off the grid.
        if n < rows:
            line.grid(row=n, column=0, sticky="w")
        else:
            line.grid_remove()
    for widget in screen.button_widgets:
        widget.pack_forget()
    for widget, (row, _) in zip(screen.button_widgets, places, strict=True):
        widget.pack(in_=screen.button_rows[row], side="left", padx=3, pady=2)
        widget.lift()  # above the row frame it is packed in (made after it)


def button(screen: EditorScreen, parent: tk.Misc, text: str,
           command: Callable[[], object]) -> tk.Button:
    return tk.Button(parent, text=text, command=command, font=screen.fonts["small"],
                     bg=BUTTON_BG, fg=BUTTON_FG, activebackground="#ffffff", relief="flat",
                     bd=0, highlightthickness=0, padx=8, pady=3, takefocus=0)


def label(parent: tk.Misc, font, fg: str = TEXT, bg: str = BG, **options) -> tk.Label:
    return tk.Label(parent, font=font, fg=fg, bg=bg, bd=0, **options)
