"""A routine being edited: its sections and exercises, the operations on them, undo and redo.

The document is the routine file's text plus its ruamel.yaml round-trip tree.
Every operation edits the tree, writes it back to text and has the project's
own loader (routine.parse_routine) check that text, so a field the loader
rejects carries the loader's own message. Undo and redo step between texts.

A place in the routine is a path: () the routine, (s,) section s,
(s, e) exercise e of section s.
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.scalarstring import ScalarString

from ..durations import format_hms
from ..errors import ItbtimerError, Problem, RoutineError
from ..loader import MAX_FILE_BYTES, _decode
from ..plan import Plan, build_plan
from ..routine import Routine, parse_routine
from . import yamltext
from .fields import Field, Kind, Level, fields
from .yamltext import CommentedMap, CommentedSeq

NodePath = tuple[int, ...]
ROUTINE: NodePath = ()

NEW_SECTION = "New section"
NEW_EXERCISE = "New exercise"


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


@dataclass(frozen=True)
class Summary:
    """What the start screen shows of a routine: total, steps, untimed steps."""

    total_seconds: int
    steps: int
    untimed: int

    def describe(self) -> str:
        text = f"{format_hms(self.total_seconds)} · {self.steps} steps"
        if self.untimed:
            text += f" · {self.untimed} untimed"
        return text


def level_of(path: NodePath) -> Level:
    return (Level.ROUTINE, Level.SECTION, Level.EXERCISE)[len(path)]


# Where a new key goes among the keys already there.
_ORDER: dict[Level, tuple[str, ...]] = {
    Level.ROUTINE: ("name", "description", "cue", "per_week", "ask", "defaults", "sections"),
    Level.SECTION: tuple(f.key for f in fields(Level.SECTION)) + ("exercises",),
    Level.EXERCISE: tuple(f.key for f in fields(Level.EXERCISE)),
}
_DEFAULTS_ORDER = tuple(f.key.split(".", 1)[1] for f in fields(Level.ROUTINE)
                        if f.key.startswith("defaults."))
_WHOLE = re.compile(r"\d+")
_PROBLEM_PATH = re.compile(r"^sections\[(\d+)\](?:\.exercises\[(\d+)\])?(?:\.(.*))?$")


class Document:
    """The routine file being edited."""

    def __init__(self, text: str, path: Path | None = None, saved_text: str | None = None):
        self.path = path
        self._yaml = yamltext.make_yaml(text)
        try:
            tree = yamltext.load(self._yaml, text)
        except yamltext.YAMLError:
            tree = None
        if not isinstance(tree, CommentedMap):
            # Let the loader say what is wrong, in its own words.
            source = str(path) if path else "<routine>"
            try:
                parse_routine(text, source)
            except RoutineError:
                raise
            raise RoutineError(source, [Problem("a routine must be a group of `key: value` "
                                                "lines (name:, sections:)")])
        self._tree: CommentedMap = tree
        self._original = saved_text if saved_text is not None else text
        self._unchanged_dump = yamltext.dump(self._yaml, tree)
        self.text = text
        self.saved_text = self._original
        self._undo: list[tuple[str, NodePath]] = []
        self._redo: list[tuple[str, NodePath]] = []
        self._check()

    # --- opening and saving ------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> Document:
        path = Path(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise RoutineError(str(path), [Problem("no such file")]) from None
        except OSError as exc:
            raise RoutineError(str(path), [Problem(f"the file cannot be read ({exc.strerror})")]
                               ) from None
        if len(data) > MAX_FILE_BYTES:
            raise RoutineError(str(path), [Problem("a routine file may be at most 1 MiB")])
        return cls(_decode(data, str(path)), path)

    @property
    def source(self) -> str:
        return str(self.path) if self.path else "<routine>"

    @property
    def dirty(self) -> bool:
        """True when there are changes that are not saved."""
        return self.text != self.saved_text

    def save(self, path: str | Path | None = None) -> bool:
        """Write the routine atomically; False when there was nothing to write."""
        target = Path(path) if path else self.path
        if target is None:
            raise EditorError("this routine has no file yet; choose where to save it")
        if self.problems:
            first = self.problems[0]
            where = self.field_label(first) or "the routine"
            raise EditorError(f"not saved: {where}: {first.message}")
        if target == self.path and not self.dirty and target.exists():
            return False
        write_atomically(target, self.text)
        self.path = target
        self.saved_text = self.text
        return True

    # --- what the view shows -------------------------------------------------
    @property
    def name(self) -> str:
        return _plain(self._tree.get("name")) or "(no name)"

    def outline(self) -> list[OutlineRow]:
        rows = [OutlineRow(ROUTINE, Level.ROUTINE, self.name, self._summary_text(),
                           bool(self.errors(ROUTINE)))]
        for s, section in enumerate(self._sections()):
            detail = self._section_detail(section)
            rows.append(OutlineRow((s,), Level.SECTION, _name_of(section, NEW_SECTION),
                                   detail, bool(self.errors((s,)))))
            for e, exercise in enumerate(self._exercises(s)):
                rows.append(OutlineRow((s, e), Level.EXERCISE, _name_of(exercise, "?"),
                                       _exercise_detail(exercise), bool(self.errors((s, e)))))
        return rows

    def fields(self, path: NodePath) -> tuple[Field, ...]:
        """The fields the form shows here: an estimate of a rep only for a reps exercise,
        of a hold only for a hold, all-sets-per-side only for a two-sided one (or when the
        file gives it anyway)."""
        node = self._node(path) if self._exists(path) else None
        given = node if isinstance(node, dict) else {}
        return tuple(f for f in fields(level_of(path))
                     if not f.only_with or f.only_with in given or f.key in given)

    def value(self, path: NodePath, key: str) -> str | bool:
        """What the field shows: the text as written, or True/False for a check box."""
        field = self._field(path, key)
        raw = self._get(path, key)
        if field.kind is Kind.SIDES:
            return raw is not None
        if field.kind is Kind.FLAG:
            return raw is True
        if raw is None:
            return ""
        if isinstance(raw, CommentedMap | CommentedSeq):
            return yamltext.dump(self._yaml, raw).strip()
        return str(raw).strip()

    def inherited(self, path: NodePath, key: str) -> str | None:
        """What an empty field means ("30s from the section"), or None."""
        if self._get(path, key) is not None or self.routine is None or not path:
            return None
        section = self.routine.sections[path[0]] if path[0] < len(self.routine.sections) else None
        if section is None:
            return None
        if len(path) == 2 and path[1] < len(section.exercises):
            exercise = section.exercises[path[1]]
            if key == "work" and exercise.mode == "timed" and exercise.work is not None:
                return f"{exercise.work}s"
            if key == "sets":
                return str(exercise.sets)
            if key == "rest":
                rest = exercise.rest
                if rest.flexible:
                    return f"{rest.min_seconds}-{rest.max_seconds}s"
                return f"{rest.max_seconds}s" if rest.max_seconds else "none"
        return None

    def errors(self, path: NodePath) -> dict[str, str]:
        """The loader's messages for this place: field key -> message ("" for the place)."""
        found: dict[str, str] = {}
        for problem in self.problems:
            where, key = locate(problem)
            if where == path:
                found.setdefault(key, problem.message)
        return found

    def field_label(self, problem: Problem) -> str:
        """Where a problem is, in words: "Plank: How long"."""
        where, key = locate(problem)
        name = self._name_at(where)
        label = ""
        for f in fields(level_of(where)) if self._exists(where) else ():
            if f.key == key:
                label = f.label
        return f"{name}: {label}" if label else name

    @property
    def summary(self) -> Summary | None:
        if self.plan is None:
            return None
        return Summary(self.plan.total_seconds, len(self.plan.steps), self.plan.untimed_steps)

    def preview(self) -> list[str]:
        """The plan, the same lines as `itbtimer plan`."""
        return self.plan.describe().splitlines() if self.plan else []

    def exists(self, path: NodePath) -> bool:
        return self._exists(path)

    # --- operations ----------------------------------------------------------
    def set_field(self, path: NodePath, key: str, value: str | bool) -> None:
        """Set a field from what the person typed or ticked; an empty field is removed."""
        field = self._field(path, key)
        with self._change(path):
            converted = _convert(field, value)
            node, leaf = self._container(path, key, create=converted is not None)
            if node is None:
                return
            if converted is None:
                if leaf in node:
                    _delete_key(node, leaf)
                    if key.startswith("defaults.") and not node:
                        _delete_key(self._tree, "defaults")
                return
            if field.group:
                for other in fields(level_of(path)):
                    if other.group == field.group and other.key != key and other.key in node:
                        _delete_key(node, other.key)
            old = node.get(leaf)
            if isinstance(old, ScalarString) and isinstance(converted, str):
                converted = type(old)(converted)
            order = _DEFAULTS_ORDER if key.startswith("defaults.") else _ORDER[level_of(path)]
            _set_key(node, leaf, converted, order)

    def add_section(self, after: NodePath | None = None) -> NodePath:
        """A new section after the selected one (at the end when nothing is selected)."""
        index = after[0] + 1 if after else len(self._sections())
        section = CommentedMap()
        section["name"] = NEW_SECTION
        exercises = CommentedSeq()
        exercises.append(_new_exercise())
        section["exercises"] = exercises
        with self._change((index,)):
            _insert_item(self._sections_list(create=True), index, section)
        return (index,)

    def add_exercise(self, after: NodePath) -> NodePath:
        """A new exercise after the selected one (first in a selected section)."""
        if not after:
            if not self._sections():
                return self.add_section() + (0,)
            after = (0,)
        s = after[0]
        index = after[1] + 1 if len(after) == 2 else 0
        with self._change((s, index)):
            _insert_item(self._exercise_list(s), index, _new_exercise())
        return (s, index)

    def duplicate(self, path: NodePath) -> NodePath:
        """A copy of the selected section or exercise, right after it."""
        if not path:
            raise EditorError("choose a section or an exercise to duplicate")
        seq, index = self._parent(path)
        twin = copy.deepcopy(seq[index])
        yamltext.take_gap(twin)
        name = twin.get("name") if isinstance(twin, CommentedMap) else None
        if isinstance(name, str):
            twin["name"] = type(name)(f"{name.strip()} (copy)")
        new = path[:-1] + (index + 1,)
        with self._change(new):
            _insert_item(seq, index + 1, twin)
        return new

    def delete(self, path: NodePath) -> NodePath:
        """Delete a section or an exercise; returns what to select next."""
        if not path:
            raise EditorError("the routine itself cannot be deleted; delete its file instead")
        seq, index = self._parent(path)
        if len(seq) == 1:
            raise EditorError(
                "a section needs at least one exercise: add another first, or delete the section"
                if len(path) == 2 else "a routine needs at least one section: add another first")
        with self._change(path):
            _remove_item(seq, index)
        return path[:-1] + (min(index, len(seq) - 1),)

    def move(self, path: NodePath, delta: int) -> NodePath:
        """Move a section or exercise one place up (-1) or down (+1); an exercise at the
        edge of its section goes into the next section. Returns its new place."""
        if not path or delta not in (-1, 1):
            return path
        seq, index = self._parent(path)
        target = index + delta
        if 0 <= target < len(seq):
            with self._change(path[:-1] + (target,)):
                _swap(seq, index, target)
            return path[:-1] + (target,)
        if len(path) == 1:
            return path
        s = path[0] + delta
        if not 0 <= s < len(self._sections()):
            return path
        destination = self._exercise_list(s)
        where = len(destination) if delta < 0 else 0
        new = (s, where)
        with self._change(new):
            item = _remove_item(seq, index)
            _insert_item(destination, where, item)
        return new

    # --- undo ----------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> NodePath | None:
        """Go back one change; returns the place it touched (None: nothing to undo)."""
        if not self._undo:
            return None
        text, where = self._undo.pop()
        self._redo.append((self.text, where))
        self._restore(text)
        return where if self._exists(where) else _nearest(where, self)

    def redo(self) -> NodePath | None:
        if not self._redo:
            return None
        text, where = self._redo.pop()
        self._undo.append((self.text, where))
        self._restore(text)
        return where if self._exists(where) else _nearest(where, self)

    # --- inside --------------------------------------------------------------
    def _restore(self, text: str) -> None:
        self._tree = yamltext.load(self._yaml, text)
        self.text = text
        self._check()

    def _change(self, where: NodePath) -> _Change:
        return _Change(self, where)

    def _commit(self, before: str, where: NodePath) -> None:
        text = self._render()
        if text == self.text:
            return
        self._undo.append((before, where))
        self._redo.clear()
        self.text = text
        self._check()

    def _render(self) -> str:
        text = yamltext.dump(self._yaml, self._tree)
        if text == self._unchanged_dump:
            return self._original
        if self._unchanged_dump != self._original:
            carried = carry_over(self._original, self._unchanged_dump, text)
            if _same_meaning(carried, text):
                return carried
        return text

    def _check(self) -> None:
        try:
            self.routine: Routine | None = parse_routine(self.text, self.source)
            self.problems: tuple[Problem, ...] = ()
        except RoutineError as exc:
            self.routine = None
            self.problems = tuple(exc.problems)
        self.plan: Plan | None = build_plan(self.routine) if self.routine else None

    def _sections(self) -> list[Any]:
        sections = self._tree.get("sections")
        return list(sections) if isinstance(sections, list) else []

    def _sections_list(self, create: bool = False) -> CommentedSeq:
        sections = self._tree.get("sections")
        if not isinstance(sections, CommentedSeq):
            if not create:
                raise EditorError("this routine has no list of sections")
            sections = CommentedSeq()
            _set_key(self._tree, "sections", sections, _ORDER[Level.ROUTINE])
        return sections

    def _exercises(self, s: int) -> list[Any]:
        section = self._sections()[s]
        exercises = section.get("exercises") if isinstance(section, dict) else None
        return list(exercises) if isinstance(exercises, list) else []

    def _exercise_list(self, s: int) -> CommentedSeq:
        section = self._sections()[s]
        if not isinstance(section, CommentedMap):
            raise EditorError(f"section {s + 1} is not a group of `key: value` lines")
        exercises = section.get("exercises")
        if not isinstance(exercises, CommentedSeq):
            exercises = CommentedSeq()
            _set_key(section, "exercises", exercises, _ORDER[Level.SECTION])
        return exercises

    def _parent(self, path: NodePath) -> tuple[CommentedSeq, int]:
        if not self._exists(path):
            raise EditorError("nothing is selected there")
        if len(path) == 1:
            return self._sections_list(), path[0]
        return self._exercise_list(path[0]), path[1]

    def _exists(self, path: NodePath) -> bool:
        if not path:
            return True
        sections = self._sections()
        if not 0 <= path[0] < len(sections):
            return False
        return len(path) == 1 or 0 <= path[1] < len(self._exercises(path[0]))

    def _node(self, path: NodePath) -> Any:
        if not path:
            return self._tree
        if len(path) == 1:
            return self._sections()[path[0]]
        return self._exercises(path[0])[path[1]]

    def _name_at(self, path: NodePath) -> str:
        if not self._exists(path):
            return "the routine"
        if not path:
            return self.name
        return _name_of(self._node(path), "?")

    def _field(self, path: NodePath, key: str) -> Field:
        if not self._exists(path):
            raise EditorError("nothing is selected there")
        for f in fields(level_of(path)):
            if f.key == key:
                return f
        raise EditorError(f"a {level_of(path).value} has no field `{key}`")

    def _container(self, path: NodePath, key: str, create: bool) -> tuple[Any, str]:
        node = self._node(path)
        if not isinstance(node, CommentedMap):
            raise EditorError("this part of the file is not a group of `key: value` lines; "
                              "fix it in a text editor")
        if key.startswith("defaults."):
            leaf = key.split(".", 1)[1]
            defaults = node.get("defaults")
            if not isinstance(defaults, CommentedMap):
                if not create:
                    return None, leaf
                defaults = CommentedMap()
                _set_key(node, "defaults", defaults, _ORDER[Level.ROUTINE])
            return defaults, leaf
        return node, key

    def _get(self, path: NodePath, key: str) -> Any:
        node = self._node(path)
        if not isinstance(node, dict):
            return None
        if key.startswith("defaults."):
            defaults = node.get("defaults")
            return defaults.get(key.split(".", 1)[1]) if isinstance(defaults, dict) else None
        return node.get(key)

    def _summary_text(self) -> str:
        summary = self.summary
        return summary.describe() if summary else "has errors"

    def _section_detail(self, section: Any) -> str:
        if not isinstance(section, dict):
            return ""
        parts = []
        for key, word in (("rounds", "rounds"), ("sets", "sets")):
            value = section.get(key)
            if value not in (None, 1):
                parts.append(f"{value} {word}")
        return " · ".join(parts)


class _Change:
    """One undoable change: remembers the text before, commits after."""

    def __init__(self, document: Document, where: NodePath):
        self.document = document
        self.where = where

    def __enter__(self) -> None:
        self.before = self.document.text

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        if kind is None:
            self.document._commit(self.before, self.where)
        else:
            self.document._restore(self.before)


# --- helpers ---------------------------------------------------------------------


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


def _nearest(path: NodePath, document: Document) -> NodePath:
    while path and not document.exists(path):
        path = path[:-1] if path[-1] == 0 else path[:-1] + (path[-1] - 1,)
    return path


def _plain(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _name_of(node: Any, fallback: str) -> str:
    if isinstance(node, dict):
        return _plain(node.get("name")) or fallback
    return fallback


def _exercise_detail(node: Any) -> str:
    if not isinstance(node, dict):
        return ""
    parts = []
    if node.get("reps") is not None:
        parts.append(f"{_plain(node['reps'])} reps")
    elif node.get("until") is not None:
        parts.append(f"until {_plain(node['until'])}")
    elif node.get("work") is not None:
        parts.append(_plain(node["work"]))
    if node.get("sides") is not None:
        parts.append("both sides")
    if node.get("sets") not in (None, 1):
        parts.append(f"× {node['sets']}")
    return " · ".join(parts)


def _new_exercise() -> CommentedMap:
    exercise = CommentedMap()
    exercise["name"] = NEW_EXERCISE
    return exercise


def _convert(field: Field, value: str | bool) -> Any:
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


def _set_key(node: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
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


def _delete_key(node: CommentedMap, key: str) -> None:
    at_end = list(node.keys())[-1] == key
    gap = yamltext.take_gap(node) if at_end else ""
    del node[key]
    if node:
        yamltext.put_gap(node, gap)


def _gaps(seq: CommentedSeq) -> list[str]:
    return [yamltext.take_gap(item) for item in seq]


def _put_gaps(seq: CommentedSeq, gaps: list[str]) -> None:
    for item, gap in zip(seq, gaps, strict=False):
        yamltext.put_gap(item, gap)


def _insert_item(seq: CommentedSeq, index: int, item: Any) -> None:
    gaps = _gaps(seq)
    separator = yamltext.typical_gap(gaps)
    if gaps and index >= len(gaps):
        gaps = gaps[:-1] + [separator, gaps[-1]]
    else:
        gaps = gaps[:index] + [separator] + gaps[index:]
    seq.insert(index, item)
    _put_gaps(seq, gaps)


def _remove_item(seq: CommentedSeq, index: int) -> Any:
    gaps = _gaps(seq)
    if index == len(gaps) - 1 and index > 0:
        gaps = gaps[: index - 1] + [gaps[index]]
    else:
        gaps = gaps[:index] + gaps[index + 1:]
    item = seq[index]
    del seq[index]
    _put_gaps(seq, gaps)
    return item


def _swap(seq: CommentedSeq, a: int, b: int) -> None:
    gaps = _gaps(seq)
    seq[a], seq[b] = seq[b], seq[a]
    _put_gaps(seq, gaps)


def _same_meaning(a: str, b: str) -> bool:
    """Both texts load to the same routine (or fail with the same messages)."""
    def meaning(text: str) -> object:
        try:
            routine = parse_routine(text)
        except RoutineError as exc:
            return [(p.field, p.message) for p in exc.problems]
        return {**routine.__dict__, "fingerprint": ""}

    return meaning(a) == meaning(b)


def carry_over(original: str, unchanged: str, changed: str) -> str:
    """Apply the edits (unchanged -> changed) to the person's original text.

    ruamel.yaml may write an untouched file a little differently from how the
    person wrote it (spacing inside a line, say). The lines the edit did not
    touch are taken from the original, so only the edited lines differ.
    Falls back to the changed text when a changed region cannot be placed.
    """
    import difflib

    old_lines = unchanged.splitlines(keepends=True)
    new_lines = changed.splitlines(keepends=True)
    mine = original.splitlines(keepends=True)
    # Where each line of the unchanged dump is in the original.
    where: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, old_lines, mine, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                where[i1 + k] = j1 + k
    out: list[str] = []
    cursor = 0  # next line of the original not yet written
    edits = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in edits:
        if tag == "equal":
            continue
        start = where.get(i1) if i1 < len(old_lines) else len(mine)
        end = where.get(i2 - 1, -2) + 1 if i2 > i1 else start
        if start is None or end is None or start < cursor or (i2 > i1 and end - start != i2 - i1):
            return changed
        out.extend(mine[cursor:start])
        out.extend(new_lines[j1:j2])
        cursor = end
    out.extend(mine[cursor:])
    return "".join(out)


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file in the same folder, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
