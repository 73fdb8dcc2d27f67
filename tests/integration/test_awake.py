"""Keeping the screen awake: asked for while running, released on pause, finish and quit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from itbtimer.adapters.awake import ScreenAwake
from tests.helpers import wait_until

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's tools")


def stand_in(tmp_path: Path, monkeypatch, name: str, body: str, system_path: str) -> None:
    """Put a shell script called `name` first on PATH."""
    fake = tmp_path / "bin" / name
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\n{body}\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{system_path}")


@linux_only
def test_hold_and_release_call_xdg_screensaver(tmp_path, monkeypatch):
    calls = tmp_path / "calls"
    stand_in(tmp_path, monkeypatch, "xdg-screensaver", f'echo "$@" >> {calls}',
             os.environ["PATH"])
    awake = ScreenAwake(window_id=0x1200007)
    awake.hold()
    awake.hold()  # once only
    awake.release()
    awake.release()
    wait_until(lambda: calls.exists() and len(calls.read_text().splitlines()) >= 2,
               timeout=5.0)
    # both were asked for once (the two stand-in processes may finish in either order)
    assert sorted(calls.read_text().splitlines()) == ["resume 0x1200007", "suspend 0x1200007"]


def test_nothing_available_is_silently_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    awake = ScreenAwake(window_id=5)
    awake.hold()  # no exception, nothing held
    assert not awake.active
    awake.release()


@linux_only
def test_without_xdg_screensaver_a_logind_inhibitor_is_held_and_let_go(tmp_path, monkeypatch):
    marker = tmp_path / "inhibiting"
    pid_file = tmp_path / "inhibitor.pid"
    stand_in(tmp_path, monkeypatch, "systemd-inhibit",
             f'echo $$ > {pid_file}\necho "$@" > {marker}\nexec sleep 30', "/usr/bin:/bin")
    awake = ScreenAwake(window_id=None)
    awake.hold()
    assert awake.active
    wait_until(lambda: marker.exists() and marker.read_text() != "", timeout=5.0)  # written
    assert marker.read_text().startswith("--what=idle:sleep --who=itbtimer")
    inhibitor = Path("/proc") / pid_file.read_text().strip()  # the process holding it
    assert inhibitor.exists()
    awake.release()
    assert not awake.active
    assert wait_until(lambda: not inhibitor.exists(), timeout=5.0)  # let go, and reaped


def _zombie(pid: int) -> bool:
    try:
        return "\nState:\tZ" in (Path("/proc") / str(pid) / "status").read_text()
    except OSError:
        return False


@linux_only
@pytest.mark.parametrize("tool, window_id", [("systemd-inhibit", None),
                                             ("xdg-screensaver", 0x1200007)])
def test_a_helper_that_exits_at_once_is_reaped_not_left_a_zombie(tmp_path, monkeypatch, tool,
                                                                  window_id):
    """No logind here: systemd-inhibit fails at once; it must not stay a zombie for the
    whole session (nor an xdg-screensaver that has done its work)."""
    pid_file = tmp_path / "helper.pid"
    stand_in(tmp_path, monkeypatch, tool, f"echo $$ > {pid_file}\nexit 1", "/usr/bin:/bin")
    awake = ScreenAwake(window_id=window_id)
    awake.hold()
    wait_until(lambda: pid_file.exists() and pid_file.read_text().strip() != "", timeout=5.0)
    pid = int(pid_file.read_text())
    assert wait_until(lambda: not (Path("/proc") / str(pid)).exists(), timeout=5.0), \
        f"pid {pid} is still there (zombie: {_zombie(pid)})"
    awake.release()
