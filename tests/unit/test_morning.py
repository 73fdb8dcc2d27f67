"""The morning-after question (issue 23): which session it asks about on a start, in which
words, and that an answer or a skip is remembered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from itbtimer.adapters.recent import RecentFiles
from itbtimer.adapters.settings import Settings
from itbtimer.app.wiring import App, bootstrap
from itbtimer.history.figures import Listed
from itbtimer.history.morning import MORNING_WITHIN_DAYS, morning_due
from itbtimer.present.morning_words import MorningQuestion
from tests.fakes import FakeAwake, FakePlayer, MemoryHistory
from tests.sides_helpers import TZ, side_session

TUESDAY = datetime(2026, 12, 1, 18, 0, tzinfo=TZ)
WEDNESDAY = date(2026, 12, 2)


def listed(start: datetime = TUESDAY, question: str | None = "knee pain", **fields) -> Listed:
    return replace(Listed(f"s{start:%Y%m%d%H%M}", start, "ITB recovery", True, 1800.0, 2, False,
                          1.0, False, False, (), question), **fields)


def test_the_next_day_asks_about_the_newest_session_that_asked_a_question():
    monday, tuesday = listed(TUESDAY.replace(day=30, month=11)), listed()
    assert morning_due([monday, tuesday], WEDNESDAY, ()) == tuesday


def test_the_same_day_asks_nothing():
    assert morning_due([listed()], TUESDAY.date(), ()) is None


def test_a_session_answered_or_asked_before_is_not_asked_again():
    assert morning_due([listed(morning=3)], WEDNESDAY, ()) is None
    assert morning_due([listed(morning=0)], WEDNESDAY, ()) is None
    assert morning_due([listed()], WEDNESDAY, [listed().id]) is None  # skipped before


def test_practice_runs_sessions_in_progress_and_damaged_rows_are_not_sessions_to_ask_about():
    tuesday = listed()
    later = TUESDAY.replace(hour=20)
    for other in (listed(later, practice=True), listed(later, in_progress=True),
                  listed(later, damaged="start is not a date")):
        assert morning_due([tuesday, other], WEDNESDAY, ()) == tuesday, other


def test_a_routine_that_asks_nothing_is_passed_over_for_the_one_that_asks():
    tuesday, evening = listed(), listed(TUESDAY.replace(hour=21), question=None)
    assert morning_due([tuesday, evening], WEDNESDAY, ()) == tuesday
    assert morning_due([evening], WEDNESDAY, ()) is None


def test_only_the_newest_is_asked_about_an_older_one_is_past_its_morning():
    monday, tuesday = listed(TUESDAY.replace(day=30, month=11)), listed()
    assert morning_due([monday, tuesday], WEDNESDAY, [tuesday.id]) is None


def test_a_session_more_than_six_days_old_is_not_asked_about():
    tuesday = listed()
    week_on = date(2026, 12, 1 + MORNING_WITHIN_DAYS)
    assert morning_due([tuesday], week_on, ()) == tuesday
    assert morning_due([tuesday], date(2026, 12, 2 + MORNING_WITHIN_DAYS), ()) is None


def test_the_question_is_the_routines_own_with_the_day_of_its_session():
    question = MorningQuestion("s1", "knee pain", TUESDAY.date())
    assert question.heading() == "Knee pain this morning, 0–10? (after Tuesday's session)"
    assert "Esc skips" in question.help()
    assert question.state(None) == ""
    assert question.state(3) == "Knee pain this morning 3/10 — saved"
    assert question.state(10, error="the disk is full") == (
        "Knee pain this morning 10/10 — not saved: the disk is full")
    hip = MorningQuestion("s1", "hip pain", date(2026, 11, 29))
    assert hip.heading() == "Hip pain this morning, 0–10? (after Sunday's session)"


def test_sessions_asked_about_are_remembered_across_starts(tmp_path):
    assert Settings(tmp_path).morning_asked() == []
    Settings(tmp_path).remember_morning_asked("s1")
    Settings(tmp_path).remember_morning_asked("s2")
    Settings(tmp_path).remember_morning_asked("s1")
    assert Settings(tmp_path).morning_asked() == ["s2", "s1"]
    (tmp_path / "asked.json").write_text('{"morning_after": [1, "s3", null]}')
    assert Settings(tmp_path).morning_asked() == ["s3"]  # a hand-edited file is forgiven


def app_on(tmp_path, history: MemoryHistory) -> App:
    return bootstrap(player=FakePlayer(), history=history, awake=FakeAwake(),
                     recent=RecentFiles(tmp_path / "recent.json"), settings=Settings(tmp_path),
                     wallclock=lambda: datetime(2026, 12, 2, 7, 30, tzinfo=TZ))


def test_an_answer_the_history_cannot_take_says_why_and_is_asked_again(tmp_path):
    history = MemoryHistory([side_session(TUESDAY, 40.0, 31.0)], fail=True)
    app = app_on(tmp_path, history)
    question = app.morning_question()
    assert question is not None and question.session_id == history.records[0].id
    assert app.answer_morning(question, 3) == "the disk holding memory is full"
    assert app.morning_question() == question  # not kept: asked again at the next start
    history.fail = False
    assert app.answer_morning(question, 3) is None
    assert history.records[0].morning == 3 and app.morning_question() is None


def test_a_skip_is_remembered_and_the_history_left_as_it_was(tmp_path):
    history = MemoryHistory([side_session(TUESDAY, 40.0, 31.0)])
    app = app_on(tmp_path, history)
    question = app.morning_question()
    assert question is not None
    app.skip_morning(question)
    assert app.morning_question() is None and history.records[0].morning is None
    assert app_on(tmp_path, history).morning_question() is None  # a new start: not asked


def test_a_question_from_an_imported_record_reaches_the_start_screen_escaped():
    # an imported record's question may hold any text: a bidi override and an ESC
    question = MorningQuestion("ab12", "knee\u202e\x1b[2J pain", date(2026, 12, 8))
    assert "\u202e" not in question.heading() and "\x1b" not in question.heading()
    assert "\\u202e" in question.heading() and "\\x1b" in question.heading()
    assert "\u202e" not in question.state(3) and "\\x1b" in question.state(3, "disk full")
