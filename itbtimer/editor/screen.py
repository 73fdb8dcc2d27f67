"""What the editor screen decides without drawing: what its keys mean.

Pure (no Tk): the window asks here and only draws the answer.
"""

from __future__ import annotations

from enum import Enum

SHIFT = 0x1  # the Shift bit of a key event's modifier state (Caps Lock is 0x2)


class History(Enum):
    UNDO = "undo"
    REDO = "redo"


def undo_or_redo(state: int) -> History:
    """Ctrl+Z undoes and Ctrl+Shift+Z redoes. Decided by the Shift key held, not by the
    letter's case: with Caps Lock on, Ctrl+Z arrives as "Z" and still undoes."""
    return History.REDO if state & SHIFT else History.UNDO
