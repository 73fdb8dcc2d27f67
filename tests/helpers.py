"""Small builders shared by the tests."""

from __future__ import annotations

from itbtimer.core.plan import Plan, build_plan
from itbtimer.routine_files import parse_routine


def plan_of(text: str) -> Plan:
    return build_plan(parse_routine(text))


def names(events) -> list[str]:
    return [e.name if e.name != "cue" else f"cue:{e.sound}" for e in events]
