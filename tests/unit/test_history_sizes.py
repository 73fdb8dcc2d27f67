"""Issue 10: no module over 350 lines — here, the history's own modules."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "itbtimer"
HISTORY = [*sorted((PACKAGE / "history").glob("*.py")), PACKAGE / "progress.py",
           PACKAGE / "history_cli.py", *sorted((PACKAGE / "gui").glob("history_*.py"))]


@pytest.mark.parametrize("path", HISTORY, ids=lambda p: p.name)
def test_no_history_module_is_over_350_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 350
