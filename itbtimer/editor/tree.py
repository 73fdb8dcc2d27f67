"""The routine file's ruamel.yaml tree: finding a place in it, reading and changing its
keys and lists while keeping key order, quoting and the blank lines between items."""

from __future__ import annotations

import re
from typing import Any

import itbtimer.editor.yamltext as yamltext
from itbtimer.editor.fields import Field, Kind, Level, fields, group_of
from itbtimer.editor.places import EditorError, NodePath, level_of
from itbtimer.editor.yamltext import CommentedMap, CommentedSeq

NEW_SECTION = "New section"
NEW_EXERCISE = "New exercise"

# Where a new key goes among the keys already there.
ORDER: dict[Level, tuple[str, ...]] = {
    Level.ROUTINE: ("name", "id", "description", "cue", "per_week", "ask", "progress",
                    "defaults", "sections"),
    Level.SECTION: tuple(f.key for f in fields(Level.SECTION)
                         if "." not in f.key) + ("progress", "exercises"),
    Level.EXERCISE: tuple(f.key for f in fields(Level.EXERCISE) if "." not in f.key)[:-1]
    + ("progress", "how"),
}
DEFAULTS_ORDER = tuple(f.key.split(".", 1)[1] for f in fields(Level.ROUTINE)
                        if f.key.startswith("defaults."))
# where a new key goes inside a group (`defaults`, `progress`)
GROUP_ORDER = {"defaults": DEFAULTS_ORDER,
               "progress": ("by", "up_to", "sets_up_to", "pain_at_most")}
_WHOLE = re.compile(r"\d+")


def sections(root: CommentedMap) -> list[Any]:
    sections = root.get("sections")
    return list(sections) if isinstance(sections, list) else []


def sections_list(root: CommentedMap, create: bool = False) -> CommentedSeq:
    sections = root.get("sections")
    if not isinstance(sections, CommentedSeq):
        if not create:
            raise EditorError("this routine has no list of sections")
        sections = CommentedSeq()
        set_key(root, "sections", sections, ORDER[Level.ROUTINE])
    return sections


def exercises(root: CommentedMap, s: int) -> list[Any]:
    section = sections(root)[s]
    exercises = section.get("exercises") if isinstance(section, dict) else None
    return list(exercises) if isinstance(exercises, list) else []


def exercise_list(root: CommentedMap, s: int) -> CommentedSeq:
    section = sections(root)[s]
    if not isinstance(section, CommentedMap):
        raise EditorError(f"section {s + 1} is not a group of `key: value` lines")
    exercises = section.get("exercises")
    if not isinstance(exercises, CommentedSeq):
        exercises = CommentedSeq()
        set_key(section, "exercises", exercises, ORDER[Level.SECTION])
    return exercises


def parent(root: CommentedMap, path: NodePath) -> tuple[CommentedSeq, int]:
    if not exists(root, path):
        raise EditorError("nothing is selected there")
    if len(path) == 1:
        return sections_list(root), path[0]
    return exercise_list(root, path[0]), path[1]


def exists(root: CommentedMap, path: NodePath) -> bool:
    if not path:
        return True
    found = sections(root)
    if not 0 <= path[0] < len(found):
        return False
    return len(path) == 1 or 0 <= path[1] < len(exercises(root, path[0]))


def node_at(root: CommentedMap, path: NodePath) -> Any:
    if not path:
        return root
    if len(path) == 1:
        return sections(root)[path[0]]
    return exercises(root, path[0])[path[1]]


def container(root: CommentedMap, path: NodePath, key: str, create: bool) -> tuple[Any, str]:
    node = node_at(root, path)
    if not isinstance(node, CommentedMap):
        raise EditorError("this part of the file is not a group of `key: value` lines; "
                          "fix it in a text editor")
    group = group_of(key)
    if group is not None:
        leaf = key.split(".", 1)[1]
        inner = node.get(group)
        if not isinstance(inner, CommentedMap):
            if not create:
                return None, leaf
            inner = CommentedMap()
            set_key(node, group, inner, ORDER[level_of(path)])
        return inner, leaf
    return node, key


def get(root: CommentedMap, path: NodePath, key: str) -> Any:
    node = node_at(root, path)
    if not isinstance(node, dict):
        return None
    group = group_of(key)
    if group is not None:
        inner = node.get(group)
        return inner.get(key.split(".", 1)[1]) if isinstance(inner, dict) else None
    return node.get(key)

def section_detail(section: Any) -> str:
    if not isinstance(section, dict):
        return ""
    parts = []
    for key, word in (("rounds", "rounds"), ("sets", "sets")):
        value = section.get(key)
        if value not in (None, 1):
            parts.append(f"{value} {word}")
    return " · ".join(parts)


def plain(value: Any) -> str:
    return "" if value is None else str(value).strip()


def name_of(node: Any, fallback: str) -> str:
    if isinstance(node, dict):
        return plain(node.get("name")) or fallback
    return fallback


def exercise_detail(node: Any) -> str:
    if not isinstance(node, dict):
        return ""
    parts = []
    if node.get("reps") is not None:
        parts.append(f"{plain(node['reps'])} reps")
    elif node.get("until") is not None:
        parts.append(f"until {plain(node['until'])}")
    elif node.get("work") is not None:
        parts.append(plain(node["work"]))
    if node.get("sides") is not None:
        parts.append("both sides")
    if node.get("sets") not in (None, 1):
        parts.append(f"× {node['sets']}")
    return " · ".join(parts)


def new_exercise() -> CommentedMap:
    exercise = CommentedMap()
    exercise["name"] = NEW_EXERCISE
    return exercise


def convert(field: Field, value: str | bool) -> Any:
    """What goes in the file for what the person gave; None removes the key."""
    if field.kind is Kind.SIDES:
        return "both" if value else None
    if field.kind is Kind.FLAG:
        return True if value else None
    text = value if isinstance(value, str) else ("yes" if value else "")
    text = text.strip()
    if not text:
        return "" if field.required else None
    if field.kind in (Kind.TEXT, Kind.LONG_TEXT):
        return text
    if _WHOLE.fullmatch(text):
        return int(text)
    return text


def set_key(node: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    if key in node:
        node[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    keys = list(node.keys())
    position = 0
    for i, existing in enumerate(keys):
        if (order.index(existing) if existing in order else len(order)) <= rank:
            position = i + 1
    at_end = position == len(keys)
    gap = yamltext.take_gap(node) if at_end else ""
    node.insert(position, key, value)
    yamltext.put_gap(node, gap)


def delete_key(node: CommentedMap, key: str) -> None:
    at_end = list(node.keys())[-1] == key
    gap = yamltext.take_gap(node) if at_end else ""
    del node[key]
    if node:
        yamltext.put_gap(node, gap)


def take_gaps(seq: CommentedSeq) -> list[str]:
    return [yamltext.take_gap(item) for item in seq]


def put_gaps(seq: CommentedSeq, gaps: list[str]) -> None:
    for item, gap in zip(seq, gaps, strict=False):
        yamltext.put_gap(item, gap)


def insert_item(seq: CommentedSeq, index: int, item: Any) -> None:
    gaps = take_gaps(seq)
    separator = yamltext.typical_gap(gaps)
    if gaps and index >= len(gaps):
        gaps = gaps[:-1] + [separator, gaps[-1]]
    else:
        gaps = gaps[:index] + [separator] + gaps[index:]
    seq.insert(index, item)
    put_gaps(seq, gaps)


def remove_item(seq: CommentedSeq, index: int) -> Any:
    gaps = take_gaps(seq)
    if index == len(gaps) - 1 and index > 0:
        gaps = gaps[: index - 1] + [gaps[index]]
    else:
        gaps = gaps[:index] + gaps[index + 1:]
    item = seq[index]
    del seq[index]
    put_gaps(seq, gaps)
    return item


def swap(seq: CommentedSeq, a: int, b: int) -> None:
    gaps = take_gaps(seq)
    seq[a], seq[b] = seq[b], seq[a]
    put_gaps(seq, gaps)
