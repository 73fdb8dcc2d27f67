"""A routine being edited: its sections and exercises, the operations on them, undo and redo.

The document is the routine file's text plus its ruamel.yaml round-trip tree.
Every operation edits the tree, writes it back to text and has the project's
own loader (routine.parse_routine) check that text, so a field the loader
rejects carries the loader's own message. Undo and redo step between texts
(history.py). Places and the loader's messages: places.py; the tree: tree.py;
writing the file: saving.py.
"""

from __future__ import annotations

import copy
from pathlib import Path

from ruamel.yaml.scalarstring import ScalarString

import itbtimer.editor.tree as tree
import itbtimer.editor.yamltext as yamltext
from itbtimer.atomic import write_atomic
from itbtimer.core.plan import Plan, build_plan
from itbtimer.core.routine import Routine
from itbtimer.editor.fields import Field, Kind, Level, fields, group_of, inherited
from itbtimer.editor.places import (
    ROUTINE,
    EditorError,
    NodePath,
    OutlineRow,
    level_of,
    locate,
)
from itbtimer.editor.saving import carry_over, read_text, same_meaning
from itbtimer.editor.tree import NEW_EXERCISE, NEW_SECTION
from itbtimer.editor.undo import Change, UndoHistory, nearest
from itbtimer.editor.yamltext import CommentedMap, CommentedSeq
from itbtimer.errors import Problem, RoutineError
from itbtimer.routine_files import parse_routine

__all__ = ["NEW_EXERCISE", "NEW_SECTION", "ROUTINE", "Document", "EditorError", "NodePath",
           "OutlineRow", "carry_over", "level_of", "locate"]


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
        self.history = UndoHistory()
        self._check()

    # --- opening and saving ------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> Document:
        path = Path(path)
        return cls(read_text(path), path)

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
        write_atomic(target, self.text)
        self.path = target
        self.saved_text = self.text
        return True

    # --- what the view shows -------------------------------------------------
    @property
    def name(self) -> str:
        return tree.plain(self._tree.get("name")) or "(no name)"

    def outline(self) -> list[OutlineRow]:
        rows = [OutlineRow(ROUTINE, Level.ROUTINE, self.name, self._summary_text(),
                           bool(self.errors(ROUTINE)))]
        for s, section in enumerate(tree.sections(self._tree)):
            detail = tree.section_detail(section)
            rows.append(OutlineRow((s,), Level.SECTION, tree.name_of(section, NEW_SECTION),
                                   detail, bool(self.errors((s,)))))
            for e, exercise in enumerate(tree.exercises(self._tree, s)):
                rows.append(OutlineRow((s, e), Level.EXERCISE, tree.name_of(exercise, "?"),
                                       tree.exercise_detail(exercise), bool(self.errors((s, e)))))
        return rows

    def fields(self, path: NodePath) -> tuple[Field, ...]:
        """The fields the form shows here, in its order: an estimate of a rep only for a
        reps exercise, of a hold only for a hold, all-sets-per-side only for a two-sided one
        (or when the file gives it anyway). A field shown only with another comes right
        after it: it appears behind a person tabbing on from that one, and the fields ahead
        stay where they were."""
        node = tree.node_at(self._tree, path) if tree.exists(self._tree, path) else None

        def given(key: str) -> bool:
            return isinstance(node, dict) and tree.get(self._tree, path, key) is not None

        shown = [f for f in fields(level_of(path))
                 if (not f.only_with or given(f.only_with) or given(f.key))
                 and (not f.when_given or given(group_of(f.key) or f.key))]
        keys = {f.key for f in shown}
        ordered: list[Field] = []
        for f in shown:
            if not (f.only_with and f.only_with in keys):
                ordered += [f, *(g for g in shown if g.only_with == f.key)]
        return tuple(ordered)

    def value(self, path: NodePath, key: str) -> str | bool:
        """What the field shows: the text as written, or True/False for a check box."""
        field = self._field(path, key)
        raw = tree.get(self._tree, path, key)
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
        if tree.get(self._tree, path, key) is not None or self.routine is None:
            return None
        return inherited(self.routine, path, key)

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
        for f in fields(level_of(where)) if tree.exists(self._tree, where) else ():
            if f.key == key:
                label = f.label
        return f"{name}: {label}" if label else name

    def preview(self) -> list[str]:
        """The plan, the same lines as `itbtimer plan`."""
        return self.plan.describe().splitlines() if self.plan else []

    def exists(self, path: NodePath) -> bool:
        return tree.exists(self._tree, path)

    # --- operations ----------------------------------------------------------
    def set_field(self, path: NodePath, key: str, value: str | bool) -> None:
        """Set a field from what the person typed or ticked; an empty field is removed."""
        field = self._field(path, key)
        with self._change(path):
            converted = tree.convert(field, value)
            node, leaf = tree.container(self._tree, path, key, create=converted is not None)
            if node is None:
                return
            if converted is None:
                if leaf in node:
                    tree.delete_key(node, leaf)
                    group = group_of(key)
                    if group is not None and not node:
                        tree.delete_key(tree.node_at(self._tree, path), group)
                return
            if field.group:
                for other in fields(level_of(path)):
                    if other.group == field.group and other.key != key and other.key in node:
                        tree.delete_key(node, other.key)
            if path == ROUTINE and key == "name":
                _keep_identity(node)
            old = node.get(leaf)
            if isinstance(old, ScalarString) and isinstance(converted, str):
                converted = type(old)(converted)
            group = group_of(key)
            order = tree.GROUP_ORDER[group] if group else tree.ORDER[level_of(path)]
            tree.set_key(node, leaf, converted, order)

    def add_section(self, after: NodePath | None = None) -> NodePath:
        """A new section after the selected one (at the end when nothing is selected)."""
        index = after[0] + 1 if after else len(tree.sections(self._tree))
        section = CommentedMap()
        section["name"] = NEW_SECTION
        exercises = CommentedSeq()
        exercises.append(tree.new_exercise())
        section["exercises"] = exercises
        with self._change((index,)):
            tree.insert_item(tree.sections_list(self._tree, create=True), index, section)
        return (index,)

    def add_exercise(self, after: NodePath) -> NodePath:
        """A new exercise after the selected one (first in a selected section)."""
        if not after:
            if not tree.sections(self._tree):
                return self.add_section() + (0,)
            after = (0,)
        s = after[0]
        index = after[1] + 1 if len(after) == 2 else 0
        with self._change((s, index)):
            tree.insert_item(tree.exercise_list(self._tree, s), index, tree.new_exercise())
        return (s, index)

    def duplicate(self, path: NodePath) -> NodePath:
        """A copy of the selected section or exercise, right after it."""
        if not path:
            raise EditorError("choose a section or an exercise to duplicate")
        seq, index = tree.parent(self._tree, path)
        twin = copy.deepcopy(seq[index])
        yamltext.take_gap(twin)
        name = twin.get("name") if isinstance(twin, CommentedMap) else None
        if isinstance(name, str):
            twin["name"] = type(name)(f"{name.strip()} (copy)")
        new = path[:-1] + (index + 1,)
        with self._change(new):
            tree.insert_item(seq, index + 1, twin)
        return new

    def delete(self, path: NodePath) -> NodePath:
        """Delete a section or an exercise; returns what to select next."""
        if not path:
            raise EditorError("the routine itself cannot be deleted; delete its file instead")
        seq, index = tree.parent(self._tree, path)
        if len(seq) == 1:
            raise EditorError(
                "a section needs at least one exercise: add another first, or delete the section"
                if len(path) == 2 else "a routine needs at least one section: add another first")
        with self._change(path):
            tree.remove_item(seq, index)
        return path[:-1] + (min(index, len(seq) - 1),)

    def move(self, path: NodePath, delta: int) -> NodePath:
        """Move a section or exercise one place up (-1) or down (+1); an exercise at the
        edge of its section goes into the next section. Returns its new place."""
        if not path or delta not in (-1, 1):
            return path
        seq, index = tree.parent(self._tree, path)
        target = index + delta
        if 0 <= target < len(seq):
            with self._change(path[:-1] + (target,)):
                tree.swap(seq, index, target)
            return path[:-1] + (target,)
        if len(path) == 1:
            return path
        s = path[0] + delta
        if not 0 <= s < len(tree.sections(self._tree)):
            return path
        if len(seq) == 1:  # as delete: a section is never left without exercises
            raise EditorError("a section needs at least one exercise: add another to it "
                              "first, or delete the section")
        destination = tree.exercise_list(self._tree, s)
        where = len(destination) if delta < 0 else 0
        new = (s, where)
        with self._change(new):
            item = tree.remove_item(seq, index)
            tree.insert_item(destination, where, item)
        return new

    # --- undo ----------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    def undo(self) -> NodePath | None:
        """Go back one change; returns the place it touched (None: nothing to undo)."""
        return self._step(self.history.undo(self.text))

    def redo(self) -> NodePath | None:
        return self._step(self.history.redo(self.text))

    def _step(self, back_to: tuple[str, NodePath] | None) -> NodePath | None:
        if back_to is None:
            return None
        text, where = back_to
        self._restore(text)
        return nearest(where, self.exists)

    # --- inside --------------------------------------------------------------
    def _restore(self, text: str) -> None:
        self._tree = yamltext.load(self._yaml, text)
        self.text = text
        self._check()

    def _change(self, where: NodePath) -> Change:
        return Change(self, where)

    def _commit(self, before: str, where: NodePath) -> None:
        text = self._render()
        if text == self.text:
            return
        self.history.changed(before, where)
        self.text = text
        self._check()

    def _render(self) -> str:
        text = yamltext.dump(self._yaml, self._tree)
        if text == self._unchanged_dump:
            return self._original
        if self._unchanged_dump != self._original:
            carried = carry_over(self._original, self._unchanged_dump, text)
            if same_meaning(carried, text):
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

    def _name_at(self, path: NodePath) -> str:
        if not tree.exists(self._tree, path):
            return "the routine"
        if not path:
            return self.name
        return tree.name_of(tree.node_at(self._tree, path), "?")

    def _field(self, path: NodePath, key: str) -> Field:
        if not tree.exists(self._tree, path):
            raise EditorError("nothing is selected there")
        for f in fields(level_of(path)):
            if f.key == key:
                return f
        raise EditorError(f"a {level_of(path).value} has no field `{key}`")

    def _summary_text(self) -> str:
        return self.plan.total_text() if self.plan else "has errors"


def _keep_identity(routine: CommentedMap) -> None:
    """Renaming a routine keeps its history: the name it had becomes its `id:` (the identity
    its sessions are recorded under, core.routine.Routine.identity) unless it has one."""
    name = routine.get("name")
    if "id" not in routine and isinstance(name, str) and name.strip():
        tree.set_key(routine, "id", name.strip(), tree.ORDER[Level.ROUTINE])
