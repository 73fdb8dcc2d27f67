"""The editor's fields for an exercise's link and picture (issue 22): a link typed is checked
like any value; Choose… opens the file dialog in the routine's folder and writes the
picture's path from there, which the routine then shows."""

from __future__ import annotations

import pytest
from PIL import Image

import itbtimer.gui.editor.form as form
from itbtimer.editor.fields import picture_value
from itbtimer.routine_files import load_routine
from tests.integration.editor_helpers import EditorHarness

pytestmark = pytest.mark.gui

ROUTINE = """\
name: Stretch
sections:
  - name: Standing
    exercises:
      - name: Banana stretch
        work: 30s
"""


@pytest.fixture
def ui(xdisplay, tmp_path):
    (tmp_path / "pictures").mkdir()
    Image.new("RGB", (30, 40), "white").save(tmp_path / "pictures" / "banana.png")
    path = tmp_path / "stretch.yaml"
    path.write_text(ROUTINE)
    harness = EditorHarness(path)
    yield harness
    harness.root.destroy()
    assert harness.errors == []


def entry_of(ui: EditorHarness, key: str):
    return next(e for e in ui.screen.entries if e.field.key == key)


def test_picture_chooses_a_file_and_writes_its_path_from_the_routines_folder(ui, tmp_path,
                                                                             monkeypatch):
    asked = []

    def dialog(parent, folder):
        asked.append(folder)
        return tmp_path / "pictures" / "banana.png"

    monkeypatch.setattr(form, "ask_picture", dialog)
    ui.down_to("Banana stretch")
    assert "image" not in [e.field.key for e in ui.screen.entries]  # none yet: no row
    button = next(b for b in ui.screen.buttons.buttons if b.cget("text") == "Picture…")
    button.invoke()
    ui.root.update()
    assert asked == [tmp_path]
    picture = entry_of(ui, "image")
    assert picture.value == "pictures/banana.png"
    assert picture.choose is not None and picture.choose.winfo_ismapped()  # to change it
    assert ui.document.routine is not None
    shown = ui.document.routine.sections[0].exercises[0].image
    assert shown is not None and shown.name == "banana.png"
    ui.document.save()
    assert load_routine(tmp_path / "stretch.yaml").sections[0].exercises[0].image == shown


def test_picture_on_a_section_says_to_choose_an_exercise(ui, monkeypatch):
    monkeypatch.setattr(form, "ask_picture", lambda parent, folder: pytest.fail("asked"))
    ui.down_to("Standing")
    next(b for b in ui.screen.buttons.buttons if b.cget("text") == "Picture…").invoke()
    assert "Choose an exercise first" in ui.screen.notice.cget("text")


def test_a_link_in_the_file_is_a_field_and_checked_like_any_value(xdisplay, tmp_path):
    path = tmp_path / "linked.yaml"
    path.write_text(ROUTINE.replace("work: 30s", "work: 30s\n        link: https://e.com/v"))
    ui = EditorHarness(path)
    try:
        ui.down_to("Banana stretch")
        ui.key("Return")
        link = entry_of(ui, "link")
        assert link.value == "https://e.com/v"
        link.widget.focus_set()
        link.widget.delete(0, "end")
        ui.type("javascript")
        ui.key("Tab")
        assert "is not a web address" in link.message
        assert ui.errors == []
    finally:
        ui.root.destroy()


def test_a_picture_outside_the_routines_folder_keeps_its_whole_path(tmp_path):
    assert picture_value(tmp_path / "r.yaml", tmp_path / "a" / "b.gif") == "a/b.gif"
    assert picture_value(tmp_path / "sub" / "r.yaml", tmp_path / "b.gif") == str(
        tmp_path / "b.gif")
    assert picture_value(None, tmp_path / "b.gif") == str(tmp_path / "b.gif")
