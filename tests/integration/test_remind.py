"""`itbtimer remind`: the reminder's files as systemd and the desktop read them, the check
through a notification server on a private bus, and bad input in plain words."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dbus_fast import Message, MessageType

from itbtimer.adapters import reminders
from itbtimer.adapters.desktop_bus.notifications import Answer
from itbtimer.adapters.launcher import exec_arguments, launch_command
from itbtimer.cli.main import _window_parser, main
from itbtimer.cli.remind import World, run_remind, window_command
from itbtimer.core.reminders import Reminder, parse_at, parse_days
from itbtimer.history import HistoryStore
from tests.fakes import FakeSystemctl
from tests.helpers import wait_until
from tests.integration.fake_notifications import NotificationServer
from tests.integration.history_helpers import ROUTINE, TZ, record_of

MONDAY_6PM = datetime(2026, 12, 7, 18, 0)
# a folder and a file name with everything a unit file or an Exec line gives a meaning to
HOSTILE = "we ird %h %Z $HOME 'q' \"d\" \\b"


def _routine(tmp_path: Path, folder: str = "routines") -> Path:
    path = tmp_path / folder / "knee 100%.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ROUTINE, encoding="utf-8")
    return path


def _args(routine: str, **kw) -> argparse.Namespace:
    return argparse.Namespace(**{"routine": routine, "days": None, "at": None, "off": False,
                                 "status": False, "check": False, **kw})


def _world(tmp_path: Path, systemctl=None, now: datetime = MONDAY_6PM, **kw) -> World:
    slept: list[float] = []
    launched: list[list[str]] = []
    world = World(now=lambda: now, sleep=slept.append, launch=launched.append,
                  history=lambda: HistoryStore(tmp_path / "history"),
                  systemctl=systemctl or FakeSystemctl(available=False), **kw)
    world.slept, world.launched = slept, launched  # type: ignore[attr-defined]
    return world


def _verify(*units: Path) -> subprocess.CompletedProcess[str]:
    """systemd-analyze verify, as for a user's units: these units only (the machine's own
    user units are not ours to judge: under a long runtime folder their sockets' paths are
    too long, say), with a runtime folder of its own."""
    with tempfile.TemporaryDirectory(prefix="rt") as runtime:
        return subprocess.run(["systemd-analyze", "--user", "verify", "--man=no",
                               "--recursive-errors=no", *map(str, units)],
                              capture_output=True, text=True, timeout=60,
                              env={**os.environ, "XDG_RUNTIME_DIR": runtime})


# --- installing -----------------------------------------------------------------------


def test_under_systemd_a_timer_and_its_service_are_written_that_systemd_accepts(tmp_path):
    routine = _routine(tmp_path, HOSTILE)
    systemctl = FakeSystemctl(available=True)
    world = _world(tmp_path, systemctl)
    assert run_remind(_args(str(routine), days="fri,mon", at="7:30"), world) == 0

    timer, service = reminders.timer_path(), reminders.service_path()
    assert reminders.installed().files == (timer, service)
    assert "OnCalendar=Mon,Fri *-*-* 07:30:00" in timer.read_text().splitlines()
    checked = _verify(timer, service)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    # every %, $, " and \ of the path is written so systemd gives the check the path as it is
    exec_start = next(line for line in service.read_text().splitlines()
                      if line.startswith("ExecStart="))
    assert ('"' + str(routine).replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
            .replace("$", "$$") + '"') in exec_start
    assert exec_start.endswith('"--days" "mon,fri" "--at" "07:30"')
    assert ("daemon-reload",) in systemctl.calls
    assert ("enable", "--now", "itbtimer-remind.timer") in systemctl.calls


def test_an_unescaped_specifier_is_what_systemd_refuses(tmp_path):
    """The check above can fail: the same service with the path's % left single is refused."""
    service = reminders.service_path()
    routine = _routine(tmp_path, HOSTILE)
    text = reminders.service_text("Knee", reminders.check_command(
        str(routine), Reminder(parse_days("mon"), parse_at("18:00"))))
    service.parent.mkdir(parents=True)
    service.write_text(text.replace("%%", "%"))
    assert "Failed to resolve unit specifiers" in _verify(service).stderr


def test_without_systemd_an_autostart_entry_runs_the_check_at_login(tmp_path, capsys):
    routine = _routine(tmp_path, HOSTILE)
    world = _world(tmp_path, FakeSystemctl(available=False))
    assert run_remind(_args(str(routine)), world) == 0
    entry = reminders.autostart_path()
    assert "it checks when you log in" in capsys.readouterr().out
    assert not reminders.timer_path().exists()
    validated = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                               text=True, timeout=30)
    assert validated.returncode == 0 and validated.stdout == "", validated.stdout
    exec_value = next(line[len("Exec="):] for line in entry.read_text().splitlines()
                      if line.startswith("Exec="))
    assert exec_arguments(exec_value)[-6:] == ["--check", str(routine), "--days",
                                               "mon,wed,fri", "--at", "18:00"]


@pytest.mark.parametrize("folder", ["fam\u200dily \U0001f468\u200d\U0001f467",
                                    "soft\u00adhyphen", "tab\tand\nbreak\r"])
def test_an_autostart_entry_runs_a_path_with_format_and_space_characters_as_it_is(
        tmp_path, capsys, folder):
    routine = _routine(tmp_path, folder)
    world = _world(tmp_path, FakeSystemctl(available=False))
    assert run_remind(_args(str(routine)), world) == 0
    entry = reminders.autostart_path()
    validated = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                               text=True, timeout=30)
    assert validated.returncode == 0 and validated.stdout == "", validated.stdout
    exec_value = next(line[len("Exec="):] for line in entry.read_text().splitlines()
                      if line.startswith("Exec="))
    assert exec_arguments(exec_value)[-6:-4] == ["--check", str(routine)]


def test_status_says_what_is_installed_and_when_it_next_fires(tmp_path, capsys):
    world = _world(tmp_path, FakeSystemctl(available=True), now=datetime(2026, 12, 8, 9, 0))
    routine = _routine(tmp_path)
    run_remind(_args(str(routine), days="mon,thu", at="18:30"), world)
    capsys.readouterr()
    assert run_remind(_args(str(routine), status=True), world) == 0
    out = capsys.readouterr().out
    assert "Reminder: Knee, Mon, Thu at 18:30 (a systemd user timer)" in out
    assert str(reminders.timer_path()) in out
    assert "Next: Thu 10 Dec 18:30" in out


def test_off_removes_the_reminder_and_disables_the_timer(tmp_path, capsys):
    systemctl = FakeSystemctl(available=True)
    world = _world(tmp_path, systemctl)
    run_remind(_args(str(_routine(tmp_path))), world)
    assert run_remind(_args("x", off=True), world) == 0
    assert ("disable", "--now", "itbtimer-remind.timer") in systemctl.calls
    assert ("stop", "itbtimer-remind.service") in systemctl.calls  # a check that waits
    for path in (reminders.timer_path(), reminders.service_path(), reminders.autostart_path()):
        assert not path.exists()
    capsys.readouterr()
    run_remind(_args("x", status=True), world)
    assert "No reminder installed" in capsys.readouterr().out


def test_installing_again_replaces_the_reminder_whichever_way_it_was(tmp_path):
    routine = str(_routine(tmp_path))
    run_remind(_args(routine), _world(tmp_path, FakeSystemctl(available=False)))
    assert reminders.autostart_path().exists()
    run_remind(_args(routine), _world(tmp_path, FakeSystemctl(available=True)))
    assert not reminders.autostart_path().exists()
    assert reminders.installed().scheduler == reminders.Scheduler.SYSTEMD


def test_a_machine_without_a_user_manager_is_told_apart_within_the_timeout(tmp_path,
                                                                          monkeypatch):
    """The real systemctl, in a session with no user manager (an empty runtime folder: not
    the one of the person running the tests): it says so, and itbtimer hears it."""
    if shutil.which("systemctl") is None:
        pytest.fail("systemctl is missing (make test installs systemd)")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert reminders.Systemctl(timeout=5).available() is False
    assert reminders.Systemctl(program="no-such-systemctl").available() is False


def _program(folder: Path, script: str) -> str:
    path = folder / "systemctl"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)
    return str(path)


@pytest.mark.parametrize(("script", "runs"), [
    ("echo running", True),
    ("echo degraded; exit 1", True),  # a failed unit: timers run all the same
    ("echo starting; exit 1", True),
    ("echo offline; exit 1", False),
    ("echo 'Failed to connect to bus' >&2; exit 1", False),
])
def test_the_user_manager_is_there_when_it_says_it_runs(tmp_path, script, runs):
    assert reminders.Systemctl(program=_program(tmp_path, script)).available() is runs


def test_a_user_manager_that_does_not_answer_is_not_waited_for(tmp_path):
    hung = reminders.Systemctl(program=_program(tmp_path, "exec sleep 60"), timeout=0.3)
    started = time.monotonic()
    assert hung.available() is False
    assert time.monotonic() - started < 5


# --- the check ------------------------------------------------------------------------


def _history(tmp_path: Path, sessions: int) -> None:
    store = HistoryStore(tmp_path / "history")
    for n in range(sessions):  # this week: Monday 7 December, from 7:00
        assert store.append(record_of(datetime(2026, 12, 7, 7 + n, 0, tzinfo=TZ), 40.0))


def _check(tmp_path: Path, routine: Path, world: World, days: str = "mon,wed,fri") -> int:
    return run_remind(_args(str(routine), check=True, days=days, at="18:00"), world)


def test_behind_the_week_a_notification_asks_and_its_start_opens_the_window(
        tmp_path, session_bus):
    routine = _routine(tmp_path)
    _history(tmp_path, 1)
    server = NotificationServer(capabilities=("body", "actions"))
    world = _world(tmp_path)
    try:
        done: list[int] = []
        thread = threading.Thread(target=lambda: done.append(_check(tmp_path, routine, world)),
                                  daemon=True)
        thread.start()
        assert wait_until(lambda: server.service.shown, timeout=10)
        app, _icon, summary, _body = server.service.shown[0]
        assert (app, summary) == ("itbtimer", "Knee: 1 of 3 this week — 1 minute?")
        assert server.service.actions[0] == ["default", "Start", "start", "Start now"]
        assert world.launched == []  # type: ignore[attr-defined]
        server.click(1, "default")
        thread.join(10)
    finally:
        server.close()
    assert done == [0]
    assert world.launched == [window_command(str(routine))]  # type: ignore[attr-defined]


def test_the_window_command_opens_the_window_on_that_routine(tmp_path):
    routine = str(_routine(tmp_path, HOSTILE))
    command = window_command(routine)
    program = launch_command()
    assert command[:len(program)] == program and os.access(command[0], os.X_OK)
    opened = _window_parser().parse_args(command[len(program):])
    assert opened.routine == routine and not opened.autostart


def test_a_week_done_is_no_notification(tmp_path, session_bus, capsys):
    routine = _routine(tmp_path)
    _history(tmp_path, 3)
    server = NotificationServer(capabilities=("body", "actions"))
    try:
        assert _check(tmp_path, routine, _world(tmp_path)) == 0
    finally:
        server.close()
    assert server.service.shown == []
    assert "This week: 3 of 3, the week is done" in capsys.readouterr().out


def test_a_dismissed_reminder_opens_nothing(tmp_path, session_bus):
    routine = _routine(tmp_path)
    server = NotificationServer(capabilities=("body", "actions"))
    world = _world(tmp_path)
    try:
        thread = threading.Thread(target=lambda: _check(tmp_path, routine, world), daemon=True)
        thread.start()
        assert wait_until(lambda: server.service.shown, timeout=10)
        assert server.service.shown[0][2] == "Knee: 0 of 3 this week — 1 minute?"
        server.dismiss(1)
        thread.join(10)
        assert not thread.is_alive()
    finally:
        server.close()
    assert world.launched == []  # type: ignore[attr-defined]


def _signal(member: str, signature: str, body: list) -> Message:
    return Message(message_type=MessageType.SIGNAL, path="/org/freedesktop/Notifications",
                   interface="org.freedesktop.Notifications", member=member,
                   signature=signature, body=body)


def test_a_click_heard_before_the_notifications_id_is_known_still_counts():
    """The server may send the click in the same read as its reply to Notify: the signal is
    handled before the reply's id reaches the code that waits for it."""
    import asyncio

    loop = asyncio.new_event_loop()
    try:
        answer = Answer(loop.create_future())
        answer.hear(_signal("ActionInvoked", "us", [6, "default"]))  # another notification's
        answer.hear(_signal("NotificationClosed", "uu", [7, 1]))  # expired: stays in a list
        answer.hear(_signal("ActionInvoked", "us", [7, "start"]))
        assert not answer.future.done()
        answer.shown(7)
        assert answer.future.result() == "start"
    finally:
        loop.close()


def test_a_server_without_actions_shows_the_words_and_the_check_ends(tmp_path, session_bus):
    routine = _routine(tmp_path)
    server = NotificationServer(capabilities=("body",))
    world = _world(tmp_path)
    try:
        assert _check(tmp_path, routine, world) == 0  # returns: nothing to wait for
    finally:
        server.close()
    assert server.service.actions == [[]]
    assert server.service.shown[0][2:] == ("Knee: 0 of 3 this week — 1 minute?",
                                           "Open itbtimer on Knee when you are ready.")
    assert world.launched == []  # type: ignore[attr-defined]


def test_the_login_check_waits_for_the_time_and_skips_other_days(tmp_path, capsys):
    routine = _routine(tmp_path)
    _history(tmp_path, 3)  # a done week: nothing to show once it looks
    early = _world(tmp_path, now=MONDAY_6PM - timedelta(hours=2))
    run_remind(_args(str(routine)), early)
    assert _check(tmp_path, routine, early) == 0
    assert early.slept == [7200.0]  # type: ignore[attr-defined]
    assert "the week is done" in capsys.readouterr().out
    tuesday = _world(tmp_path, now=MONDAY_6PM + timedelta(days=1))
    assert _check(tmp_path, routine, tuesday) == 0
    assert tuesday.slept == []  # type: ignore[attr-defined]
    assert "Not a training day" in capsys.readouterr().out


def test_a_reminder_removed_while_the_login_check_waits_says_nothing(tmp_path, session_bus,
                                                                      capsys):
    routine = _routine(tmp_path)
    server = NotificationServer(capabilities=("body", "actions"))
    world = _world(tmp_path, now=MONDAY_6PM - timedelta(hours=2))
    run_remind(_args(str(routine)), world)
    world.sleep = lambda seconds: run_remind(_args("x", off=True), world)  # off, meanwhile
    try:
        assert _check(tmp_path, routine, world) == 0
    finally:
        server.close()
    assert server.service.shown == []
    assert "The reminder was removed meanwhile" in capsys.readouterr().out



def test_a_reminder_moved_while_the_login_check_waits_leaves_the_new_one_to_remind(
        tmp_path, session_bus, capsys):
    routine = _routine(tmp_path)
    server = NotificationServer(capabilities=("body", "actions"))
    world = _world(tmp_path, now=MONDAY_6PM - timedelta(hours=2))
    run_remind(_args(str(routine)), world)  # Mon, Wed, Fri at 18:00
    # meanwhile the person moves it to Tuesdays at 20:00: Monday's waiting check is old
    world.sleep = lambda seconds: run_remind(_args(str(routine), days="tue", at="20:00"), world)
    try:
        assert _check(tmp_path, routine, world) == 0
    finally:
        server.close()
    assert server.service.shown == []
    assert "The reminder was changed meanwhile" in capsys.readouterr().out

# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "words"), [
    (["remind", "--days", "funday"], "--days: 'funday' is not a day (write days as mon"),
    (["remind", "--at", "25:00"], "--at: '25:00' is not a time of day (write HH:MM"),
    (["remind", "no-such-routine"], "no-such-routine: no such file, and no routine"),
    (["calendar", "--days", "mon,funday", "-o", "x.ics"], "'funday' is not a day"),
    (["calendar", "--at", "6pm", "-o", "x.ics"], "'6pm' is not a time of day"),
])
def test_bad_input_is_a_plain_message_and_exit_2(argv, words, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not reminders.autostart_path().exists() and not reminders.timer_path().exists()
    assert not (tmp_path / "x.ics").exists()


# --- every path systemd could be given ------------------------------------------------

ODD = ["%", "%%", "$", "$$", "${HOME}", "\\", "\\x41", "\\n", '"', "'", "`", ";", " ", "\t",
       "\n", "\x01", "\x7f", "é", "\u202e", "日本", "@", "-", "+", "!", ":", "#", "=", "~"]


def test_systemd_takes_any_path_the_service_could_be_given(tmp_path):
    """A hundred services, each with a routine path built from the characters a unit file
    gives a meaning to (and some it does not): systemd reads every one without a warning."""
    import random

    chooser = random.Random(24)
    folder = tmp_path / "units"
    folder.mkdir()
    units = []
    for n in range(100):
        path = "/" + "".join(chooser.choice(ODD + ["a", "b", "/"]) for _ in range(12))
        command = reminders.check_command(path, Reminder(parse_days("mon"), parse_at("9:00")))
        unit = folder / f"itbtimer-remind-{n}.service"
        unit.write_text(reminders.service_text(path, command), encoding="utf-8")
        units.append(unit)
    checked = _verify(*units)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr[:2000]
