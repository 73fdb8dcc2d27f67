"""The knee-pain score survives every way out of and back into the finished screen, and is
kept once, with the score the person chose (issue 11: H then back lost it)."""

from __future__ import annotations

import tkinter as tk

import pytest

from tests.helpers import in_progress_ids
from tests.integration.gui_helpers import Harness


def finish(ui: Harness) -> None:
    ui.key("space")
    ui.key("s")  # stop here: the finished screen asks for the pain score
    assert ui.window.screen == "finished"


def back_button(ui: Harness) -> tk.Button:
    def walk(widget: tk.Misc):
        yield widget
        for child in widget.winfo_children():
            yield from walk(child)

    return next(w for w in walk(ui.window.history_view.frame)
                if isinstance(w, tk.Button) and w.cget("text").startswith("Back"))


def close_window(ui: Harness) -> None:
    ui.root.tk.call(ui.root.protocol("WM_DELETE_WINDOW"))


PATHS = {
    "H then Esc, then Enter": (["7", "h", "Escape", "Return"], 7),
    "H then the Back button, then Space": (["7", "h", "back-button", "space"], 7),
    "H, Esc, a corrected score, Enter": (["7", "h", "Escape", "4", "Return"], 4),
    "H before choosing, back, then a score": (["h", "Escape", "6", "Return"], 6),
    "Space": (["7", "space"], 7),
    "Enter": (["7", "Return"], 7),
    "Enter, then Enter again": (["7", "Return", "Return"], 7),
    "Enter, then a changed score, then Enter": (["7", "Return", "3", "Return"], 7),
    "Ctrl+Q": (["7", "ctrl+q"], 7),
    "closing the window": (["7", "close"], 7),
    "H then Ctrl+Q in History": (["7", "h", "ctrl+q"], 7),
    "H, back, then closing": (["7", "h", "Escape", "close"], 7),
    "Esc skips it": (["7", "Escape", "space"], None),
}


@pytest.mark.parametrize("steps, pain", PATHS.values(), ids=PATHS.keys())
def test_the_pain_score_survives_every_path_and_is_kept_once(xdisplay, tmp_path, steps, pain):
    ui = Harness(tmp_path)
    chosen = False
    try:
        finish(ui)
        for before, step in zip([None, *steps], steps, strict=False):
            if step == "back-button":
                back_button(ui).invoke()
                ui.root.update()
            elif step == "ctrl+q":
                ui.key("q", state=0x4)
            elif step == "close":
                close_window(ui)
            else:
                ui.key(step)
            if before == "7" and step == "h":  # History opened with a score chosen ...
                chosen = True
            if step in ("Escape", "back-button") and before == "h" and chosen:
                shown = ui.window.finished.pain_state.cget("text")  # ... and back: still there
                assert ui.window.screen == "finished" and "7/10" in shown, shown
    finally:
        ui.close()
    records, _ = ui.history.load()
    assert [r["pain"] for r in records] == [pain]
    assert in_progress_ids(ui.history) == []
    assert ui.errors == []
