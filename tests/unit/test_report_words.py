"""What the report and the routine card say, decided without a PDF: the paper, the period,
the weeks against the target, the answers, the holds of each side, an exercise in words;
the history's figures for a report's weeks (the store's own queries, in memory)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from itbtimer.core.escaping import escaped_for
from itbtimer.core.routine import Side
from itbtimer.gui.report_maker import ReportMaker, report_command, report_file, shown
from itbtimer.history.charts import dashed_side
from itbtimer.history.records import RunRecord
from itbtimer.report.card import what
from itbtimer.report.charts import spaced
from itbtimer.report.paper import Paper, paper_for
from itbtimer.report.parts import notes_part
from itbtimer.report.words import Period, hold_rows, pain_lines, scores_line, weeks_lines
from tests.fakes import FakeClock, FakeTimers
from tests.helpers import figures_of, plan_of, wait_until
from tests.sides_helpers import ITB, TZ, side_session

TODAY = date(2026, 12, 7)  # a Monday


def test_letter_where_the_locale_s_country_uses_it_a4_elsewhere():
    assert paper_for({"LANG": "en_US.UTF-8"}) == Paper.LETTER
    assert paper_for({"LANG": "fr_CA.UTF-8"}) == Paper.LETTER
    assert paper_for({"LANG": "es_MX@euro"}) == Paper.LETTER
    assert paper_for({"LANG": "en_GB.UTF-8"}) == Paper.A4
    assert paper_for({"LANG": "C.UTF-8"}) == Paper.A4
    assert paper_for({}) == Paper.A4
    # as the C library reads them: LC_ALL, then LC_PAPER, then LANG
    assert paper_for({"LANG": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}) == Paper.LETTER
    assert paper_for({"LC_ALL": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}) == Paper.A4


def test_a_period_is_whole_weeks_up_to_the_day_it_is_made():
    period = Period.of(date(2026, 12, 9), 12)  # a Wednesday
    assert period.first == date(2026, 9, 21) and period.first.weekday() == 0
    assert period.text() == "21 Sep – 09 Dec 2026 (12 weeks)"
    assert Period.of(date(2027, 1, 6), 4).text() == "14 Dec 2026 – 06 Jan 2027 (4 weeks)"
    assert Period.of(TODAY, 1).text() == "07 Dec – 07 Dec 2026 (1 week)"
    # a history shorter than the weeks asked: from its first session, the axes from its week
    short = Period.of(date(2026, 12, 9), 12, first_session=date(2026, 12, 8))
    assert short.text() == "08 Dec – 09 Dec 2026 (since the first session)"
    assert short.counted_from == TODAY and short.start().date() == TODAY
    assert Period.of(date(2026, 12, 9), 12, first_session=date(2026, 1, 5)).since is None


def test_the_weeks_against_the_target_and_this_week_so_far():
    weeks = [(date(2026, 11, 16), 3), (date(2026, 11, 23), 2), (date(2026, 11, 30), 4),
             (TODAY, 1)]
    # the week under way is not a missed week: it is "this week so far", met or not
    assert weeks_lines(weeks, 3) == ["10 sessions in 4 weeks, 2.5 a week",
                                     "Target 3 a week: met in 2 of 3 weeks "
                                     "(this week so far: 1)"]
    assert weeks_lines([*weeks[:3], (TODAY, 3)], 3)[1] == (
        "Target 3 a week: met in 2 of 3 weeks (this week so far: 3, met)")
    assert weeks_lines([(TODAY, 1)], None) == ["1 session in 1 week, 1.0 a week"]


def test_the_weeks_are_counted_from_the_first_session_s_week():
    """Two sessions three days into using it: no week before the first session, nor the one
    under way, is a missed week (it said "2 sessions in 12 weeks, 0.2 a week", "met in 0 of
    12 weeks")."""
    twelve = [(TODAY - timedelta(weeks=w), 0) for w in range(11, 0, -1)] + [(TODAY, 2)]
    first = TODAY + timedelta(days=2)  # a Wednesday
    assert weeks_lines(twelve, 3, first) == [
        "2 sessions since Wed 09 Dec 2026, the first (1 week), 2.0 a week",
        "Target 3 a week: no whole week yet (this week so far: 2)"]
    assert weeks_lines(twelve[-1:], 3) == [  # --weeks 1
        "2 sessions in 1 week, 2.0 a week",
        "Target 3 a week: no whole week yet (this week so far: 2)"]
    started = twelve[:9] + [(twelve[9][0], 3), (twelve[10][0], 1), (TODAY, 0)]
    assert weeks_lines(started, 3, twelve[9][0] + timedelta(days=4)) == [
        "4 sessions since Fri 27 Nov 2026, the first (3 weeks), 1.3 a week",
        "Target 3 a week: met in 1 of 2 weeks (this week so far: 0)"]
    assert weeks_lines(started, 3, twelve[0][0])[0] == "4 sessions in 12 weeks, 0.3 a week"


def test_the_answers_in_a_few_figures():
    t = datetime(2026, 12, 1, 18, tzinfo=TZ)
    series = [(t, 4.0), (t + timedelta(days=2), 2.0), (t + timedelta(days=4), 3.0)]
    assert scores_line("After the session", series) == (
        "After the session: mean 3.0, lowest 2, highest 4; first 4, last 3 (3 answers)")
    assert scores_line("The morning after", []) == "The morning after: no answers in these weeks"


def test_a_report_s_figures_are_of_its_weeks_and_the_bests_of_all_time():
    old = side_session(datetime(2026, 8, 3, 18, tzinfo=TZ), 70.0, 60.0, pain=7)  # before
    recent = [replace(side_session(datetime(2026, 11, d, 18, tzinfo=TZ), 40.0 + d, 30.0 + d,
                                   pain=d % 4), morning=1)
              for d in (17, 19, 24, 26)]
    period = Period.of(TODAY, 4)
    progress = figures_of([old, *recent], TODAY, ITB, series=True, since=period.first)
    assert [n for _, n in progress.weeks] == [2, 2, 0, 0]
    assert progress.weeks[0][0] == period.first
    assert progress.first_session == old.start  # the history's first, before these weeks
    assert [p for _, p in progress.pain] == [1, 3, 0, 2]  # the old session's 7 is not in them
    assert pain_lines(progress) == [
        "After the session: mean 1.5, lowest 0, highest 3; first 1, last 2 (4 answers)",
        "The morning after: mean 1.0, lowest 1, highest 1; first 1, last 1 (4 answers)"]
    assert hold_rows(progress.holds) == [
        ("Plank", "—", "0:50", "0:50", "0:50"),  # no sides
        ("Side plank", "left", "0:57", "1:06", "1:10"),  # best ever: the old session's
        ("Side plank", "right", "0:47", "0:56", "1:00")]


def test_a_hold_with_no_session_in_the_weeks_says_so_and_keeps_its_best():
    old = side_session(datetime(2026, 8, 3, 18, tzinfo=TZ), 70.0, 60.0)
    progress = figures_of([old], TODAY, ITB, series=True, since=Period.of(TODAY, 2).first)
    assert sum(n for _, n in progress.weeks) == 0 and progress.pain == ()
    assert hold_rows(progress.holds)[1] == ("Side plank", "left", "–", "–", "1:10")


def test_text_the_font_cannot_show_is_escaped_never_dropped():
    latin = set("Squat ")
    assert escaped_for("Squat 日", latin.__contains__) == "Squat \\u65e5"
    assert escaped_for("Squat\u202e", latin.__contains__) == "Squat\\u202e"
    assert escaped_for("Squat\x1b[31m", set("Squat[31m").__contains__) == "Squat\\x1b[31m"


CARD = """\
name: Card
sections:
  - name: A
    sets: 2
    rest: 30-45s
    exercises:
      - {name: Plank, until: shaking}
      - {name: Side plank, until: shaking, sides: both}
      - {name: Dips, reps: 8-12, tempo: 3-1-3, sides: both, sets: 1}
      - {name: Squat, work: 30s, sets: 1}
"""


def test_an_exercise_in_words_on_the_card():
    exercises = [e for s in plan_of(CARD).routine.sections for e in s.exercises]
    assert [what(e) for e in exercises] == [
        "2 sets × hold until shaking · rest 30-45 s between sets",
        "2 sets × hold until shaking · each side · rest 30-45 s between sets",
        "8-12 reps at tempo 3-1-3 · each side",
        "30 s"]


def test_the_save_dialog_proposes_documents_and_a_name_that_is_a_file_name(tmp_path):
    day = date(2026, 12, 7)
    assert report_file("ITB recovery", day, tmp_path) == tmp_path / "ITB recovery report " \
        "2026-12-07.pdf"
    (tmp_path / "Documents").mkdir()
    named = report_file("Knee/hip: 日本", day, tmp_path).name
    assert named == "Knee-hip- 日本 report 2026-12-07.pdf"
    assert report_file("///", day, tmp_path).parent == tmp_path / "Documents"
    assert report_file("///", day, tmp_path).name == "itbtimer report 2026-12-07.pdf"
    assert shown(tmp_path / "Documents" / "r.pdf", tmp_path) == "~/Documents/r.pdf"
    assert shown(Path("/srv/r.pdf"), tmp_path) == "/srv/r.pdf"


def test_the_report_is_made_by_the_command_line_and_what_it_said_is_handed_over():
    timers = FakeTimers(FakeClock())
    said: list[str] = []
    commands: list[list[str]] = []

    def run(command, **_):
        commands.append(command)
        return subprocess.CompletedProcess(command, 2, "", "itbtimer: /x/r.pdf: cannot write "
                                           "the PDF there (Read-only file system)\n")

    maker = ReportMaker(timers, said.append, run=run)
    target = Path("/x/r.pdf")
    maker.start(report_command("/r/itb.yaml", target, Path("/data")), target)
    maker.start(["again"], target)  # one at a time
    assert wait_until(lambda: said, lambda: timers.advance(0.1))
    assert commands == [[sys.executable, "-m", "itbtimer", "report", "/r/itb.yaml",
                         "--history", "/data", "-o", "/x/r.pdf"]]
    assert said == ["Report not written: itbtimer: r.pdf: cannot write the PDF there "
                    "(Read-only file system)"]
    assert not maker.busy


def test_notes_are_dated_by_day_only():
    """A run logged for an earlier day is kept at noon, a time nobody gave: no note shows
    a time (it showed "Sun 06 Dec 2026 12:00")."""
    run = RunRecord("r", datetime(2026, 12, 6, 12, tzinfo=TZ), 4000.0, note="hilly")
    part = notes_part([(datetime(2026, 12, 7, 7, 5, tzinfo=TZ), "twinge")], [run])
    assert part is not None
    assert part.rows == (("Sun 06 Dec 2026", "run", "hilly"),
                         ("Mon 07 Dec 2026", "session", "twinge"))


def test_labels_closer_than_their_width_are_left_out_the_last_kept():
    # (x, width) of each label in mm: the last always, then each one clear of the next kept
    assert spaced([(10.0, 2.0), (11.0, 2.0), (30.0, 2.0), (31.5, 2.0)], 1.0) == [1, 3]
    assert spaced([(10.0, 2.0), (14.0, 2.0)], 1.0) == [0, 1]
    assert spaced([], 1.0) == []


def test_the_right_side_is_the_dashed_one_decided_once():
    assert [dashed_side(side) for side in (None, Side.LEFT, Side.RIGHT)] == [False, False, True]
