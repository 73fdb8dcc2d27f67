"""Training days, the reminder's time and its words (core/reminders.py), without a clock."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from itbtimer.core.reminders import (
    Reminder,
    ReminderError,
    Weekday,
    days_text,
    nudge,
    parse_at,
    parse_days,
    spread_days,
    week_target,
)

MON, TUE, WED, THU, FRI, SAT, SUN = Weekday


def test_days_are_read_in_any_case_and_order_short_or_long():
    assert parse_days("fri,mon,wed") == (MON, WED, FRI)
    assert parse_days(" Mon , WEDNESDAY,sun,mon") == (MON, WED, SUN)


@pytest.mark.parametrize("text", ["funday", "", "mo", "wedge", "mon,,fri", "mon;wed"])
def test_a_word_that_is_not_a_day_is_refused_in_plain_words(text):
    with pytest.raises(ReminderError, match="is not a day .write days as mon, tue"):
        parse_days(text)


def test_times_are_read_on_the_24_hour_clock():
    assert parse_at("18:00") == time(18, 0)
    assert parse_at("7:05") == time(7, 5)
    assert parse_at("00:00") == time(0, 0)
    assert parse_at("23:59") == time(23, 59)


@pytest.mark.parametrize("text", ["25:00", "18:60", "18", "6pm", "18:5", "١٨:٠٠", "-1:00", ""])
def test_a_time_that_is_not_one_is_refused_in_plain_words(text):
    with pytest.raises(ReminderError, match="is not a time of day .write HH:MM"):
        parse_at(text)


@pytest.mark.parametrize(("per_week", "days"), [
    (1, "mon"), (2, "mon,thu"), (3, "mon,wed,fri"), (4, "mon,tue,thu,sat"),
    (5, "mon,tue,wed,fri,sat"), (6, "mon,tue,wed,thu,fri,sat"),
    (7, "mon,tue,wed,thu,fri,sat,sun"), (14, "mon,tue,wed,thu,fri,sat,sun"),
    (None, "mon,wed,fri"),
])
def test_without_days_the_weeks_sessions_are_spread_from_monday(per_week, days):
    assert days_text(spread_days(per_week)) == days


def test_the_next_time_is_the_next_training_day_at_the_time():
    reminder = Reminder((MON, WED, FRI), time(18, 0))
    monday = datetime(2026, 12, 7, 9, 0)
    assert reminder.next_time(monday) == datetime(2026, 12, 7, 18, 0)
    assert reminder.next_time(datetime(2026, 12, 7, 18, 0)) == datetime(2026, 12, 9, 18, 0)
    assert reminder.next_time(datetime(2026, 12, 11, 19, 0)) == datetime(2026, 12, 14, 18, 0)
    once = Reminder((MON,), time(7, 30))
    assert once.next_time(datetime(2026, 12, 7, 8, 0)) == datetime(2026, 12, 14, 7, 30)


def test_the_login_check_waits_for_todays_time_and_skips_other_days():
    reminder = Reminder((MON, WED, FRI), time(18, 0))
    assert reminder.wait_seconds(datetime(2026, 12, 7, 17, 0)) == 3600
    assert reminder.wait_seconds(datetime(2026, 12, 7, 20, 0)) == 0
    assert reminder.wait_seconds(datetime(2026, 12, 8, 17, 0)) is None  # a Tuesday


def test_the_week_target_is_the_routines_or_one_a_reminder_day():
    reminder = Reminder((MON, THU), time(18, 0))
    assert week_target(3, reminder) == 3
    assert week_target(None, reminder) == 2


def test_behind_the_target_the_nudge_says_where_the_week_is_and_how_long():
    assert nudge("ITB recovery", 1, 3, 20 * 60 + 10) == \
        "ITB recovery: 1 of 3 this week — 20 minutes?"
    assert nudge("Short", 0, 2, 20) == "Short: 0 of 2 this week — 1 minute?"


def test_a_week_done_says_nothing():
    assert nudge("ITB recovery", 3, 3, 1200) is None
    assert nudge("ITB recovery", 4, 3, 1200) is None


def test_the_days_say_when_in_words():
    assert Reminder((MON, WED, FRI), time(18, 0)).when_text() == "Mon, Wed, Fri at 18:00"
    assert Reminder(tuple(Weekday), time(7, 0)).when_text() == "every day at 07:00"
    assert [d.two_letters for d in (MON, THU, SUN)] == ["MO", "TH", "SU"]
