"""The editor screen's decisions, without Tk: what its keys mean."""

from __future__ import annotations

from itbtimer.editor.screen import History, undo_or_redo

CONTROL, SHIFT, CAPS_LOCK = 0x4, 0x1, 0x2


def test_ctrl_z_undoes_and_ctrl_shift_z_redoes():
    assert undo_or_redo(CONTROL) is History.UNDO
    assert undo_or_redo(CONTROL | SHIFT) is History.REDO


def test_caps_lock_does_not_turn_undo_into_redo():
    # With Caps Lock on, Ctrl+Z arrives as keysym "Z": the Shift bit decides, not the case.
    assert undo_or_redo(CONTROL | CAPS_LOCK) is History.UNDO
    assert undo_or_redo(CONTROL | CAPS_LOCK | SHIFT) is History.REDO
