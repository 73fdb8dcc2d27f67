"""The editor screen's outline (routine, sections, exercises), its summary and preview,
and the keys that move in it. Functions of the screen (gui/editor.py)."""

from __future__ import annotations

import tkinter as tk
from typing import TYPE_CHECKING

import itbtimer.gui.editor_form as editor_form
from itbtimer.editor import words
from itbtimer.editor.document import NodePath
from itbtimer.gui.editor_layout import ERROR_FG
from itbtimer.gui.theme import SIDE_TEXT

if TYPE_CHECKING:
    from itbtimer.gui.editor import EditorScreen


def refresh(screen: EditorScreen, rebuild_form: bool = True) -> None:
    document = screen.document
    if document is None:
        return
    screen.title.configure(text=words.title(document.name, document.dirty))
    text, mistakes = words.summary_line(document.plan, len(document.problems))
    screen.summary.configure(text=text, fg=ERROR_FG if mistakes else SIDE_TEXT)
    rows = document.outline()
    screen.rows = rows
    screen.outline.delete(0, "end")
    for row in rows:
        screen.outline.insert("end", words.outline_line(row))
        if row.has_error:
            screen.outline.itemconfigure("end", fg="#b00020")
    if not document.exists(screen.selected):
        screen.selected = ()
    index = next(i for i, r in enumerate(rows) if r.path == screen.selected)
    screen.outline.selection_clear(0, "end")
    screen.outline.selection_set(index)
    screen.outline.see(index)
    screen.preview.delete(0, "end")
    for line in document.preview() or ["(the preview shows once the mistakes are fixed)"]:
        screen.preview.insert("end", line)
    if rebuild_form:
        screen._build_form()
    else:
        editor_form.show_errors(screen)


def on_outline_key(screen: EditorScreen, event: tk.Event) -> str | None:
    if int(event.state) & 0x8:  # Alt: the move keys are bound above
        return None
    if event.keysym in ("Up", "Down"):
        index = screen._index() + (1 if event.keysym == "Down" else -1)
        if 0 <= index < len(screen.rows):
            go(screen, screen.rows[index].path)
        return "break"
    if event.keysym in ("Return", "KP_Enter"):
        editor_form.edit_fields(screen)
        return "break"
    if event.keysym in ("Delete", "KP_Delete"):
        screen.ask_delete()
        return "break"
    return None


def index(screen: EditorScreen) -> int:
    return next(i for i, r in enumerate(screen.rows) if r.path == screen.selected)


def select(screen: EditorScreen, index: int) -> None:
    screen.selected = screen.rows[index].path
    screen.outline.selection_clear(0, "end")
    screen.outline.selection_set(index)
    screen.outline.see(index)
    screen._build_form()


def on_pick(screen: EditorScreen, event: tk.Event) -> None:
    picked = screen.outline.curselection()
    if picked and screen.rows[picked[0]].path != screen.selected:
        go(screen, screen.rows[picked[0]].path)


def go(screen: EditorScreen, path: NodePath) -> None:
    """Select another item, after giving the document what was typed."""
    screen._commit_focused()
    index = next((i for i, r in enumerate(screen.rows) if r.path == path), None)
    if index is not None:
        select(screen, index)
