"""The suite's own house rules: fakes and shared helpers have one home each, and no test
file is imported by another (helpers live in tests/fakes.py, tests/helpers.py or a ring's
`*_helpers.py`), so moving or deleting a test never breaks a different one."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parents[1]


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def test_no_test_file_imports_another_test_file():
    offending = {str(path.relative_to(TESTS)): module
                 for path in TESTS.rglob("*.py") for module in _imports(path)
                 if module.split(".")[-1].startswith("test_")}
    assert offending == {}


def test_tests_import_their_helpers_by_absolute_name():
    relative = {str(path.relative_to(TESTS)): module
                for path in TESTS.rglob("*.py") for module in _imports(path)
                if module.startswith(".")}
    assert relative == {}


def test_fake_clocks_and_players_are_defined_only_in_fakes():
    defined = {}
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and ("Clock" in node.name or "Player" in node.name):
                defined.setdefault(node.name, []).append(str(path.relative_to(TESTS)))
    assert defined == {"FakeClock": ["fakes.py"], "FakePlayer": ["fakes.py"]}
