"""Places in a routine being edited, and the loader's messages mapped to them.

A place is a path: () the routine, (s,) section s, (s, e) exercise e of section s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from itbtimer.editor.fields import Level
from itbtimer.errors import ItbtimerError, Problem

NodePath = tuple[int, ...]
ROUTINE: NodePath = ()


class EditorError(ItbtimerError):
    """Something the editor cannot do, said so the person can act on it."""


@dataclass(frozen=True)
class OutlineRow:
    """One line of the outline: the routine, a section or an exercise."""

    path: NodePath
    level: Level
    name: str
    detail: str  # "30s", "8-12 reps", "until shaking", "both sides", "× 2"
    has_error: bool


def level_of(path: NodePath) -> Level:
    return (Level.ROUTINE, Level.SECTION, Level.EXERCISE)[len(path)]

_PROBLEM_PATH = re.compile(r"^sections\[(\d+)\](?:\.exercises\[(\d+)\])?(?:\.(.*))?$")


def locate(problem: Problem) -> tuple[NodePath, str]:
    """The place and field key a loader problem is about: sections[1].exercises[2].work
    -> ((1, 2), "work")."""
    field = problem.field
    match = _PROBLEM_PATH.match(field)
    if match:
        s, e, rest = match.groups()
        path: NodePath = (int(s),) if e is None else (int(s), int(e))
        return path, _field_key(rest or "")
    return ROUTINE, _field_key(field)


def _field_key(rest: str) -> str:
    # "sides[0]" -> "sides"; "defaults.work" stays as it is
    return re.sub(r"\[\d+\].*$", "", rest)
