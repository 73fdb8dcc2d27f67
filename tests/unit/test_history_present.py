"""The History screen's words and the target's colour, decided without Tk."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from itbtimer.core.runs import DistanceUnit
from itbtimer.history import Listed
from itbtimer.present.history_words import (
    MET,
    NOT_MET,
    list_line,
    list_rows,
    pain_free_titles,
    pain_titles,
    score_text,
    target_legend,
    week_colour,
    week_scope,
    week_titles,
)

START = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)


def listed(pain: int | None = None, practice: bool = False, interrupted: bool = False,
           left: bool = False, morning: int | None = None) -> Listed:
    return Listed("abcdef0123", START, "Knee", True, 750.0, pain, practice,
                  10.0 if practice else 1.0, left, interrupted, (), left=left, morning=morning)


def test_list_lines_say_when_how_long_the_pain_and_what_kind_of_run():
    assert list_line(listed()) == "23 Nov 2026 18:00 0:12:30"
    assert list_line(listed(pain=3)) == "23 Nov 2026 18:00 0:12:30 pain 3"
    assert list_line(listed(pain=0, practice=True)) == "23 Nov 2026 18:00 0:12:30 pain 0 practice"
    assert list_line(listed(interrupted=True)) == "23 Nov 2026 18:00 0:12:30 interrupted"
    assert list_line(listed(practice=True, interrupted=True)).endswith(" practice")


def test_list_lines_say_the_answer_the_morning_after_beside_the_one_after_the_session():
    assert list_line(listed(pain=3, morning=1)) == "23 Nov 2026 18:00 0:12:30 pain 3, morning 1"
    assert list_line(listed(morning=0)) == "23 Nov 2026 18:00 0:12:30 morning 0"
    assert list_line(listed(pain=2, morning=4), short=True) == (
        "23 Nov 18:00 12:30 pain 2, morning 4")


def test_a_sessions_note_is_in_its_list_line_escaped_and_cut_to_fit():
    noted = replace(listed(pain=3), note="twinge on the lunges, left")
    assert list_line(noted) == "23 Nov 2026 18:00 0:12:30 pain 3 “twinge on the lunges, left”"
    assert list_line(noted, short=True) == "23 Nov 18:00 12:30 pain 3 “twinge on the l…”"
    hostile = replace(listed(), note="a\u202eb" + "x" * 100)
    line = list_line(hostile)
    assert "\u202e" not in line and "a\\u202eb" in line and line.endswith("x…”")
    assert len(line) == len(list_line(listed())) + len(" “”") + 40
    assert list_line(noted, short=True, notes=False) == "23 Nov 18:00 12:30 pain 3"


def test_the_runs_chart_is_titled_in_the_newest_runs_unit():
    assert pain_free_titles(DistanceUnit.MI) == ("Distance before the pain (mi)",
                                                 "Before pain (mi)")


def test_the_weeks_scope_says_how_much_is_shown():
    assert week_scope(12, False, False) == "12 weeks"
    assert week_scope(12, False, True) == "12 weeks, ← earlier"
    assert week_scope(40, True, False) == "whole history"
    assert week_scope(9, True, False) == "9 weeks"  # a short history is never "whole" by name
    assert week_titles(12, False, True) == ("Sessions per week (12 weeks, ← earlier)",
                                            "Sessions per week")


def test_a_week_is_green_only_when_it_met_a_target():
    assert week_colour(3, 3) == MET and week_colour(4, 3) == MET
    assert week_colour(2, 3) == NOT_MET
    assert week_colour(5, None) == NOT_MET and week_colour(0, 0) == NOT_MET
    assert target_legend(3) == [("target 3 a week", "target 3")]
    assert target_legend(None) == [] and target_legend(0) == []


def test_pain_titles_and_scores():
    assert pain_titles("Hip pain") == ("Hip pain after the session (0-10)", "Hip pain")
    assert score_text(4.0) == "4" and score_text(3.5) == "3.5" and score_text(0.0) == "0"


def test_short_list_lines_drop_the_year_and_the_hour_never_a_word():
    assert list_line(listed(pain=2, practice=True), short=True) == (
        "23 Nov 18:00 12:30 pain 2 practice")


def test_a_damaged_row_in_short_says_so_without_the_command():
    from dataclasses import replace

    damaged = replace(listed(), damaged="unreadable")
    assert list_line(damaged, short=True) == "abcdef01 damaged record"
    assert list_line(damaged).endswith("itbtimer history --delete abcdef01")


def test_a_session_whose_window_is_gone_but_not_yet_saved_says_so():
    """A full or read-only disk: the History screen lists it as the CLI does (issue 20.5)."""
    assert list_line(listed(left=True)) == "23 Nov 2026 18:00 0:12:30 interrupted, not yet saved"


def test_the_list_shortens_each_note_to_the_room_left_rather_than_dropping_them_all():
    """Issue 24: at 1366x768 the rows with whole notes were too wide, so every note went.
    The rows go short and each note takes the room left, ending in …; a note goes only
    where not even a few of its letters fit."""
    noted = replace(listed(pain=2), note="twinge on the step-downs, left")
    bare = listed(pain=3)
    short = list_line(noted, short=True, notes=False)

    def fits(room: int):
        return lambda line: len(line) <= room

    assert list_rows([noted, bare], fits(200)) == [list_line(noted), list_line(bare)]
    rows = list_rows([noted, bare], fits(len(short) + 14))
    assert rows == [short + " “twinge on…”", list_line(bare, short=True)]
    assert list_rows([noted], fits(len(short) + 4)) == [short]  # "“t…”" says nothing: none
