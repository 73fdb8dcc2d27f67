"""The routine editor's document: every operation, undo/redo, the loader's messages per
field, and files that stay the person's own (comments, order, quoting)."""

from __future__ import annotations

import difflib
import hashlib
import os
from pathlib import Path

import pytest

import itbtimer.cli.main as cli
from itbtimer.core.plan import build_plan
from itbtimer.editor.copies import COPY_SUFFIX, editable
from itbtimer.editor.document import (
    NEW_EXERCISE,
    NEW_SECTION,
    ROUTINE,
    Document,
    EditorError,
    carry_over,
    locate,
)
from itbtimer.editor.fields import Level, fields
from itbtimer.editor.words import summary_line
from itbtimer.errors import RoutineError
from itbtimer.paths import user_routines_dir
from itbtimer.routine_files import load_routine, parse_routine
from itbtimer.routine_files.bundled import routines_dir
from tests.helpers import COMMENTED, apply_edit


def names(document: Document) -> list[str]:
    return [row.name for row in document.outline()]


def path_of(document: Document, name: str) -> tuple[int, ...]:
    return next(row.path for row in document.outline() if row.name == name)


def loader_message(text: str, field: str) -> str:
    with pytest.raises(RoutineError) as info:
        parse_routine(text)
    return next(p.message for p in info.value.problems if p.field == field)


def hunks(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line.startswith("@@")]


# --- reading -----------------------------------------------------------------


def test_outline_lists_routine_sections_and_exercises_with_details():
    document = Document(COMMENTED)
    rows = document.outline()
    assert [(r.path, r.name, r.detail) for r in rows] == [
        ((), "Knee", build_plan(parse_routine(COMMENTED)).total_text()),
        ((0,), "Warm-up", ""),
        ((0, 0), "Squat", "30s"),
        ((0, 1), "Lunge", "both sides"),
        ((0, 2), "Step-ups", "8-12 reps"),
        ((1,), "Strength", "2 sets"),
        ((1, 0), "Plank", "until shaking"),
        ((1, 1), "Bridge", "45s"),
    ]


def test_the_editors_total_is_the_plans_own_wording():
    plan = build_plan(parse_routine(COMMENTED))
    assert summary_line(Document(COMMENTED).plan, 0) == (plan.total_text(), False)


def test_preview_is_the_same_lines_as_itbtimer_plan():
    document = Document(COMMENTED)
    assert document.preview() == build_plan(parse_routine(COMMENTED)).describe().splitlines()


def test_fields_speak_the_persons_words():
    labels = {f.key: f.label for f in fields(Level.EXERCISE)}
    assert labels["work"] == "How long"
    assert labels["reps"] == "Count reps instead"
    assert labels["until"] == "Hold until…"
    assert labels["sides"] == "Both sides"
    assert labels["sets"] == "Sets"
    assert labels["rest"] == "Rest after each set"


def test_a_field_shown_only_with_another_comes_right_after_it():
    document = Document(COMMENTED)
    document.set_field((0, 0), "reps", "10")
    document.set_field((0, 0), "sides", True)
    keys = [f.key for f in document.fields((0, 0))]
    assert keys[keys.index("reps") + 1] == "rep_seconds"
    assert keys[keys.index("sides") + 1] == "all_sets_per_side"
    assert [k for k in keys if k not in ("rep_seconds", "all_sets_per_side")] == [
        f.key for f in fields(Level.EXERCISE) if not f.only_with and not f.when_given]


def test_value_shows_the_text_as_written_and_check_boxes_as_booleans():
    document = Document(COMMENTED)
    assert document.value((0, 2), "reps") == "8-12"
    assert document.value((0, 1), "sides") is True
    assert document.value((0, 0), "sides") is False
    assert document.value(ROUTINE, "defaults.rest") == "30-45s"
    assert document.value((0, 0), "cue") == ""


def test_an_empty_field_shows_what_it_inherits():
    document = Document(COMMENTED)
    assert document.inherited((0, 1), "work") == "30s"
    assert document.inherited((1, 0), "sets") == "2"
    assert document.inherited((1, 0), "rest") == "30-45s"
    assert document.inherited((0, 0), "work") is None  # given, not inherited


# --- set a field -------------------------------------------------------------


def test_setting_a_duration_writes_a_number_or_the_text_typed():
    document = Document(COMMENTED)
    document.set_field((1, 1), "work", "60")
    assert "        work: 60\n" in document.text
    document.set_field((1, 1), "work", "1m30s")
    assert "        work: 1m30s\n" in document.text
    assert document.routine.sections[1].exercises[1].work == 90


def test_how_long_reps_and_hold_until_replace_each_other_in_place():
    document = Document(COMMENTED)
    document.set_field((1, 0), "work", "45s")
    assert "      - name: Plank\n        work: 45s\n" in document.text
    assert "until" not in document.text.split("Plank")[1].split("Bridge")[0]
    document.set_field((1, 0), "reps", "10")
    assert document.routine.sections[1].exercises[0].mode == "reps"
    document.set_field((1, 0), "until", "tired")
    exercise = document.routine.sections[1].exercises[0]
    assert (exercise.mode, exercise.until, exercise.reps, exercise.work) == (
        "until", "tired", None, None)


def test_an_emptied_field_is_removed_and_inherits_again():
    document = Document(COMMENTED)
    document.set_field((1, 1), "work", "")
    assert document.routine.sections[1].exercises[1].work == 30
    assert document.inherited((1, 1), "work") == "30s"


def test_both_sides_check_box_writes_both_and_removes_it():
    document = Document(COMMENTED)
    document.set_field((1, 1), "sides", True)
    assert document.routine.sections[1].exercises[1].sides == ("left", "right")
    assert "        sides: both\n" in document.text
    document.set_field((1, 1), "sides", False)
    assert document.routine.sections[1].exercises[1].sides == ()


def test_new_keys_go_in_the_usual_order():
    document = Document(COMMENTED)
    document.set_field((1, 0), "cue", "Tailbone under")
    document.set_field((1, 0), "sets", "3")
    section = document.text.split("- name: Plank")[1].split("- name: Bridge")[0]
    assert section.splitlines()[1:] == ["        cue: Tailbone under", "        until: shaking",
                                        "        sets: 3", "      "]


def test_a_key_added_at_the_end_keeps_the_blank_line_before_the_next_section():
    document = Document(COMMENTED)
    document.set_field((0, 2), "rest", "20s")
    assert '        reps: "8-12"\n        rest: 20s\n\n  - name: Strength\n' in document.text


def test_a_cue_with_a_colon_is_quoted():
    document = Document(COMMENTED)
    document.set_field((0, 0), "cue", "Tip: back flat")
    assert document.routine.sections[0].exercises[0].cue == "Tip: back flat"


def test_a_quoted_value_keeps_its_quotes_when_changed():
    document = Document(COMMENTED)
    document.set_field(ROUTINE, "cue", "Knees out")
    assert "cue: 'Knees out'\n" in document.text


def test_defaults_are_set_and_created():
    document = Document("name: A\nsections:\n  - name: S\n    exercises:\n      - name: E\n")
    document.set_field(ROUTINE, "defaults.work", "40s")
    assert document.routine.sections[0].exercises[0].work == 40
    assert "defaults:\n  work: 40s\nsections:" in document.text
    document.set_field(ROUTINE, "defaults.work", "")
    assert "defaults" not in document.text


# --- the loader's messages, per field -------------------------------------------


@pytest.mark.parametrize(("path", "key", "typed", "field"), [
    ((1, 0), "sets", "three", "sections[1].exercises[0].sets"),
    ((1, 0), "sets", "0", "sections[1].exercises[0].sets"),
    ((1, 1), "work", "45 parsecs", "sections[1].exercises[1].work"),
    ((1, 1), "work", "0", "sections[1].exercises[1].work"),
    ((1, 1), "rest", "45-30s", "sections[1].exercises[1].rest"),
    ((1, 1), "reps", "12-8", "sections[1].exercises[1].reps"),
    ((1,), "rounds", "many", "sections[1].rounds"),
    ((1, 1), "name", "", "sections[1].exercises[1].name"),
    (ROUTINE, "per_week", "99", "per_week"),
    (ROUTINE, "defaults.switch", "soon", "defaults.switch"),
])
def test_an_invalid_field_carries_the_loaders_own_message(path, key, typed, field):
    document = Document(COMMENTED)
    document.set_field(path, key, typed)
    assert document.routine is None
    expected = loader_message(document.text, field)
    assert document.errors(path) == {key: expected}
    assert next(r for r in document.outline() if r.path == path).has_error


def test_fixing_the_field_clears_its_message():
    document = Document(COMMENTED)
    document.set_field((1, 0), "sets", "three")
    document.set_field((1, 0), "sets", "3")
    assert document.errors((1, 0)) == {} and document.problems == ()


def test_an_invalid_document_is_not_saved(tmp_path):
    target = tmp_path / "knee.yaml"
    target.write_text(COMMENTED)
    document = Document.open(target)
    document.set_field((1, 0), "sets", "three")
    with pytest.raises(EditorError, match=r"not saved: Plank: Sets: must be a whole number"):
        document.save()
    assert target.read_text() == COMMENTED


def test_problem_paths_point_at_places_and_fields():
    from itbtimer.errors import Problem

    assert locate(Problem("x", "sections[2].exercises[0].work")) == ((2, 0), "work")
    assert locate(Problem("x", "sections[1].rest")) == ((1,), "rest")
    assert locate(Problem("x", "sections[1].exercises")) == ((1,), "exercises")
    assert locate(Problem("x", "sections[0].exercises[3].sides[1]")) == ((0, 3), "sides")
    assert locate(Problem("x", "defaults.work")) == ((), "defaults.work")
    assert locate(Problem("x", "")) == ((), "")


# --- add, duplicate, delete, move ---------------------------------------------------


def test_add_exercise_goes_after_the_selected_one():
    document = Document(COMMENTED)
    assert document.add_exercise((0, 0)) == (0, 1)
    assert names(document)[2:5] == ["Squat", NEW_EXERCISE, "Lunge"]
    assert document.problems == ()


def test_add_exercise_on_a_section_goes_first_in_it():
    document = Document(COMMENTED)
    assert document.add_exercise((1,)) == (1, 0)
    assert names(document)[5:7] == ["Strength", NEW_EXERCISE]


def test_add_exercise_at_the_end_of_a_section_keeps_the_blank_line_after_the_section():
    document = Document(COMMENTED)
    document.add_exercise((0, 2))
    assert ('        reps: "8-12"\n      - name: New exercise\n\n  - name: Strength\n'
            in document.text)


def test_add_section_after_the_selected_one_with_one_exercise():
    document = Document(COMMENTED)
    assert document.add_section((0, 1)) == (1,)
    assert names(document)[5:8] == [NEW_SECTION, NEW_EXERCISE, "Strength"]
    assert document.problems == ()
    assert "\n\n  - name: New section\n" in document.text
    assert "      - name: New exercise\n\n  - name: Strength\n" in document.text


def test_add_section_with_nothing_selected_goes_last():
    document = Document(COMMENTED)
    assert document.add_section(None) == (2,)
    assert names(document)[-2:] == [NEW_SECTION, NEW_EXERCISE]
    assert document.text.endswith("      - name: New exercise\n# the end\n")


def test_duplicate_puts_a_named_copy_right_after():
    document = Document(COMMENTED)
    assert document.duplicate((1, 0)) == (1, 1)
    assert names(document)[6:9] == ["Plank", "Plank (copy)", "Bridge"]
    assert document.routine.sections[1].exercises[1].until == "shaking"


def test_duplicate_a_section_copies_its_exercises():
    document = Document(COMMENTED)
    assert document.duplicate((0,)) == (1,)
    assert names(document)[5:9] == ["Warm-up (copy)", "Squat", "Lunge", "Step-ups"]
    assert document.problems == ()


def test_delete_removes_and_selects_the_next():
    document = Document(COMMENTED)
    assert document.delete((0, 1)) == (0, 1)
    assert names(document)[2:4] == ["Squat", "Step-ups"]


def test_delete_the_last_exercise_of_a_section_keeps_the_blank_line():
    document = Document(COMMENTED)
    assert document.delete((0, 2)) == (0, 1)
    assert "        sides: [right, left]\n\n  - name: Strength\n" in document.text


def test_the_last_exercise_of_a_section_and_the_last_section_stay():
    document = Document(COMMENTED)
    document.delete((1, 0))
    with pytest.raises(EditorError, match="at least one exercise"):
        document.delete((1, 0))
    document.delete((0,))
    with pytest.raises(EditorError, match="at least one section"):
        document.delete((0,))
    assert names(document) == ["Knee", "Strength", "Bridge"]


def test_a_section_without_exercises_shows_the_error_on_the_section_and_takes_one():
    document = Document("name: A\nsections:\n  - name: S\n    exercises: []\n")
    assert document.errors((0,)) == {"exercises": "must have at least one entry"}
    assert document.add_exercise((0,)) == (0, 0)
    assert document.problems == ()


def test_add_exercise_to_a_routine_without_sections_adds_a_section():
    document = Document("name: A\n")
    assert document.add_exercise(ROUTINE) == (0, 0)
    assert document.problems == ()


def test_the_routine_itself_cannot_be_deleted():
    with pytest.raises(EditorError):
        Document(COMMENTED).delete(ROUTINE)


def test_move_down_and_up_within_a_section():
    document = Document(COMMENTED)
    assert document.move((0, 0), +1) == (0, 1)
    assert names(document)[2:5] == ["Lunge", "Squat", "Step-ups"]
    assert document.move((0, 1), -1) == (0, 0)
    assert document.text == COMMENTED


def test_move_keeps_an_items_own_comment_and_leaves_blank_lines_in_place():
    document = Document(COMMENTED)
    document.move((0, 0), +1)
    assert ("      - name: Lunge\n        sides: [right, left]\n\n"
            "      # lunges: keep the knee out\n"
            "      - name: Squat\n        work: 30s    # chosen\n      - name: \"Step-ups\"") in (
        document.text)


def test_move_past_the_end_of_a_section_goes_into_the_next_one():
    document = Document(COMMENTED)
    assert document.move((0, 2), +1) == (1, 0)
    assert names(document)[4:7] == ["Strength", "Step-ups", "Plank"]
    assert document.move((1, 0), -1) == (0, 2)
    assert document.text == COMMENTED


def test_move_at_the_very_top_or_bottom_does_nothing():
    document = Document(COMMENTED)
    assert document.move((0, 0), -1) == (0, 0)
    assert document.move((1, 1), +1) == (1, 1)
    assert document.move((1,), +1) == (1,)
    assert not document.can_undo


def test_moving_the_only_exercise_out_of_a_section_is_refused_like_deleting_it():
    # Found by the random edits: Strength emptied by moves, then a new section after it,
    # wrote `exercises:` and a `[]` at the margin, a file that could not be read.
    document = Document(COMMENTED)
    assert document.move((1, 0), -1) == (0, 3)
    with pytest.raises(EditorError, match="a section needs at least one exercise"):
        document.move((1, 0), -1)
    document.add_section((1,))
    assert [p.field for p in document.problems] == []


def test_move_sections():
    document = Document(COMMENTED)
    assert document.move((1,), -1) == (0,)
    assert [r.name for r in document.outline() if r.level is Level.SECTION] == [
        "Strength", "Warm-up"]
    assert document.problems == ()


# --- undo and redo -----------------------------------------------------------


def every_operation(document: Document) -> None:
    document.set_field((1, 0), "work", "45s")
    document.add_exercise((0, 0))
    document.add_section((0,))
    document.duplicate((0, 1))
    document.delete((2, 1))
    document.move((0, 0), +1)
    document.set_field(ROUTINE, "defaults.get_ready", "5s")


def test_undo_everything_gives_back_the_file_and_redo_everything_the_edit():
    document = Document(COMMENTED)
    every_operation(document)
    edited = document.text
    steps = 0
    while document.can_undo:
        document.undo()
        steps += 1
    assert steps == 7
    assert document.text == COMMENTED and not document.dirty
    while document.can_redo:
        document.redo()
    assert document.text == edited


def test_undo_returns_the_place_it_changed():
    document = Document(COMMENTED)
    document.set_field((1, 1), "work", "1m")
    document.delete((0, 1))
    assert document.undo() == (0, 1)
    assert document.undo() == (1, 1)
    assert document.undo() is None


def test_a_new_change_clears_redo():
    document = Document(COMMENTED)
    document.set_field((1, 1), "work", "1m")
    document.undo()
    document.set_field((1, 1), "work", "2m")
    assert not document.can_redo and document.redo() is None


def test_a_change_to_the_same_value_is_not_an_undo_step():
    document = Document(COMMENTED)
    document.set_field((1, 1), "work", "45s")
    assert not document.can_undo and not document.dirty


# --- saving ----------------------------------------------------------------


def test_an_unchanged_commented_file_round_trips_byte_for_byte(tmp_path):
    target = tmp_path / "knee.yaml"
    target.write_text(COMMENTED)
    before = os.stat(target)
    document = Document.open(target)
    assert document.text == COMMENTED
    assert document.save() is False
    after = os.stat(target)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert target.read_bytes() == COMMENTED.encode()


def test_a_changed_then_undone_file_is_not_rewritten(tmp_path):
    target = tmp_path / "knee.yaml"
    target.write_text(COMMENTED)
    before = os.stat(target).st_ino
    document = Document.open(target)
    document.set_field((1, 1), "work", "1m")
    document.undo()
    assert document.save() is False and os.stat(target).st_ino == before


def test_one_changed_duration_is_one_changed_line(tmp_path):
    target = tmp_path / "knee.yaml"
    target.write_text(COMMENTED)
    document = Document.open(target)
    document.set_field((1, 1), "work", "1m")
    assert document.save() is True
    saved = target.read_text()
    assert hunks(COMMENTED, saved) == ["@@ -28 +28 @@"]
    assert saved.replace("work: 1m\n", "work: 45s\n") == COMMENTED
    assert load_routine(target).sections[1].exercises[1].work == 60
    assert not document.dirty


@pytest.mark.parametrize("bundled", ["itb-recovery", "warm-up", "foam-roll"])
def test_bundled_routines_round_trip_and_change_one_line(bundled):
    text = (routines_dir() / f"{bundled}.yaml").read_text()
    document = Document(text)
    assert document.text == text
    document.set_field((0, 0), "work", "17s")
    assert len(hunks(text, document.text)) == 1


def test_a_file_written_in_its_own_style_keeps_it_where_not_edited():
    text = ("name:   Odd spacing\n"
            "sections:\n"
            "- name: A\n"
            "  exercises:\n"
            "  - {name: Squat, work: 30s}\n"
            "  - name:    Lunge\n"
            "    work:  20s\n")
    document = Document(text)
    document.set_field((0, 1), "work", "25s")
    assert document.text == text.replace("work:  20s", "work: 25s")


def test_carry_over_falls_back_to_the_new_text_when_it_cannot_place_an_edit():
    assert carry_over("p\nq\nr\n", "x\n", "y\n") == "y\n"


def test_carry_over_keeps_the_persons_lines_around_an_edit():
    assert carry_over("a\nb\nc\n", "A\nb\nc\n", "A\nb\nC\n") == "a\nb\nC\n"


def test_save_is_atomic_and_keeps_the_files_permissions(tmp_path):
    target = tmp_path / "knee.yaml"
    target.write_text(COMMENTED)
    target.chmod(0o640)
    document = Document.open(target)
    document.set_field((1, 1), "work", "1m")
    document.save()
    assert oct(target.stat().st_mode & 0o777) == "0o640"
    assert [p.name for p in tmp_path.iterdir()] == ["knee.yaml"]


def test_save_as_writes_a_new_file(tmp_path):
    document = Document(COMMENTED)
    target = tmp_path / "sub" / "copy.yaml"
    assert document.save(target) is True
    assert target.read_text() == COMMENTED and document.path == target


def test_a_file_that_is_not_a_routine_cannot_be_opened(tmp_path):
    target = tmp_path / "bad.yaml"
    target.write_text("name: [unclosed\n")
    with pytest.raises(RoutineError):
        Document.open(target)
    target.write_text("- just\n- a list\n")
    with pytest.raises(RoutineError):
        Document.open(target)


def test_an_invalid_routine_still_opens_with_its_errors_on_the_fields():
    document = Document(COMMENTED.replace("sets: 2", "sets: two"))
    assert document.errors((1,)) == {"sets": "must be a whole number like 2, not 'two'"}
    document.set_field((1,), "sets", "2")
    assert document.problems == ()


# --- bundled routines are never changed ----------------------------------------------


def test_editing_a_bundled_routine_makes_an_announced_personal_copy():
    bundled = routines_dir() / "itb-recovery.yaml"
    digest = hashlib.sha256(bundled.read_bytes()).hexdigest()
    target = editable("itb-recovery")
    assert target.path == user_routines_dir() / "my-itb-recovery.yaml"
    assert "never changed" in target.notice and str(target.path) in target.notice
    copy = load_routine(target.path)
    assert copy.name == "ITB recovery" + COPY_SUFFIX
    assert target.path.read_text().startswith("# Your copy of the bundled routine")
    assert build_plan(copy).total_seconds == build_plan(load_routine(bundled)).total_seconds
    again = editable("itb-recovery")
    assert again.path == target.path and "editing your copy" in again.notice
    assert hashlib.sha256(bundled.read_bytes()).hexdigest() == digest


def test_the_persons_own_file_is_edited_where_it_is(tmp_path):
    mine = tmp_path / "knee.yaml"
    mine.write_text(COMMENTED)
    assert editable(str(mine)).path == mine and editable(str(mine)).notice is None


def test_itbtimer_edit_prints_the_copy_it_made(capsys, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)  # the window cannot open: exit 2, said so
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert cli.main(["edit", "foam-roll"]) == 2
    assert "display" in capsys.readouterr().err.lower()
    assert cli.main(["edit", "foam-roll"]) == 2
    out = capsys.readouterr().out.splitlines()
    assert "your copy" in out[0]
    assert "never changed" in out[0]
    assert Path(out[1]) == user_routines_dir() / "my-foam-roll.yaml"


def test_itbtimer_edit_of_a_routine_that_does_not_exist_says_so(capsys):
    assert cli.main(["edit", "nonesuch"]) == 2
    assert "no routine of that name" in capsys.readouterr().err


# --- random edits always leave something valid or an error on a field ---------------------


def test_deleting_a_new_sections_only_exercise_then_adding_a_section_stays_yaml():
    """Found by hypothesis: an emptied list of exercises made ruamel write broken YAML."""
    document = Document(COMMENTED)
    for step in [("add_section", 0, 0, 0, "", False), ("undo", 0, 0, 0, "", False),
                 ("redo", 0, 0, 0, "", False), ("delete", 9, 0, 0, "", False),
                 ("add_section", 0, 0, 0, "", False)]:
        apply_edit(document, step)
    assert document.problems == ()
    assert document.text.endswith("      - name: New exercise\n# the end\n")
