"""The routine editor screen, made of parts that each hold their own state: the outline,
the form, the question bar and the buttons (screen.py puts them together)."""

from itbtimer.gui.editor.screen import EditorScreen

__all__ = ["EditorScreen"]
