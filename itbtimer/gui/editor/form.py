"""The editor's form: the fields of the chosen routine, section or exercise, their hints and
the loader's messages beside them. What is typed goes to the document when a field is left
(Tab, Return, a click elsewhere); a tick goes at once."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable
from dataclasses import dataclass

from itbtimer.editor import words
from itbtimer.editor.document import ROUTINE, Document, NodePath
from itbtimer.editor.fields import Field, Kind
from itbtimer.gui.editor.look import BG, ERROR_FG, FIELD_BG, FIELD_FG, SELECTED_BG, label
from itbtimer.gui.theme import DIM_TEXT


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


Change = Callable[[NodePath, Field, str | bool], None]


class Form:
    """The fields of one place of the routine (`path`). It reads the document; it changes
    it only through `change`, which the screen runs (and then shows the result)."""

    def __init__(self, parent: tk.Misc, font: tkfont.Font, change: Change,
                 take_keys: Callable[[tk.Widget], None], done: Callable[[], None]):
        """take_keys: gives a field the editor's keys; done: Return in the last field."""
        self.frame = tk.Frame(parent, bg=BG)
        self.font = font
        self.entries: list[FieldEntry] = []
        self.document: Document | None = None
        self.path: NodePath = ROUTINE
        self.wide = True  # one field a line with its hint beside it; else two a line
        self._change = change
        self._take_keys = take_keys
        self._done = done
        self.place_error = label(self.frame, font, fg=ERROR_FG, anchor="w", justify="left")
        self.place_error.grid(row=0, column=0, columnspan=4, sticky="w")

    # --- showing ---------------------------------------------------------------------
    def show(self, document: Document, path: NodePath, keep: str | None = None) -> None:
        """Make the form of `path`; the field with the focus (or `keep`) keeps it."""
        keep = keep or self.focused_key
        for entry in self.entries:
            entry.alive = False
        for widget in self.frame.winfo_children():
            if widget is not self.place_error:
                widget.destroy()
        self.entries = []
        self.document, self.path = document, path
        # Wide: one field a line with its hint beside it. Narrow: two fields a line, so
        # the outline keeps its room at 800x600.
        pairs = 1 if self.wide else 2
        for i in range(4):
            self.frame.columnconfigure(i, weight=0)
        for n, field in enumerate(document.fields(path)):
            row, column = 1 + 2 * (n // pairs), 3 * (n % pairs) if pairs == 1 else 2 * (n % 2)
            label(self.frame, self.font, text=field.label, anchor="e").grid(
                row=row, column=column, sticky="e", padx=(0 if column == 0 else 12, 6), pady=1)
            entry = self._field_entry(field, document.value(path, field.key))
            entry.widget.grid(row=row, column=column + 1, pady=1,
                              sticky="w" if isinstance(entry.widget, tk.Checkbutton) else "ew")
            self.frame.columnconfigure(column + 1, weight=1)
            self._take_keys(entry.widget)
            if pairs == 1:
                hint = words.field_hint(field, document.inherited(path, field.key))
                label(self.frame, self.font, text=hint, fg=DIM_TEXT, anchor="w").grid(
                    row=row, column=2, sticky="w", padx=(8, 0))
            entry.error.grid(row=row + 1, column=column, columnspan=2, sticky="w")
            entry.error.grid_remove()
            self.entries.append(entry)
        self.show_errors()
        for entry in self.entries:
            if entry.field.key == keep:  # the form was made again: the focus stays put
                entry.widget.focus_set()
                if isinstance(entry.widget, tk.Entry):
                    entry.widget.select_range(0, "end")
                    entry.widget.icursor("end")

    def show_errors(self) -> None:
        """The loader's messages beside their fields; the rest above the form."""
        if self.document is None:
            return
        errors = dict(self.document.errors(self.path))
        width = max(200, self.frame.winfo_width() // (1 if self.wide else 2) - 20)
        for entry in self.entries:
            message = errors.pop(entry.field.key, "")
            entry.error.configure(text=f"⚠ {message}" if message else "", wraplength=width)
            if message:
                entry.error.grid()
            else:
                entry.error.grid_remove()
        rest = words.place_errors(errors)
        self.place_error.configure(text="\n".join(rest), wraplength=width)
        if rest:
            self.place_error.grid()
        else:
            self.place_error.grid_remove()

    def _field_entry(self, field: Field, value: str | bool) -> FieldEntry:
        error = label(self.frame, self.font, fg=ERROR_FG, anchor="w", justify="left")
        if field.kind in (Kind.SIDES, Kind.FLAG):
            ticked = tk.BooleanVar(self.frame, value=bool(value))
            # A big toggle (Space flips it) rather than Tk's tiny tick box.
            box = tk.Checkbutton(
                self.frame, variable=ticked, font=self.font, indicatoron=False, width=8,
                text="✔ yes" if value else "no", bg=FIELD_BG, fg=FIELD_FG,
                selectcolor=SELECTED_BG, activebackground="#ffffff", relief="flat",
                offrelief="flat", highlightthickness=2, highlightcolor=SELECTED_BG,
                highlightbackground=BG, command=lambda: self._give(field, ticked.get()))
            return FieldEntry(field, box, ticked, error, shown=bool(value))
        text = tk.StringVar(self.frame, value=str(value))
        widget = tk.Entry(self.frame, textvariable=text, font=self.font, bg=FIELD_BG,
                          fg=FIELD_FG, relief="flat", highlightthickness=2,
                          highlightcolor=SELECTED_BG, highlightbackground=BG,
                          insertbackground=FIELD_FG)
        entry = FieldEntry(field, widget, text, error, shown=str(value))
        widget.bind("<Return>", lambda event: self._on_return(entry))
        widget.bind("<FocusOut>", lambda event: self._on_leave(entry))
        return entry

    # --- the focus ---------------------------------------------------------------------
    @property
    def focused_key(self) -> str | None:
        """The key of the field with the focus, if one has it."""
        focused = self.frame.focus_get()
        return next((e.field.key for e in self.entries if e.widget is focused), None)

    def edit(self) -> None:
        """Into the first field, its text chosen (typing replaces it)."""
        if self.entries:
            self.entries[0].widget.focus_set()
            if isinstance(self.entries[0].widget, tk.Entry):
                self.entries[0].widget.select_range(0, "end")

    def _focus_after(self, field: Field) -> None:
        keys = [e.field.key for e in self.entries]
        if field.key in keys and keys.index(field.key) + 1 < len(self.entries):
            self.entries[keys.index(field.key) + 1].widget.focus_set()
        else:
            self._done()

    # --- giving the document what was typed --------------------------------------------
    def commit_typed(self) -> None:
        """Give the document every field typed in and not yet given."""
        pending = [(e.field, e.variable.get()) for e in self.entries
                   if e.alive and isinstance(e.variable, tk.StringVar) and e.typed]
        path = self.path
        for field, value in pending:
            self._give(field, value, path)

    def _give(self, field: Field, value: str | bool, path: NodePath | None = None) -> None:
        """What the person typed or ticked in a field of `path` (this form's unless said),
        if it changes anything."""
        document = self.document
        place = self.path if path is None else path
        if document is None or not document.exists(place):
            return
        if value != document.value(place, field.key):
            self._change(place, field, value)

    def _on_return(self, entry: FieldEntry) -> str:
        self._give(entry.field, entry.variable.get())
        self._focus_after(entry.field)
        return "break"

    def _on_leave(self, entry: FieldEntry) -> None:
        """A field left by Tab or a click: given once Tk has finished moving the focus (not
        if its form was made again meanwhile: that was given or undone)."""
        if not entry.alive or not entry.typed:
            return
        path, value = self.path, entry.variable.get()

        def give() -> None:
            if entry.alive:
                self._give(entry.field, value, path)

        self.frame.after_idle(give)
