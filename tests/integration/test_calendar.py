"""`itbtimer calendar -o FILE.ics`, read back by a real iCalendar parser (icalendar)."""

from __future__ import annotations

import argparse
import json
import os
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import icalendar
from dateutil.rrule import rrulestr

from itbtimer.cli.main import main
from itbtimer.cli.remind import run_calendar

NOW = datetime(2026, 12, 8, 9, 30, tzinfo=timezone(timedelta(hours=1)))  # a Tuesday
HOSTILE_NAME = 'Knee, hip; "ITB" \\ back\u202e'


def _write(tmp_path: Path, name: str = "Knee", per_week: int | None = 3, **kw) -> bytes:
    routine = tmp_path / "knee.yaml"
    week = f"per_week: {per_week}\n" if per_week else ""
    routine.write_text(f"name: {json.dumps(name)}\n{week}sections:\n  - name: A\n    exercises:\n"
                       "      - {name: Squat, work: 10m}\n      - {name: Lunge, work: 9m30s}\n",
                       encoding="utf-8")
    out = tmp_path / "training.ics"
    args = argparse.Namespace(routine=str(routine), output=str(out),
                              **{"days": None, "at": None, **kw})
    assert run_calendar(args, today=NOW.date(), now=NOW) == 0
    return out.read_bytes()


def _event(data: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"].startswith("-//itbtimer//")
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_a_weekly_event_on_the_training_days_with_an_alarm_at_its_start(tmp_path):
    event = _event(_write(tmp_path, days="mon,wed,fri", at="18:00"))
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 12, 9, 18, 0)  # the first training day from Tuesday on
    assert start.tzinfo is None  # floating: 18:00 wherever the calendar is
    assert event.decoded("DURATION") == timedelta(minutes=20)  # 19:30, whole minutes up
    alarms = event.walk("VALARM")
    assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == timedelta(0)
    assert event["SUMMARY"] == "Knee"
    assert "3 times a week, about 20 minutes" in event["DESCRIPTION"]
    assert event.decoded("DTSTAMP") == NOW.astimezone(timezone.utc)
    assert str(event["UID"]).endswith("@itbtimer")
    occurrences = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    assert [d.date() for d in occurrences[:4]] == [date(2026, 12, 9), date(2026, 12, 11),
                                                  date(2026, 12, 14), date(2026, 12, 16)]


def test_without_days_the_routines_per_week_is_spread_and_the_time_is_18(tmp_path):
    event = _event(_write(tmp_path, per_week=2))
    assert event["RRULE"]["BYDAY"] == ["MO", "TH"]
    assert event.decoded("DTSTART") == datetime(2026, 12, 10, 18, 0)
    assert event.decoded("DTSTART").time() == time(18, 0)


def test_the_same_routine_keeps_its_uid_so_a_new_file_updates_the_event(tmp_path):
    first = _event(_write(tmp_path, days="mon"))
    again = _event(_write(tmp_path, days="tue,sat", at="07:15"))
    assert first["UID"] == again["UID"]
    other = _event(_write(tmp_path, name="Hip", days="mon"))
    assert other["UID"] != first["UID"]


def test_text_values_are_escaped_and_long_lines_folded(tmp_path):
    data = _write(tmp_path, name=HOSTILE_NAME, days="mon")
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)  # CRLF only
    assert max(len(line) for line in lines) <= 75  # octets, RFC 5545 3.1
    assert b"SUMMARY:Knee\\, hip\\; \"ITB\" \\\\ back\\\\u202e" in data.replace(b"\r\n ", b"")
    event = _event(data)
    assert event["SUMMARY"] == 'Knee, hip; "ITB" \\ back\\u202e'  # the format char escaped
    assert len(event["DESCRIPTION"]) > 75  # long enough to have been folded, read back whole


def test_bad_days_write_no_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["calendar", "--days", "someday", "-o", "a.ics"]) == 2
    assert "'someday' is not a day" in capsys.readouterr().err
    assert not (tmp_path / "a.ics").exists()


def test_a_one_minute_routine_is_about_1_minute(tmp_path):
    routine = tmp_path / "short.yaml"
    routine.write_text("name: Short\nsections:\n  - name: A\n    exercises:\n"
                       "      - {name: Squat, work: 50s}\n", encoding="utf-8")
    out = tmp_path / "short.ics"
    args = argparse.Namespace(routine=str(routine), output=str(out), days="mon", at=None)
    assert run_calendar(args, today=NOW.date(), now=NOW) == 0
    assert "Short: about 1 minute. In itbtimer" in _event(out.read_bytes())["DESCRIPTION"]


def test_a_folder_a_pipe_or_a_missing_folder_as_the_file_says_so_as_report_does(
        tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "adir").mkdir()
    assert main(["calendar", "-o", "adir"]) == 2
    assert capsys.readouterr().err.strip() == (
        "adir: this is a folder; name the file to write (for example adir/training.ics)")
    os.mkfifo(tmp_path / "pipe")
    assert main(["calendar", "-o", "pipe"]) == 2
    assert capsys.readouterr().err.strip() == (
        "pipe: this is a named pipe, not a file: the calendar goes to a file "
        "(for example -o training.ics)")
    assert main(["calendar", "-o", "gone/a.ics"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"gone/a.ics: the folder {tmp_path / 'gone'} does not exist (no folder is made: "
        "name one that is there)")
    assert not (tmp_path / "gone").exists()
