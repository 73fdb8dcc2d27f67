"""Small builders shared by the tests."""

from __future__ import annotations

from itbtimer.core.plan import Plan, build_plan
from itbtimer.routine_files import parse_routine


def plan_of(text: str) -> Plan:
    return build_plan(parse_routine(text))


def names(events) -> list[str]:
    return [e.name if e.name != "cue" else f"cue:{e.sound}" for e in events]


def in_progress_ids(store) -> list[str]:
    """The ids of the sessions a window is running, as the history lists them."""
    return [s.id for s in store.listing() if s.in_progress]
