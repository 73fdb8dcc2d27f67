"""Undo and redo within one editing session: the document's texts, each with the place
the change touched (so undoing selects it again)."""

from __future__ import annotations

from typing import Any

from itbtimer.editor.places import NodePath


class UndoHistory:
    """Texts to go back to (undo) and forward to again (redo)."""

    def __init__(self) -> None:
        self._undo: list[tuple[str, NodePath]] = []
        self._redo: list[tuple[str, NodePath]] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def changed(self, before: str, where: NodePath) -> None:
        """A new change was made from `before`: it can be undone; nothing can be redone."""
        self._undo.append((before, where))
        self._redo.clear()

    def undo(self, current: str) -> tuple[str, NodePath] | None:
        """The text to go back to and the place it touched (None: nothing to undo)."""
        if not self._undo:
            return None
        text, where = self._undo.pop()
        self._redo.append((current, where))
        return text, where

    def redo(self, current: str) -> tuple[str, NodePath] | None:
        if not self._redo:
            return None
        text, where = self._redo.pop()
        self._undo.append((current, where))
        return text, where


class Change:
    """One undoable change of a document: remembers its text before; on success the
    document commits it, on an error it goes back to that text."""

    def __init__(self, document: Any, where: NodePath):
        self.document = document
        self.where = where

    def __enter__(self) -> None:
        self.before = self.document.text

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if kind is None:
            self.document._commit(self.before, self.where)
        else:
            self.document._restore(self.before)


def nearest(path: NodePath, exists: Any) -> NodePath:
    """The place itself if it still exists, else the one before it, else its parent."""
    while path and not exists(path):
        path = path[:-1] if path[-1] == 0 else path[:-1] + (path[-1] - 1,)
    return path
