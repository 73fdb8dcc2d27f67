"""A private D-Bus session bus per test (as `dbus-run-session` gives), and playerctl."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest

WAIT_SECONDS = 10.0  # how long to wait for the bus thread before failing (not a speed goal)


@pytest.fixture
def session_bus(monkeypatch) -> Iterator[str]:
    """A fresh dbus-daemon; DBUS_SESSION_BUS_ADDRESS points at it for this test."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (make test installs dbus)")
    proc = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    if not address:
        proc.kill()
        pytest.fail("dbus-daemon did not start")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    proc.terminate()
    proc.wait(timeout=10)


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
