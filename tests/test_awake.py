"""Keeping the screen awake: asked for while running, released on pause, finish and quit."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from itbtimer.awake import ScreenAwake


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-screensaver is Linux's")
def test_hold_and_release_call_xdg_screensaver(tmp_path, monkeypatch):
    calls = tmp_path / "calls"
    fake = tmp_path / "bin" / "xdg-screensaver"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    awake = ScreenAwake(window_id=0x1200007)
    awake.hold()
    awake.hold()  # once only
    awake.release()
    awake.release()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (not calls.exists()
                                           or len(calls.read_text().splitlines()) < 2):
        time.sleep(0.02)
    # both were asked for once (the two stand-in processes may finish in either order)
    assert sorted(calls.read_text().splitlines()) == ["resume 0x1200007", "suspend 0x1200007"]


def test_nothing_available_is_silently_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    awake = ScreenAwake(window_id=5)
    awake.hold()
    awake.release()
    assert not awake.active
    assert Path(tmp_path).exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="logind is Linux's")
def test_without_xdg_screensaver_a_logind_inhibitor_is_held_and_let_go(tmp_path, monkeypatch):
    marker = tmp_path / "inhibiting"
    fake = tmp_path / "bin" / "systemd-inhibit"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" > {marker}\nexec sleep 30\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}/usr/bin:/bin")
    awake = ScreenAwake(window_id=None)
    awake.hold()
    process = awake._process
    assert awake.active and process is not None
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not marker.exists():
        time.sleep(0.02)
    assert marker.read_text().startswith("--what=idle:sleep --who=itbtimer")
    awake.release()
    assert process.wait(timeout=5) is not None and not awake.active
