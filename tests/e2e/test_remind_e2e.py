"""The reminder for real: `itbtimer remind` installed in its own process, then the command
its login entry holds run as written there, on a routine whose path has spaces, %, $ and
quotes; the notification on a private bus; its Start opens the window on that routine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from itbtimer.adapters.launcher import exec_arguments
from tests.helpers import wait_until
from tests.integration.fake_notifications import NotificationServer
from tests.integration.history_helpers import ROUTINE

EVERY_DAY = "mon,tue,wed,thu,fri,sat,sun"  # due whatever the day the test runs on


def _environment(tmp: Path, display: str) -> dict[str, str]:
    runtime = tmp / "runtime"  # no systemd user manager there: the login entry is used
    runtime.mkdir(mode=0o700)
    (tmp / ".asoundrc").write_text('pcm.!default { type file; slave.pcm "null"; '
                                   f'file "{tmp}/beep.wav"; format "wav"; }}\n')
    return {**os.environ, "DISPLAY": display, "HOME": str(tmp),
            "XDG_DATA_HOME": str(tmp / "data"), "XDG_STATE_HOME": str(tmp / "state"),
            "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_RUNTIME_DIR": str(runtime)}


def _windows(name: str, env: dict[str, str]) -> list[str]:
    found = subprocess.run(["xdotool", "search", "--name", name], env=env,
                           capture_output=True, text=True, timeout=10)
    return found.stdout.split()


@pytest.mark.slow
def test_the_login_entrys_command_notifies_and_start_opens_the_window(
        tmp_path, xdisplay, session_bus):
    env = _environment(tmp_path, xdisplay)
    routine = tmp_path / "my %h $HOME 'routines' \"x\"" / "knee 100%.yaml"
    routine.parent.mkdir()
    routine.write_text(ROUTINE, encoding="utf-8")
    installed = subprocess.run([sys.executable, "-m", "itbtimer", "remind", str(routine),
                                "--days", EVERY_DAY, "--at", "00:00"], env=env,
                               capture_output=True, text=True, timeout=60)
    assert installed.returncode == 0, installed.stderr
    entry = tmp_path / "config" / "autostart" / "itbtimer-remind.desktop"
    exec_value = next(line[len("Exec="):] for line in entry.read_text().splitlines()
                      if line.startswith("Exec="))
    command = exec_arguments(exec_value)
    assert str(routine) in command

    server = NotificationServer(capabilities=("body", "actions"))
    check = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True)
    try:
        assert wait_until(lambda: server.service.shown, timeout=30), check.poll()
        assert server.service.shown[0][2] == "Knee: 0 of 3 this week — 1 minute?"
        server.click(1, "start")
        assert wait_until(lambda: _windows("Knee", env), timeout=30)  # "itbtimer — Knee"
        assert check.poll() is None  # it waits for the window it opened
        window = Path(f"/proc/{check.pid}/task/{check.pid}/children").read_text().split()
        assert len(window) == 1  # the window, the check's one child
        os.kill(int(window[0]), signal.SIGTERM)  # it quits as Ctrl+Q does
        out, err = check.communicate(timeout=30)
    finally:
        server.close()
        if check.poll() is None:
            os.killpg(check.pid, signal.SIGKILL)
            check.communicate(timeout=10)
    assert check.returncode == 0, err
    assert "Knee: 0 of 3 this week" in out
