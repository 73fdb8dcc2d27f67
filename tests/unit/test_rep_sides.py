"""Each side on its own, for reps: a paced (tempo) reps step's count (`reps_done`) is a
figure per exercise and side, the last session's and the best, read by the store's own
queries on a database in memory; un-paced reps steps have no count and show none; the
asymmetry of reps is said by the same rule as the holds'."""

from __future__ import annotations

from datetime import datetime, timedelta

from itbtimer.history.figures import Asymmetry, Measure, reps_lines
from itbtimer.history.records import Held
from tests.helpers import figures_of
from tests.sides_helpers import ITB, TZ, dips_session

TODAY = datetime(2026, 12, 7)


def test_a_session_keeps_the_most_reps_counted_in_a_set_of_each_side():
    session = dips_session(datetime(2026, 12, 1, 18, tzinfo=TZ), 10, 8, sets=2)
    assert session.side_reps() == {Held("Squats"): 12, Held("Single leg dips", "left"): 10,
                                   Held("Single leg dips", "right"): 8}
    unpaced = dips_session(datetime(2026, 12, 1, 18, tzinfo=TZ), None, None)
    assert unpaced.side_reps() == {Held("Squats"): 12}


def test_the_store_reads_last_and_best_reps_per_side_left_before_right():
    first = dips_session(datetime(2026, 12, 1, 18, tzinfo=TZ), 12, 7)
    second = dips_session(datetime(2026, 12, 3, 18, tzinfo=TZ), 10, 8, squats=11)
    rehearsal = dips_session(datetime(2026, 12, 4, 18, tzinfo=TZ), 20, 20, practice=True)
    progress = figures_of([first, second, rehearsal], TODAY.date(), ITB)
    # first recorded first (in one session: by name), left before right
    assert [(r.label, r.last, r.best) for r in progress.reps] == [
        ("Single leg dips (left)", 10, 12), ("Single leg dips (right)", 8, 8),
        ("Squats", 11, 12)]
    assert reps_lines(progress.reps) == [
        "Single leg dips: L 10 · R 8 reps (last), best L 12 · R 8",
        "Squats: 11 reps (last), best 12"]
    assert progress.holds == ()  # reps are not holds


def test_un_paced_reps_have_no_count_and_show_none():
    sessions = [dips_session(datetime(2026, 12, d, 18, tzinfo=TZ), None, None)
                for d in (1, 3)]
    progress = figures_of(sessions, TODAY.date(), ITB)
    assert [r.label for r in progress.reps] == ["Squats"]
    assert all("dips" not in line for line in reps_lines(progress.reps))


def test_the_asymmetry_of_reps_by_the_holds_rule():
    start = TODAY - timedelta(weeks=9)
    sessions = [dips_session((start + timedelta(days=3 * n, hours=18)).replace(tzinfo=TZ),
                             10, 6 if n < 10 else 8) for n in range(21)]
    progress = figures_of(sessions, TODAY.date(), ITB)
    (asymmetry,) = progress.asymmetries
    assert (asymmetry.measure, asymmetry.shorter, asymmetry.percent) == (
        Measure.REPS, "right", 20)
    assert asymmetry.was is not None and asymmetry.was.percent == 40
    assert asymmetry.text() == ("Single leg dips: right side 20 % fewer reps than left "
                                "(last 4 weeks), was 40 % in October 2026")


def test_asymmetry_words_of_reps():
    fewer = Asymmetry.of("Single leg dips", {"left": 8.0, "right": 10.0}, Measure.REPS)
    assert fewer is not None
    assert fewer.text() == "Single leg dips: left side 20 % fewer reps than right (last 4 weeks)"
    even = Asymmetry.of("Single leg dips", {"left": 8.0, "right": 8.0}, Measure.REPS)
    assert even is not None
    assert even.text() == "Single leg dips: left and right even (last 4 weeks)"
