"""What the start screen says about progress (present/start_words.py)."""

from __future__ import annotations

from datetime import datetime

from itbtimer.history.figures import Progress
from itbtimer.present.start_words import left_out_line, progress_line


def progress(left_out: tuple[int, int] | None) -> Progress:
    return Progress(this_week=0, per_week=3, last_session=datetime(2026, 12, 7, 18, 0),
                    weeks=(), holds=(), pain=(), last_left_out=left_out)


def test_the_week_and_the_last_session_on_one_line():
    assert progress_line(progress(None)) == "This week: 0 of 3 · Last: Mon 07 Dec 18:00"


def test_a_last_session_left_out_of_its_week_says_the_rule():
    assert left_out_line(progress((2, 7))) == (
        "Last session not counted: 2 of 7 exercises done; a session counts for its week "
        "when at least half are done.")


def test_a_last_session_that_counts_says_nothing():
    assert left_out_line(progress(None)) is None


def test_after_opening_the_file_the_notice_says_where_to_fix_it():
    from pathlib import Path

    from itbtimer.present.start_words import opened_words

    assert opened_words(Path("/r/knee.yaml"), None).startswith(
        "Opened knee.yaml in your text editor")
    failed = opened_words(Path("/r/knee.yaml"), "xdg-open is not installed")
    assert "xdg-open is not installed" in failed and "/r/knee.yaml" in failed


def test_no_program_to_open_files_with_is_said_not_raised(monkeypatch):
    import sys
    from pathlib import Path

    from itbtimer.adapters import opener

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(opener.shutil, "which", lambda name: None)
    assert opener.open_in_text_editor(Path("/r/knee.yaml")) == "xdg-open is not installed"
