"""Where a problem is, in the person's words: the section and exercise by name and line.

The checker records a problem's place as a path (`sections[1].exercises[8].work`), which
the editor uses to find the field. A person reads it as 'work of exercise "Clamshell"
(line 40) in section "Strength" (line 22)'; an entry without a name is "the exercise on
line 40".
"""

from __future__ import annotations

import re
from dataclasses import replace

import yaml

from itbtimer.core.escaping import escaped
from itbtimer.errors import Problem

_PATH = re.compile(r"^sections\[(\d+)\](?:\.exercises\[(\d+)\])?(?:\.(.*))?$")
_LONGEST_NAME = 40


def with_place_words(root: yaml.Node, problems: list[Problem]) -> list[Problem]:
    """The problems, each with its place in words (those outside the sections unchanged)."""
    return [replace(p, place=place_of(root, p.field)) for p in problems]


def place_of(root: yaml.Node, path: str) -> str:
    """'sections[0].exercises[1].work' -> 'work of exercise "B" (line 5) in section "A"
    (line 3)'; a path outside the sections is returned without its indexes."""
    match = _PATH.match(path)
    if not match:
        return _without_indexes(path)
    s, e, rest = match.groups()
    section = _entry(_value(root, "sections"), int(s))
    if section is None:
        return _without_indexes(path)
    where = _named("section", section)
    if e is not None:
        exercise = _entry(_value(section, "exercises"), int(e))
        if exercise is None:
            return _without_indexes(path)
        where = f"{_named('exercise', exercise)} in {where}"
    key = _without_indexes(rest or "")
    return f"{key} of {where}" if key else where


def _without_indexes(path: str) -> str:
    """'cue[1]' -> 'cue', 'sides[0]' -> 'sides': the key, never a count from 0."""
    return re.sub(r"\[\d+\]", "", path)


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value
                 if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _entry(node: yaml.Node | None, index: int) -> yaml.Node | None:
    if not isinstance(node, yaml.SequenceNode) or not 0 <= index < len(node.value):
        return None
    entry: yaml.Node = node.value[index]
    return entry


def _named(what: str, node: yaml.Node) -> str:
    line = node.start_mark.line + 1
    name = _value(node, "name")
    if isinstance(name, yaml.ScalarNode) and isinstance(name.value, str) and name.value.strip():
        text = " ".join(name.value.split())
        if len(text) > _LONGEST_NAME:
            text = text[:_LONGEST_NAME - 1] + "…"
        return f'{what} "{escaped(text)}" (line {line})'
    return f"the {what} on line {line}"
