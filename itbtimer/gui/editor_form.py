"""The editor screen's form: the selected item's fields, their hints and the loader's
messages beside them; what is typed goes to the document when a field is left.
Functions of the screen (gui/editor.py), which holds the widgets."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import itbtimer.gui.editor_layout as editor_layout
from itbtimer.editor import words
from itbtimer.editor.document import NodePath
from itbtimer.editor.fields import Field, Kind
from itbtimer.gui.editor_layout import BG, ERROR_FG, FIELD_BG, FIELD_FG, SELECTED_BG
from itbtimer.gui.theme import DIM_TEXT

if TYPE_CHECKING:
    from itbtimer.gui.editor import EditorScreen


@dataclass
class FieldEntry:
    field: Field
    widget: tk.Entry | tk.Checkbutton
    variable: tk.Variable
    error: tk.Label
    shown: str | bool = ""  # the value the form was made with
    alive: bool = True  # False once the form is made again

    @property
    def typed(self) -> bool:
        """Has the person changed this field since the form was made?"""
        return bool(self.variable.get() != self.shown)


def build_form(screen: EditorScreen, keep: str | None = None) -> None:
    """Make the form of the selected item; the field with the focus keeps it."""
    document = screen.document
    focused = screen.frame.focus_get()
    keep = keep or next((e.field.key for e in screen.entries if e.widget is focused), None)
    for entry in screen.entries:
        entry.alive = False
    for widget in screen.form.winfo_children():
        widget.destroy()
    screen.entries = []
    if document is None:
        return
    font = screen.fonts["small"]
    path = screen.selected
    screen.place_error = editor_layout.label(screen.form, font, fg=ERROR_FG, anchor="w",
                                             justify="left")
    # Wide: one field a line with its hint beside it. Narrow: two fields a line, so
    # the outline keeps its room at 800x600.
    pairs = 1 if screen.wide is not False else 2
    screen.place_error.grid(row=0, column=0, columnspan=4, sticky="w")
    for i in range(4):
        screen.form.columnconfigure(i, weight=0)
    for n, field in enumerate(document.fields(path)):
        row, column = 1 + 2 * (n // pairs), 3 * (n % pairs) if pairs == 1 else 2 * (n % 2)
        label = editor_layout.label(screen.form, font, text=field.label, anchor="e")
        label.grid(row=row, column=column, sticky="e", padx=(0 if column == 0 else 12, 6),
                   pady=1)
        value = document.value(path, field.key)
        widget, variable = field_widget(screen, field, value)
        widget.grid(row=row, column=column + 1, pady=1,
                    sticky="w" if isinstance(widget, tk.Checkbutton) else "ew")
        screen.form.columnconfigure(column + 1, weight=1)
        screen._bind(widget)
        hint = words.field_hint(field, document.inherited(path, field.key))
        if pairs == 1:
            editor_layout.label(screen.form, font, text=hint, fg=DIM_TEXT, anchor="w").grid(
                row=row, column=2, sticky="w", padx=(8, 0))
        error = editor_layout.label(screen.form, font, fg=ERROR_FG, anchor="w", justify="left")
        error.grid(row=row + 1, column=column, columnspan=2, sticky="w")
        error.grid_remove()
        entry = FieldEntry(field, widget, variable, error, shown=variable.get())
        if isinstance(widget, tk.Entry):
            widget.bind("<FocusOut>", on_leave(screen, entry))
        screen.entries.append(entry)
    show_errors(screen)
    for entry in screen.entries:
        if entry.field.key == keep:  # the form was made again: the focus stays put
            entry.widget.focus_set()
            if isinstance(entry.widget, tk.Entry):
                entry.widget.select_range(0, "end")
                entry.widget.icursor("end")


def field_widget(screen: EditorScreen, field: Field, value: str | bool
                 ) -> tuple[tk.Entry | tk.Checkbutton, tk.Variable]:
    font = screen.fonts["small"]
    if field.kind in (Kind.SIDES, Kind.FLAG):
        ticked = tk.BooleanVar(screen.form, value=bool(value))

        def toggled() -> None:
            commit_field(screen, field, ticked.get())

        # A big toggle (Space flips it) rather than Tk's tiny tick box.
        box = tk.Checkbutton(
            screen.form, variable=ticked, font=font, indicatoron=False, width=8,
            text="✔ yes" if value else "no", bg=FIELD_BG, fg=FIELD_FG,
            selectcolor=SELECTED_BG, activebackground="#ffffff", relief="flat",
            offrelief="flat", highlightthickness=2, highlightcolor=SELECTED_BG,
            highlightbackground=BG, command=toggled)
        return box, ticked
    text = tk.StringVar(screen.form, value=str(value))
    entry = tk.Entry(screen.form, textvariable=text, font=font, bg=FIELD_BG, fg=FIELD_FG,
                     relief="flat", highlightthickness=2, highlightcolor=SELECTED_BG,
                     highlightbackground=BG, insertbackground=FIELD_FG)

    def entered(event: tk.Event) -> str:
        return on_return(screen, field, text)

    entry.bind("<Return>", entered)
    return entry, text


def on_leave(screen: EditorScreen, entry: FieldEntry) -> Callable[[tk.Event], None]:
    def left(event: tk.Event) -> None:
        later(screen, entry)

    return left


def show_errors(screen: EditorScreen) -> None:
    document = screen.document
    if document is None:
        return
    errors = dict(document.errors(screen.selected))
    width = max(200, screen.form.winfo_width() // (1 if screen.wide is not False else 2) - 20)
    for entry in screen.entries:
        message = errors.pop(entry.field.key, "")
        entry.error.configure(text=f"⚠ {message}" if message else "", wraplength=width)
        if message:
            entry.error.grid()
        else:
            entry.error.grid_remove()
    rest = words.place_errors(errors)
    screen.place_error.configure(text="\n".join(rest), wraplength=width)
    if rest:
        screen.place_error.grid()
    else:
        screen.place_error.grid_remove()


def commit_field(screen: EditorScreen, field: Field, value: str | bool,
                 path: NodePath | None = None) -> None:
    """Give the document what the person typed or ticked in a field of `path`
    (the selected item unless said)."""
    document = screen.document
    place = screen.selected if path is None else path
    if document is None or not document.exists(place):
        return
    if value == document.value(place, field.key):
        return

    def change() -> NodePath:
        document.set_field(place, field.key, value)
        return screen.selected

    screen._run(change)


def later(screen: EditorScreen, entry: FieldEntry) -> None:
    """Commit a field left by Tab or a click once Tk has finished moving the focus
    (not one whose form was made again meanwhile: that was committed or undone)."""
    if not entry.alive or not entry.typed:
        return
    path, value = screen.selected, entry.variable.get()

    def commit() -> None:
        if entry.alive:
            commit_field(screen, entry.field, value, path)

    screen.frame.after_idle(commit)


def on_return(screen: EditorScreen, field: Field, variable: tk.Variable) -> str:
    commit_field(screen, field, variable.get())
    focus_next_field(screen, field)
    return "break"


def focus_next_field(screen: EditorScreen, field: Field) -> None:
    keys = [e.field.key for e in screen.entries]
    if field.key in keys:
        nxt = keys.index(field.key) + 1
        if nxt < len(screen.entries):
            screen.entries[nxt].widget.focus_set()
            return
    screen.outline.focus_set()


def commit_focused(screen: EditorScreen) -> None:
    """Commit every field typed in and not yet given to the document."""
    pending = [(e.field, e.variable.get()) for e in screen.entries
               if e.alive and isinstance(e.variable, tk.StringVar) and e.typed]
    path = screen.selected
    for field, value in pending:
        commit_field(screen, field, value, path)


def edit_fields(screen: EditorScreen) -> None:
    if screen.entries:
        screen.entries[0].widget.focus_set()
        if isinstance(screen.entries[0].widget, tk.Entry):
            screen.entries[0].widget.select_range(0, "end")
