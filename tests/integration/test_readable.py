"""Readable from three metres, on a small screen too: every text fits the width it is given.

For every screen at 1366x768 and at 640x400, with names and cues far longer than
anyone writes, no label or button asks for more width than it got (Tk measures both:
winfo_reqwidth against winfo_width), and nothing lies outside the window.
"""

from __future__ import annotations

import tkinter as tk

import pytest

from tests.integration.gui_helpers import Harness

pytestmark = pytest.mark.gui

NAME = "Kettlebell single leg Romanian deadlift with a slow lowering"  # 60 characters
LONG = """\
name: "{routine}"
cue: "{cue}"
defaults: {{get_ready: 3, switch: 2}}
sections:
  - name: "{section}"
    sets: 2
    rest: 30-45s
    exercises:
      - {{name: "{name}", work: 40s, sides: both, cue: "{cue}"}}
      - {{name: "Plank", until: shaking, cue: "{cue}"}}
"""
SIZES = [(1366, 768), (640, 400)]


def routine(long: bool) -> str:
    if not long:
        return LONG.format(routine="Knee routine", cue="Knees out, back straight",
                           section="Strength", name=NAME)
    return LONG.format(routine=("A very long routine name " * 80).strip(),
                       cue=("Keep the knee over the second toe and breathe " * 45).strip(),
                       section="Strength and balance for the runner's knee " * 3, name=NAME)


def overflowing(root: tk.Misc) -> list[str]:
    """Every mapped label or button wider than its allotment or outside the window."""
    right = root.winfo_rootx() + root.winfo_width()
    bottom = root.winfo_rooty() + root.winfo_height()
    found = []

    def walk(widget: tk.Misc) -> None:
        for child in widget.winfo_children():
            if not child.winfo_ismapped():
                continue
            if child.winfo_class() in ("Label", "Button"):
                text = str(child.cget("text"))[:40]
                if child.winfo_reqwidth() > child.winfo_width():
                    found.append(f"{text!r}: needs {child.winfo_reqwidth()} px, "
                                 f"has {child.winfo_width()}")
                if (child.winfo_rootx() + child.winfo_width() > right
                        or child.winfo_rooty() + child.winfo_height() > bottom):
                    found.append(f"{text!r}: outside the window")
            walk(child)

    walk(root)
    return found


def screens(ui: Harness):
    """Each screen in turn, as a person reaches it; yields its name."""
    yield "start"
    ui.key("space")
    yield "get ready"
    ui.key("Right")
    yield "work, left"
    ui.key("Right")
    yield "switch"
    ui.key("space")
    yield "paused"
    ui.key("space")
    ui.key("Right")
    ui.key("Right")
    yield "rest"
    ui.advance(31.0)
    yield "rest, go when ready"
    while ui.window.screen == "running" and ui.window.workout.view().step.name != "Plank":
        ui.key("Right")
    yield "until"
    ui.key("S")
    yield "finished"
    ui.key("H")
    yield "history"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("long", [False, True], ids=["usual", "very long"])
def test_no_text_is_wider_than_its_place_on_any_screen(xdisplay, tmp_path, size, long):
    ui = Harness(tmp_path, routine(long))
    try:
        ui.root.geometry(f"{size[0]}x{size[1]}")
        ui.root.update()
        problems = {}
        for screen in screens(ui):
            ui.root.update()
            ui.root.update_idletasks()
            assert (ui.root.winfo_width(), ui.root.winfo_height()) == size
            found = overflowing(ui.root)
            if found:
                problems[screen] = found
        assert problems == {}
        assert ui.window.screen == "history"
    finally:
        ui.close()
