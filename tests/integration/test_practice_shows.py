"""A practice run looks like one: a PRACTICE band on its start, running and finished screens,
and the History list's rows whole, never cut mid-word (issue 21, item 7)."""

from __future__ import annotations

import tkinter.font as tkfont

import pytest

from tests.integration.gui_helpers import Harness

pytestmark = pytest.mark.gui


def band(ui) -> str | None:
    """The PRACTICE band's text when it is on screen."""
    widget = ui.window.practice_band
    return widget.cget("text") if widget.winfo_ismapped() else None


def run_through(ui) -> None:
    ui.key("space")
    while ui.window.screen == "running":
        ui.key("Return")
        ui.advance(1.0)


def test_a_practice_run_says_so_on_start_running_and_finished(xdisplay, tmp_path):
    ui = Harness(tmp_path, speed=10.0)
    try:
        assert "PRACTICE" in (band(ui) or ""), band(ui)
        assert "not counted" in band(ui)
        ui.key("space")
        ui.advance(0.5)
        assert "PRACTICE" in (band(ui) or "")
        top = ui.window.practice_band.winfo_rooty()
        assert top < ui.window.runner.screen.title.winfo_rooty()  # above the exercise
        while ui.window.screen == "running":
            ui.key("Return")
            ui.advance(1.0)
        assert ui.window.screen == "finished"
        assert "PRACTICE" in (band(ui) or "")
        ui.key("h")
        assert band(ui) is None  # History marks each practice row instead
    finally:
        ui.close()
    assert ui.errors == []


def test_a_real_run_has_no_band(xdisplay, tmp_path):
    ui = Harness(tmp_path)
    try:
        assert band(ui) is None
        ui.key("space")
        assert band(ui) is None
    finally:
        ui.close()


@pytest.mark.parametrize("size", ["1366x768", "800x600"])
def test_history_rows_are_whole(xdisplay, tmp_path, size):
    ui = Harness(tmp_path, speed=10.0)
    try:
        ui.root.geometry(size)
        ui.root.update()
        run_through(ui)
        ui.key("2")  # pain 2
        ui.key("h")
        view = ui.window.screens.history
        while not view.loaded:
            ui.root.update()
            ui.timers.run_due()
        ui.root.update()
        listbox = view.listbox
        font = tkfont.nametofont(str(listbox.cget("font")))
        rows = listbox.get(0, "end")
        assert rows and rows[0].endswith("pain 2 practice"), rows
        inside = listbox.winfo_width() - 2 * (int(listbox.cget("bd"))
                                              + int(listbox.cget("highlightthickness")))
        assert all(font.measure(row) <= inside for row in rows), (rows, inside)
        assert view.canvas.winfo_width() > 0.5 * ui.root.winfo_width()  # the charts keep room
    finally:
        ui.close()
