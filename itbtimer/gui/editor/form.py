"""The editor's form: the fields of the chosen routine, section or exercise, their hints and
the loader's messages under them. What is typed goes to the document when a field is left
(Tab, Return, a click elsewhere); a tick goes at once.

No keystroke is lost: a change to the document updates the form in place (the widget being
typed in is never made again, and text typed meanwhile in any field stays); fields that
appear come in behind the focus (Document.fields orders them so) and are mapped at once, so
Tab and the keys typed next reach them in the order shown.
"""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from tkinter import filedialog

from itbtimer.editor import words
from itbtimer.editor.document import ROUTINE, Document, NodePath
from itbtimer.editor.fields import Field, Kind, picture_value
from itbtimer.gui.editor.look import BG, ERROR_FG, FIELD_BG, FIELD_FG, SELECTED_BG, label
from itbtimer.gui.fit import fit
from itbtimer.gui.theme import DIM_TEXT

# Shares of the form's width. Wide: label | field | hint on each line; the labels and hints
# wrap, so a routine's long labels leave its fields as wide as an exercise's. Narrow: two
# fields a line, each label beside its field.
WIDE_LABEL, WIDE_HINT = 0.34, 0.24
NARROW_LABEL = 0.48  # of each half
TICKED, UNTICKED = "✔ yes", "no"


@dataclass(eq=False)
class FieldEntry:
    """One field of the form: its label, the widget typed in (or ticked), the grey hint
    and the loader's message under it."""

    field: Field
    widget: tk.Entry | tk.Checkbutton
    variable: tk.Variable
    label: tk.Label
    hint: tk.Label
    error: tk.Label
    shown: str | bool = ""  # the document's value as last shown
    alive: bool = True  # False once taken off the form
    message: str = ""  # the loader's message, whole (the label may show it shortened)
    choose: tk.Button | None = None  # a picture's "Choose…", in the hint's place

    @property
    def beside(self) -> tk.Label | tk.Button:
        """What stands beside the field on a wide form: its hint, or its Choose… button."""
        return self.choose if self.choose is not None else self.hint

    @property
    def value(self) -> str | bool:
        """What the field holds now: its text, or whether its box is ticked."""
        value: str | bool = self.variable.get()  # type: ignore[no-untyped-call]  # (stub)
        return value

    @property
    def typed(self) -> bool:
        """Has the person changed this field since it last showed the document's value?"""
        return self.value != self.shown

    def show(self, value: str | bool, hint: str) -> None:
        """The document's value, unless the person has typed something else here meanwhile
        (that goes to the document when the field is left)."""
        if str(self.hint.cget("text")) != hint:
            self.hint.configure(text=hint)
        if self.typed and self.value != value:
            return
        if self.value != value:  # set only a change: the cursor stays put
            self.variable.set(value)
        self.shown = value
        if isinstance(self.widget, tk.Checkbutton):
            self.widget.configure(text=TICKED if value else UNTICKED)

    def destroy(self) -> None:
        self.alive = False
        for widget in (self.label, self.widget, self.hint, self.error, self.choose):
            if widget is not None:
                widget.destroy()


Change = Callable[[NodePath, Field, str | bool], None]
PICTURES = [("PNG or GIF pictures", "*.png *.gif *.PNG *.GIF")]


def ask_picture(parent: tk.Misc, folder: Path | None) -> Path | None:
    """The file dialog for an exercise's picture; None when nothing was chosen."""
    name = filedialog.askopenfilename(parent=parent, title="Choose a picture (PNG or GIF)",
                                      filetypes=PICTURES,
                                      initialdir=str(folder) if folder else None)
    return Path(name) if name else None


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
        self._width = 0
        self._widths: deque[int] = deque(maxlen=4)  # since the window last changed size
        self._mapping = False
        self._lines: int | None = None  # the most lines a message may take (None: all)
        self._room_check: str | None = None
        self.place_error = label(self.frame, font, fg=ERROR_FG, anchor="w", justify="left")
        self.frame.bind("<Configure>", self._on_resize)

    # --- showing ---------------------------------------------------------------------
    def show(self, document: Document, path: NodePath) -> None:
        """The fields of `path` as the document has them now. The same place again: updated
        in place; another place: made anew (a field with the focus keeps it)."""
        if document is self.document and path == self.path and self.entries:
            self._update()
            self._map_now()
            return
        keep = self.focused_key
        for entry in self.entries:
            entry.destroy()
        self.document, self.path = document, path
        self.entries = [self._field_entry(f) for f in document.fields(path)]
        self._sync()
        self._map_now()  # before the focus: Tk would give it only once mapped
        for entry in self.entries:
            if entry.field.key == keep:  # the form was made again: the focus stays put
                entry.widget.focus_set()
                if isinstance(entry.widget, tk.Entry):
                    entry.widget.select_range(0, "end")
                    entry.widget.icursor("end")

    def _update(self) -> None:
        """Fields that appear are made, fields that go are taken off, unless typed in or
        focused (what was typed stays; it goes to the document when the field is left)."""
        document = self.document
        assert document is not None
        old = {e.field.key: e for e in self.entries}
        focused = self.frame.focus_get()
        kept: list[FieldEntry] = []
        for field in document.fields(self.path):
            entry = old.pop(field.key, None)
            kept.append(entry if entry is not None else self._field_entry(field))
        for n, entry in enumerate(self.entries):
            if entry.field.key not in old:
                continue
            if entry.typed or entry.widget is focused:
                before = self.entries[n - 1] if n else None
                kept.insert(kept.index(before) + 1 if before in kept else len(kept), entry)
            else:
                entry.destroy()
        self.entries = kept
        self._sync()

    def _sync(self) -> None:
        """Values, hints and messages from the document; every field in its place."""
        document = self.document
        assert document is not None
        keys = {f.key for f in document.fields(self.path)}
        for entry in self.entries:
            if entry.field.key in keys:
                entry.show(document.value(self.path, entry.field.key),
                           words.field_hint(entry.field,
                                            document.inherited(self.path, entry.field.key)))
        self._place()
        self.show_errors()

    def show_errors(self) -> None:
        """The loader's messages under their fields; the rest above the form."""
        if self.document is None:
            return
        errors = dict(self.document.errors(self.path))
        changed = False
        for entry in self.entries:
            message = errors.pop(entry.field.key, "")
            changed |= entry.message != (message and f"⚠ {message}")
            entry.message = f"⚠ {message}" if message else ""
            if message:
                entry.error.grid()
            else:
                entry.error.grid_remove()
        if changed:  # else as they were: no flash of whole messages at each change
            self.room_changed()
        rest = words.place_errors(errors)
        self.place_error.configure(text="\n".join(rest))
        if rest:
            self.place_error.grid()
        else:
            self.place_error.grid_remove()

    def set_wide(self, wide: bool) -> None:
        """One field a line with its hint beside it, or two a line (no widget made again)."""
        if wide != self.wide:
            self.wide = wide
            self._place()
            self.show_errors()
            self.room_changed()  # another width for each message

    # --- layout ----------------------------------------------------------------------
    def _place(self) -> None:
        """Every field on the grid in the order shown; the focus (Tab) follows that order."""
        pairs = 1 if self.wide else 2
        self.place_error.grid(row=0, column=0, columnspan=4, sticky="w")
        for n, entry in enumerate(self.entries):
            row, column = 1 + 2 * (n // pairs), 2 * (n % pairs)
            entry.label.grid(row=row, column=column, sticky="e", pady=1,
                             padx=(0 if column == 0 else 12, 6))
            entry.widget.grid(row=row, column=column + 1, pady=1,
                              sticky="w" if isinstance(entry.widget, tk.Checkbutton) else "ew")
            if self.wide:
                entry.beside.grid(row=row, column=2, sticky="w", padx=(8, 0))
            else:
                entry.beside.grid_remove()
            # A message on the line under its field, as wide as the form (its half when
            # narrow): the loader's longest fit in a few lines.
            entry.error.grid(row=row + 1, column=column, columnspan=3 if self.wide else 2,
                             sticky="w")
            entry.widget.lift()  # Tab goes by stacking order: the order shown
        self._fit()

    def _on_resize(self, event: tk.Event) -> None:
        if event.widget is not self.frame or event.width == self._width:
            return
        if event.width in self._widths and event.width > self._width:
            # Wrapping its texts moved the form's own width, and back (A, B, A, ...: at
            # 1920x1080 this never ended): it keeps the narrower fit, where all of it fits.
            # A change of the window's size starts afresh (window_changed).
            return
        self._widths.append(event.width)
        self._width = event.width
        self._fit()
        self.room_changed()

    def window_changed(self) -> None:
        """The window has another size: every width of the form may come again."""
        self._widths.clear()
        self.room_changed()

    def _fit(self) -> None:
        """Every column its width, from the form's width alone: a field is as wide on the
        routine (long labels) as on an exercise, and the labels, hints and messages wrap
        inside their columns, so nothing is cut."""
        width = self._width
        if width < 50:
            return
        if self.wide:
            label_width, hint_width = int(width * WIDE_LABEL), int(width * WIDE_HINT)
            field_width = width - label_width - hint_width
            columns = (label_width, field_width, hint_width, 0)
            wraps = (label_width - 8, hint_width - 10, width - 4)
        else:
            half = width // 2
            label_width = int(half * NARROW_LABEL)
            columns = (label_width, half - label_width, label_width, half - label_width)
            wraps = (label_width - 20, 0, half - 4)
        for i, minsize in enumerate(columns):
            self.frame.columnconfigure(i, minsize=minsize, weight=1 if i % 2 else 0)
        for entry in self.entries:
            _wrap(entry.label, wraps[0])
            _wrap(entry.hint, wraps[1])
            _wrap(entry.error, wraps[2])
        _wrap(self.place_error, width - 4)
        self._show_messages()

    def room_changed(self) -> None:
        """The form may have more room (or less): the messages whole again, then shortened
        as far as they must be. Its own height follows from them, so it is not watched: the
        screen says when the window changed."""
        self._lines = None
        self._show_messages()

    def _show_messages(self) -> None:
        """The messages whole when the form has the room; else each shortened to fewer
        lines, ending in "…" (the hint beside the field still shows what would be right),
        until the form fits its height: wrap, then ellipsise, never cut a letter."""
        for entry in self.entries:
            text = entry.message
            wrap = int(str(entry.error.cget("wraplength")) or 0)
            if text and self._lines is not None and wrap > 0:
                text = fit(text, wrap, [0], lambda t, _: self.font.measure(t),
                           max_lines=self._lines).text
            if str(entry.error.cget("text")) != text:
                entry.error.configure(text=text)
        if self._room_check is None and any(e.message for e in self.entries):
            # Once Tk has laid out the form, then what holds it (its own idle work, which
            # each step schedules when the one before runs).
            self._room_check = self.frame.after_idle(
                lambda: self.frame.after_idle(self._check_room))

    def _check_room(self) -> None:
        self._room_check = None
        if not self.frame.winfo_exists():
            return
        if self.frame.winfo_reqheight() <= self.frame.winfo_height() or self._lines == 1:
            return
        self._lines = 3 if self._lines is None else self._lines - 1
        self._show_messages()

    def _map_now(self) -> None:
        """Tk maps new widgets when idle; keys typed fast are handled before that, and the
        focus or Tab would miss a field not yet mapped: map them now."""
        if self._mapping:  # a change given while mapping: the loop running maps it too
            return
        self._mapping = True
        try:
            self.frame.update_idletasks()
        finally:
            self._mapping = False

    def _field_entry(self, field: Field) -> FieldEntry:
        font = self.font
        name = label(self.frame, font, text=field.label, anchor="e", justify="right")
        hint = label(self.frame, font, fg=DIM_TEXT, anchor="w", justify="left")
        error = label(self.frame, font, fg=ERROR_FG, anchor="w", justify="left")
        if field.kind in (Kind.SIDES, Kind.FLAG):
            ticked = tk.BooleanVar(self.frame, value=False)
            # A big toggle (Space flips it) rather than Tk's tiny tick box.
            box = tk.Checkbutton(
                self.frame, variable=ticked, font=font, indicatoron=False, width=8,
                text=UNTICKED, bg=FIELD_BG, fg=FIELD_FG, selectcolor=SELECTED_BG,
                activebackground="#ffffff", relief="flat", offrelief="flat",
                highlightthickness=2, highlightcolor=SELECTED_BG, highlightbackground=BG,
                command=lambda: self._give(field, ticked.get()))
            entry = FieldEntry(field, box, ticked, name, hint, error, shown=False)
        else:
            text = tk.StringVar(self.frame, value="")
            # width=1: the grid gives it its column's width, whatever its text.
            widget = tk.Entry(self.frame, textvariable=text, font=font, width=1,
                              bg=FIELD_BG, fg=FIELD_FG, relief="flat", highlightthickness=2,
                              highlightcolor=SELECTED_BG, highlightbackground=BG,
                              insertbackground=FIELD_FG)
            entry = FieldEntry(field, widget, text, name, hint, error, shown="")
            widget.bind("<Return>", lambda event: self._on_return(entry))
            widget.bind("<FocusOut>", lambda event: self._on_leave(entry))
            if field.kind == Kind.PICTURE:
                entry.choose = tk.Button(self.frame, text="Choose…", font=font, takefocus=0,
                                         command=lambda: self._choose_picture(entry))
        self._take_keys(entry.widget)
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

    def _focus_after(self, entry: FieldEntry) -> None:
        if entry in self.entries and self.entries.index(entry) + 1 < len(self.entries):
            self.entries[self.entries.index(entry) + 1].widget.focus_set()
        else:
            self._done()

    # --- giving the document what was typed --------------------------------------------
    def commit_typed(self) -> None:
        """Give the document every field typed in and not yet given."""
        pending = [(e.field, e.value) for e in self.entries
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

    def _choose_picture(self, entry: FieldEntry) -> None:
        """Choose…: the file dialog, from the routine's folder; the picture's path from
        there goes into the field and to the document (checked like any value)."""
        routine = self.document.path if self.document is not None else None
        chosen = ask_picture(self.frame, routine.parent if routine else None)
        if chosen is not None and entry.alive:
            entry.variable.set(picture_value(routine, chosen))
            self._give(entry.field, entry.value)

    def _on_return(self, entry: FieldEntry) -> str:
        self._give(entry.field, entry.value)
        self._focus_after(entry)
        return "break"

    def _on_leave(self, entry: FieldEntry) -> None:
        """A field left by Tab or a click: given at once, so a field it brings is there
        for the very next key (Shift+Tab reaches it). The form changes in place and keeps
        the field the focus went to, so nothing is pulled from under the focus."""
        if entry.alive and entry.typed:
            self._give(entry.field, entry.value)


def _wrap(text: tk.Label, width: int) -> None:
    """Wrap at `width` (0: never); configured only on a change, which lays the form out."""
    if str(text.cget("wraplength")) != str(max(width, 0)):
        text.configure(wraplength=max(width, 0))
