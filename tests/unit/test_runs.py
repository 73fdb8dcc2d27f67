"""A run as the person writes it (core/runs.py), its record (history/records.py) and what an
imported one may hold (history/limits.py); a session's note."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itbtimer.core.limits import NOTE_CHARS
from itbtimer.core.runs import (
    DistanceUnit,
    RunEntryError,
    RunText,
    check_note,
    format_distance,
    parse_distance,
    parse_run_time,
)
from itbtimer.history.from_run import run_record
from itbtimer.history.limits import check_import
from itbtimer.history.records import RecordError, RecordKind, RunRecord, SessionRecord
from itbtimer.present.run_words import logged_text, pain_free_words

TODAY = date(2026, 12, 7)
TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 7, 18, 30, 5, 123, tzinfo=TZ)


def test_a_distance_is_read_in_km_or_miles_and_kept_in_metres():
    assert parse_distance("5.2km").metres == 5200.0
    assert parse_distance("5,2 km").metres == 5200.0
    mile = parse_distance("3.1mi")
    assert (mile.metres, mile.unit) == (4989.0, DistanceUnit.MI)  # 4988.97, to 0.1 m
    assert parse_distance("3.1 miles").unit == DistanceUnit.MI
    assert parse_distance("4", DistanceUnit.MI) == parse_distance("4mi")  # a bare number


@pytest.mark.parametrize("text", ["5x", "km", "", "-3km", "5 km 2", "1e3km"])
def test_a_distance_that_is_none_says_how_one_is_written(text):
    with pytest.raises(RunEntryError, match="5.2km or 3.1mi"):
        parse_distance(text)


def test_a_run_too_long_to_be_one_is_refused_with_a_limit_that_is_one():
    with pytest.raises(RunEntryError, match="at most 500.0 km"):
        parse_distance("900km")
    with pytest.raises(RunEntryError, match="at most 310.6 mi, not 310.7mi"):
        parse_distance("310.7mi")  # 500 km is 310.69 mi: 310.7 is over it
    assert parse_distance("310.6mi").metres <= 500_000


def test_a_distance_is_shown_in_its_own_unit_to_a_tenth():
    assert format_distance(4988.9, DistanceUnit.MI) == "3.1 mi"
    assert format_distance(5200, DistanceUnit.KM) == "5.2 km"


def test_a_run_time_is_minutes_and_seconds_or_minutes_alone():
    assert parse_run_time("31:20") == 1880
    assert parse_run_time("1:05:00") == 3900
    assert parse_run_time("45") == 2700
    with pytest.raises(RunEntryError, match="31:20"):
        parse_run_time("soon")


def test_the_pain_free_distance_is_where_the_pain_began_or_the_whole_run_without_pain():
    read = RunText("5.2km", pain="3", pain_from="4km").read(TODAY)
    assert run_record(read, NOW).pain_free_m == 4000.0
    assert run_record(RunText("5km", pain="0").read(TODAY), NOW).pain_free_m == 5000.0
    # no answer is not "no pain" (the form: "empty: not said"): unknown, not a figure
    unanswered = run_record(RunText("5km").read(TODAY), NOW)
    assert unanswered.pain_free_m is None
    assert pain_free_words(unanswered) == "pain not said"
    assert logged_text(unanswered) == "Logged a run on Mon 07 Dec 2026: 5.0 km; pain not said"
    began = run_record(RunText("5km", pain_from="3km").read(TODAY), NOW)
    assert began.pain_free_m == 3000.0  # where it began was said, its score not
    unsaid = run_record(RunText("5km", pain="4").read(TODAY), NOW)
    assert unsaid.pain_free_m is None  # it hurt, from where not said: not a figure
    assert pain_free_words(unsaid) == "where the pain began not said"


def test_where_the_pain_began_is_in_the_runs_unit_unless_said():
    entry = RunText("3.1mi", pain="2", pain_from="2").read(TODAY)
    assert entry.pain_from_m == parse_distance("2mi").metres
    entry = RunText("3.1mi", pain="2", pain_from="2km").read(TODAY)
    assert entry.pain_from_m == 2000.0


@pytest.mark.parametrize(("text", "message"), [
    (RunText("5km", pain_from="6km"), "after the end of a 5.0 km run"),
    (RunText("5km", pain="0", pain_from="1km"), "a pain of 0"),
    (RunText("5km", pain="11"), "0 to 10"),
    (RunText(""), "write the distance"),
    (RunText("0km"), "more than 0"),
    (RunText("5km", day="2026-12-08"), "has not come yet"),
    (RunText("5km", day="last week"), "yesterday"),
    (RunText("5km", note="a\nb"), "one line"),
    (RunText("5km", note="x" * (NOTE_CHARS + 1)), f"at most {NOTE_CHARS}"),
])
def test_each_mistake_in_a_run_is_said_in_the_persons_words(text, message):
    with pytest.raises(RunEntryError, match=message):
        text.read(TODAY)


def test_a_run_logged_for_yesterday_is_at_noon_that_day_and_today_at_now():
    yesterday = run_record(RunText("5km", day="yesterday").read(TODAY), NOW)
    assert (yesterday.local_date, yesterday.start.hour) == (date(2026, 12, 6), 12)
    today = run_record(RunText("5km").read(TODAY), NOW)
    assert today.start == NOW.replace(microsecond=0)


def test_a_run_record_reads_back_what_it_wrote():
    run = run_record(RunText("3.1mi", "31:20", "3", "2.5", "", "left knee").read(TODAY), NOW)
    data = json.loads(json.dumps(run.to_json()))
    assert data["kind"] == "run" and data["unit"] == "mi"
    assert RunRecord.from_json(data) == run
    check_import(data)  # what this program writes, it takes back
    assert "5.0 km" not in logged_text(run) and "3.1 mi in 31:20" in logged_text(run)


def good_run(**changes):
    return run_record(RunText("5km", pain="3", pain_from="4km").read(TODAY), NOW).to_json() \
        | changes


@pytest.mark.parametrize(("changes", "message"), [
    ({"distance_m": -1}, "distance_m"),
    ({"distance_m": 1e12}, "distance_m"),
    ({"distance_m": "far"}, "distance_m: must be a number"),
    ({"distance_m": None}, "distance_m"),
    ({"pain_from_m": 6000.0}, "pain_from_m"),
    ({"pain": 11}, "pain"),
    ({"seconds": -5}, "seconds"),
    ({"seconds": float("nan")}, "seconds"),
    ({"unit": "furlong"}, "unit"),
    ({"note": "x" * (NOTE_CHARS + 1)}, "note"),
    ({"start": "9999-01-01T00:00:00"}, "start"),
    ({"id": "DEADBEEF"}, "id"),
    ({"kind": "swim"}, "kind"),
    ({"kind": ["run"]}, "kind"),
    ({f"x{n}": n for n in range(200)}, "fields"),
])
def test_an_imported_run_is_checked_as_strictly_as_a_session(changes, message):
    with pytest.raises(RecordError, match=message):
        check_import(good_run(**changes))


def test_a_record_without_a_kind_is_a_session():
    session = SessionRecord("a" * 32, NOW, NOW, "Knee")
    assert check_import(session.to_json()) == RecordKind.SESSION
    assert check_import(good_run()) == RecordKind.RUN


def test_a_session_keeps_its_note_and_an_older_record_has_none():
    session = SessionRecord("a" * 32, NOW, NOW, "Knee").with_note("twinge on the lunges, left")
    data = session.to_json()
    assert data["version"] >= 5  # notes came in version 5
    assert SessionRecord.from_json(data).note == "twinge on the lunges, left"
    old = {k: v for k, v in data.items() if k != "note"} | {"version": 4}
    assert SessionRecord.from_json(old).note is None
    with pytest.raises(RecordError, match="note"):
        check_import(data | {"note": "x" * (NOTE_CHARS + 1)})


def test_a_blank_note_is_no_note():
    assert check_note("   ") is None
    assert check_note("  ok ") == "ok"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=12), st.text(max_size=6), st.text(max_size=12),
       st.text(max_size=12), st.text(max_size=40))
def test_whatever_is_typed_a_run_is_read_or_its_mistake_said(distance, time, pain, pain_from,
                                                             day, note):
    try:
        entry = RunText(distance, time, pain, pain_from, day, note).read(TODAY)
    except RunEntryError as exc:
        assert str(exc) and "\x1b" not in str(exc)  # said, with what was typed escaped
        return
    run = run_record(entry, NOW)
    check_import(json.loads(json.dumps(run.to_json())))  # what it keeps, it takes back
    assert 0 < run.distance_m and (run.pain_free_m is None or run.pain_free_m <= run.distance_m)


@given(st.decimals(min_value="0.1", max_value="310.6", places=1), st.sampled_from(DistanceUnit))
def test_a_distance_written_as_shown_reads_back_as_it_was(number, unit):
    shown = format_distance(parse_distance(f"{number}{unit}").metres, unit)
    assert shown == f"{number:.1f} {unit}"
