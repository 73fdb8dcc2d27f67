"""Which session the window asks the morning-after question about (issue 23).

The pain-monitoring model (Silbernagel et al., 2007) judges a load by the pain the next
morning as well as the pain right after. The first start of the window on a later day
than a session that asked a question (the routine's `ask`) asks the same question about
this morning, once: answered (the session's `morning`) or skipped, never again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from itbtimer.history.figures import Listed

# At most this many days after its session: the weekday names the session without doubt
# ("after Tuesday's session"), and a week on, the morning says nothing about that load.
MORNING_WITHIN_DAYS = 6
MORNING_LOOK_BACK = 20  # newest sessions looked at (practice runs among them are passed over)


def morning_due(listed: Iterable[Listed], today: date, asked: Collection[str]) -> Listed | None:
    """The session to ask about on a start on `today`: the newest one that asked a question
    (not a practice run, one in progress or a damaged row), when it was on an earlier day at
    most MORNING_WITHIN_DAYS ago, has no morning answer yet, and its id is not in `asked`
    (asked on an earlier start: answered, or skipped with Esc). Only the newest is ever asked:
    an older session's morning after has passed."""
    usable = [s for s in listed if s.question and not (s.practice or s.in_progress or s.damaged)]
    if not usable:
        return None
    newest = max(usable, key=lambda s: s.start)
    days = (today - newest.start.date()).days
    if not 1 <= days <= MORNING_WITHIN_DAYS or newest.morning is not None or newest.id in asked:
        return None
    return newest
