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
from pathlib import Path

import itbtimer.gui.editor_form as editor_form
import itbtimer.gui.editor_layout as editor_layout
import itbtimer.gui.editor_outline as editor_outline
import itbtimer.gui.editor_questions as editor_questions
from itbtimer.editor import recovery, words
from itbtimer.editor.document import Document, EditorError, NodePath, OutlineRow
from itbtimer.editor.words import History, Question, undo_or_redo
from itbtimer.gui.editor_form import FieldEntry
from itbtimer.gui.editor_layout import (
    BG,
    ERROR_FG,
    FIELD_BG,
    FIELD_FG,
    KEYS_HELP,
    SELECTED_BG,
    TAG,
    label,
)
from itbtimer.gui.theme import DIM_TEXT, SIDE_TEXT, TEXT
from itbtimer.gui.widgets import Fonts
from itbtimer.paths import state_dir


class EditorScreen:
    """actions: "close" (back to the start screen, given the routine's file) and "quit"
    (itbtimer ends; Ctrl+Q and the window's close button, asked first if not saved)."""

    rows: list[OutlineRow]  # the outline's rows, made by editor_outline.refresh
    place_error: tk.Label  # the form's messages that belong to no field (editor_form)

    def __init__(self, parent: tk.Misc, fonts: Fonts,
                 actions: dict[str, Callable[..., None]]):
        self.fonts = fonts
        self.actions = actions
        self.document: Document | None = None
        self.selected: NodePath = ()
        self.entries: list[FieldEntry] = []
        self.wide: bool | None = None
        self._button_places: list[tuple[int, int]] = []
        self.button_rows: list[tk.Frame] = []
        self._asking: Question | None = None
        self._then_quit = False  # leaving means quitting itbtimer (Ctrl+Q, the close button)
        self.left = False  # the person left this document (saved, discarded or unchanged)

        self.frame = tk.Frame(parent, bg=BG)
        font = fonts["small"]
        self.title = label(self.frame, fonts["medium"], anchor="w")
        self.summary = label(self.frame, font, fg=SIDE_TEXT, anchor="w")
        self.notice = label(self.frame, font, fg=DIM_TEXT, anchor="w", justify="left")
        self.body = tk.Frame(self.frame, bg=BG)
        self.outline = tk.Listbox(self.body, font=font, activestyle="none", exportselection=False,
                                  bg=FIELD_BG, fg=FIELD_FG, selectbackground=SELECTED_BG,
                                  selectforeground=FIELD_FG, highlightthickness=2,
                                  highlightcolor=SELECTED_BG, relief="flat", bd=0)
        self.preview_box = tk.Frame(self.body, bg=BG)
        label(self.preview_box, font, text="Preview (as itbtimer plan prints it)",
              fg=DIM_TEXT, anchor="w").pack(fill="x")
        self.preview = tk.Listbox(self.preview_box, font=fonts["small"], activestyle="none",
                                  takefocus=0, bg="#2b3a48", fg=TEXT, relief="flat", bd=0,
                                  highlightthickness=0, selectbackground="#2b3a48")
        self.preview.pack(fill="both", expand=True)
        self.form = tk.Frame(self.body, bg=BG)
        self.question = tk.Frame(self.frame, bg="#5a2a2a")
        self.question_text = label(self.question, font, bg="#5a2a2a", anchor="w")
        self.question_text.pack(side="left", fill="x", expand=True, padx=8, pady=4)
        self.question_buttons = tk.Frame(self.question, bg="#5a2a2a")
        self.question_buttons.pack(side="right")
        self.buttons = tk.Frame(self.frame, bg=BG)
        self.keys = label(self.frame, fonts["small"], fg=DIM_TEXT, text=KEYS_HELP,
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
        self.button_widgets = [editor_layout.button(self, self.buttons, text, command)
                               for text, command in self._buttons]
        self._bind(self.outline)
        self.outline.bind("<<ListboxSelect>>", lambda event: editor_outline.on_pick(self, event))
        self.frame.bind("<Configure>", lambda event: editor_layout.on_resize(self, event))

    # --- showing -----------------------------------------------------------------
    def show(self, document: Document, notice: str | None = None) -> None:
        self.document = document
        self.selected = ()
        self.left = False
        home = str(Path.home())
        shown = notice.replace(home + "/", "~/") if notice else None
        where = words.home_path(document.path, home)
        kept = recovery.kept_notice(document.path, state_dir(), home)
        self.notice.configure(text="\n".join(t for t in (shown or f"File: {where}", kept) if t),
                              fg=DIM_TEXT)
        editor_questions.hide_question(self)
        self._refresh()
        self._layout(self.frame.winfo_width())
        self.outline.focus_set()

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
            editor_form.edit_fields(self)

    def new_section(self) -> None:
        self._commit_focused()
        if self.document is not None:
            self._run(lambda: self.document.add_section(  # type: ignore[union-attr]
                self.selected[:1] or None))
            editor_form.edit_fields(self)

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
        editor_questions.hide_question(self)
        if self.document is not None and self.selected:
            self._run(lambda: self.document.delete(self.selected))  # type: ignore[union-attr]
        self.outline.focus_set()

    # --- questions: delete? leave with unsaved changes? --------------------------------
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
        widget.bind_class(TAG, "<KeyPress>",
                          lambda event: editor_questions.on_question_key(self, event), add="+")

    def _on_undo_key(self, event: tk.Event) -> str:
        if undo_or_redo(int(event.state)) is History.UNDO:
            self.undo()
        else:
            self.redo()
        return "break"

    def _on_escape(self, event: tk.Event) -> str:
        if self._asking:
            editor_questions.cancel_question(self)
        elif event.widget is not self.outline:
            self._commit_focused()
            self.outline.focus_set()
        else:
            self.ask_leave()
        return "break"

    # --- parts kept on the screen (the window and the tests call them) ------------
    def _build_form(self, keep: str | None = None) -> None:
        editor_form.build_form(self, keep)

    def _commit_focused(self) -> None:
        editor_form.commit_focused(self)

    def _layout(self, width: int) -> None:
        editor_layout.lay_out(self, width)

    def _refresh(self, rebuild_form: bool = True) -> None:
        editor_outline.refresh(self, rebuild_form)

    def _index(self) -> int:
        return editor_outline.index(self)

    def ask_delete(self) -> None:
        editor_questions.ask_delete(self)

    @property
    def dirty(self) -> bool:
        return editor_questions.dirty(self)

    def ask_leave(self, then_quit: bool = False) -> None:
        editor_questions.ask_leave(self, then_quit)

    def leave(self) -> None:
        editor_questions.leave(self)

    @property
    def asking(self) -> Question | None:
        return editor_questions.asking(self)


def _breaking(command: Callable[[], object]) -> Callable[[tk.Event], str]:
    """A key binding that runs command and stops there (no other binding sees the key)."""
    def run(event: tk.Event) -> str:
        command()
        return "break"

    return run

