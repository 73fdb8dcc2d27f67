"""Under CI a skipped test is a failure, so GUI and sound tests cannot silently skip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def run_with(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess:
    project = tmp_path / "p"
    (project / "tests").mkdir(parents=True)
    shutil.copy(HERE.parent / "conftest.py", project / "tests" / "conftest.py")
    (project / "tests" / "test_skips.py").write_text(
        "import pytest\n\ndef test_skipped():\n    pytest.skip('no display')\n")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # only our conftest matters: no hypothesis, xdist
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(project / "tests")], capture_output=True, text=True, env=env,
                          cwd=project, timeout=120)


def test_a_skip_fails_under_ci(tmp_path):
    result = run_with(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout
    assert "skipped under CI, which counts as a failure" in result.stdout


def test_a_skip_is_a_skip_elsewhere(tmp_path):
    result = run_with(tmp_path, ci=False)
    assert result.returncode == 0 and "1 skipped" in result.stdout
