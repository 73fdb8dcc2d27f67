"""The window sizes itself to the screen when no window manager does: the whole screen on
a first start, a remembered size never larger than the screen, and at least 800x600 where
the screen has room (issue 21, item 12). Each case on a screen of its own size, in a
process of its own (Tk keeps its display open: a server stopped under it ends the process)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from itbtimer.adapters.settings import Placement, Settings
from tests.conftest import ROOT

pytestmark = [pytest.mark.gui, pytest.mark.slow]  # a process and a screen each


@pytest.fixture
def screen(request, monkeypatch):
    """A private Xvfb of the size asked for (no window manager), DISPLAY pointing at it."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (make test installs it)")
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                             f"{request.param}x24", "-nolisten", "tcp"], pass_fds=(write,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        pytest.fail("Xvfb did not start")
    monkeypatch.setenv("DISPLAY", f":{number}")
    yield tuple(int(n) for n in request.param.split("x"))
    proc.terminate()
    proc.wait(timeout=10)


OPEN = """
import json, sys
from pathlib import Path
from tests.integration.gui_helpers import Harness
ui = Harness(Path(sys.argv[1]))
ui.root.update()
print(json.dumps([ui.root.winfo_width(), ui.root.winfo_height()]))
ui.close()
"""


def opened_size(tmp_path) -> tuple[int, int]:
    """The size the real window opens at (its settings: this test's config folder)."""
    run = subprocess.run([sys.executable, "-c", OPEN, str(tmp_path)], cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    width, height = json.loads(run.stdout.splitlines()[-1])
    return width, height


@pytest.mark.parametrize("screen", ["1366x768", "800x600", "1920x1080"], indirect=True)
def test_a_first_start_fills_the_screen(screen, tmp_path):
    assert opened_size(tmp_path) == screen


@pytest.mark.parametrize("screen", ["800x600"], indirect=True)
def test_a_remembered_size_larger_than_the_screen_is_the_screen(screen, tmp_path):
    Settings().save_placement(Placement(1200, 900, maximised=False))
    assert opened_size(tmp_path) == (800, 600)


@pytest.mark.parametrize("screen", ["1366x768"], indirect=True)
def test_a_remembered_size_opens_at_least_800_by_600(screen, tmp_path):
    Settings().save_placement(Placement(1000, 700, maximised=False))
    assert opened_size(tmp_path) == (1000, 700)
    Settings().save_placement(Placement(700, 500, maximised=False))
    assert opened_size(tmp_path) == (800, 600)


@pytest.mark.parametrize("screen", ["640x480"], indirect=True)
def test_a_screen_smaller_than_800_by_600_is_filled_not_overflowed(screen, tmp_path):
    assert opened_size(tmp_path) == (640, 480)
