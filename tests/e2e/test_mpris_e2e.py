"""The real program in its own process on its own session bus: playerctl is the remote."""

from __future__ import annotations

import subprocess

import pytest

from tests.e2e.program import App, event_names
from tests.integration.dbus_helpers import playerctl

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROUTINE = """\
name: From the mat
defaults: {get_ready: 30, switch: 5}
sections:
  - name: Strength
    rest: 20-30s
    exercises:
      - {name: Clamshell, work: 40s, sides: both}
      - {name: Plank, until: shaking}
"""


def test_playerctl_drives_the_program_from_across_the_room(xdisplay, session_bus,
                                                           tmp_path):
    app = App(tmp_path, xdisplay, ROUTINE)
    try:
        app.wait_for(lambda e: _title() == "From the mat")  # on the bus, start screen shown
        assert playerctl("status") == "Stopped"
        playerctl("play-pause")  # start, from the start screen
        app.wait_for(lambda e: "session_started" in event_names(e))
        playerctl("next")  # skip get ready
        app.wait_for(lambda e: "skipped" in event_names(e))
        app.wait_for(lambda e: _title() == "Clamshell — left side")
        assert playerctl("metadata", "xesam:artist") == "From the mat"
        assert playerctl("metadata", "xesam:album") == "Strength"
        playerctl("next")  # skip the left side: to the switch
        app.wait_for(lambda e: event_names(e).count("skipped") == 2)
        playerctl("previous")  # back to the left clamshell
        app.wait_for(lambda e: "back" in event_names(e))
        playerctl("play-pause")
        app.wait_for(lambda e: "paused" in event_names(e))
        app.wait_for(lambda e: playerctl("status") == "Paused")  # signalled a moment later
        playerctl("play-pause")
        app.wait_for(lambda e: "resumed" in event_names(e))
        playerctl("stop")
        app.wait_for(lambda e: "stopped" in event_names(e))
        # MPRIS Quit, as a widget's close button: the window closes and the program ends
        subprocess.run(["dbus-send", "--session", "--type=method_call",
                        "--dest=org.mpris.MediaPlayer2.itbtimer",
                        "/org/mpris/MediaPlayer2", "org.mpris.MediaPlayer2.Quit"], check=True,
                       timeout=10)
        app.proc.wait(timeout=15)
        assert app.proc.returncode == 0
        out, err = app.proc.communicate()
        assert "Traceback" not in err and "Traceback" not in app.bugs()
    finally:
        app.close()


def _title() -> str:
    try:
        return playerctl("metadata", "xesam:title")
    except AssertionError:  # not on the bus yet
        return ""
