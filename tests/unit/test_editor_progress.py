"""`progress:` in the routine editor (issue 23): its fields show where the file has it,
edit the keys inside the group as written, and go with the group when emptied."""

from __future__ import annotations

from itbtimer.editor.document import ROUTINE, Document

KNEE = """\
name: Knee
ask: knee pain
progress: {pain_at_most: 2}
sections:
  - name: Strength
    sets: 2
    progress: {sets_up_to: 3}
    exercises:
      - name: Plank
        work: 30s
        progress: {by: 5s, up_to: 60s}   # the physio's plan
      - name: Dips
        reps: 8-12
"""


def keys(document: Document, path: tuple[int, ...]) -> list[str]:
    return [f.key for f in document.fields(path)]


def test_progress_fields_show_where_the_file_has_progress():
    document = Document(KNEE)
    assert keys(document, (0, 0))[-3:] == ["progress.by", "progress.up_to", "how"]
    assert "progress.by" not in keys(document, (0, 1))
    assert keys(document, (0,))[-1] == "progress.sets_up_to"
    assert keys(document, ROUTINE)[-1] == "progress.pain_at_most"
    assert (document.value((0, 0), "progress.by"), document.value((0, 0), "progress.up_to"),
            document.value((0,), "progress.sets_up_to"),
            document.value(ROUTINE, "progress.pain_at_most")) == ("5s", "60s", "3", "2")


def test_editing_a_progress_field_changes_only_its_value():
    document = Document(KNEE)
    document.set_field((0, 0), "progress.up_to", "1m")
    document.set_field((0,), "progress.sets_up_to", "4")
    lines = document.text.splitlines()
    assert lines[6] == "    progress: {sets_up_to: 4}"
    assert lines[10].startswith("        progress: {by: 5s, up_to: 1m}")
    assert lines[10].endswith("# the physio's plan")
    assert [a == b for a, b in zip(lines, KNEE.splitlines(), strict=True)].count(False) == 2
    assert document.routine is not None
    growth = document.routine.sections[0].exercises[0].growth
    assert growth is not None and growth.up_to == 60


def test_a_mistake_in_progress_is_shown_at_its_field():
    document = Document(KNEE)
    document.set_field((0, 0), "progress.up_to", "20s")
    assert document.errors((0, 0)) == {
        "progress.up_to": "20s is not more than the exercise's own 30s: write the most it "
                          "may grow to"}


def test_emptying_both_fields_removes_the_group_and_its_fields():
    document = Document(KNEE)
    document.set_field((0, 0), "progress.by", "")
    assert "progress.up_to" in keys(document, (0, 0))  # the group is still there
    document.set_field((0, 0), "progress.up_to", "")
    assert "progress" not in document.text.split("- name: Plank")[1].split("- name:")[0]
    assert "progress.by" not in keys(document, (0, 0))
