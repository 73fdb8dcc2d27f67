"""Each side on its own: a one-sided exercise's holds are figures per side (records, the
store's queries on a database in memory, the words), and the asymmetry is said in words."""

from __future__ import annotations

from datetime import date, datetime

from itbtimer.history.figures import Asymmetry, Hold, hold_lines
from itbtimer.history.records import Held
from itbtimer.present.history_words import hold_legend
from tests.helpers import figures_of
from tests.sides_helpers import ITB, TZ, side_session, weeks_of_sessions

TODAY = datetime(2026, 12, 7)


def test_a_session_keeps_the_longest_hold_of_each_side_and_holds_still_merges_them():
    session = side_session(datetime(2026, 12, 1, 18, tzinfo=TZ), 40.0, 31.0, sets=2)
    assert session.side_holds() == {Held("Plank"): 50.0, Held("Side plank", "left"): 40.0,
                                    Held("Side plank", "right"): 31.0}
    assert session.holds() == {"Plank": 50.0, "Side plank": 40.0}  # the notification's
    assert Held("Side plank", "left").label == "Side plank (left)"


def test_the_store_reads_best_and_last_per_side_left_before_right():
    first = side_session(datetime(2026, 12, 1, 18, tzinfo=TZ), 40.0, 28.0)
    second = side_session(datetime(2026, 12, 3, 18, tzinfo=TZ), 38.0, 31.0)
    progress = figures_of([first, second], TODAY.date(), ITB)
    assert [(h.label, h.best, h.last) for h in progress.holds] == [
        ("Plank", 50.0, 50.0), ("Side plank (left)", 40.0, 38.0),
        ("Side plank (right)", 31.0, 31.0)]
    assert hold_lines(progress.holds) == ["Plank: best 0:50, last 0:50",
                                          "Side plank: L best 0:40 · R best 0:31"]


def test_practice_runs_are_left_out_of_the_figures_of_each_side():
    real = side_session(datetime(2026, 12, 1, 18, tzinfo=TZ), 40.0, 31.0)
    rehearsal = side_session(datetime(2026, 12, 2, 18, tzinfo=TZ), 90.0, 90.0, practice=True)
    progress = figures_of([real, rehearsal], TODAY.date(), ITB)
    assert [h.best for h in progress.holds if h.side] == [40.0, 31.0]


def test_the_series_of_each_side_has_a_point_per_session():
    sessions = [side_session(datetime(2026, 12, d, 18, tzinfo=TZ), 40.0 + d, 30.0 + d)
                for d in (1, 3, 5)]
    progress = figures_of(sessions, TODAY.date(), ITB, series=True)
    right = next(h for h in progress.holds if h.side == "right")
    assert [v for _, v in right.series] == [31.0, 33.0, 35.0]


def test_the_asymmetry_of_the_last_four_weeks_and_of_the_first_ones():
    progress = figures_of(weeks_of_sessions(TODAY), TODAY.date(), ITB)
    (asymmetry,) = progress.asymmetries
    assert (asymmetry.shorter, asymmetry.longer, asymmetry.percent) == ("right", "left", 20)
    assert asymmetry.was is not None and asymmetry.was.percent == 35
    assert asymmetry.text() == ("Side plank: right side 20 % shorter than left (last 4 weeks), "
                                "was 35 % in September 2026")


def test_no_asymmetry_without_both_sides_in_the_last_four_weeks():
    old = side_session(datetime(2026, 9, 1, 18, tzinfo=TZ), 40.0, 30.0)
    assert figures_of([old], TODAY.date(), ITB).asymmetries == ()
    one = side_session(datetime(2026, 12, 1, 18, tzinfo=TZ), 40.0, 30.0)
    assert figures_of([one], TODAY.date(), ITB).asymmetries[0].was is None  # no earlier weeks


def test_asymmetry_words_for_each_case():
    assert Asymmetry.of("Side plank", {"left": 40.0}) is None
    even = Asymmetry.of("Side plank", {"left": 40.0, "right": 40.0})
    assert even is not None and even.text() == "Side plank: left and right even (last 4 weeks)"
    left = Asymmetry.of("Single-leg dips", {"left": 30.0, "right": 40.0})
    assert left is not None
    assert left.text() == "Single-leg dips: left side 25 % shorter than right (last 4 weeks)"
    flipped = Asymmetry(left.exercise, "right", "left", 10, was=left,
                        was_since=date(2026, 10, 1))
    assert flipped.text().endswith("was left 25 % shorter in October 2026")
    closed = Asymmetry(left.exercise, "left", "right", 0, was=left, was_since=date(2026, 10, 1))
    assert closed.text().endswith("even (last 4 weeks), was left 25 % shorter in October 2026")
    was_even = Asymmetry(left.exercise, "left", "right", 25, was=even,
                         was_since=date(2026, 10, 1))
    assert was_even.text().endswith(", were even in October 2026")


def test_the_chart_legend_says_which_line_is_the_right_side():
    left = Hold("Side plank", 40.0, 38.0, (), "left")
    right = Hold("Side plank", 31.0, 31.0, (), "right")
    assert hold_legend([left, right]) == "Side plank: L best 0:40 · R best 0:31, R dashed"
    assert hold_legend([Hold("Plank", 57.0, 52.0, ())]) == "Plank: best 0:57, last 0:52"


def test_the_morning_after_answers_are_a_series_of_their_own():
    sessions = [side_session(datetime(2026, 12, d, 18, tzinfo=TZ), 40.0, 30.0).with_morning(m)
                for d, m in ((1, 3), (3, None), (5, 1))]
    progress = figures_of(sessions, TODAY.date(), ITB, series=True)
    assert [p for _, p in progress.morning] == [3, 1] and len(progress.pain) == 3
    assert figures_of(sessions, TODAY.date(), ITB).morning == ()  # the start screen's: none
