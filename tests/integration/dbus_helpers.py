"""playerctl against the private session bus of the test (the `session_bus` fixture, in
tests/conftest.py), with the Tk loop turning while it waits."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable

import pytest

WAIT_SECONDS = 10.0  # how long to wait for the bus thread before failing (not a speed goal)


def playerctl(*args: str, pump: Callable[[], None] | None = None) -> str:
    """Run `playerctl --player=itbtimer ARGS` while `pump` keeps the Tk loop turning."""
    if shutil.which("playerctl") is None:
        pytest.skip("playerctl is not installed (make test installs it)")
    proc = subprocess.Popen(["playerctl", "--player=itbtimer", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    deadline = time.monotonic() + WAIT_SECONDS
    while proc.poll() is None and time.monotonic() < deadline:
        if pump is not None:
            pump()
        time.sleep(0.01)
    out, err = proc.communicate(timeout=WAIT_SECONDS)
    assert proc.returncode == 0, f"playerctl {' '.join(args)}: {err.strip()}"
    return out.strip()


def wait_until(condition: Callable[[], bool], pump: Callable[[], None] | None = None) -> bool:
    """Turn the Tk loop until `condition` holds (or give up after WAIT_SECONDS)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if pump is not None:
            pump()
        if condition():
            return True
        time.sleep(0.01)
    return condition()
