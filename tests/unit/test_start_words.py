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
