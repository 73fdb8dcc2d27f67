"""The editor screen's decisions, without Tk: what its keys mean, its questions, its words."""

from __future__ import annotations

from itbtimer.core.plan import build_plan
from itbtimer.editor.document import OutlineRow
from itbtimer.editor.fields import Field, Kind, Level
from itbtimer.editor.words import (
    Answer,
    History,
    Question,
    answer_key,
    delete_question,
    field_hint,
    home_path,
    leave_question,
    outline_line,
    place_errors,
    summary_line,
    title,
    undo_or_redo,
)
from itbtimer.routine_files import parse_routine

CONTROL, SHIFT, CAPS_LOCK = 0x4, 0x1, 0x2
ROUTINE = """\
name: Knee
defaults: {{get_ready: 5, rest: 10s}}
sections:
  - name: Main
    exercises:
      - {{name: Squat, work: 30s}}
      - {{name: Lunge, work: 20s}}
{extra}"""


def test_ctrl_z_undoes_and_ctrl_shift_z_redoes():
    assert undo_or_redo(CONTROL) is History.UNDO
    assert undo_or_redo(CONTROL | SHIFT) is History.REDO


def test_caps_lock_does_not_turn_undo_into_redo():
    # With Caps Lock on, Ctrl+Z arrives as keysym "Z": the Shift bit decides, not the case.
    assert undo_or_redo(CONTROL | CAPS_LOCK) is History.UNDO
    assert undo_or_redo(CONTROL | CAPS_LOCK | SHIFT) is History.REDO


def test_each_question_takes_its_own_answers_only():
    assert answer_key(Question.DELETE, "Return") is Answer.DELETE
    assert answer_key(Question.DELETE, "KP_Enter") is Answer.DELETE
    assert answer_key(Question.DELETE, "s") is None
    assert answer_key(Question.LEAVE, "s") is Answer.SAVE
    assert answer_key(Question.LEAVE, "S") is Answer.SAVE
    assert answer_key(Question.LEAVE, "D") is Answer.DISCARD
    assert answer_key(Question.LEAVE, "Return") is None
    assert answer_key(None, "Return") is None and answer_key(None, "s") is None


def test_questions_name_what_they_ask_about():
    assert delete_question("Plank", (1,)) == (
        "Delete the section “Plank”?  (Enter: delete · Esc: keep it)")
    assert "exercise “Lunges”" in delete_question("Lunges", (1, 2))
    assert "before quitting" in leave_question(True)
    assert "before leaving" in leave_question(False)


def test_title_says_when_changes_are_not_saved():
    assert title("ITB", False) == "Editing ITB"
    assert title("ITB", True) == "Editing ITB  (changed, not saved)"


def test_summary_line_gives_the_total_or_the_count_of_mistakes():
    timed = build_plan(parse_routine(ROUTINE.format(extra="")))
    assert summary_line(timed, 0) == ("Total 0:01:05 · 4 steps", False)
    plank = "      - {name: Plank, until: shaking}\n"
    untimed = build_plan(parse_routine(ROUTINE.format(extra=plank)))
    assert summary_line(untimed, 0) == ("Total 0:01:15 of timed steps, plus 1 untimed (reps or "
                                        "holds until done) · 6 steps", False)
    assert summary_line(None, 1) == (
        "1 mistake to fix (marked below); the total needs a valid routine", True)
    assert summary_line(None, 3)[0].startswith("3 mistakes to fix")


def test_outline_lines_are_indented_by_level_and_marked_when_wrong():
    assert outline_line(OutlineRow((), Level.ROUTINE, "ITB", "5:00", False)) == "ITB"
    assert outline_line(OutlineRow((0,), Level.SECTION, "Warm-up", "× 2", False)) == (
        "  Warm-up  — × 2")
    assert outline_line(OutlineRow((0, 1), Level.EXERCISE, "Plank", "", True)) == (
        "      ⚠ Plank")


def test_field_hint_prefers_what_empty_means_over_an_example():
    field = Field("work", "How long", Kind.DURATION, hint="45s")
    assert field_hint(field, "30s from the section") == "empty: 30s from the section"
    assert field_hint(field, None) == "like 45s"
    assert field_hint(Field("name", "Name", Kind.TEXT), None) == ""


def test_place_errors_name_the_key_when_no_field_shows_it():
    assert place_errors({"": "a section needs exercises", "colour": "unknown key"}) == [
        "⚠ a section needs exercises", "⚠ colour: unknown key"]


def test_paths_under_home_are_shown_with_a_tilde():
    assert home_path("/home/me/.config/x.yaml", "/home/me") == "~/.config/x.yaml"
    assert home_path("/home/meg/x.yaml", "/home/me") == "/home/meg/x.yaml"
    assert home_path(None, "/home/me") == "not saved yet"
