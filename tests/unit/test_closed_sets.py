"""Closed sets (a step's kind, a session's state, an exercise's mode, a step's status, the
screen's phase, a cue's sound, ...) are enums, and the code compares them as enums.

A StrEnum still equals its word, so `step.kind == "rest"` keeps working and nothing but
this test notices it come back; a typo in the word ("get-ready") would be a branch that
never runs, which mypy cannot see. The test reads the source (ast), it runs nothing.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "itbtimer"
ENUMS_MODULE = PACKAGE / "core" / "enums.py"

# What a closed set is called where it is compared: an attribute or a variable of these
# names holds one of the enums (step.kind, view.state, record.status, shown.phase,
# event.sound, the screen shown, the answer chosen ...).
CLOSED = frozenset({  # "side": a hold's or a step's, core.routine.Side
    "kind", "state", "mode", "status", "phase", "certainty", "offset_certainty", "sound",
    "cue", "screen", "choice", "answer", "question", "level", "export", "side",
})


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "str" and len(node.args) == 1):
        return _name(node.args[0])  # str(step.kind) == "rest"
    return None


def _is_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return bool(node.elts) and all(_is_text(e) for e in node.elts)
    return False


def _text_patterns(pattern: ast.pattern) -> bool:
    if isinstance(pattern, ast.MatchValue):
        return _is_text(pattern.value)
    if isinstance(pattern, ast.MatchOr):
        return any(_text_patterns(p) for p in pattern.patterns)
    return False


def text_comparisons(source: str | ast.Module) -> list[str]:
    """Every comparison of a closed set's name with a word (or words), as source text."""
    found = []
    tree = ast.parse(source) if isinstance(source, str) else source
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            for left, right in zip(sides, sides[1:], strict=False):
                if ((_name(left) in CLOSED and _is_text(right))
                        or (_name(right) in CLOSED and _is_text(left))):
                    found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Match) and _name(node.subject) in CLOSED:
            found += [f"{case.pattern.lineno}: case {ast.unparse(case.pattern)}"
                      for case in node.cases if _text_patterns(case.pattern)]
    return found


@functools.cache
def _modules() -> tuple[tuple[str, ast.Module], ...]:
    """(name, syntax tree) of every module of the package, read once for all the tests."""
    paths = sorted(PACKAGE.rglob("*.py"))
    assert len(paths) > 50, "the package was not found"
    return tuple((str(p.relative_to(PACKAGE.parent)), ast.parse(p.read_text(encoding="utf-8")))
                 for p in paths)


@pytest.mark.parametrize("source", [
    'step.kind == "rest"',
    'if view.state != "paused": pass',
    '"finished" == self.state',
    'status in ("done", "skipped")',
    'record.status not in {"done"}',
    'str(step.kind) == "work"',
    '0 < x and y <= step.mode == "timed"',
    'shown.phase == "paused"',
    'choice == "retry"',
    'hold.side == "right"',
    'match view.state:\n    case "paused" | "running":\n        pass',
])
def test_the_guard_finds_a_word_compared_with_a_closed_set(source):
    assert len(text_comparisons(source)) == 1, source


@pytest.mark.parametrize("source", [
    "step.kind == StepKind.REST",
    "view.state in (SessionState.FINISHED, SessionState.STOPPED)",
    'event.keysym == "Return"',  # Tk's key names are Tk's, an open set
    'name == "hibari"',
    'sys.platform == "win32"',
    "match view.state:\n    case SessionState.PAUSED:\n        pass",
])
def test_the_guard_leaves_enums_and_open_sets_alone(source):
    assert text_comparisons(source) == []


def test_no_state_kind_mode_phase_or_status_is_compared_with_a_word():
    found = [f"{name}:{where}" for name, tree in _modules() for where in text_comparisons(tree)]
    assert found == [], "compare with the enum's member instead:\n" + "\n".join(found)


def test_every_enum_is_the_one_str_enum_of_core_enums():
    """One style: `class X(StrEnum)` from itbtimer.core.enums (prints and stores its word,
    the same on Python 3.10 and 3.11); no module but that one imports the enum module."""
    found = []
    allowed = str(ENUMS_MODULE.relative_to(PACKAGE.parent))
    for name, tree in _modules():
        for node in ast.walk(tree):
            if name != allowed and (
                    isinstance(node, ast.ImportFrom) and node.module == "enum"
                    or isinstance(node, ast.Import) and any(a.name == "enum" for a in node.names)):
                found.append(f"{name}:{node.lineno}")
    assert found == [], "use itbtimer.core.enums.StrEnum:\n" + "\n".join(found)
