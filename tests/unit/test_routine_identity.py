"""A routine's identity: its `id:`, else its name; kept by copies and renames (issue 21.1)."""

from __future__ import annotations

from itbtimer.editor.copies import personal_copy_text
from itbtimer.editor.document import ROUTINE, Document
from itbtimer.history.records import SessionRecord, identity_of
from itbtimer.routine_files import parse_routine
from itbtimer.routine_files.starter import with_identity

KNEE = "# my routine\nname: Knee\nsections:\n  - name: A\n    exercises:\n      - {name: Squat}\n"


def test_identity_is_the_id_when_given_else_the_name():
    assert parse_routine(KNEE).identity == "Knee"
    assert parse_routine("id: knee-2025\n" + KNEE).identity == "knee-2025"


def test_renaming_in_the_editor_keeps_the_old_name_as_the_identity_once():
    document = Document(KNEE)
    document.set_field(ROUTINE, "name", "Knee, harder")
    document.set_field(ROUTINE, "name", "Knee, hardest")
    routine = parse_routine(document.text)
    assert (routine.name, routine.identity) == ("Knee, hardest", "Knee")
    assert document.text.startswith("# my routine\nname: Knee, hardest\nid: Knee\n")


def test_a_copy_of_a_bundled_routine_keeps_its_history():
    copy = parse_routine(personal_copy_text(KNEE, "knee"))
    assert (copy.name, copy.identity) == ("Knee (my copy)", "Knee")


def test_a_fresh_copy_gets_an_identity_of_its_own_in_place_of_the_old_one():
    text = with_identity("id: old\n" + KNEE, "knee: fresh")
    routine = parse_routine(text)
    assert routine.identity == "knee: fresh" and routine.name == "Knee"
    assert text.count("id:") == 1


def test_sessions_recorded_before_identities_belong_to_the_routine_they_copied():
    assert identity_of("ITB recovery (my copy)") == "ITB recovery"
    assert identity_of("ITB recovery") == "ITB recovery"
    assert identity_of(" (my copy)") == " (my copy)"
    old = SessionRecord.from_json({"version": 2, "id": "a", "start": "2026-12-01T07:00:00+00:00",
                                   "routine": "Knee (my copy)"})
    assert old.identity == "Knee" and old.to_json()["routine_id"] == "Knee"
