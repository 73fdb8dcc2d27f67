"""A cue too long for its lines (issue 22): where the room is short, its first sentence stays
whole and large and the rest goes below it, smaller, never under its floor; with room, the
cue stays whole in one size."""

from __future__ import annotations

import pytest

from itbtimer.gui.theme import TEXT_SIZES
from tests.integration.gui_helpers import Harness

pytestmark = pytest.mark.gui

FIRST = "Hands above the head, bend towards the back foot, slowly and with control."
REST = "Breathe out as you bend, in as you come back up, and keep both feet flat on the floor."
ROUTINE = f"""\
name: Cues
defaults: {{get_ready: 3}}
sections:
  - name: Stretch
    exercises:
      - name: Standing ITB banana stretch
        cue: {FIRST} {REST}
        sides: both
        work: 30s
"""


def working(tmp_path, size: str) -> Harness:
    ui = Harness(tmp_path, ROUTINE)
    ui.root.geometry(size)
    ui.root.update()
    ui.key("space")
    ui.key("Right")
    ui.settle()
    return ui


@pytest.mark.parametrize("size", ["800x600", "1024x640"])
def test_where_the_room_is_short_the_first_sentence_stays_whole_and_large(xdisplay, tmp_path,
                                                                         size):
    ui = working(tmp_path, size)
    try:
        screen = ui.window.runner.screen
        cue = screen.fit["cue"]
        assert " ".join(cue.widget.cget("text").split()) == FIRST  # whole, no "…"
        assert -cue.font.cget("size") >= int(TEXT_SIZES["cue"].floor * ui.root.winfo_height())
        rest = screen.fit["cue_rest"]
        if rest.widget.winfo_ismapped():  # the rest below, smaller, at least its floor
            assert -rest.font.cget("size") <= -cue.font.cget("size")
            assert -rest.font.cget("size") >= int(
                TEXT_SIZES["cue_rest"].floor * ui.root.winfo_height())
            assert REST.startswith(rest.widget.cget("text").split("…")[0].split("\n")[0])
        assert ui.errors == []
    finally:
        ui.close()


def test_with_room_the_cue_stays_whole_in_one_size(xdisplay, tmp_path):
    ui = working(tmp_path, "1920x1080")
    try:
        screen = ui.window.runner.screen
        assert " ".join(screen.cue.cget("text").split()) == f"{FIRST} {REST}"
        assert not screen.fit["cue_rest"].widget.winfo_ismapped()
    finally:
        ui.close()
