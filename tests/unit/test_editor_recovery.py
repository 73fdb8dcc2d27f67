"""Unsaved edits kept when itbtimer is ended without asking, and found on the next open."""

from __future__ import annotations

from pathlib import Path

from itbtimer.editor.document import Document
from itbtimer.editor.recovery import keep, kept_notice, recovery_file

ROUTINE = """\
name: Mine  # my own
sections:
  - name: Warm-up
    exercises:
      - name: Squats
        work: 30s
"""


def _document(tmp_path: Path) -> Document:
    path = tmp_path / "routines" / "mine.yaml"
    path.parent.mkdir()
    path.write_text(ROUTINE)
    return Document.open(path)


def test_unsaved_edits_are_kept_in_the_state_folder_and_the_routine_is_untouched(tmp_path):
    document = _document(tmp_path)
    document.set_field((0, 0), "work", "45s")
    state = tmp_path / "state"
    kept = keep(document, state)
    assert kept == recovery_file(document.path, state)
    assert kept.parent == state / "unsaved-edits" and kept.name.startswith("mine-")
    assert "work: 45s" in kept.read_text() and "# my own" in kept.read_text()
    assert document.path.read_text() == ROUTINE


def test_nothing_is_kept_without_changes(tmp_path):
    document = _document(tmp_path)
    assert keep(document, tmp_path / "state") is None
    assert not (tmp_path / "state").exists()


def test_the_next_open_is_told_where_the_edits_are(tmp_path):
    document = _document(tmp_path)
    state = tmp_path / "state"
    assert kept_notice(document.path, state, str(tmp_path)) is None
    document.set_field((0, 0), "work", "45s")
    keep(document, state)
    notice = kept_notice(document.path, state, str(tmp_path))
    assert notice is not None and "not saved" in notice
    assert "~/state/unsaved-edits/mine-" in notice
    other = tmp_path / "routines" / "other.yaml"
    assert kept_notice(other, state, str(tmp_path)) is None


def test_two_routines_with_one_name_in_two_folders_do_not_share_a_file(tmp_path):
    state = tmp_path / "state"
    assert recovery_file(tmp_path / "a" / "x.yaml", state) != recovery_file(
        tmp_path / "b" / "x.yaml", state)
