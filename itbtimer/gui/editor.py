"""The routine editor screen: an outline, a form, the live total and a preview of the plan.

The screen only renders an editor Document and turns keys, clicks and typing
into its operations; every rule (what a field means, whether it is valid, what
undo does) lives in itbtimer/editor/document.py.

Keys (active while the focus is in the editor):
  ↑/↓ the outline · Enter edit the selected item's fields · Tab/Shift+Tab fields
  Esc leave a field (or the editor) · Ctrl+S save · Ctrl+N new exercise
  Delete delete (asks first) · Alt+↑/↓ move · Ctrl+Z undo · Ctrl+Shift+Z redo
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..editor import screen as words
from ..editor.document import Document, EditorError, NodePath
from ..editor.fields import Field, Kind
from ..editor.screen import Answer, History, Question, answer_key, undo_or_redo
from .theme import BUTTON_BG, BUTTON_FG, DIM_TEXT, PHASE_COLOURS, SIDE_TEXT, TEXT
from .widgets import Fonts

BG = PHASE_COLOURS["start"]
FIELD_BG = "#f4f6f8"
FIELD_FG = "#111111"
ERROR_FG = "#ffb4a8"
SELECTED_BG = "#ffe066"
WIDE = 1000  # from this width on, the outline and the form sit side by side

KEYS_HELP = "↑/↓ choose · Enter edit its fields · Tab/Shift+Tab next/previous field · Esc back"
TAG = "ItbEditor"


@dataclass
class _Entry:
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


class EditorScreen:
    """actions: "close" (back to the start screen, given the routine's file) and "quit"
    (itbtimer ends; Ctrl+Q and the window's close button, asked first if not saved)."""

    def __init__(self, parent: tk.Misc, fonts: Fonts,
                 actions: dict[str, Callable[..., None]]):
        self.fonts = fonts
        self.actions = actions
        self.document: Document | None = None
        self.selected: NodePath = ()
        self.entries: list[_Entry] = []
        self.wide: bool | None = None
        self._button_places: list[tuple[int, int]] = []
        self.button_rows: list[tk.Frame] = []
        self._asking: Question | None = None
        self._then_quit = False  # leaving means quitting itbtimer (Ctrl+Q, the close button)

        self.frame = tk.Frame(parent, bg=BG)
        font = fonts["small"]
        self.title = self._label(self.frame, fonts["medium"], anchor="w")
        self.summary = self._label(self.frame, font, fg=SIDE_TEXT, anchor="w")
        self.notice = self._label(self.frame, font, fg=DIM_TEXT, anchor="w", justify="left")
        self.body = tk.Frame(self.frame, bg=BG)
        self.outline = tk.Listbox(self.body, font=font, activestyle="none", exportselection=False,
                                  bg=FIELD_BG, fg=FIELD_FG, selectbackground=SELECTED_BG,
                                  selectforeground=FIELD_FG, highlightthickness=2,
                                  highlightcolor=SELECTED_BG, relief="flat", bd=0)
        self.preview_box = tk.Frame(self.body, bg=BG)
        self._label(self.preview_box, font, text="Preview (as itbtimer plan prints it)",
                    fg=DIM_TEXT, anchor="w").pack(fill="x")
        self.preview = tk.Listbox(self.preview_box, font=fonts["small"], activestyle="none",
                                  takefocus=0, bg="#2b3a48", fg=TEXT, relief="flat", bd=0,
                                  highlightthickness=0, selectbackground="#2b3a48")
        self.preview.pack(fill="both", expand=True)
        self.form = tk.Frame(self.body, bg=BG)
        self.question = tk.Frame(self.frame, bg="#5a2a2a")
        self.question_text = self._label(self.question, font, bg="#5a2a2a", anchor="w")
        self.question_text.pack(side="left", fill="x", expand=True, padx=8, pady=4)
        self.question_buttons = tk.Frame(self.question, bg="#5a2a2a")
        self.question_buttons.pack(side="right")
        self.buttons = tk.Frame(self.frame, bg=BG)
        self.keys = self._label(self.frame, fonts["small"], fg=DIM_TEXT, text=KEYS_HELP,
                                anchor="w", justify="left")

        self.title.grid(row=0, column=0, sticky="ew", padx=12, pady=(8, 0))
        self.summary.grid(row=1, column=0, sticky="ew", padx=12)
        self.notice.grid(row=2, column=0, sticky="ew", padx=12)
        self.body.grid(row=3, column=0, sticky="nsew", padx=12, pady=6)
        self.buttons.grid(row=5, column=0, sticky="ew", padx=10)
        self.keys.grid(row=6, column=0, sticky="ew", padx=12, pady=(0, 6))
        self.frame.columnconfigure(0, weight=1)
        self.frame.rowconfigure(3, weight=1)

        self._buttons = [
            ("Save  Ctrl+S", self.save), ("Undo  Ctrl+Z", self.undo),
            ("Redo  Ctrl+Shift+Z", self.redo), ("New exercise  Ctrl+N", self.new_exercise),
            ("New section", self.new_section), ("Duplicate", self.duplicate),
            ("Delete  Del", self.ask_delete), ("Move up  Alt+↑", lambda: self.move(-1)),
            ("Move down  Alt+↓", lambda: self.move(1)), ("Close  Esc", self.ask_leave),
        ]
        self.button_widgets = [self._button(self.buttons, text, command)
                               for text, command in self._buttons]
        self._bind(self.outline)
        self.outline.bind("<<ListboxSelect>>", self._on_pick)
        self.frame.bind("<Configure>", self._on_resize)

    # --- showing -----------------------------------------------------------------
    def show(self, document: Document, notice: str | None = None) -> None:
        self.document = document
        self.selected = ()
        shown = notice.replace(str(Path.home()) + "/", "~/") if notice else None
        where = words.home_path(document.path, str(Path.home()))
        self.notice.configure(text=shown or f"File: {where}", fg=DIM_TEXT)
        self._hide_question()
        self._refresh()
        self._layout(self.frame.winfo_width())
        self.outline.focus_set()

    def _refresh(self, rebuild_form: bool = True) -> None:
        document = self.document
        if document is None:
            return
        self.title.configure(text=words.title(document.name, document.dirty))
        text, mistakes = words.summary_line(document.summary, len(document.problems))
        self.summary.configure(text=text, fg=ERROR_FG if mistakes else SIDE_TEXT)
        rows = document.outline()
        self.rows = rows
        self.outline.delete(0, "end")
        for row in rows:
            self.outline.insert("end", words.outline_line(row))
            if row.has_error:
                self.outline.itemconfigure("end", fg="#b00020")
        if not document.exists(self.selected):
            self.selected = ()
        index = next(i for i, r in enumerate(rows) if r.path == self.selected)
        self.outline.selection_clear(0, "end")
        self.outline.selection_set(index)
        self.outline.see(index)
        self.preview.delete(0, "end")
        for line in document.preview() or ["(the preview shows once the mistakes are fixed)"]:
            self.preview.insert("end", line)
        if rebuild_form:
            self._build_form()
        else:
            self._show_errors()

    def _build_form(self, keep: str | None = None) -> None:
        """Make the form of the selected item; the field with the focus keeps it."""
        document = self.document
        focused = self.frame.focus_get()
        keep = keep or next((e.field.key for e in self.entries if e.widget is focused), None)
        for entry in self.entries:
            entry.alive = False
        for widget in self.form.winfo_children():
            widget.destroy()
        self.entries = []
        if document is None:
            return
        font = self.fonts["small"]
        path = self.selected
        self.place_error = self._label(self.form, font, fg=ERROR_FG, anchor="w", justify="left")
        # Wide: one field a line with its hint beside it. Narrow: two fields a line, so
        # the outline keeps its room at 800x600.
        pairs = 1 if self.wide is not False else 2
        self.place_error.grid(row=0, column=0, columnspan=4, sticky="w")
        for i in range(4):
            self.form.columnconfigure(i, weight=0)
        for n, field in enumerate(document.fields(path)):
            row, column = 1 + 2 * (n // pairs), 3 * (n % pairs) if pairs == 1 else 2 * (n % 2)
            label = self._label(self.form, font, text=field.label, anchor="e")
            label.grid(row=row, column=column, sticky="e", padx=(0 if column == 0 else 12, 6),
                       pady=1)
            value = document.value(path, field.key)
            widget, variable = self._field_widget(field, value)
            widget.grid(row=row, column=column + 1, pady=1,
                        sticky="w" if isinstance(widget, tk.Checkbutton) else "ew")
            self.form.columnconfigure(column + 1, weight=1)
            self._bind(widget)
            hint = words.field_hint(field, document.inherited(path, field.key))
            if pairs == 1:
                self._label(self.form, font, text=hint, fg=DIM_TEXT, anchor="w").grid(
                    row=row, column=2, sticky="w", padx=(8, 0))
            error = self._label(self.form, font, fg=ERROR_FG, anchor="w", justify="left")
            error.grid(row=row + 1, column=column, columnspan=2, sticky="w")
            error.grid_remove()
            entry = _Entry(field, widget, variable, error, shown=variable.get())
            if isinstance(widget, tk.Entry):
                widget.bind("<FocusOut>", self._on_leave(entry))
            self.entries.append(entry)
        self._show_errors()
        for entry in self.entries:
            if entry.field.key == keep:  # the form was made again: the focus stays put
                entry.widget.focus_set()
                if isinstance(entry.widget, tk.Entry):
                    entry.widget.select_range(0, "end")
                    entry.widget.icursor("end")

    def _field_widget(self, field: Field, value: str | bool
                      ) -> tuple[tk.Entry | tk.Checkbutton, tk.Variable]:
        font = self.fonts["small"]
        if field.kind in (Kind.SIDES, Kind.FLAG):
            ticked = tk.BooleanVar(self.form, value=bool(value))

            def toggled() -> None:
                self._commit(field, ticked.get())

            # A big toggle (Space flips it) rather than Tk's tiny tick box.
            box = tk.Checkbutton(
                self.form, variable=ticked, font=font, indicatoron=False, width=8,
                text="✔ yes" if value else "no", bg=FIELD_BG, fg=FIELD_FG,
                selectcolor=SELECTED_BG, activebackground="#ffffff", relief="flat",
                offrelief="flat", highlightthickness=2, highlightcolor=SELECTED_BG,
                highlightbackground=BG, command=toggled)
            return box, ticked
        text = tk.StringVar(self.form, value=str(value))
        entry = tk.Entry(self.form, textvariable=text, font=font, bg=FIELD_BG, fg=FIELD_FG,
                         relief="flat", highlightthickness=2, highlightcolor=SELECTED_BG,
                         highlightbackground=BG, insertbackground=FIELD_FG)

        def entered(event: tk.Event) -> str:
            return self._on_return(field, text)

        entry.bind("<Return>", entered)
        return entry, text

    def _on_leave(self, entry: _Entry) -> Callable[[tk.Event], None]:
        def left(event: tk.Event) -> None:
            self._later(entry)

        return left

    def _show_errors(self) -> None:
        document = self.document
        if document is None:
            return
        errors = dict(document.errors(self.selected))
        width = max(200, self.form.winfo_width() // (1 if self.wide is not False else 2) - 20)
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

    # --- layout: side by side when wide, stacked when narrow --------------------------
    def _on_resize(self, event: tk.Event) -> None:
        if event.widget is self.frame:
            self._layout(event.width)

    def _layout(self, width: int) -> None:
        wide = width >= WIDE
        wrap = max(200, width - 30)
        for label in (self.notice, self.keys, self.summary):
            if str(label.cget("wraplength")) != str(wrap):
                label.configure(wraplength=wrap)
        self._place_buttons(width)
        if wide == self.wide:
            return
        self.wide = wide
        focused = self.frame.focus_get()  # a widget taken off the grid loses the focus
        field = next((e.field.key for e in self.entries if e.widget is focused), None)
        for widget in (self.outline, self.preview_box, self.form):
            widget.grid_forget()
        for i in range(3):
            self.body.columnconfigure(i, weight=0, uniform="")
            self.body.rowconfigure(i, weight=0)
        if wide:
            self.outline.grid(row=0, column=0, sticky="nsew", padx=(0, 12))
            self.preview_box.grid(row=1, column=0, sticky="nsew", padx=(0, 12), pady=(8, 0))
            self.form.grid(row=0, column=1, rowspan=2, sticky="nsew")
            self.body.columnconfigure(0, weight=2, uniform="cols")
            self.body.columnconfigure(1, weight=3, uniform="cols")
            self.body.rowconfigure(0, weight=3)
            self.body.rowconfigure(1, weight=2)
        else:
            self.outline.grid(row=0, column=0, sticky="nsew", padx=(0, 8))
            self.preview_box.grid(row=0, column=1, sticky="nsew")
            self.form.grid(row=1, column=0, columnspan=2, sticky="nsew", pady=(8, 0))
            self.body.columnconfigure(0, weight=1, uniform="cols")
            self.body.columnconfigure(1, weight=1, uniform="cols")
            self.body.rowconfigure(0, weight=1)
            self.body.rowconfigure(1, weight=0)
        self.outline.configure(height=4)
        self.preview.configure(height=3)
        if self.document is not None:
            self._commit_focused()
            self._build_form(keep=field)
        if field is None and focused is not None and focused.winfo_exists():
            focused.focus_set()

    def _place_buttons(self, width: int) -> None:
        """As many buttons on a line as fit; the rest on the next line."""
        places = []
        x, row, column = 0, 0, 0
        for widget in self.button_widgets:
            needed = widget.winfo_reqwidth() + 6
            if x and x + needed > width - 20:
                row, column, x = row + 1, 0, 0
            places.append((row, column))
            column += 1
            x += needed
        if places == self._button_places:
            return
        self._button_places = places
        rows = places[-1][0] + 1
        while len(self.button_rows) < rows:
            self.button_rows.append(tk.Frame(self.buttons, bg=BG))
        for n, line in enumerate(self.button_rows):
            # A line left empty keeps its old height in Tk: take it off the grid.
            if n < rows:
                line.grid(row=n, column=0, sticky="w")
            else:
                line.grid_remove()
        for widget in self.button_widgets:
            widget.pack_forget()
        for widget, (row, _) in zip(self.button_widgets, places, strict=True):
            widget.pack(in_=self.button_rows[row], side="left", padx=3, pady=2)
            widget.lift()  # above the row frame it is packed in (made after it)

    # --- operations --------------------------------------------------------------
    def _run(self, operation: Callable[[], NodePath | None], rebuild: bool = True) -> None:
        try:
            where = operation()
        except EditorError as exc:
            self.notice.configure(text=str(exc), fg=ERROR_FG)
            return
        if where is not None:
            self.selected = where
        self._refresh(rebuild_form=rebuild)

    def _commit(self, field: Field, value: str | bool, path: NodePath | None = None) -> None:
        """Give the document what the person typed or ticked in a field of `path`
        (the selected item unless said)."""
        document = self.document
        place = self.selected if path is None else path
        if document is None or not document.exists(place):
            return
        if value == document.value(place, field.key):
            return

        def change() -> NodePath:
            document.set_field(place, field.key, value)
            return self.selected

        self._run(change)

    def _later(self, entry: _Entry) -> None:
        """Commit a field left by Tab or a click once Tk has finished moving the focus
        (not one whose form was made again meanwhile: that was committed or undone)."""
        if not entry.alive or not entry.typed:
            return
        path, value = self.selected, entry.variable.get()

        def commit() -> None:
            if entry.alive:
                self._commit(entry.field, value, path)

        self.frame.after_idle(commit)

    def _on_return(self, field: Field, variable: tk.Variable) -> str:
        self._commit(field, variable.get())
        self._focus_next_field(field)
        return "break"

    def _focus_next_field(self, field: Field) -> None:
        keys = [e.field.key for e in self.entries]
        if field.key in keys:
            nxt = keys.index(field.key) + 1
            if nxt < len(self.entries):
                self.entries[nxt].widget.focus_set()
                return
        self.outline.focus_set()

    def _commit_focused(self) -> None:
        """Commit every field typed in and not yet given to the document."""
        pending = [(e.field, e.variable.get()) for e in self.entries
                   if e.alive and isinstance(e.variable, tk.StringVar) and e.typed]
        path = self.selected
        for field, value in pending:
            self._commit(field, value, path)

    def save(self) -> bool:
        self._commit_focused()
        document = self.document
        if document is None:
            return False
        try:
            written = document.save()
        except (EditorError, OSError) as exc:
            text = str(exc) if isinstance(exc, EditorError) else f"not saved: {exc.strerror}"
            self.notice.configure(text=text, fg=ERROR_FG)
            return False
        self.notice.configure(text=f"Saved {document.path}" if written else "No changes to save",
                              fg=DIM_TEXT)
        self._refresh(rebuild_form=False)
        return True

    def undo(self) -> None:
        self._commit_focused()
        if self.document is not None:
            self._run(self.document.undo)
            self.outline.focus_set()

    def redo(self) -> None:
        if self.document is not None:
            self._run(self.document.redo)
            self.outline.focus_set()

    def new_exercise(self) -> None:
        self._commit_focused()
        if self.document is not None:
            self._run(lambda: self.document.add_exercise(self.selected))  # type: ignore[union-attr]
            self._edit_fields()

    def new_section(self) -> None:
        self._commit_focused()
        if self.document is not None:
            self._run(lambda: self.document.add_section(  # type: ignore[union-attr]
                self.selected[:1] or None))
            self._edit_fields()

    def duplicate(self) -> None:
        self._commit_focused()
        if self.document is not None:
            self._run(lambda: self.document.duplicate(self.selected))  # type: ignore[union-attr]

    def move(self, delta: int) -> None:
        self._commit_focused()
        if self.document is not None and self.selected:
            self._run(lambda: self.document.move(self.selected, delta))  # type: ignore[union-attr]
            self.outline.focus_set()

    def delete(self) -> None:
        self._hide_question()
        if self.document is not None and self.selected:
            self._run(lambda: self.document.delete(self.selected))  # type: ignore[union-attr]
        self.outline.focus_set()

    # --- questions: delete? leave with unsaved changes? --------------------------------
    def ask_delete(self) -> None:
        if self.document is None or not self.selected:
            self.notice.configure(text="Choose a section or an exercise to delete", fg=ERROR_FG)
            return
        name = self.rows[self._index()].name
        self._ask(Question.DELETE, words.delete_question(name, self.selected),
                  [("Delete", self.delete), ("Keep it", self._cancel_question)])

    @property
    def dirty(self) -> bool:
        """Are there changes not saved (a field typed in counts)?"""
        self._commit_focused()
        return self.document is not None and self.document.dirty

    def ask_leave(self, then_quit: bool = False) -> None:
        """Leave the editor (or quit itbtimer); with unsaved changes, ask first."""
        self._then_quit = then_quit
        if not self.dirty:
            self.leave()
            return
        self._ask(Question.LEAVE, words.leave_question(then_quit),
                  [("Save", self._save_and_leave), ("Discard", self.leave),
                   ("Cancel", self._cancel_question)])

    def _save_and_leave(self) -> None:
        self._hide_question()
        if self.save():
            self.leave()

    def leave(self) -> None:
        self._hide_question()
        if self._then_quit and "quit" in self.actions:
            self.actions["quit"]()
            return
        self.actions["close"](self.document.path if self.document is not None else None)

    def _ask(self, kind: Question, text: str, choices: list[tuple[str, Callable[[], object]]]
             ) -> None:
        self._asking = kind
        self.question_text.configure(text=text, wraplength=max(200, self.frame.winfo_width()
                                                               - 360))
        for widget in self.question_buttons.winfo_children():
            widget.destroy()
        for label, command in choices:
            b = self._button(self.question_buttons, label, command)
            b.pack(side="left", padx=4, pady=4)
        self.question.grid(row=4, column=0, sticky="ew", padx=12, pady=(0, 4))
        self.outline.focus_set()

    def _cancel_question(self) -> None:
        self._hide_question()
        self.outline.focus_set()

    def _hide_question(self) -> None:
        self._asking = None
        self.question.grid_remove()

    @property
    def asking(self) -> Question | None:
        return self._asking

    # --- keys ----------------------------------------------------------------------
    def _bind(self, widget: tk.Widget) -> None:
        widget.bindtags((TAG,) + tuple(t for t in widget.bindtags() if t != TAG))
        if getattr(self, "_bound", False):
            return
        self._bound = True
        keys = {
            "<Control-s>": self.save, "<Control-S>": self.save,
            "<Control-n>": self.new_exercise, "<Control-N>": self.new_exercise,
            "<Control-y>": self.redo,
            "<Alt-Up>": lambda: self.move(-1), "<Alt-Down>": lambda: self.move(1),
            "<Control-q>": lambda: self.ask_leave(then_quit=True),
            "<Control-Q>": lambda: self.ask_leave(then_quit=True),
        }
        for sequence, command in keys.items():
            widget.bind_class(TAG, sequence, _breaking(command))
        for sequence in ("<Control-z>", "<Control-Z>", "<Control-Shift-z>", "<Control-Shift-Z>"):
            widget.bind_class(TAG, sequence, self._on_undo_key)
        widget.bind_class(TAG, "<Escape>", self._on_escape)
        widget.bind_class(TAG, "<KeyPress>", self._on_question_key, add="+")

    def _on_undo_key(self, event: tk.Event) -> str:
        if undo_or_redo(int(event.state)) is History.UNDO:
            self.undo()
        else:
            self.redo()
        return "break"

    def _on_escape(self, event: tk.Event) -> str:
        if self._asking:
            self._cancel_question()
        elif event.widget is not self.outline:
            self._commit_focused()
            self.outline.focus_set()
        else:
            self.ask_leave()
        return "break"

    def _on_question_key(self, event: tk.Event) -> str | None:
        answer = answer_key(self._asking, event.keysym)
        if answer is not None:
            {Answer.DELETE: self.delete, Answer.SAVE: self._save_and_leave,
             Answer.DISCARD: self.leave}[answer]()
            return "break"
        if self._asking:
            return "break"
        if event.widget is self.outline:
            return self._on_outline_key(event)
        return None

    def _on_outline_key(self, event: tk.Event) -> str | None:
        if int(event.state) & 0x8:  # Alt: the move keys are bound above
            return None
        if event.keysym in ("Up", "Down"):
            index = self._index() + (1 if event.keysym == "Down" else -1)
            if 0 <= index < len(self.rows):
                self._go(self.rows[index].path)
            return "break"
        if event.keysym in ("Return", "KP_Enter"):
            self._edit_fields()
            return "break"
        if event.keysym in ("Delete", "KP_Delete"):
            self.ask_delete()
            return "break"
        return None

    def _edit_fields(self) -> None:
        if self.entries:
            self.entries[0].widget.focus_set()
            if isinstance(self.entries[0].widget, tk.Entry):
                self.entries[0].widget.select_range(0, "end")

    def _index(self) -> int:
        return next(i for i, r in enumerate(self.rows) if r.path == self.selected)

    def _select(self, index: int) -> None:
        self.selected = self.rows[index].path
        self.outline.selection_clear(0, "end")
        self.outline.selection_set(index)
        self.outline.see(index)
        self._build_form()

    def _on_pick(self, event: tk.Event) -> None:
        picked = self.outline.curselection()
        if picked and self.rows[picked[0]].path != self.selected:
            self._go(self.rows[picked[0]].path)

    def _go(self, path: NodePath) -> None:
        """Select another item, after giving the document what was typed."""
        self._commit_focused()
        index = next((i for i, r in enumerate(self.rows) if r.path == path), None)
        if index is not None:
            self._select(index)

    def _button(self, parent: tk.Misc, text: str, command: Callable[[], object]) -> tk.Button:
        return tk.Button(parent, text=text, command=command, font=self.fonts["small"],
                         bg=BUTTON_BG, fg=BUTTON_FG, activebackground="#ffffff", relief="flat",
                         bd=0, highlightthickness=0, padx=8, pady=3, takefocus=0)

    def _label(self, parent: tk.Misc, font, fg: str = TEXT, bg: str = BG, **options) -> tk.Label:
        return tk.Label(parent, font=font, fg=fg, bg=bg, bd=0, **options)


def _breaking(command: Callable[[], object]) -> Callable[[tk.Event], str]:
    """A key binding that runs command and stops there (no other binding sees the key)."""
    def run(event: tk.Event) -> str:
        command()
        return "break"

    return run

