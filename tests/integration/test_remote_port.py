"""The window against the RemoteControl port with the fake bus (tests.fakes.FakeRemote): a
remote's command arrives from another thread through the pipe and acts as its key does; what
the window shows is published; a session finished unseen is a notification. No D-Bus here
(test_mpris.py drives the real bus with playerctl)."""

from __future__ import annotations

import threading

import pytest

from itbtimer.core.navigation import Screen
from itbtimer.present.now_playing import REMOTE_BACK, REMOTE_LOST, Playback, Remote
from itbtimer.voice.control import STATUS_SECONDS
from tests.fakes import FakeRemote
from tests.helpers import wait_until
from tests.integration.gui_helpers import Harness, texts_in

pytestmark = pytest.mark.gui


@pytest.fixture
def ui(xdisplay, tmp_path):
    remote = FakeRemote()
    harness = Harness(tmp_path, remote=remote)
    yield harness, remote
    harness.close()
    assert remote.closed  # the bus name goes with the window
    assert harness.errors == []


def _pump(harness: Harness):
    def pump() -> None:  # the Tk loop, and the window's timers on the fake clock
        harness.root.update()
        harness.timers.run_due()
    return pump


def test_a_command_from_the_bus_thread_acts_as_its_key_on_the_tk_thread(ui):
    harness, remote = ui
    pump = _pump(harness)
    assert remote.published[-1].title == "Short" and remote.published[-1].status is Playback.STOPPED
    sender = threading.Thread(target=remote.send, args=(Remote.PLAY_PAUSE,))
    sender.start()
    sender.join()
    assert wait_until(lambda: harness.window.screen == Screen.RUNNING, pump)
    assert remote.published[-1].status is Playback.PLAYING
    assert remote.published[-1].title == "Get ready: Squat"
    remote.send(Remote.NEXT)
    assert wait_until(lambda: remote.published[-1].title == "Squat", pump)
    remote.send(Remote.STOP)
    assert wait_until(lambda: harness.window.screen == Screen.FINISHED, pump)


def test_a_session_finished_unseen_is_a_notification(ui):
    harness, remote = ui
    harness.key("space")
    harness.root.event_generate("<FocusOut>", when="now")  # the person looks elsewhere
    harness.key("S")
    assert harness.window.screen == Screen.FINISHED
    (summary, body), = remote.notified
    assert summary == "Workout stopped" and body.startswith("0:0")


def test_a_session_finished_in_sight_is_no_notification(ui):
    harness, remote = ui
    harness.key("space")
    harness.key("S")
    assert harness.window.screen == Screen.FINISHED and remote.notified == []


def test_the_start_screen_says_while_the_bus_is_gone_and_for_a_moment_when_it_is_back(ui):
    harness, remote = ui
    pump = _pump(harness)
    start = harness.window.start.frame
    assert not any("Media remote" in text for text in texts_in(start))
    threading.Thread(target=remote.went, args=(True,)).start()
    assert wait_until(lambda: REMOTE_LOST in texts_in(start), pump), texts_in(start)
    harness.advance(60.0)  # said for as long as it is gone
    assert REMOTE_LOST in texts_in(start)
    remote.went(False)
    assert wait_until(lambda: REMOTE_BACK in texts_in(start), pump), texts_in(start)
    assert REMOTE_LOST not in texts_in(start)
    harness.advance(STATUS_SECONDS + 0.1)
    assert not any("Media remote" in text for text in texts_in(start))
