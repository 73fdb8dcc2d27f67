"""What a record may hold: one schema for every record that comes in from outside (an
import, another machine's export) and every record read back from the database.

Each rule says what is wrong and what would be right, in the words of the JSON the
person can see (docs/history-format.md): `steps[3].active_seconds: -5.0 is not between
0 and 86400 seconds`. Pure: no disk, no clock.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from itbtimer.core.limits import CUE_CHARS, NAME_CHARS, NOTE_CHARS
from itbtimer.core.progression import Grows
from itbtimer.core.runs import LONGEST_RUN_M, LONGEST_RUN_SECONDS, DistanceUnit
from itbtimer.core.schedule import MAX_PACED_REPS
from itbtimer.history.records import MAX_LEVEL, RUN_FIELDS, RecordError, RecordKind, kind_of

FIRST_YEAR, LAST_YEAR = 1970, 2200
EARLIEST = datetime(FIRST_YEAR, 1, 2, tzinfo=timezone.utc).timestamp()  # a day either side:
LATEST = datetime(LAST_YEAR, 12, 30, tzinfo=timezone.utc).timestamp()  # any offset fits
DAY_SECONDS = 24 * 3600
SESSION_SECONDS = 30 * DAY_SECONDS  # a session's active or paused time (a pause overnight)
MAX_STEPS = 50_000  # the most a routine may have (routine_files.loader.MAX_STEPS)
MAX_FIELDS = 100  # fields a newer version may add to a record or a step
LINE_BYTES = 1024 * 1024  # one record as one line of JSON
ID = re.compile(r"[0-9a-f]{8,64}")
ID_RULE = "8 to 64 lowercase hex digits (0-9, a-f)"
TEXTS = {"routine": NAME_CHARS, "question": NAME_CHARS, "file": 4096, "fingerprint": 64,
         "note": NOTE_CHARS}
STEP_TEXTS = {"name": NAME_CHARS, "side": 40, "mode": 40, "status": 40, "reps": CUE_CHARS,
              "until": CUE_CHARS}
STEP_SECONDS = ("planned_seconds", "active_seconds", "time_seconds")
FLAGS = ("completed", "practice", "interrupted")


def check_import(data: Any) -> RecordKind:
    """A record from outside: everything `check_stored` (a session) or `check_run` checks,
    and its id's format (the ids this program makes are 32 hex digits; DEADBEEF and
    deadbeef must not be two). Which kind of record it is."""
    if not isinstance(data, dict):
        raise RecordError("a record is a JSON object {…}")
    record_id = data.get("id")
    if isinstance(record_id, str) and not ID.fullmatch(record_id):
        raise RecordError(f"id: {_shown(record_id)} is not an id: {ID_RULE}")
    kind = kind_of(data)
    if kind == RecordKind.RUN:
        check_run(data)
    else:
        check_stored(data)
    return kind


def check_run(data: Any) -> None:
    """Raise RecordError naming the first field that no run could hold."""
    if not isinstance(data, dict):
        raise RecordError("a record is a JSON object {…}")
    if not isinstance(data.get("id"), str) or not data["id"]:
        raise RecordError("id: missing; every record has one (32 hex digits)")
    if len(data) > len(RUN_FIELDS) + MAX_FIELDS:
        raise RecordError(f"{len(data)} fields; a record has at most {MAX_FIELDS} more than "
                          "it knows")
    instant(data.get("start"), "start")
    distance = data.get("distance_m")
    if distance is None:
        raise RecordError("distance_m: a run has a distance in metres")
    _number(distance, "distance_m")
    if not 0 < distance <= LONGEST_RUN_M:
        raise RecordError(f"distance_m: {distance!r} is not more than 0 and at most "
                          f"{LONGEST_RUN_M:g} metres")
    unit = data.get("unit")
    if unit is not None and unit not in tuple(DistanceUnit):
        raise RecordError(f"unit: {_shown(unit)} is not one of "
                          f"{', '.join(DistanceUnit)}")
    pain_from = data.get("pain_from_m")
    if pain_from is not None:
        _number(pain_from, "pain_from_m")
        if not 0 <= pain_from <= distance:
            raise RecordError(f"pain_from_m: {pain_from!r} is not between 0 and the run's "
                              f"distance_m ({distance:g})")
    _seconds(data.get("seconds"), "seconds", LONGEST_RUN_SECONDS)
    _whole(data.get("pain"), "pain", 0, 10)
    _whole(data.get("version"), "version", 1, 1_000_000)
    _text(data.get("note"), "note", NOTE_CHARS)


def why_damaged(text: str, check: Callable[[Any], None]) -> str:
    """What is wrong with a stored record's text that could not be read back, in the words
    `itbtimer history` shows: the field `check` (check_stored, check_run) names, else."""
    try:
        check(json.loads(text))
    except RecordError as exc:
        return str(exc)
    except (ValueError, RecursionError):
        return "not JSON"
    return "unreadable"


def check_stored(data: Any) -> None:
    """Raise RecordError naming the first field that no session could hold."""
    if not isinstance(data, dict):
        raise RecordError("a record is a JSON object {…}")
    if not isinstance(data.get("id"), str) or not data["id"]:
        raise RecordError("id: missing; every record has one (32 hex digits)")
    if len(data) > len(TEXTS) + 20 + MAX_FIELDS:
        raise RecordError(f"{len(data)} fields; a record has at most {MAX_FIELDS} more than "
                          "it knows")
    _check_fields(data)
    _check_steps(data.get("steps"))


def _check_fields(data: dict[str, Any]) -> None:
    """The session's own fields, each within what a session could hold."""
    for name in ("start", "end"):
        if name in data and (name == "start" or data[name] is not None):
            instant(data[name], name)
    for name, most in TEXTS.items():
        _text(data.get(name), name, most)
    for name in FLAGS:
        _flag(data.get(name), name)
    for name in ("active_seconds", "paused_seconds", "active_real_seconds"):
        _seconds(data.get(name), name, SESSION_SECONDS)
    _whole(data.get("pain"), "pain", 0, 10)
    _whole(data.get("morning"), "morning", 0, 10)
    _whole(data.get("per_week"), "per_week", 1, 7 * 24)
    _whole(data.get("version"), "version", 1, 1_000_000)
    _check_levels(data.get("levels"))
    speed = data.get("speed")
    if speed is not None:
        _number(speed, "speed")
        if not 1 <= speed <= 100:
            raise RecordError(f"speed: {speed!r} is not between 1 and 100 (the --speed range)")


def _check_levels(levels: Any) -> None:
    """`levels`: null, or {"exercises": {NAME: LEVEL}, "sections": {NAME: LEVEL}}."""
    if levels is None:
        return
    if not isinstance(levels, dict):
        raise RecordError(f"levels: must be an object {{\"exercises\": {{…}}}}, not "
                          f"{_shown(levels)}")
    for grows, named in levels.items():
        if grows not in {g.value for g in Grows}:
            raise RecordError(f"levels: {_shown(grows)} is not exercises or sections")
        if not isinstance(named, dict) or len(named) > MAX_STEPS:
            raise RecordError(f"levels.{grows}: must be an object of names and levels")
        for name, level in named.items():
            _text(name, f"levels.{grows} name", NAME_CHARS)
            _whole(level, f"levels.{grows}.{name[:40]}", 0, MAX_LEVEL)


def _check_steps(steps: Any) -> None:
    if steps is None:
        return
    if not isinstance(steps, list):
        raise RecordError(f"steps: must be a list [...], not {_shown(steps)}")
    if len(steps) > MAX_STEPS:
        raise RecordError(f"steps: {len(steps)} steps; at most {MAX_STEPS}")
    for number, step in enumerate(steps, start=1):
        check_step(step, f"steps[{number}]")


def check_step(step: Any, where: str) -> None:
    if not isinstance(step, dict):
        raise RecordError(f"{where}: a step is a JSON object {{…}}, not {_shown(step)}")
    if len(step) > len(STEP_TEXTS) + 10 + MAX_FIELDS:
        raise RecordError(f"{where}: {len(step)} fields; a step has at most {MAX_FIELDS} "
                          "more than it knows")
    for name, most in STEP_TEXTS.items():
        _text(step.get(name), f"{where}.{name}", most)
    for name in STEP_SECONDS:
        _seconds(step.get(name), f"{where}.{name}", DAY_SECONDS)
    added = step.get("added_seconds")
    if added is not None:
        _number(added, f"{where}.added_seconds")
        if not -DAY_SECONDS <= added <= DAY_SECONDS:
            raise RecordError(f"{where}.added_seconds: {added!r} is not between "
                              f"-{DAY_SECONDS} and {DAY_SECONDS} seconds")
    _flag(step.get("skipped"), f"{where}.skipped")
    _whole(step.get("set"), f"{where}.set", 0, MAX_STEPS)
    _whole(step.get("round"), f"{where}.round", 0, MAX_STEPS)
    _whole(step.get("reps_done"), f"{where}.reps_done", 0, MAX_PACED_REPS)


def instant(value: Any, name: str) -> datetime:
    """An ISO date and time between the years 1970 and 2200 (naive: read as local)."""
    if not isinstance(value, str):
        raise RecordError(f"{name}: must be an ISO date and time such as "
                          f"2026-11-02T18:00:00+01:00, not {_shown(value)}")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{name}: {_shown(value)} is not an ISO date and time such as "
                          "2026-11-02T18:00:00+01:00") from None
    try:
        posix = when.timestamp()
    except (OverflowError, ValueError, OSError):
        posix = math.inf
    if not EARLIEST <= posix <= LATEST:
        raise RecordError(f"{name}: {value} is not between the years {FIRST_YEAR} and "
                          f"{LAST_YEAR}")
    return when


def sound_instant(posix: float) -> bool:
    """A stored instant any date arithmetic can take (the SQL of the readers keeps to it)."""
    return EARLIEST <= posix <= LATEST


def _text(value: Any, name: str, most: int) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise RecordError(f"{name}: must be text, not {_shown(value)}")
    if len(value) > most:
        raise RecordError(f"{name}: {len(value)} characters; at most {most}")


def _flag(value: Any, name: str) -> None:
    if value is not None and not isinstance(value, bool):
        raise RecordError(f"{name}: must be true or false, not {_shown(value)}")


def _number(value: Any, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(f"{name}: must be a number, not {_shown(value)}")
    if not math.isfinite(value):
        shown = "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
        raise RecordError(f"{name}: {shown} is not a number of seconds" if "seconds" in name
                          else f"{name}: {shown} is not a number")


def _seconds(value: Any, name: str, most: int) -> None:
    if value is None:
        return
    _number(value, name)
    if not 0 <= value <= most:
        raise RecordError(f"{name}: {value!r} is not between 0 and {most} seconds")


def _whole(value: Any, name: str, least: int, most: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"{name}: must be a whole number from {least} to {most}, "
                          f"not {_shown(value)}")
    if not least <= value <= most:
        raise RecordError(f"{name}: {value} is not a whole number from {least} to {most}")


def _shown(value: Any) -> str:
    """A value as the message shows it: short, one line."""
    if isinstance(value, str) and len(value) > 16:
        return repr(value[:16] + "…")
    text = repr(value)
    return text if len(text) <= 20 else text[:19] + "…"
