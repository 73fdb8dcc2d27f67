"""The editor screen's questions: delete this? save before leaving (Save / Discard /
Cancel)? Shown in a bar above the buttons, answered by keys or buttons. Functions of the
screen (gui/editor.py)."""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from typing import TYPE_CHECKING

import itbtimer.gui.editor_layout as editor_layout
import itbtimer.gui.editor_outline as editor_outline
from itbtimer.editor import words
from itbtimer.editor.words import Answer, Question, answer_key
from itbtimer.gui.editor_layout import ERROR_FG

if TYPE_CHECKING:
    from itbtimer.gui.editor import EditorScreen


def ask_delete(screen: EditorScreen) -> None:
    if screen.document is None or not screen.selected:
        screen.notice.configure(text="Choose a section or an exercise to delete", fg=ERROR_FG)
        return
    name = screen.rows[screen._index()].name
    ask(screen, Question.DELETE, words.delete_question(name, screen.selected),
        [("Delete", screen.delete), ("Keep it", lambda: cancel_question(screen))])


def dirty(screen: EditorScreen) -> bool:
    """Are there changes not saved (a field typed in counts)?"""
    screen._commit_focused()
    return screen.document is not None and screen.document.dirty


def ask_leave(screen: EditorScreen, then_quit: bool = False) -> None:
    """Leave the editor (or quit itbtimer); with unsaved changes, ask first."""
    screen._then_quit = then_quit
    if not screen.dirty:
        screen.leave()
        return
    ask(screen, Question.LEAVE, words.leave_question(then_quit),
        [("Save", lambda: save_and_leave(screen)), ("Discard", screen.leave),
         ("Cancel", lambda: cancel_question(screen))])


def save_and_leave(screen: EditorScreen) -> None:
    hide_question(screen)
    if screen.save():
        screen.leave()


def leave(screen: EditorScreen) -> None:
    hide_question(screen)
    screen.left = True  # what is not saved now was discarded, as chosen
    if screen._then_quit and "quit" in screen.actions:
        screen.actions["quit"]()
        return
    screen.actions["close"](screen.document.path if screen.document is not None else None)


def ask(screen: EditorScreen, kind: Question, text: str,
        choices: list[tuple[str, Callable[[], object]]]) -> None:
    screen._asking = kind
    screen.question_text.configure(text=text,
                                   wraplength=max(200, screen.frame.winfo_width() - 360))
    for widget in screen.question_buttons.winfo_children():
        widget.destroy()
    for label, command in choices:
        b = editor_layout.button(screen, screen.question_buttons, label, command)
        b.pack(side="left", padx=4, pady=4)
    screen.question.grid(row=4, column=0, sticky="ew", padx=12, pady=(0, 4))
    screen.outline.focus_set()


def cancel_question(screen: EditorScreen) -> None:
    hide_question(screen)
    screen.outline.focus_set()


def hide_question(screen: EditorScreen) -> None:
    screen._asking = None
    screen.question.grid_remove()


def asking(screen: EditorScreen) -> Question | None:
    return screen._asking


def on_question_key(screen: EditorScreen, event: tk.Event) -> str | None:
    answer = answer_key(screen._asking, event.keysym)
    if answer is not None:
        {Answer.DELETE: screen.delete, Answer.SAVE: lambda: save_and_leave(screen),
         Answer.DISCARD: screen.leave}[answer]()
        return "break"
    if screen._asking:
        return "break"
    if event.widget is screen.outline:
        return editor_outline.on_outline_key(screen, event)
    return None
