"""The MPRIS player on a private session bus, driven by playerctl as a desktop widget would."""

from __future__ import annotations

import gc
import logging
import subprocess
import threading
import tkinter as tk

import pytest

from itbtimer.adapters.desktop_bus import BUS_NAME, DesktopBus
from itbtimer.adapters.logs import log
from itbtimer.core.session import Session
from itbtimer.gui.remote import RemoteInbox
from itbtimer.present.now_playing import REMOTE_BACK, REMOTE_LOST, Remote, playing, ready
from itbtimer.voice.control import STATUS_SECONDS
from tests.helpers import plan_of, wait_until
from tests.integration.dbus_helpers import WAIT_SECONDS, bus_daemon, playerctl
from tests.integration.fake_notifications import NotificationServer
from tests.integration.gui_helpers import SHORT, Harness, texts_in

pytestmark = pytest.mark.gui

ROUTINE = """\
name: Knee
sections:
  - name: Strength
    exercises:
      - {name: Clamshell, work: 40s, sides: both}
      - {name: Plank, until: shaking}
"""


class Remotely:
    """A Tk root with the bus's inbox watched from its loop, as the window has it."""

    def __init__(self) -> None:
        self.root = tk.Tk(className="itbtimer")
        self.bus = DesktopBus()
        self.got: list[tuple[Remote, bool]] = []
        self.inbox = RemoteInbox(self.root, self.bus, self.take)
        self.bus.start()
        assert self.bus.ready.wait(WAIT_SECONDS)

    def take(self, command: Remote) -> None:
        self.got.append((command, threading.current_thread() is threading.main_thread()))

    def pump(self) -> None:
        self.root.update()

    def close(self) -> None:
        self.inbox.close()
        self.bus.close()
        self.root.destroy()


@pytest.fixture
def remote(xdisplay, session_bus):
    r = Remotely()
    yield r
    r.close()
    del r
    gc.collect()  # Tk objects must die on the Tk thread, not in a later bus thread's collection


def test_the_player_owns_its_name_on_the_session_bus(remote):
    assert remote.bus.name == BUS_NAME
    listed = subprocess.run(["playerctl", "--list-all"], capture_output=True, text=True).stdout
    assert "itbtimer" in listed.split()


def test_playerctl_commands_reach_the_tk_thread_in_order(remote):
    remote.bus.publish(playing(_view(), "Knee"))
    for args in (["play-pause"], ["next"], ["previous"], ["pause"], ["play"], ["stop"]):
        playerctl(*args, pump=remote.pump)
    assert wait_until(lambda: len(remote.got) == 6, remote.pump), remote.got
    assert [c for c, _ in remote.got] == [Remote.PLAY_PAUSE, Remote.NEXT, Remote.PREVIOUS,
                                         Remote.PAUSE, Remote.PLAY, Remote.STOP]
    assert all(on_tk_thread for _, on_tk_thread in remote.got)


def test_a_widget_reads_the_exercise_the_routine_and_the_section(remote):
    remote.bus.publish(playing(_view(), "Knee", art_url="file:///usr/share/itbtimer.png"))
    assert wait_until(lambda: playerctl("metadata", "xesam:title") ==
                      "Clamshell — left side", remote.pump)
    assert playerctl("metadata", "xesam:artist") == "Knee"
    assert playerctl("metadata", "xesam:album") == "Strength"
    assert playerctl("metadata", "mpris:length") == "40000000"
    assert playerctl("metadata", "mpris:artUrl") == "file:///usr/share/itbtimer.png"
    assert playerctl("status") == "Playing"
    assert 10.0 <= float(playerctl("position")) <= 40.0


def test_the_start_screen_offers_only_play(remote):
    remote.bus.publish(ready("Knee", 85.0))
    assert wait_until(lambda: playerctl("status") == "Stopped", remote.pump)
    assert playerctl("metadata", "xesam:title") == "Knee"
    with pytest.raises(AssertionError, match="No player could handle"):
        playerctl("next")  # CanGoNext is false: playerctl does not even ask


def test_every_change_is_signalled_at_once(remote):
    """playerctl --follow prints only on PropertiesChanged: no polling would show these."""
    remote.bus.publish(ready("Knee", 85.0))
    assert wait_until(lambda: playerctl("status") == "Stopped", remote.pump)
    follow = subprocess.Popen(["playerctl", "--player=itbtimer", "--follow", "metadata",
                               "--format", "{{status}} {{title}}"], stdout=subprocess.PIPE,
                              text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(follow.stdout.readline, "")),
                              daemon=True)
    reader.start()
    try:
        assert wait_until(lambda: len(lines) >= 1, remote.pump)
        session = Session(plan_of(ROUTINE))
        session.start(0.0)
        remote.bus.publish(playing(session.view(1.0), "Knee"))
        assert wait_until(lambda: any("Playing Get ready" in x for x in lines), remote.pump)
        session.next(2.0)
        remote.bus.publish(playing(session.view(2.0), "Knee"))
        assert wait_until(lambda: any("Clamshell — left side" in x for x in lines), remote.pump)
        session.pause(3.0)
        remote.bus.publish(playing(session.view(3.0), "Knee"))
        assert wait_until(lambda: any(x.startswith("Paused Clamshell") for x in lines),
                          remote.pump), lines
    finally:
        follow.terminate()
        follow.wait(timeout=5)


def test_a_second_window_gets_a_name_of_its_own(remote):
    other = DesktopBus()
    other.start()
    try:
        assert other.ready.wait(WAIT_SECONDS)
        assert other.name is not None and other.name.startswith(BUS_NAME + ".instance")
    finally:
        other.close()


def test_a_notification_goes_to_the_desktop(remote):
    server = NotificationServer()
    try:
        remote.bus.notify("Workout complete", "34:40, plank 0:57")
        assert wait_until(lambda: len(server.service.shown) == 1, remote.pump)
        assert server.service.shown[0] == ("itbtimer", "itbtimer", "Workout complete",
                                           "34:40, plank 0:57")
    finally:
        server.close()


@pytest.mark.parametrize("address", ["unix:path=/nonexistent/itbtimer-bus", None])
def test_no_session_bus_is_one_line_in_the_log_and_nothing_else(xdisplay, tmp_path, monkeypatch,
                                                               address):
    if address is None:
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # no bus socket there either
        monkeypatch.delenv("DISPLAY", raising=False)  # nor an X11 autolaunch
    else:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    log.addHandler(handler)
    old_level = log.level
    log.setLevel(logging.INFO)
    try:
        bus = DesktopBus()
        bus.start()
        assert bus.ready.wait(WAIT_SECONDS)
        bus.publish(ready("Knee", 85.0))  # the window goes on as if nothing were missing
        bus.notify("Workout complete", "1:00")
        assert bus.take() == []
        bus.close()
    finally:
        log.removeHandler(handler)
        log.setLevel(old_level)
    assert bus.name is None
    assert [r.getMessage().split(":")[0] for r in records] == ["MPRIS off"], records


def _view():
    session = Session(plan_of(ROUTINE))
    session.start(0.0)
    session.next(1.0)  # past get ready: the left clamshell
    session.tick(13.0)
    return session.view(13.0)


# --- the real window, driven by playerctl ---------------------------------------------


@pytest.fixture
def window(xdisplay, session_bus, tmp_path):
    bus = DesktopBus()
    bus.start()
    assert bus.ready.wait(WAIT_SECONDS)
    harness = Harness(tmp_path, remote=bus)
    yield harness
    harness.close()  # closes the bus with the window
    assert harness.errors == [], harness.errors
    del harness
    gc.collect()


def _pump(window: Harness):
    def pump() -> None:
        window.root.update()
        window.timers.run_due()
    return pump


def _names(window: Harness) -> list[str]:
    return [e["event"] for e in window.events()]


def test_playerctl_drives_the_real_window(window):
    pump = _pump(window)
    assert wait_until(lambda: playerctl("metadata", "xesam:title") == "Short", pump)
    assert playerctl("status") == "Stopped"
    playerctl("play-pause", pump=pump)  # from the start screen: start
    assert wait_until(lambda: window.window.screen == "running", pump)
    assert playerctl("metadata", "xesam:title") == "Get ready: Squat"
    assert playerctl("status") == "Playing"
    playerctl("next", pump=pump)
    assert wait_until(lambda: window.window.workout.view().step.name == "Squat", pump)
    assert wait_until(lambda: playerctl("metadata", "xesam:title") == "Squat", pump)
    assert playerctl("metadata", "xesam:artist") == "Short"
    assert playerctl("metadata", "xesam:album") == "Main"
    assert playerctl("metadata", "mpris:length") == "6000000"
    assert playerctl("metadata", "mpris:artUrl").startswith("file:///")
    window.advance(4.0)
    playerctl("previous", pump=pump)  # more than 3 s in: the squat begins again
    playerctl("play-pause", pump=pump)
    assert wait_until(lambda: playerctl("status") == "Paused", pump)
    assert window.window.workout.view().state == "paused"
    playerctl("play", pump=pump)
    assert wait_until(lambda: playerctl("status") == "Playing", pump)
    playerctl("stop", pump=pump)
    assert wait_until(lambda: window.window.screen == "finished", pump)
    assert wait_until(lambda: playerctl("status") == "Stopped", pump)
    names = _names(window)
    for expected in ("session_started", "skipped", "restarted", "paused", "resumed",
                     "stopped"):
        assert expected in names, (expected, names)


def test_media_keys_do_what_the_remote_does(window):
    window.key("XF86AudioPlay")
    assert window.window.screen == "running"
    window.key("XF86AudioNext")
    assert window.window.workout.view().step.name == "Squat"
    window.key("XF86AudioPause")
    assert window.window.workout.view().state == "paused"
    window.key("XF86AudioPause")  # Pause never resumes
    assert window.window.workout.view().state == "paused"
    window.key("XF86AudioPlay")
    assert window.window.workout.view().state == "running"
    window.key("XF86AudioStop")
    assert window.window.screen == "finished"


def test_a_session_finished_unseen_is_a_desktop_notification(window):
    server = NotificationServer()
    try:
        window.key("space")
        window.root.event_generate("<FocusOut>", when="now")  # the person looks elsewhere
        assert not window.window.media.focused
        window.key("S")
        assert wait_until(lambda: len(server.service.shown) == 1, _pump(window))
        app, icon, summary, body = server.service.shown[0]
        assert (app, summary) == ("itbtimer", "Workout stopped")
        assert body.startswith("0:0")
    finally:
        server.close()


def test_a_session_finished_in_sight_is_no_notification(window):
    server = NotificationServer()
    try:
        window.key("space")
        window.key("S")
        assert window.window.screen == "finished"
        assert window.window.media.focused
        playerctl("status", pump=_pump(window))  # a round trip: the bus has caught up
        assert server.service.shown == []
    finally:
        server.close()


def _notice_on_screen(window: Harness) -> str:
    """The running screen's notice line as shown (wrapped to fit: one space between words)."""
    assert window.window.runner is not None
    return " ".join(str(window.window.runner.screen.notice.cget("text")).split())


def test_a_bus_killed_mid_session_is_a_notice_and_the_remote_works_again_when_back(
        xdisplay, tmp_path, monkeypatch):
    address = f"unix:path={tmp_path / 'bus'}"
    daemon = bus_daemon(address)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    bus = DesktopBus()
    bus.start()
    assert bus.ready.wait(WAIT_SECONDS)
    window = Harness(tmp_path, remote=bus)
    pump = _pump(window)
    try:
        window.key("space")
        assert window.window.screen == "running"
        assert "Media remote" not in _notice_on_screen(window)
        daemon.kill()
        daemon.wait()
        assert wait_until(lambda: _notice_on_screen(window) == REMOTE_LOST, pump), \
            _notice_on_screen(window)
        daemon = bus_daemon(address)  # the session bus is back where it was
        assert wait_until(lambda: _notice_on_screen(window) == REMOTE_BACK, pump), \
            _notice_on_screen(window)
        playerctl("pause", pump=pump)
        assert wait_until(lambda: window.window.workout.view().state == "paused", pump)
        assert playerctl("status") == "Paused"
        window.advance(STATUS_SECONDS + 0.1)  # "back" has had its moment
        assert _notice_on_screen(window) == ""
        window.key("S")  # the finished screen says nothing of the remote either
        assert not any("Media remote" in t for t in texts_in(window.root))
    finally:
        window.close()
        daemon.kill()
        daemon.wait()
    assert window.errors == [], window.errors


def test_a_bus_closed_while_still_connecting_keeps_its_pipe_and_takes_no_command():
    """close() while the thread is still connecting: the pipe stays open until the thread
    ends (its descriptor numbers are not freed for reuse), and a remote command arriving
    after close is dropped rather than written."""
    import os

    from itbtimer.present.now_playing import Remote

    bus = DesktopBus(icon="itbtimer")
    connecting = threading.Event()
    bus._thread = threading.Thread(target=connecting.wait, daemon=True)  # a slow bus
    bus._thread.start()
    bus.close()  # waits its 2 s, then leaves the thread to the process
    os.fstat(bus.wake_fd)  # still open: raises OSError if close() closed it
    bus.ask(Remote.NEXT)
    assert bus.take() == []
    connecting.set()


def test_a_closed_bus_that_never_connected_closes_its_pipe():
    import os

    bus = DesktopBus(icon="itbtimer")
    bus.close()
    with pytest.raises(OSError):
        os.fstat(bus.wake_fd)


# --- hidden characters in a routine's names -----------------------------------------------

SNEAKY = SHORT.replace("name: Short", "name: Short \u202elive\u2066").replace(
    "{name: Squat,", "{name: \u200fSquat,")


def test_a_routines_hidden_characters_reach_the_title_and_remotes_escaped(xdisplay, session_bus,
                                                                          tmp_path):
    """U+202E (right-to-left override) and other format characters in a routine's names
    are shown escaped in the window title and every MPRIS field, never obeyed."""
    bus = DesktopBus()
    bus.start()
    assert bus.ready.wait(WAIT_SECONDS)
    harness = Harness(tmp_path, text=SNEAKY, remote=bus)
    try:
        pump = _pump(harness)
        assert harness.root.title() == "itbtimer — Short \\u202elive\\u2066"
        assert wait_until(lambda: playerctl("metadata", "xesam:title") ==
                          "Short \\u202elive\\u2066", pump)
        playerctl("play-pause", pump=pump)
        assert wait_until(lambda: harness.window.screen == "running", pump)
        assert wait_until(lambda: playerctl("metadata", "xesam:title") ==
                          "Get ready: \\u200fSquat", pump)
        assert playerctl("metadata", "xesam:artist") == "Short \\u202elive\\u2066"
    finally:
        harness.close()
    assert harness.errors == [], harness.errors


def test_a_notification_shows_hidden_characters_escaped(remote):
    server = NotificationServer()
    try:
        remote.bus.notify("Workout complete\u202e", "34:40, \u2066plank 0:57")
        assert wait_until(lambda: len(server.service.shown) == 1, remote.pump)
        assert server.service.shown[0][2:] == ("Workout complete\\u202e",
                                               "34:40, \\u2066plank 0:57")
    finally:
        server.close()



@pytest.mark.parametrize("capabilities, shown", [
    (("body", "body-markup"), "Knee &amp; hip &lt;3 plank 0:57"),
    (("body",), "Knee & hip <3 plank 0:57"),
])
def test_a_notification_body_is_markup_escaped_only_where_the_server_reads_markup(
        remote, capabilities, shown):
    server = NotificationServer(capabilities)
    try:
        remote.bus.notify("Workout complete", "Knee & hip <3 plank 0:57")
        assert wait_until(lambda: len(server.service.shown) == 1, remote.pump)
        assert server.service.shown[0][3] == shown
    finally:
        server.close()
