"""The editor's outline: the routine, its sections and their exercises, one a line, one of
them chosen; ↑/↓ and a click choose another."""

from __future__ import annotations

import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable

from itbtimer.editor import words
from itbtimer.editor.document import ROUTINE, NodePath, OutlineRow
from itbtimer.gui.editor.look import FIELD_BG, FIELD_FG, SELECTED_BG
from itbtimer.gui.widgets import chosen_rows

ERROR_ROW_FG = "#b00020"


class Outline:
    """The rows shown and the one chosen. Choosing another row is asked of the screen
    (`choose`), which first gives the document what was typed in the form."""

    def __init__(self, parent: tk.Misc, font: tkfont.Font, choose: Callable[[NodePath], None],
                 edit: Callable[[], None], delete: Callable[[], None]):
        self.listbox = tk.Listbox(parent, font=font, activestyle="none", exportselection=False,
                                  bg=FIELD_BG, fg=FIELD_FG, selectbackground=SELECTED_BG,
                                  selectforeground=FIELD_FG, highlightthickness=2,
                                  highlightcolor=SELECTED_BG, relief="flat", bd=0)
        self.rows: list[OutlineRow] = []
        self.selected: NodePath = ROUTINE
        self._choose = choose
        self._edit = edit
        self._delete = delete
        self.listbox.bind("<<ListboxSelect>>", self._on_click)
        # Shorter now (a message grew the form below it): the chosen row stays in view.
        self.listbox.bind("<Configure>", self._keep_in_view)

    def show(self, rows: list[OutlineRow], selected: NodePath) -> None:
        """These rows, `selected` chosen (the routine's row when it is gone)."""
        self.rows = rows
        self.listbox.delete(0, "end")
        for row in rows:
            self.listbox.insert("end", words.outline_line(row))
            if row.has_error:
                self.listbox.itemconfigure("end", fg=ERROR_ROW_FG)
        self.select(selected if any(r.path == selected for r in rows) else ROUTINE)

    def select(self, path: NodePath) -> None:
        self.selected = path
        self.listbox.selection_clear(0, "end")
        self.listbox.selection_set(self.index)
        self.listbox.see(self.index)

    @property
    def index(self) -> int:
        """The chosen row's place in the list."""
        return next(i for i, r in enumerate(self.rows) if r.path == self.selected)

    @property
    def chosen(self) -> OutlineRow:
        return self.rows[self.index]

    def focus(self) -> None:
        self.listbox.focus_set()

    def key(self, event: tk.Event) -> str | None:
        """↑/↓ choose, Enter edits the chosen item's fields, Delete deletes it (asks)."""
        if int(event.state) & 0x8:  # Alt: the move keys are the screen's
            return None
        if event.keysym in ("Up", "Down"):
            index = self.index + (1 if event.keysym == "Down" else -1)
            if 0 <= index < len(self.rows):
                self._choose(self.rows[index].path)
            return "break"
        if event.keysym in ("Return", "KP_Enter"):
            self._edit()
            return "break"
        if event.keysym in ("Delete", "KP_Delete"):
            self._delete()
            return "break"
        return None

    def _keep_in_view(self, event: tk.Event) -> None:
        if self.rows:
            self.listbox.see(self.index)

    def _on_click(self, event: tk.Event) -> None:
        picked = chosen_rows(self.listbox)
        if picked and self.rows[picked[0]].path != self.selected:
            self._choose(self.rows[picked[0]].path)
