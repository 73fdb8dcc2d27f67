"""The routine editor screen on Xvfb, driven by real key events: adapt the bundled routine."""

from __future__ import annotations

import tkinter as tk

import pytest

import itbtimer.cli.main as cli
from itbtimer.core.plan import build_plan
from itbtimer.editor.copies import editable
from itbtimer.editor.words import Question
from itbtimer.routine_files import load_routine
from itbtimer.routine_files.bundled import routines_dir
from tests.integration.editor_helpers import ALT, CAPS_LOCK, CONTROL, SHIFT, EditorHarness

pytestmark = pytest.mark.gui


@pytest.fixture
def my_copy(xdisplay):
    target = editable("itb-recovery")
    harness = EditorHarness(target.path, target.notice)
    yield harness, target.path
    harness.close()


def test_adapt_the_bundled_routine_with_keys_only(my_copy, capsys):
    ui, path = my_copy
    bundled_text = (routines_dir() / "itb-recovery.yaml").read_text()
    assert "never changed" in ui.screen.notice.cget("text")
    assert ui.root.focus_get() is ui.screen.outline.listbox

    # The plank: hold 45 s instead of "until shaking".
    ui.down_to("Plank")
    ui.key("Return")
    assert ui.focused_field == "name"
    ui.key("Tab")
    ui.key("Tab")  # Name, Cue, How long
    assert ui.focused_field == "work"
    ui.type("45s")
    ui.key("Tab")  # leaving the field gives it to the document
    assert ui.focused_field == "reps"
    assert "expect" not in [e.field.key for e in ui.screen.entries]  # only for a hold
    ui.key("Escape")
    assert ui.root.focus_get() is ui.screen.outline.listbox
    plank = ui.document.routine.sections[1].exercises[0]
    assert (plank.name, plank.mode, plank.work) == ("Plank", "timed", 45)

    # No Russian twists: Delete asks first, Enter confirms.
    ui.down_to("Russian twists")
    ui.key("Delete")
    assert ui.screen.asking is Question.DELETE
    assert "Russian twists" in ui.screen.question.text.cget("text")
    ui.key("Return")
    assert ui.screen.asking is None
    assert "Russian twists" not in [r.name for r in ui.screen.rows]

    # Three sets of each exercise in the section.
    ui.down_to("Exercises")
    ui.key("Return")
    ui.tab_to("sets")
    ui.type("3")  # Tab selected the old "2": typing replaces it
    ui.key("Escape")
    assert ui.document.routine.sections[1].exercises[0].sets == 3
    assert "changed, not saved" in ui.screen.title.cget("text")

    ui.key("s", CONTROL)
    assert not ui.document.dirty
    assert "Saved" in ui.screen.notice.cget("text")
    assert ui.errors == []

    # The file is a valid routine, the plan shows the change, the bundled one is untouched.
    assert cli.main(["check", str(path)]) == 0
    assert cli.main(["plan", str(path)]) == 0
    plan_text = capsys.readouterr().out
    assert "Plank · set 3/3  [45s]" in plan_text
    assert "Russian twists" not in plan_text
    assert (routines_dir() / "itb-recovery.yaml").read_text() == bundled_text
    saved = path.read_text()
    assert "# ITB syndrome recovery: Jav's strength routine" in saved  # comments kept
    assert "        work: 20s           # chosen\n" in saved
    # The live total is the saved routine's total.
    total = build_plan(load_routine(path)).total_seconds
    assert ui.document.plan is not None and ui.document.plan.total_seconds == total
    assert ui.screen.preview.get(0, "end") == tuple(build_plan(load_routine(path)).describe()
                                                    .splitlines())


def test_an_invalid_field_shows_the_loaders_message_beside_it(my_copy):
    ui, _ = my_copy
    ui.down_to("Plank")
    ui.key("Return")
    ui.tab_to("sets")
    ui.type("lots")
    ui.key("Tab")
    sets = next(e for e in ui.screen.entries if e.field.key == "sets")
    assert sets.error.cget("text") == "⚠ must be a whole number like 2, not 'lots'"
    assert sets.error.winfo_ismapped()
    assert "mistake" in ui.screen.summary.cget("text")
    ui.key("s", CONTROL)
    assert "not saved" in ui.screen.notice.cget("text")
    assert ui.document.dirty
    ui.key("z", CONTROL)
    assert ui.document.problems == () and not ui.document.dirty


def test_undo_redo_move_and_new_exercise_keys(my_copy):
    ui, _ = my_copy
    ui.down_to("Lunges")
    ui.key("Down", ALT)
    assert [r.name for r in ui.screen.rows][3:5] == ["Dynamic ITB banana stretch", "Lunges"]
    assert ui.screen.outline.chosen.name == "Lunges"
    ui.key("Up", ALT)
    assert [r.name for r in ui.screen.rows][3:5] == ["Lunges", "Dynamic ITB banana stretch"]
    ui.key("n", CONTROL)
    assert ui.focused_field == "name"
    assert [r.name for r in ui.screen.rows][4] == "New exercise"
    ui.type("Side steps")
    ui.key("Return")
    assert [r.name for r in ui.screen.rows][4] == "Side steps"
    ui.key("Escape")
    ui.key("z", CONTROL)
    assert [r.name for r in ui.screen.rows][4] == "New exercise"
    ui.key("Z", CONTROL | SHIFT)
    assert [r.name for r in ui.screen.rows][4] == "Side steps"
    assert ui.errors == []


def test_ctrl_z_with_caps_lock_on_undoes(my_copy):
    """Caps Lock makes Ctrl+Z arrive as "Z": it still undoes; Ctrl+Shift+Z still redoes."""
    ui, _ = my_copy
    ui.down_to("Lunges")
    ui.key("Down", ALT)
    moved = [r.name for r in ui.screen.rows]
    ui.key("Z", CONTROL | CAPS_LOCK)
    assert [r.name for r in ui.screen.rows][3:5] == ["Lunges", "Dynamic ITB banana stretch"]
    ui.key("Z", CONTROL | CAPS_LOCK)  # nothing more to undo: no redo either
    assert [r.name for r in ui.screen.rows][3:5] == ["Lunges", "Dynamic ITB banana stretch"]
    ui.key("z", CONTROL | CAPS_LOCK | SHIFT)
    assert [r.name for r in ui.screen.rows] == moved
    assert ui.errors == []


def test_leaving_with_unsaved_changes_asks_save_discard_or_cancel(my_copy):
    ui, path = my_copy
    before = path.read_text()
    ui.down_to("Squats")
    ui.key("Delete")
    ui.key("Return")
    ui.key("Escape")  # leave the editor
    assert ui.screen.asking is Question.LEAVE
    ui.key("Escape")  # cancel: keep editing
    assert ui.screen.asking is None and ui.closed == []
    ui.key("Escape")
    ui.key("d")  # discard
    assert len(ui.closed) == 1 and path.read_text() == before


def test_leaving_with_save(my_copy):
    ui, path = my_copy
    ui.down_to("Squats")
    ui.key("Delete")
    ui.key("Return")
    ui.key("Escape")
    ui.key("s")
    assert ui.closed == [path]
    assert "Squats" not in path.read_text().split("sections:")[1].split("Lunges")[0]


def test_leaving_without_changes_does_not_ask(my_copy):
    ui, path = my_copy
    ui.key("Escape")
    assert ui.screen.asking is None and ui.closed == [path]


@pytest.mark.parametrize("size", ["1366x768", "800x600"])
def test_everything_fits_side_by_side_or_stacked(xdisplay, size):
    target = editable("itb-recovery")
    ui = EditorHarness(target.path, target.notice, size)
    try:
        ui.down_to("Single leg dips")
        ui.root.update()
        width, height = map(int, size.split("x"))
        screen = ui.screen
        wide = screen.outline.listbox.winfo_rootx() + screen.outline.listbox.winfo_width() <= (
            screen.form.frame.winfo_rootx())
        assert wide == (width >= 1000)
        for widget in [*screen.buttons.buttons, screen.keys, screen.outline.listbox, screen.preview,
                       *[e.widget for e in screen.entries]]:
            assert widget.winfo_ismapped(), widget
            right = widget.winfo_rootx() + widget.winfo_width()
            bottom = widget.winfo_rooty() + widget.winfo_height()
            assert right <= width and bottom <= height, (widget, right, bottom)
        assert screen.outline.listbox.winfo_height() >= 4 * ui.fonts["small"].metrics("linespace")
    finally:
        ui.close()


# --- in the whole window: E on the start screen, back with the new total ------------------


def _widgets(widget: tk.Misc) -> list[tk.Misc]:
    return [w for child in widget.winfo_children() for w in (child, *_widgets(child))]


def test_e_on_the_start_screen_edits_a_copy_and_the_start_screen_shows_the_new_total(
        xdisplay, tmp_path, capsys):
    from itbtimer.core.durations import format_hms
    from itbtimer.core.navigation import Screen
    from tests.integration.gui_helpers import Harness, texts_in

    ui = Harness(tmp_path)
    try:
        bundled = routines_dir() / "itb-recovery.yaml"
        ui.window.load(bundled)
        ui.root.update()
        assert "Edit  (E)" in texts_in(ui.window.start.frame)
        before = {str(w) for w in _widgets(ui.root)}
        ui.key("e")
        assert ui.window.screen == Screen.EDITOR
        editor = ui.window.screens.editor
        assert str(editor.frame) not in before  # not built until asked for: a lighter start
        assert "never changed" in editor.notice.cget("text")
        assert ui.root.focus_get() is editor.outline.listbox

        def down_to(name: str) -> None:
            target = [r.name for r in editor.rows].index(name)
            while (current := editor.outline.index) != target:
                ui.key("Down" if current < target else "Up")

        down_to("Plank")
        ui.key("Return")
        ui.key("Tab")
        ui.key("Tab")
        for char in "45s":
            ui.key(char)
        ui.key("Escape")
        down_to("Russian twists")
        ui.key("Delete")
        ui.key("Return")
        down_to("Exercises")
        ui.key("Return")
        for _ in range(12):
            if ui.root.focus_get() is next(e.widget for e in editor.entries
                                           if e.field.key == "sets"):
                break
            ui.key("Tab")
        ui.key("3")
        ui.key("Escape")
        ui.key("s", CONTROL)
        ui.key("Escape")  # saved: leaves at once, to the start screen
        assert ui.window.screen == Screen.START

        copy = editable("itb-recovery").path
        assert ui.window.routine_path == copy
        assert cli.main(["check", str(copy)]) == 0
        plan = build_plan(load_routine(copy))
        assert plan.total_seconds != build_plan(load_routine(bundled)).total_seconds
        shown = " ".join(texts_in(ui.window.start.frame))
        assert f"Total {format_hms(plan.total_seconds)}" in shown
        assert "ITB recovery (my copy)" in shown
        assert "Plank · set 3/3  [45s]" in plan.describe()
        assert "Russian twists" not in plan.describe()
    finally:
        ui.close()


def test_closing_the_window_with_unsaved_changes_asks_first(xdisplay, tmp_path):
    from itbtimer.core.navigation import Screen
    from tests.integration.gui_helpers import Harness

    ui = Harness(tmp_path)
    try:
        ui.key("e")
        editor = ui.window.screens.editor
        assert ui.window.screen == Screen.EDITOR
        ui.key("Down")
        ui.key("Down")
        ui.key("Delete")
        ui.key("Return")
        ui.window.close()  # the window manager's close button
        ui.root.update()
        assert editor.asking is Question.LEAVE and ui.root.winfo_exists()
        ui.key("Escape")
        assert editor.asking is None
        ui.key("m")  # a letter typed in the editor is not the window's Mute
        assert not ui.app.player.muted
    finally:
        ui.close()


def test_the_same_with_the_mouse_buttons_and_a_click_in_the_outline(my_copy):
    ui, path = my_copy
    screen = ui.screen
    buttons = {b.cget("text").split("  ")[0]: b for b in screen.buttons.buttons}
    index = [r.name for r in screen.rows].index("Russian twists")
    screen.outline.listbox.selection_clear(0, "end")
    screen.outline.listbox.selection_set(index)
    screen.outline.listbox.event_generate("<<ListboxSelect>>")  # what a click in the list sends
    ui.root.update()
    assert screen.outline.chosen.name == "Russian twists"
    buttons["Duplicate"].invoke()
    assert "Russian twists (copy)" in [r.name for r in screen.rows]
    buttons["Delete"].invoke()
    answer = {b.cget("text"): b for b in screen.question.buttons.winfo_children()}
    answer["Delete"].invoke()
    ui.root.update()
    assert "Russian twists (copy)" not in [r.name for r in screen.rows]
    buttons["Move up"].invoke()
    buttons["Undo"].invoke()
    buttons["Save"].invoke()
    assert not ui.document.dirty
    assert "Russian twists (copy)" not in path.read_text()
    assert load_routine(path).sections[1].exercises[5].name == "Russian twists"
    assert ui.errors == []


def test_a_window_that_grows_from_small_leaves_no_empty_button_lines(xdisplay):
    """Seen in a real run: buttons laid out at a small width left empty lines behind."""
    target = editable("itb-recovery")
    ui = EditorHarness(target.path, target.notice, "400x600")
    try:
        ui.root.geometry("1024x640")
        ui.root.update()
        ui.screen.lay_out(1024)
        ui.root.update()
        lines = [f for f in ui.screen.buttons.lines if f.winfo_ismapped()]
        assert len(lines) <= 2
        one_line = ui.screen.buttons.buttons[0].winfo_height()
        assert ui.screen.buttons.frame.winfo_height() <= 2 * one_line + 12
    finally:
        ui.close()


def test_a_quit_without_asking_keeps_unsaved_edits_and_the_next_open_tells(xdisplay, tmp_path):
    """A signal or a remote's Quit ends itbtimer at once: the editor's unsaved changes go to
    a recovery file in the state folder (the routine is untouched); opening the routine in
    the editor again says where they are."""
    from itbtimer.editor.recovery import recovery_file
    from itbtimer.paths import state_dir
    from tests.integration.gui_helpers import Harness

    ui = Harness(tmp_path)
    try:
        ui.key("e")
        document = ui.window.screens.editor.document
        before = document.path.read_text()
        ui.key("Down")
        ui.key("Down")
        ui.key("Delete")
        ui.key("Return")
        assert document.dirty
        ui.window.quit()  # what a signal and the media remote's Quit call
        kept = recovery_file(document.path, state_dir())
        assert kept.read_text() == document.text != before
        assert document.path.read_text() == before
    finally:
        ui.close()
    again = EditorHarness(document.path)
    try:
        notice = again.screen.notice.cget("text")
        assert "not saved when itbtimer was ended" in notice and kept.name in notice
    finally:
        again.close()


def test_edits_discarded_on_leaving_are_not_kept(my_copy):
    from itbtimer.editor.recovery import recovery_file
    from itbtimer.paths import state_dir

    ui, path = my_copy
    ui.down_to("Squats")
    ui.key("Delete")
    ui.key("Return")
    ui.key("Escape")
    ui.key("d")  # discard and leave
    assert ui.screen.keep_unsaved() is None
    assert not recovery_file(path, state_dir()).exists()
