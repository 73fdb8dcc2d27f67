"""The routine editor screen: an outline, a form, the live total and a preview of the plan.

The screen only renders an editor Document and turns keys, clicks and typing into its
operations; every rule (what a field means, whether it is valid, what undo does) lives in
itbtimer/editor/. Its parts hold their own state and are given what to call: the outline
(outline.py), the form (form.py), the question bar (question_bar.py) and the buttons
(button_bar.py); the screen owns the document, runs its operations and lays the parts out.

Keys (active while the focus is in the editor):
  ↑/↓ the outline · Enter edit the selected item's fields · Tab/Shift+Tab fields
  Esc leave a field (or the editor) · Ctrl+S save · Ctrl+N new exercise
  Delete delete (asks first) · Alt+↑/↓ move · Ctrl+Z undo · Ctrl+Shift+Z redo
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from pathlib import Path

import itbtimer.gui.editor.form as form
from itbtimer.editor import recovery, words
from itbtimer.editor.document import Document, EditorError, NodePath, OutlineRow
from itbtimer.editor.fields import Field, Level, picture_value
from itbtimer.editor.places import level_of
from itbtimer.editor.words import Answer, History, Question, undo_or_redo
from itbtimer.gui.editor.button_bar import ButtonBar
from itbtimer.gui.editor.form import FieldEntry, Form
from itbtimer.gui.editor.look import BG, ERROR_FG, PREVIEW_BG, label
from itbtimer.gui.editor.outline import Outline
from itbtimer.gui.editor.question_bar import Choice, QuestionBar
from itbtimer.gui.theme import DIM_TEXT, SIDE_TEXT, TEXT
from itbtimer.gui.widgets import Fonts
from itbtimer.paths import state_dir

WIDE = 1000  # from this width on, the outline and the form sit side by side
KEYS_HELP = "↑/↓ choose · Enter edit its fields · Tab/Shift+Tab next/previous field · Esc back"
TAG = "ItbEditor"  # the bind tag of every widget that takes the editor's keys


class EditorScreen:
    """close: back to the start screen, given the routine's file; quit: itbtimer ends
    (Ctrl+Q and the window's close button, asked first if not saved; None: only close)."""

    def __init__(self, parent: tk.Misc, fonts: Fonts, close: Callable[[Path | None], None],
                 quit: Callable[[], None] | None = None):
        self.fonts = fonts
        self._close = close
        self._quit = quit
        self.document: Document | None = None
        self.wide: bool | None = None  # the outline and the form side by side (None: not laid out)
        self._then_quit = False  # leaving means quitting itbtimer (Ctrl+Q, the close button)
        self.left = False  # the person left this document (saved, discarded or unchanged)

        self.frame = tk.Frame(parent, bg=BG)
        font = fonts["small"]
        self.title = label(self.frame, fonts["medium"], anchor="w")
        self.summary = label(self.frame, font, fg=SIDE_TEXT, anchor="w")
        self.notice = label(self.frame, font, fg=DIM_TEXT, anchor="w", justify="left")
        self.body = tk.Frame(self.frame, bg=BG)
        self.outline = Outline(self.body, font, choose=self.choose, edit=self.edit_fields,
                               delete=self.ask_delete)
        self.preview_box = tk.Frame(self.body, bg=BG)
        label(self.preview_box, font, text="Preview (as itbtimer plan prints it)",
              fg=DIM_TEXT, anchor="w").pack(fill="x")
        self.preview = tk.Listbox(self.preview_box, font=font, activestyle="none",
                                  takefocus=0, bg=PREVIEW_BG, fg=TEXT, relief="flat", bd=0,
                                  highlightthickness=0, selectbackground=PREVIEW_BG)
        self.preview.pack(fill="both", expand=True)
        self.form = Form(self.body, font, change=self._set_field, take_keys=self._take_keys,
                         done=self.outline.focus)
        self.question = QuestionBar(self.frame, font)
        self.buttons = ButtonBar(self.frame, font, [
            ("Save  Ctrl+S", self.save), ("Undo  Ctrl+Z", self.undo),
            ("Redo  Ctrl+Shift+Z", self.redo), ("New exercise  Ctrl+N", self.new_exercise),
            ("New section", self.new_section), ("Duplicate", self.duplicate),
            ("Picture…", self.choose_picture),
            ("Delete  Del", self.ask_delete), ("Move up  Alt+↑", lambda: self.move(-1)),
            ("Move down  Alt+↓", lambda: self.move(1)), ("Close  Esc", self.ask_leave),
        ])
        self.keys = label(self.frame, font, fg=DIM_TEXT, text=KEYS_HELP, anchor="w",
                          justify="left")

        self.title.grid(row=0, column=0, sticky="ew", padx=12, pady=(8, 0))
        self.summary.grid(row=1, column=0, sticky="ew", padx=12)
        self.notice.grid(row=2, column=0, sticky="ew", padx=12)
        self.body.grid(row=3, column=0, sticky="nsew", padx=12, pady=6)
        self.question.frame.grid(row=4, column=0, sticky="ew", padx=12, pady=(0, 4))
        self.question.frame.grid_remove()  # its place, kept for when a question is asked
        self.buttons.frame.grid(row=5, column=0, sticky="ew", padx=10)
        self.keys.grid(row=6, column=0, sticky="ew", padx=12, pady=(0, 6))
        self.frame.columnconfigure(0, weight=1)
        self.frame.rowconfigure(3, weight=1)

        self._bind_keys()
        self._take_keys(self.outline.listbox)
        self.frame.bind("<Configure>", self._on_resize)

    # --- what the window and the tests read ----------------------------------------------
    @property
    def rows(self) -> list[OutlineRow]:
        return self.outline.rows

    @property
    def selected(self) -> NodePath:
        return self.outline.selected

    @property
    def entries(self) -> list[FieldEntry]:
        return self.form.entries

    @property
    def asking(self) -> Question | None:
        return self.question.asking

    @property
    def dirty(self) -> bool:
        """Are there changes not saved (a field typed in counts)?"""
        self.form.commit_typed()
        return self.document is not None and self.document.dirty

    # --- showing ---------------------------------------------------------------------
    def show(self, document: Document, notice: str | None = None) -> None:
        self.document = document
        self.left = False
        home = str(Path.home())
        shown = notice.replace(home + "/", "~/") if notice else None
        where = words.home_path(document.path, home)
        kept = recovery.kept_notice(document.path, state_dir(), home)
        self.notice.configure(text="\n".join(t for t in (shown or f"File: {where}", kept) if t),
                              fg=DIM_TEXT)
        self.question.hide()
        self._refresh(select=())
        self.lay_out(self.frame.winfo_width())
        self.outline.focus()

    def _refresh(self, select: NodePath | None = None) -> None:
        """Show the document as it is now (the form in place: nothing typed is lost);
        `select` chooses another row."""
        document = self.document
        if document is None:
            return
        self.title.configure(text=words.title(document.name, document.dirty))
        text, mistakes = words.summary_line(document.plan, len(document.problems))
        self.summary.configure(text=text, fg=ERROR_FG if mistakes else SIDE_TEXT)
        self.outline.show(document.outline(), self.selected if select is None else select)
        self.preview.delete(0, "end")
        for line in document.preview() or ["(the preview shows once the mistakes are fixed)"]:
            self.preview.insert("end", line)
        self.form.show(document, self.selected)

    def choose(self, path: NodePath) -> None:
        """Another row of the outline, after giving the document what was typed."""
        self.form.commit_typed()
        if self.document is not None and any(r.path == path for r in self.rows):
            self.outline.select(path)
            self.form.show(self.document, path)

    def edit_fields(self) -> None:
        self.form.edit()

    def keep_unsaved(self) -> Path | None:
        """itbtimer ends without asking (a signal, a remote's Quit): changes not saved go
        to a recovery file in the state folder, never over the routine; never in the way
        of quitting."""
        if self.document is None or self.left or not self.dirty:
            return None
        try:
            return recovery.keep(self.document, state_dir())
        except (OSError, tk.TclError):
            return None

    # --- operations ------------------------------------------------------------------
    def _run(self, operation: Callable[[], NodePath | None]) -> None:
        """Run an operation on the document and show the result; it may choose a row."""
        try:
            where = operation()
        except EditorError as exc:
            self.notice.configure(text=str(exc), fg=ERROR_FG)
            return
        self._refresh(select=where)

    def _set_field(self, path: NodePath, field: Field, value: str | bool) -> None:
        """What the form was given: a field's new value."""
        document = self.document
        if document is not None:
            self._run(lambda: document.set_field(path, field.key, value))

    def save(self) -> bool:
        self.form.commit_typed()
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
        self._refresh()
        return True

    def undo(self) -> None:
        self.form.commit_typed()
        if self.document is not None:
            self._run(self.document.undo)
            self.outline.focus()

    def redo(self) -> None:
        if self.document is not None:
            self._run(self.document.redo)
            self.outline.focus()

    def new_exercise(self) -> None:
        self.form.commit_typed()
        document = self.document
        if document is not None:
            self._run(lambda: document.add_exercise(self.selected))
            self.form.edit()

    def choose_picture(self) -> None:
        """Picture…: a PNG or GIF for the chosen exercise, from the file dialog (its Picture
        field then shows, with Choose… to change it)."""
        self.form.commit_typed()
        document, path = self.document, self.selected
        if document is None or level_of(path) != Level.EXERCISE:
            self.notice.configure(text="Choose an exercise first: a picture shows one move",
                                  fg=ERROR_FG)
            return
        chosen = form.ask_picture(self.frame, document.path.parent if document.path else None)
        if chosen is not None:
            value = picture_value(document.path, chosen)
            self._run(lambda: document.set_field(path, "image", value))

    def new_section(self) -> None:
        self.form.commit_typed()
        document = self.document
        if document is not None:
            self._run(lambda: document.add_section(self.selected[:1] or None))
            self.form.edit()

    def duplicate(self) -> None:
        self.form.commit_typed()
        document = self.document
        if document is not None:
            self._run(lambda: document.duplicate(self.selected))

    def move(self, delta: int) -> None:
        self.form.commit_typed()
        document = self.document
        if document is not None and self.selected:
            self._run(lambda: document.move(self.selected, delta))
            self.outline.focus()

    def delete(self) -> None:
        self.question.hide()
        document = self.document
        if document is not None and self.selected:
            self._run(lambda: document.delete(self.selected))
        self.outline.focus()

    # --- questions: delete? leave with unsaved changes? --------------------------------
    def ask_delete(self) -> None:
        if self.document is None or not self.selected:
            self.notice.configure(text="Choose a section or an exercise to delete",
                                  fg=ERROR_FG)
            return
        self._ask(Question.DELETE, words.delete_question(self.outline.chosen.name,
                                                         self.selected),
                  [Choice("Delete", self.delete, Answer.DELETE),
                   Choice("Keep it", self.cancel_question)])

    def ask_leave(self, then_quit: bool = False) -> None:
        """Leave the editor (or quit itbtimer); with unsaved changes, ask first."""
        self._then_quit = then_quit
        if not self.dirty:
            self.leave()
            return
        self._ask(Question.LEAVE, words.leave_question(then_quit),
                  [Choice("Save", self._save_and_leave, Answer.SAVE),
                   Choice("Discard", self.leave, Answer.DISCARD),
                   Choice("Cancel", self.cancel_question)])

    def leave(self) -> None:
        self.question.hide()
        self.left = True  # what is not saved now was discarded, as chosen
        if self._then_quit and self._quit is not None:
            self._quit()
            return
        self._close(self.document.path if self.document is not None else None)

    def cancel_question(self) -> None:
        self.question.hide()
        self.outline.focus()

    def _ask(self, question: Question, text: str, choices: list[Choice]) -> None:
        self.question.ask(question, text, choices)
        self.outline.focus()

    def _save_and_leave(self) -> None:
        self.question.hide()
        if self.save():
            self.leave()

    # --- keys ------------------------------------------------------------------------
    def _bind_keys(self) -> None:
        """The editor's keys, on its bind tag: they come before a field's own bindings."""
        keys = {
            "<Control-s>": self.save, "<Control-S>": self.save,
            "<Control-n>": self.new_exercise, "<Control-N>": self.new_exercise,
            "<Control-y>": self.redo,
            "<Alt-Up>": lambda: self.move(-1), "<Alt-Down>": lambda: self.move(1),
            "<Control-q>": lambda: self.ask_leave(then_quit=True),
            "<Control-Q>": lambda: self.ask_leave(then_quit=True),
        }
        for sequence, command in keys.items():
            self.frame.bind_class(TAG, sequence, _breaking(command))
        for sequence in ("<Control-z>", "<Control-Z>", "<Control-Shift-z>", "<Control-Shift-Z>"):
            self.frame.bind_class(TAG, sequence, self._on_undo_key)
        self.frame.bind_class(TAG, "<Escape>", self._on_escape)
        self.frame.bind_class(TAG, "<KeyPress>", self._on_key, add="+")

    def _take_keys(self, widget: tk.Widget) -> None:
        """This widget gets the editor's keys first."""
        widget.bindtags((TAG,) + tuple(t for t in widget.bindtags() if t != TAG))

    def _on_key(self, event: tk.Event) -> str | None:
        if self.question.key(event.keysym):
            return "break"
        if event.widget is self.outline.listbox:
            return self.outline.key(event)
        return None

    def _on_undo_key(self, event: tk.Event) -> str:
        if undo_or_redo(int(event.state)) is History.UNDO:
            self.undo()
        else:
            self.redo()
        return "break"

    def _on_escape(self, event: tk.Event) -> str:
        if self.question.asking:
            self.cancel_question()
        elif event.widget is not self.outline.listbox:
            self.form.commit_typed()
            self.outline.focus()
        else:
            self.ask_leave()
        return "break"

    # --- layout ----------------------------------------------------------------------
    def _on_resize(self, event: tk.Event) -> None:
        if event.widget is self.frame:
            self.lay_out(event.width)
            self.form.window_changed()

    def lay_out(self, width: int) -> None:
        """The outline and the form side by side when the window is wide, stacked when
        narrow; texts wrapped and the buttons on as many lines as they need."""
        wide = width >= WIDE
        wrap = max(200, width - 30)
        for text in (self.notice, self.keys, self.summary):
            if str(text.cget("wraplength")) != str(wrap):
                text.configure(wraplength=wrap)
        self.buttons.fit(width)
        # Stacked, the form takes the room it asks for, but never the outline's four lines.
        outline_lines = 4 * self.fonts["small"].metrics("linespace") + 4
        self.body.rowconfigure(0, minsize=0 if wide else outline_lines)
        if wide == self.wide:
            return
        self.wide = wide
        focused = self.frame.focus_get()  # a widget taken off the grid loses the focus
        self._place_body(wide)
        self.form.set_wide(wide)
        if focused is not None and focused.winfo_exists():
            focused.focus_set()

    def _place_body(self, wide: bool) -> None:
        outline, preview, form = self.outline.listbox, self.preview_box, self.form.frame
        for widget in (outline, preview, form):
            widget.grid_forget()
        for i in range(3):
            self.body.columnconfigure(i, weight=0, uniform="")
            self.body.rowconfigure(i, weight=0)
        if wide:
            outline.grid(row=0, column=0, sticky="nsew", padx=(0, 12))
            preview.grid(row=1, column=0, sticky="nsew", padx=(0, 12), pady=(8, 0))
            form.grid(row=0, column=1, rowspan=2, sticky="nsew")
            self.body.columnconfigure(0, weight=2, uniform="cols")
            self.body.columnconfigure(1, weight=3, uniform="cols")
            self.body.rowconfigure(0, weight=3)
            self.body.rowconfigure(1, weight=2)
        else:
            outline.grid(row=0, column=0, sticky="nsew", padx=(0, 8))
            preview.grid(row=0, column=1, sticky="nsew")
            form.grid(row=1, column=0, columnspan=2, sticky="nsew", pady=(8, 0))
            self.body.columnconfigure(0, weight=1, uniform="cols")
            self.body.columnconfigure(1, weight=1, uniform="cols")
            self.body.rowconfigure(0, weight=1)
            self.body.rowconfigure(1, weight=0)
        outline.configure(height=4)
        self.preview.configure(height=3)


def _breaking(command: Callable[[], object]) -> Callable[[tk.Event], str]:
    """A key binding that runs command and stops there (no other binding sees the key)."""
    def run(event: tk.Event) -> str:
        command()
        return "break"

    return run
