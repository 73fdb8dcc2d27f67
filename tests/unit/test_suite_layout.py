"""The suite's own house rules: fakes and shared helpers have one home each, and no test
file is imported by another (helpers live in tests/fakes.py, tests/helpers.py or a ring's
`*_helpers.py`), so moving or deleting a test never breaks a different one."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

TESTS = Path(__file__).parents[1]
IMPORT = re.compile(r"^\s*(?:from\s+(\.*[\w.]*)\s+import\b|import\s+([\w.]+))", re.M)
CLASS = re.compile(r"^\s*class\s+(\w+)", re.M)


@cache
def sources() -> dict[str, str]:
    return {str(path.relative_to(TESTS)): path.read_text(encoding="utf-8")
            for path in sorted(TESTS.rglob("*.py"))}


def imports() -> list[tuple[str, str]]:
    return [(name, match.group(1) or match.group(2))
            for name, text in sources().items() for match in IMPORT.finditer(text)]


def test_no_test_file_imports_another_test_file():
    offending = [(name, module) for name, module in imports()
                 if module.split(".")[-1].startswith("test_")]
    assert offending == []


def test_tests_import_their_helpers_by_absolute_name():
    assert [(name, module) for name, module in imports() if module.startswith(".")] == []


def test_fake_clocks_and_players_are_defined_only_in_fakes():
    defined: dict[str, list[str]] = {}
    for name, text in sources().items():
        for match in CLASS.finditer(text):
            if "Clock" in match.group(1) or "Player" in match.group(1):
                defined.setdefault(match.group(1), []).append(name)
    assert defined == {"FakeClock": ["fakes.py"], "FakePlayer": ["fakes.py"]}
