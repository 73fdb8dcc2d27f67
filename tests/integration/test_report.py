"""`itbtimer report` and `--routine-card` as a person uses them: the PDF read back with
pdftotext (the figures it should say) and pdfinfo (its pages and paper), rendered with
pdftoppm; a bad input a plain message and exit 2, never a traceback."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image

from itbtimer.cli.main import main
from itbtimer.cli.report import run_report
from itbtimer.core.runs import DistanceUnit
from itbtimer.history import HistoryStore
from itbtimer.history.records import RunRecord, week_start
from itbtimer.report.paper import Paper
from itbtimer.report.sheet import Sheet
from tests.sides_helpers import side_session


def text_of(pdf: Path, layout: bool = True) -> str:
    """The PDF's text: laid out as on the page (tables on one line), or in reading order
    (a card's two columns one after the other)."""
    return subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def info_of(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in
                                                   out.splitlines())}


def recorded_weeks(weeks: int = 6) -> list:
    """`weeks` weeks before this one: three sessions each (Monday, Wednesday, Friday at
    7:00), one in the oldest, so whatever day it is, `weeks - 1` of them meet the target of
    3; pain falling from 6; the right side plank always 20 % shorter than the left; the
    morning after answered every other time."""
    monday = datetime.now().astimezone().replace(hour=7, minute=0, second=0, microsecond=0)
    monday -= timedelta(days=monday.weekday())
    days = [monday - timedelta(weeks=weeks) + timedelta(days=4)]  # the oldest week's Friday
    days += [monday - timedelta(weeks=w) + timedelta(days=d)
             for w in range(weeks - 1, 0, -1) for d in (0, 2, 4)]
    sessions = []
    for n, start in enumerate(days):
        record = side_session(start, 40.0 + n, 0.8 * (40.0 + n), pain=max(0, 6 - n // 3))
        sessions.append(replace(record, per_week=3, morning=2 if n % 2 else None))
    return sessions


def fill(sessions: list) -> None:
    store = HistoryStore()
    for record in sessions:
        assert store.append(record)


def test_the_report_says_the_weeks_the_pain_and_the_holds(tmp_path, capsys):
    sessions = recorded_weeks()
    fill(sessions)
    pains = [s.pain for s in sessions]
    out = tmp_path / "report.pdf"
    assert main(["report", "itb-recovery", "--weeks", "12", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Wrote the report of ITB recovery, ") and str(out) in said
    text = text_of(out)
    assert "ITB recovery — report" in text
    # counted from the first session's week (six weeks before this one), this one so far
    assert (f"16 sessions since {sessions[0].start:%a %d %b %Y}, the first (7 weeks), "
            "2.3 a week") in text
    assert "Target 3 a week: met in 5 of 6 weeks (this week so far: 0)" in text
    assert "Knee pain (0 none – 10 worst)" in text
    assert (f"After the session: mean {sum(pains) / 16:.1f}, lowest 1, highest 6; first 6, "
            "last 1 (16 answers)") in text
    assert "The morning after: mean 2.0, lowest 2, highest 2; first 2, last 2 (8 answers)" \
        in text
    assert "Side plank: right side 20 % shorter than left (last 4 weeks)" in text
    rows = [" ".join(line.split()) for line in text.splitlines()]
    assert "Side plank left 0:40 0:55 0:55" in rows
    assert "Side plank right 0:32 0:44 0:44" in rows
    assert info_of(out)["Pages"] in ("1", "2")


def test_the_routine_card_is_one_page_with_every_exercise_and_its_how(tmp_path, capsys):
    out = tmp_path / "card.pdf"
    assert main(["report", "--routine-card", "itb-recovery", "-o", str(out)]) == 0
    assert "Wrote the routine card of ITB recovery to" in capsys.readouterr().out
    text = " ".join(text_of(out, layout=False).split())
    assert info_of(out)["Pages"] == "1"
    for expected in ("ITB recovery", "Warm-up", "Squats — 30 s",
                     "Side plank — 2 sets × hold until shaking · each side · rest 30-45 s "
                     "between sets", "Cue: Bent arm, tailbone under, legs stacked",
                     "Lie on one side and lift the hips", "Foam roller"):
        assert expected in text


def test_paper_from_the_locale_or_as_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_PAPER", raising=False)
    letter, a4 = tmp_path / "letter.pdf", tmp_path / "a4.pdf"
    assert main(["report", "--routine-card", "warm-up", "-o", str(letter)]) == 0
    assert main(["report", "--routine-card", "warm-up", "--paper", "A4", "-o", str(a4)]) == 0
    assert "(letter)" in info_of(letter)["Page size"]
    assert "(A4)" in info_of(a4)["Page size"]


def test_a_name_in_any_script_and_hidden_characters_are_shown_escaped(tmp_path):
    routine = tmp_path / "mine.yaml"
    routine.write_text('name: "Knie \\u202e日本 Ωμέγα"\nsections:\n  - name: A\n'
                       '    exercises:\n      - {name: Squat, work: 30s}\n')
    out = tmp_path / "card.pdf"
    assert main(["report", "--routine-card", str(routine), "-o", str(out)]) == 0
    # a right-to-left override escaped; no glyph in the font: its escape, never a gap
    assert "Knie \\u202e\\u65e5\\u672c Ωμέγα" in text_of(out)


def test_bad_input_gets_a_plain_message_and_exit_2(tmp_path, capsys):
    out = tmp_path / "r.pdf"
    assert main(["report", "itb-recovery", "-o", str(out)]) == 2  # nothing recorded
    assert "No sessions of ITB recovery recorded yet" in capsys.readouterr().err
    fill(recorded_weeks(1))
    assert main(["report", "no-such-routine", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no-such-routine: no such file" in err and "recorded routines: ITB recovery" in err
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["report", "itb-recovery", "-o", str(fifo)]) == 2
    assert "pipe: this is a named pipe, not a file" in capsys.readouterr().err
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert main(["report", "--routine-card", "-o", str(blocked / "card.pdf")]) == 2
    assert "card.pdf: cannot write the PDF there (Not a directory)" in capsys.readouterr().err
    assert main(["report", "itb-recovery", "--weeks", "0", "-o", str(out)]) == 2
    assert "a whole number of weeks from 1 to 520 (not '0')" in capsys.readouterr().err
    assert not out.exists() and "Traceback" not in capsys.readouterr().err


def test_a_routine_whose_file_is_gone_is_reported_from_the_history(tmp_path, capsys):
    fill([replace(s, routine="Old\x1b[31m knee", routine_id="Old\x1b[31m knee")
          for s in recorded_weeks(2)])  # imported: a record's name may hold anything
    out = tmp_path / "old.pdf"
    assert main(["report", "knee", "-o", str(out)]) == 0
    assert "Old\\x1b[31m knee — report" in text_of(out)
    assert "Wrote the report of Old\\x1b[31m knee," in capsys.readouterr().out


def test_the_pdf_renders_at_1366_pixels_wide(tmp_path):
    fill(recorded_weeks())
    out = tmp_path / "report.pdf"
    assert main(["report", "-o", str(out)]) == 0
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-scale-to-x", "1366", "-scale-to-y", "-1",
                    "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True)
    page = tmp_path / "page-1.png"
    assert page.stat().st_size > 10_000  # charts and text, not a blank page


GROWING = """\
name: ITB recovery
ask: knee pain
per_week: 3
sections:
  - name: Core
    exercises:
      - {name: Plank, until: shaking, expect: 30s, progress: {by: 5s, up_to: 60s}}
      - {name: Side plank, until: shaking, sides: both}
"""


def test_runs_notes_and_levels_are_in_the_report_when_the_history_has_them(tmp_path):
    sessions = recorded_weeks()
    fill(sessions)
    store = HistoryStore()
    store.set_note(sessions[-1].id, "twinge on the lunges, left")
    day = sessions[-1].start
    store.log_run(RunRecord("run-1", day - timedelta(days=9), 5200.0, DistanceUnit.KM,
                            31 * 60 + 20, pain=3, pain_from_m=4000.0, note="hilly"))
    store.log_run(RunRecord("run-2", day - timedelta(days=2), 4828.0, DistanceUnit.MI,
                            pain=0))
    routine = tmp_path / "itb.yaml"
    routine.write_text(GROWING)
    out = tmp_path / "report.pdf"
    assert main(["report", str(routine), "-o", str(out)]) == 0
    rows = [" ".join(line.split()) for line in text_of(out).splitlines()]
    assert "Runs: how far before the knee hurt" in rows
    # the runs' chart is of the weeks from the first run's (its days), not the sessions' six
    chart = rows[rows.index("Runs: how far before the knee hurt"):
                 rows.index("Day Run Before the pain")]
    ticks = [t for t in chart if t][-1].split()  # "23 Nov 30 Nov 07 Dec"
    first_run = week_start((day - timedelta(days=9)).date())
    assert len(ticks) % 2 == 0 and ticks, ticks
    shown = [datetime.strptime(f"{d} {m} {first_run.year}", "%d %b %Y").date()
             for d, m in zip(ticks[::2], ticks[1::2], strict=True)]
    shown = [d if d > first_run - timedelta(days=200) else d.replace(year=d.year + 1)
             for d in shown]  # January after a December
    assert all(first_run <= d for d in shown), (ticks, first_run)
    assert any(r.endswith("5.2 km in 31:20 (6:02 /km), pain 3 from 4.0 km 4.0 km before the "
                          "pain") for r in rows), rows
    assert any(r.endswith("3.0 mi, no pain the whole run without pain") for r in rows)
    assert "Progression: where each exercise stands for the next session" in rows
    assert any(r.startswith("Plank 0 of 6") for r in rows), rows  # the morning after was 2
    assert "Notes" in rows
    assert any(r.endswith("session twinge on the lunges, left") for r in rows)
    assert any(r.endswith("run hilly") for r in rows)


def test_a_routine_that_asks_nothing_has_no_pain_part(tmp_path):
    fill([replace(s, routine="ITB warm-up", routine_id="ITB warm-up", pain=None, morning=None,
                  question=None, steps=()) for s in recorded_weeks(2)])
    out = tmp_path / "warm-up.pdf"
    assert main(["report", "warm-up", "-o", str(out)]) == 0
    text = text_of(out)
    assert "ITB warm-up — report" in text and "4 sessions since" in text
    assert "Pain" not in text and "Holds" not in text


def _report_at(now: datetime, out: Path, weeks: int = 12) -> str:
    """The report as `itbtimer report -o out` makes it at `now` (a day the test chooses)."""
    args = argparse.Namespace(routine="itb-recovery", output=str(out), weeks=weeks,
                              routine_card=False, history=None, paper="a4")
    assert run_report(args, HistoryStore(), now) == 0
    return text_of(out)


def test_a_new_user_s_first_days_are_not_weeks_missed(tmp_path):
    """Two sessions three days into using it, runs logged close together and one for the
    day before: the weeks counted from the first session's, the week under way not a missed
    one; the plank, which has no sides, with no side; notes dated by the day."""
    now = datetime(2026, 12, 9, 20, 0).astimezone()  # a Wednesday
    sessions = [replace(side_session(now.replace(hour=7) - timedelta(days=d), 40.0, 32.0),
                        per_week=3) for d in (2, 0)]
    fill(sessions)
    store = HistoryStore()
    store.set_note(sessions[-1].id, "twinge on the lunges, left side after the second set")
    store.log_run(RunRecord("run-y", now.replace(hour=12) - timedelta(days=1), 4000.0,
                            pain=2, pain_from_m=2000.0, note="logged late"))
    out = tmp_path / "report.pdf"
    rows = [" ".join(line.split()) for line in _report_at(now, out).splitlines()]
    assert "2 sessions since Mon 07 Dec 2026, the first (1 week), 2.0 a week" in rows
    assert "Target 3 a week: no whole week yet (this week so far: 2)" in rows
    assert "Plank — 0:50 0:50 0:50" in rows
    assert "Side plank right 0:32 0:32 0:32" in rows
    assert "Tue 08 Dec 2026 run logged late" in rows  # no made-up 12:00
    assert ("Wed 09 Dec 2026 session twinge on the lunges, left side after the second set"
            in rows)  # the date on one line
    rows = [" ".join(line.split()) for line in _report_at(now, out, weeks=1).splitlines()]
    assert "2 sessions in 1 week, 2.0 a week" in rows


def test_the_holds_table_is_not_filled_with_a_chart_s_colour(tmp_path):
    """The last marker drawn before the table (the plank's, blue) filled its every cell."""
    fill([replace(s, steps=s.steps[:1]) for s in recorded_weeks(2)])  # the plank only
    out = tmp_path / "report.pdf"
    assert main(["report", "-o", str(out), "--paper", "a4"]) == 0
    words = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(out), "-"],
                           capture_output=True, text=True, check=True).stdout
    ever = [line for line in words.splitlines() if ">ever<" in line][0]
    box = dict(re.findall(r'(\w+)="([\d.]+)"', ever))
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page-1.png") as page:  # 72 dpi: a pixel a point
        behind = page.convert("RGB").getpixel((int(float(box["xMax"])) + 4,
                                               int((float(box["yMin"]) + float(box["yMax"])) / 2)))
    assert behind == (255, 255, 255)


def test_the_folder_to_write_in_is_never_made(tmp_path, capsys):
    fill(recorded_weeks(1))
    missing = tmp_path / "no-such-folder"
    assert main(["report", "-o", str(missing / "x.pdf")]) == 2
    assert f"the folder {missing} does not exist" in capsys.readouterr().err
    assert not missing.exists()
    text = tmp_path / "x.txt"  # written as named, with a word that it is a PDF
    assert main(["report", "-o", str(text)]) == 0
    assert text.read_bytes().startswith(b"%PDF")
    assert "x.txt holds a PDF" in capsys.readouterr().err


def test_a_column_of_dates_is_as_wide_as_its_widest_date():
    """A date wrapped onto two lines in a column given too small a share: short texts get
    their width, long ones give way (and a long column keeps its share)."""
    sheet = Sheet(Paper.A4, "widths", datetime.now().astimezone())
    widths = sheet.fitted(("When", "Note"), [("Wed 09 Dec 2026", "a long note " * 20)],
                          (1, 20), 9)
    sheet.font(9)
    assert widths[0] > sheet.text_width("Wed 09 Dec 2026") + 2.0
    assert abs(sum(widths) - sheet.width) < 0.01
    assert sheet.fitted(("A", "B"), [("word " * 40, "x")], (1, 1), 9) == (
        sheet.width / 2, sheet.width / 2)
