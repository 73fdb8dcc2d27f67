"""playerctl against the private session bus of the test (the `session_bus` fixture, in
tests/conftest.py), with the Tk loop turning while it waits."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable

import pytest

from tests.helpers import wait_until

WAIT_SECONDS = 10.0  # how long to wait for the bus thread before failing (not a speed goal)


def playerctl(*args: str, pump: Callable[[], None] | None = None) -> str:
    """Run `playerctl --player=itbtimer ARGS` while `pump` keeps the Tk loop turning."""
    if shutil.which("playerctl") is None:
        pytest.skip("playerctl is not installed (make test installs it)")
    proc = subprocess.Popen(["playerctl", "--player=itbtimer", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    wait_until(lambda: proc.poll() is not None, pump, WAIT_SECONDS)
    out, err = proc.communicate(timeout=WAIT_SECONDS)
    assert proc.returncode == 0, f"playerctl {' '.join(args)}: {err.strip()}"
    return out.strip()


def bus_daemon(address: str) -> subprocess.Popen[str]:
    """A private dbus-daemon listening at `address` (a fixed one, so the test can kill it
    and start it again where the program looks for it)."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (make test installs dbus)")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address",
                               f"--address={address}"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    assert daemon.stdout is not None and daemon.stdout.readline().strip()
    return daemon
