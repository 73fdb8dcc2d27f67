"""The broken-routine screen offers what works, and its notices go when their cause does
(issue 21, item 5)."""

from __future__ import annotations

import os
import tkinter as tk
from pathlib import Path

import pytest

from tests.integration.gui_helpers import SHORT, Harness

pytestmark = pytest.mark.gui

BROKEN = SHORT.replace("cue: Knees out", "cue: Tip: knees out")  # a colon in a cue


class FakeOpener:
    """The person's own text editor: what it was asked to open; `error` when it cannot."""

    def __init__(self, error: str | None = None):
        self.opened: list[Path] = []
        self.error = error

    def __call__(self, path: Path) -> str | None:
        self.opened.append(path)
        return self.error


@pytest.fixture
def broken(xdisplay, tmp_path):
    harness = Harness(tmp_path, BROKEN)
    yield harness
    harness.close()
    assert harness.errors == []


def buttons(ui) -> list[str]:
    return [b.cget("text") for b in ui.window.start.start_row.winfo_children()
            if isinstance(b, tk.Button)]


def notice(ui) -> str:
    return ui.window.start.notice.cget("text")


def save(ui, text: str) -> None:
    ui.routine.write_text(text)
    stat = ui.routine.stat()
    os.utime(ui.routine, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    ui.advance(1.1)


def test_the_broken_screen_offers_the_persons_own_editor_not_one_that_cannot_open_it(broken):
    assert broken.window.plan is None
    offered = buttons(broken)
    assert offered == ["Open in your text editor  (E)"], offered
    opener = FakeOpener()
    broken.app.open_file = opener
    broken.key("e")
    assert opener.opened == [broken.routine]
    assert broken.window.screen == "start"
    assert "Opened short.yaml in your text editor" in notice(broken), notice(broken)
    assert "Cannot edit" not in notice(broken)
    save(broken, SHORT)  # fixed there and saved: read again, the notice gone
    assert broken.window.plan is not None
    assert notice(broken) == ""
    assert buttons(broken) == ["Start  (Space)", "Edit  (E)"]


def test_a_notice_about_the_file_goes_when_the_file_is_fixed(broken):
    broken.app.open_file = FakeOpener("no program opens .yaml files here")
    broken.key("e")
    assert "no program opens .yaml files here" in notice(broken)
    assert str(broken.routine) in notice(broken)  # where to find it, to open by hand
    save(broken, SHORT)
    assert "no program opens" not in notice(broken)


def test_the_mistakes_are_shown_large_enough_to_read(broken):
    start = broken.window.start
    medium = abs(int(broken.window.fonts["medium"].cget("size")))
    assert abs(int(start.mono.cget("size"))) >= 0.9 * medium  # was the small size
    assert "Tip: knees out" in start.mistakes.cget("text")


def test_the_keys_listed_are_those_that_act_on_a_routine_with_mistakes(broken):
    keys = broken.window.start.keys.cget("text")
    assert "Space start" not in keys and "E open in your text editor" in keys, keys
    broken.key("question")
    overlay = broken.window.everywhere.help.label.cget("text")
    assert "Space start" not in overlay and "E open in your text editor" in overlay
