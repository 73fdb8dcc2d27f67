"""Typed history records: every shape written so far reads back, and the figures read
from them (weeks across zones and DST, holds, practice runs) come from one place."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from itbtimer.cli.history import routine_matches
from itbtimer.cli.terminal import shorten
from itbtimer.core.routine import ExerciseMode
from itbtimer.core.session import Session, StepStatus
from itbtimer.history.charts import (
    labelled_points,
    reduce_series,
    time_ticks,
    week_labels,
    week_window,
)
from itbtimer.history.from_session import build_record
from itbtimer.history.records import RECORD_VERSION, RecordError, SessionRecord, StepResult
from tests.helpers import figures_of, plan_of

V1 = {  # written by build_record of itbtimer 0.1-0.3 (version 1)
    "version": 1, "id": "a1b2c3d4e5", "start": "2026-11-02T18:00:00+01:00",
    "end": "2026-11-02T18:35:10+01:00", "routine": "ITB recovery", "file": "/r/itb.yaml",
    "fingerprint": "f00", "per_week": 3, "completed": True, "active_seconds": 2000.5,
    "paused_seconds": 10.0, "pain": 3,
    "steps": [
        {"name": "Plank", "side": None, "set": 1, "round": None, "mode": "until",
         "planned_seconds": None, "active_seconds": 48.0, "skipped": False, "status": "done",
         "added_seconds": 0, "reps": None, "until": "shaking", "time_seconds": 48.0},
        {"name": "Side plank", "side": "left", "set": 1, "round": None, "mode": "until",
         "planned_seconds": None, "active_seconds": 30.0, "skipped": False, "status": "done",
         "added_seconds": 0, "reps": None, "until": "shaking", "time_seconds": 30.0},
        {"name": "Side plank", "side": "right", "set": 1, "round": None, "mode": "until",
         "planned_seconds": None, "active_seconds": 35.0, "skipped": False, "status": "done",
         "added_seconds": 0, "reps": None, "until": "shaking", "time_seconds": 35.0},
        {"name": "Squat", "side": None, "set": 1, "round": None, "mode": "timed",
         "planned_seconds": 30, "active_seconds": 2.0, "skipped": True, "status": "skipped",
         "added_seconds": 0, "reps": None, "until": None, "time_seconds": None},
    ],
}
ROUTINE = """\
name: Knee
per_week: 3
defaults: {get_ready: 0}
sections:
  - name: A
    exercises:
      - {name: Plank, until: shaking}
      - {name: Squat, work: 30s}
"""


def record(start: str, **fields) -> SessionRecord:
    return SessionRecord.from_json({"id": start, "start": start, "routine": "Knee",
                                    "completed": True, **fields})


def test_a_version_1_record_reads_back_and_round_trips_every_field():
    session = SessionRecord.from_json(V1)
    assert session.version == 1 and not session.practice and session.speed == 1.0
    assert session.start == datetime(2026, 11, 2, 17, 0, tzinfo=timezone.utc)
    assert session.offset_minutes == 60
    again = session.to_json()
    assert again["version"] == RECORD_VERSION and again["routine_id"] == again["routine"]
    assert again["morning"] is None  # version 4: not answered yet
    assert again["levels"] is None  # version 5: it ran at the routine's own figures
    for key, value in V1.items():
        if key != "version":
            assert again[key] == value, key
    assert SessionRecord.from_json(again) == session


def test_unknown_fields_from_a_newer_version_are_kept():
    data = V1 | {"mood": "good", "steps": [V1["steps"][0] | {"heart_rate": 120}]}
    again = SessionRecord.from_json(data).to_json()
    assert again["mood"] == "good" and again["steps"][0]["heart_rate"] == 120


def test_status_and_mode_read_as_enums_and_words_of_a_newer_version_are_written_back():
    plank = StepResult.from_json(V1["steps"][0])
    assert plank.status is StepStatus.DONE and plank.mode is ExerciseMode.UNTIL
    newer = V1["steps"][3] | {"mode": "tempo", "planned_seconds": 30.0, "skipped": False,
                              "status": "deferred", "added_seconds": 0.0}
    step = StepResult.from_json(newer)
    # read as what this version knows: neither done nor skipped, not a hold
    assert step.status is StepStatus.NOT_REACHED and step.mode is ExerciseMode.TIMED
    assert not step.done and not step.skipped
    assert json.dumps(step.to_json()) == json.dumps(newer)  # the same bytes, in the same order


def test_the_smallest_record_reads_and_broken_ones_say_why():
    minimal = SessionRecord.from_json({"id": "x", "start": "2026-11-02T18:00:00+01:00"})
    assert minimal.routine == "?" and minimal.steps == () and minimal.end == minimal.start
    with pytest.raises(RecordError, match="start is not an ISO date"):
        SessionRecord.from_json({"id": "x", "start": "yesterday"})
    with pytest.raises(RecordError, match="no id"):
        SessionRecord.from_json({"start": "2026-11-02T18:00:00+01:00"})
    with pytest.raises(RecordError, match="not a JSON object"):
        SessionRecord.from_json([1, 2])


def test_holds_are_the_longest_per_exercise_both_sides_and_listed_per_side():
    session = SessionRecord.from_json(V1)
    assert session.holds() == {"Plank": 48.0, "Side plank": 35.0}
    assert session.hold_times() == {"Plank": [48.0], "Side plank (left)": [30.0],
                                    "Side plank (right)": [35.0]}


def test_a_built_record_round_trips_through_json():
    session = Session(plan_of(ROUTINE))
    session.start(0.0)
    session.tick(0.0)
    session.next(41.0)
    session.tick(71.0)
    start = datetime(2026, 11, 2, 18, tzinfo=timezone(timedelta(hours=1)))
    built = build_record(session, 71.0, start, start + timedelta(seconds=71), "k.yaml", 2)
    assert built.holds() == {"Plank": 41.0} and built.completed
    assert SessionRecord.from_json(built.to_json()) == built


def test_a_run_at_another_speed_is_practice_with_routine_and_real_seconds():
    session = Session(plan_of(ROUTINE))
    session.start(0.0)
    session.tick(0.0)
    session.next(40.0)
    session.tick(70.0)
    start = datetime(2026, 11, 2, 18, tzinfo=timezone.utc)
    built = build_record(session, 70.0, start, start + timedelta(seconds=7), speed=10.0)
    data = built.to_json()
    assert data["practice"] and data["speed"] == 10.0
    assert data["active_seconds"] == 70.0 and data["active_real_seconds"] == 7.0
    assert not built.counts_for_week()


def test_practice_runs_are_left_out_of_weeks_last_session_holds_and_pain():
    real = record("2026-11-23T18:00:00+01:00", pain=4,
                  steps=[{"name": "Plank", "mode": "until", "status": "done",
                          "time_seconds": 40.0}])
    practice = record("2026-11-24T18:00:00+01:00", pain=9, practice=True, speed=10,
                      steps=[{"name": "Plank", "mode": "until", "status": "done",
                              "time_seconds": 400.0}])
    result = figures_of([real, practice], date(2026, 11, 26), series=True)
    assert result.this_week == 1 and result.last_session == real.start
    assert [h.best for h in result.holds] == [40.0] and [p for _, p in result.pain] == [4]


def test_a_session_belongs_to_the_week_of_its_local_date_whatever_the_zone():
    # Sunday 23:30 in Tokyo is Sunday 09:30 in New York; Monday 00:10 in Tokyo is a new week
    tokyo_sunday = record("2026-11-29T23:30:00+09:00")
    new_york = record("2026-11-29T09:40:00-05:00")  # 10 min after... no: 23:40 Tokyo time
    tokyo_monday = record("2026-11-30T00:10:00+09:00")
    assert tokyo_sunday.week == date(2026, 11, 23) and new_york.week == date(2026, 11, 23)
    assert tokyo_monday.week == date(2026, 11, 30)
    result = figures_of([tokyo_monday, new_york, tokyo_sunday], date(2026, 12, 1))
    assert result.weeks[-2:] == ((date(2026, 11, 23), 2), (date(2026, 11, 30), 1))


def test_sessions_are_ordered_by_instant_not_by_their_text():
    tokyo = record("2026-11-25T08:00:00+09:00", pain=1)   # 23:00 UTC on the 24th
    new_york = record("2026-11-24T18:10:00-05:00", pain=2)  # 23:10 UTC on the 24th
    result = figures_of([new_york, tokyo], date(2026, 11, 26), series=True)
    assert [p for _, p in result.pain] == [1, 2] and result.last_session == new_york.start


def test_weeks_across_a_daylight_saving_change():
    berlin = ZoneInfo("Europe/Berlin")  # clocks go back at 03:00 on Sunday 25 Oct 2026
    before = datetime(2026, 10, 25, 1, 30, tzinfo=berlin)  # +02:00
    after = datetime(2026, 10, 25, 23, 30, tzinfo=berlin)  # +01:00, still Sunday
    monday = datetime(2026, 10, 26, 0, 30, tzinfo=berlin)
    sessions = [record(t.isoformat()) for t in (before, after, monday)]
    assert [s.offset_minutes for s in sessions] == [120, 60, 60]
    assert [s.week for s in sessions] == [date(2026, 10, 19)] * 2 + [date(2026, 10, 26)]
    result = figures_of(sessions, date(2026, 10, 27))
    assert result.weeks[-2:] == ((date(2026, 10, 19), 2), (date(2026, 10, 26), 1))


def test_a_naive_time_from_an_old_file_takes_the_offset_given():
    plus_two = timezone(timedelta(hours=2))
    session = SessionRecord.from_json({"id": "n", "start": "2026-11-02T18:00:00"}, plus_two)
    assert session.start.utcoffset() == timedelta(hours=2)


def test_routine_matching_is_any_part_any_case_of_name_or_file():
    name = "Tabata - squats and mountain climbers"
    assert routine_matches("tabata", name, None)
    assert routine_matches("MOUNTAIN", name, None)
    assert routine_matches("hiit", "Other", "/home/me/routines/hiit.yaml")
    assert not routine_matches("yoga", name, "/r/tabata.yaml")


def test_long_names_are_cut_at_a_word_with_an_ellipsis():
    assert shorten("Tabata - squats and mountain climbers", 20) == "Tabata - squats and…"
    assert shorten("Knee", 20) == "Knee"
    assert shorten("Supercalifragilisticexpialidocious", 10) == "Supercali…"


def test_the_week_chart_shows_twelve_weeks_and_scrolls_back():
    weeks = [(date(2020, 1, 6) + timedelta(weeks=i), i % 4) for i in range(30)]
    assert week_window(weeks, 0, False).shown == tuple(weeks[-12:])
    assert week_window(weeks, 1, False).shown == tuple(weeks[-24:-12])
    assert week_window(weeks, 9, False).shown == tuple(weeks[:12])
    assert week_window(weeks, 0, True).shown == tuple(weeks)


def test_week_labels_are_thinned_and_carry_the_year_when_it_changes():
    days = [date(2025, 12, 1) + timedelta(weeks=i) for i in range(12)]
    labels = week_labels(days, 4)
    assert len(labels) <= 4 and labels[-1][0] == 11
    assert labels[0][1].endswith("2025") and any(t.endswith("2026") for _, t in labels)


def test_time_ticks_name_years_over_a_long_history():
    tz = timezone.utc
    ticks = time_ticks(datetime(1971, 5, 1, tzinfo=tz), datetime(2026, 11, 1, tzinfo=tz), 8)
    assert 1 < len(ticks) <= 8 and all(text.isdigit() and len(text) == 4 for _, text in ticks)
    short = time_ticks(datetime(2026, 8, 26, tzinfo=tz), datetime(2026, 11, 26, tzinfo=tz), 8)
    assert [text for _, text in short] == ["Sep 2026", "Oct", "Nov"]


def test_a_narrow_chart_of_weeks_still_has_a_date_under_it():
    tz = timezone.utc
    ticks = time_ticks(datetime(2026, 10, 10, 18, tzinfo=tz), datetime(2026, 12, 4, 18, tzinfo=tz),
                       1)
    assert [text for _, text in ticks] == ["07 Nov"]


def test_a_long_series_is_reduced_to_what_the_chart_can_show():
    start = datetime(2000, 1, 1, tzinfo=timezone.utc)
    points = [(start + timedelta(days=i), float(i % 100)) for i in range(20_000)]
    reduced = reduce_series(points, 300)
    assert len(reduced) <= 300 and max(v for _, v in reduced) == 99.0
    assert reduce_series(points[:10], 300) == points[:10]


def test_point_labels_keep_first_last_min_and_max():
    values = [5.0] * 50 + [9.0] + [5.0] * 48 + [0.0]
    chosen = labelled_points(values, 6)
    assert {0, 50, 99} <= set(chosen) and len(chosen) <= 6


def test_step_result_reads_old_and_odd_shapes():
    assert StepResult.from_json({"name": "x", "skipped": True}).status == "skipped"
    assert StepResult.from_json({"name": "x", "status": "left"}).status == "interrupted"
    assert StepResult.from_json({"name": "x", "time_seconds": "12"}).time_seconds is None


def test_the_morning_after_answer_round_trips_and_older_records_have_none():
    assert SessionRecord.from_json(V1).morning is None
    answered = SessionRecord.from_json(V1).with_morning(2)
    assert SessionRecord.from_json(answered.to_json()).morning == 2
    assert SessionRecord.from_json(V1 | {"morning": 11}).morning is None  # not a 0-10 answer
    assert SessionRecord.from_json(V1 | {"morning": True}).morning is None
