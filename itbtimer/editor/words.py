"""What the editor screen decides without drawing: what its keys mean, which question
it asks and how it words what it shows.

Pure (no Tk): the window asks here and only draws the answer.
"""

from __future__ import annotations

from itbtimer.core.enums import StrEnum
from itbtimer.core.plan import Plan
from itbtimer.editor.document import NodePath, OutlineRow
from itbtimer.editor.fields import Field, Level

SHIFT = 0x1  # the Shift bit of a key event's modifier state (Caps Lock is 0x2)


class History(StrEnum):
    UNDO = "undo"
    REDO = "redo"


def undo_or_redo(state: int) -> History:
    """Ctrl+Z undoes and Ctrl+Shift+Z redoes. Decided by the Shift key held, not by the
    letter's case: with Caps Lock on, Ctrl+Z arrives as "Z" and still undoes."""
    return History.REDO if state & SHIFT else History.UNDO


class Question(StrEnum):
    """The question the editor is asking, if any."""

    DELETE = "delete"  # delete the selected section or exercise?
    LEAVE = "leave"  # save the changes before leaving (or quitting)?


class Answer(StrEnum):
    DELETE = "delete"
    SAVE = "save"
    DISCARD = "discard"


def answer_key(question: Question | None, keysym: str) -> Answer | None:
    """The answer a key gives to the question shown (Esc, which cancels, is bound apart)."""
    if question is Question.DELETE and keysym in ("Return", "KP_Enter"):
        return Answer.DELETE
    if question is Question.LEAVE and keysym in ("s", "S"):
        return Answer.SAVE
    if question is Question.LEAVE and keysym in ("d", "D"):
        return Answer.DISCARD
    return None


def delete_question(name: str, path: NodePath) -> str:
    what = "section" if len(path) == 1 else "exercise"
    return f"Delete the {what} “{name}”?  (Enter: delete · Esc: keep it)"


def leave_question(then_quit: bool) -> str:
    where = "quitting" if then_quit else "leaving"
    return f"Save your changes before {where}?  (S: save · D: discard · Esc: keep editing)"


def title(name: str, dirty: bool) -> str:
    return f"Editing {name}{'  (changed, not saved)' if dirty else ''}"


def summary_line(plan: Plan | None, mistakes: int) -> tuple[str, bool]:
    """The line under the title, and whether it speaks of mistakes."""
    if plan is None:
        return (f"{mistakes} mistake{'s' if mistakes > 1 else ''} to fix "
                "(marked below); the total needs a valid routine", True)
    return plan.total_text(), False


_INDENT = {Level.ROUTINE: "", Level.SECTION: "  ", Level.EXERCISE: "      "}


def outline_line(row: OutlineRow) -> str:
    """An outline row as shown: indented by level, ⚠ when it has a mistake."""
    mark = "⚠ " if row.has_error else ""
    detail = f"  — {row.detail}" if row.detail and row.level is not Level.ROUTINE else ""
    return f"{_INDENT[row.level]}{mark}{row.name}{detail}"


def field_hint(field: Field, inherited: str | None) -> str:
    """The grey text beside a field: what empty means, or an example."""
    if inherited:
        return f"empty: {inherited}"
    return f"like {field.hint}" if field.hint else ""


def place_errors(errors: dict[str, str]) -> list[str]:
    """Messages no field of the form shows (the place's own, or an unknown key's)."""
    return [f"⚠ {key + ': ' if key else ''}{message}" for key, message in errors.items()]


def home_path(path: object, home: str) -> str:
    """A path as the person reads it: ~/.config/... rather than /home/me/.config/..."""
    if path is None:
        return "not saved yet"
    text = str(path)
    return "~" + text[len(home):] if text.startswith(home + "/") else text
