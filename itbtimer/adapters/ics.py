"""`itbtimer calendar`: the training days as an iCalendar file (RFC 5545) for any calendar
app or phone: one weekly recurring event (RRULE FREQ=WEEKLY;BYDAY=...) with an alarm at
its start (VALARM), written by the icalendar library (line folding, text escaping).

The time is floating (RFC 5545 3.3.5, form 1: no TZID, no Z): "18:00" is 18:00 wherever
the calendar is, as the reminder on the laptop is 18:00 by its clock. A TZID would pin
it to the zone the file was made in, and need a VTIMEZONE the laptop may not know the
name of; a training day is a habit of the day, not an appointment with someone
elsewhere. The UID comes from the routine's identity, so importing a new file for the
same routine updates the event instead of adding a second one.
"""

from __future__ import annotations

import math
import uuid
from datetime import date, datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event, vRecur

from itbtimer import __version__
from itbtimer.core.escaping import escaped
from itbtimer.core.reminders import Reminder

PRODID = f"-//itbtimer//itbtimer {__version__}//EN"


def first_day(reminder: Reminder, today: date) -> date:
    """The first training day from today on: the series starts there (RFC 5545 wants
    DTSTART to be one of the days the rule makes)."""
    return next(day for day in (today + timedelta(days=n) for n in range(7))
                if reminder.is_day(day))


def event_uid(identity: str) -> str:
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, 'itbtimer:routine:' + identity)}@itbtimer"


def calendar_bytes(name: str, identity: str, reminder: Reminder, seconds: float,
                   description: str, today: date, now: datetime) -> bytes:
    """The .ics file: one weekly event, `seconds` long (whole minutes, rounded up)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", event_uid(identity))
    event.add("dtstamp", now.astimezone(timezone.utc))
    event.add("summary", escaped(name))
    event.add("description", escaped(description))
    event.add("dtstart", datetime.combine(first_day(reminder, today), reminder.at))
    event.add("duration", timedelta(minutes=max(1, math.ceil(seconds / 60))))
    event.add("rrule", vRecur(freq="WEEKLY", byday=[d.two_letters for d in reminder.days]))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", escaped(name))
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    cal.add_component(event)
    return bytes(cal.to_ical())
