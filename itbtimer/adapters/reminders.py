"""`itbtimer remind`: a reminder on training days, installed for this user only.

Where systemd runs the person's session (`systemctl --user` answers), a timer and its
service in $XDG_CONFIG_HOME/systemd/user run `itbtimer remind --check ROUTINE --days ...
--at ...` on those days at that time (Persistent=true: a laptop asleep at 18:00 checks
when it wakes). Elsewhere an XDG autostart entry runs the same check at login; it waits
for the time on a training day (`Reminder.wait_seconds`). What was installed is kept in
reminder.json beside the settings, which `--status` reads.

Both files hold the routine's path, which may have spaces, quotes, % or $ in it: each
is written in its format's own quoting (`systemd_argument`; the Desktop Entry spec's in
`launcher.exec_line`).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from itbtimer import paths
from itbtimer.adapters.launcher import exec_line, launch_command
from itbtimer.adapters.preferences import PreferenceFile
from itbtimer.atomic import write_atomic
from itbtimer.core.enums import StrEnum
from itbtimer.core.escaping import escaped
from itbtimer.core.reminders import Reminder, ReminderError, days_text, parse_at, parse_days
from itbtimer.errors import ItbtimerError

UNIT = "itbtimer-remind"
SYSTEMCTL_SECONDS = 5.0  # a user manager that does not answer in this long is not there
RECORD = "reminder.json"


class Scheduler(StrEnum):
    """What runs the check."""

    SYSTEMD = "systemd"  # a systemd user timer, on the days at the time
    AUTOSTART = "autostart"  # an XDG autostart entry, at login


class ManagerState(StrEnum):
    """What `systemctl --user is-system-running` says, of the states in which the user
    manager runs timers (any other answer, or none: it does not)."""

    RUNNING = "running"
    DEGRADED = "degraded"  # a unit failed; timers still run
    STARTING = "starting"
    INITIALIZING = "initializing"


class RemindError(ItbtimerError):
    """The reminder could not be installed or removed."""


@dataclass(frozen=True)
class Installed:
    """A reminder as reminder.json keeps it."""

    scheduler: Scheduler
    routine: str  # as the check is given it: a file's absolute path, or a routine's name
    name: str  # the routine's name, for the person
    reminder: Reminder
    files: tuple[Path, ...]

    def to_json(self) -> dict[str, object]:
        return {"scheduler": self.scheduler.value, "routine": self.routine, "name": self.name,
                "days": days_text(self.reminder.days), "at": f"{self.reminder.at:%H:%M}",
                "files": [str(f) for f in self.files]}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Installed | None:
        """The record, or None when it is not one (hand-edited, from a later version)."""
        try:
            reminder = Reminder(parse_days(str(data["days"])), parse_at(str(data["at"])))
            files = data["files"]
            return cls(Scheduler(str(data["scheduler"])), str(data["routine"]),
                       str(data["name"]), reminder,
                       tuple(Path(str(f)) for f in files) if isinstance(files, list) else ())
        except (KeyError, ValueError, ReminderError):
            return None


class Systemctl:
    """`systemctl --user`, each call with a timeout: a session without a user manager (no
    systemd, a container, ssh) answers "offline" or an error, or may not answer at all."""

    def __init__(self, program: str = "systemctl", timeout: float = SYSTEMCTL_SECONDS):
        self.program = program
        self.timeout = timeout

    def run(self, *args: str) -> str | None:
        """What it printed, or None when it failed, is missing or did not answer."""
        done = self._call(*args)
        return done[1] if done is not None and done[0] == 0 else None

    def available(self) -> bool:
        """Does a systemd user manager run this session? (`ManagerState`; "degraded" and
        "starting" exit with status 1, so the answer is read, not the status.)"""
        done = self._call("is-system-running")
        return done is not None and done[1] in {state.value for state in ManagerState}

    def _call(self, *args: str) -> tuple[int, str] | None:
        if shutil.which(self.program) is None:
            return None
        try:
            done = subprocess.run([self.program, "--user", *args], capture_output=True,
                                  text=True, timeout=self.timeout, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.returncode, done.stdout.strip()


# --- the files ------------------------------------------------------------------------


def systemd_argument(arg: str) -> str:
    """One argument of a unit file's command line (systemd.service, "Command lines"): in
    double quotes, with \\ and " escaped by a backslash, a control character as a C escape
    (\\x0a), every % written %% (a specifier otherwise) and every $ written $$ (a variable
    otherwise)."""
    out = []
    for c in arg:
        if c in '\\"':
            out.append("\\" + c)
        elif c in "%$":
            out.append(c + c)
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def unit_text(text: str) -> str:
    """A free text (a Description) in a unit file: escaped, every % written %%."""
    return escaped(text).replace("%", "%%")


def check_command(routine: str, reminder: Reminder) -> list[str]:
    """What the timer or the login entry runs: itbtimer by its full path (systemd looks
    only in the system's folders, not in ~/.local/bin)."""
    program, *rest = launch_command()
    program = shutil.which(program) or program
    return [program, *rest, "remind", "--check", routine, "--days", days_text(reminder.days),
            "--at", f"{reminder.at:%H:%M}"]


def timer_text(name: str, reminder: Reminder) -> str:
    days = ",".join(d.short for d in reminder.days)
    return "\n".join([
        "[Unit]",
        f"Description={unit_text(f'itbtimer: a reminder of “{name}” on training days')}",
        "",
        "[Timer]",
        f"OnCalendar={days} *-*-* {reminder.at:%H:%M}:00",
        "Persistent=true",
        "AccuracySec=1min",
        f"Unit={UNIT}.service",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ])


def service_text(name: str, command: list[str]) -> str:
    return "\n".join([
        "[Unit]",
        f"Description={unit_text(f'itbtimer: is a session of “{name}” still to do?')}",
        "",
        "[Service]",
        "Type=exec",
        "ExecStart=" + " ".join(systemd_argument(a) for a in command),
        "",
    ])


def autostart_text(name: str, command: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=itbtimer reminder",
        f"Comment={escaped(f'A reminder of “{name}” on training days')}",
        f"Exec={exec_line(command, field_code=None)}",
        "Icon=itbtimer",
        "Terminal=false",
        "NoDisplay=true",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def timer_path() -> Path:
    return paths.systemd_user_dir() / f"{UNIT}.timer"


def service_path() -> Path:
    return paths.systemd_user_dir() / f"{UNIT}.service"


def autostart_path() -> Path:
    return paths.autostart_dir() / f"{UNIT}.desktop"


def record_file() -> PreferenceFile:
    return PreferenceFile(paths.config_dir() / RECORD)


# --- installing, removing, reading ----------------------------------------------------


def install(routine: str, name: str, reminder: Reminder,
            systemctl: Systemctl | None = None) -> Installed:
    """Install the reminder (in place of one installed before)."""
    systemctl = systemctl or Systemctl()
    uninstall(systemctl)
    command = check_command(routine, reminder)
    if systemctl.available():
        files = {timer_path(): timer_text(name, reminder),
                 service_path(): service_text(name, command)}
        scheduler = Scheduler.SYSTEMD
    else:
        files = {autostart_path(): autostart_text(name, command)}
        scheduler = Scheduler.AUTOSTART
    for path, text in files.items():
        _write(path, text)
    installed = Installed(scheduler, routine, name, reminder, tuple(files))
    if not record_file().write(installed.to_json()):
        raise RemindError(f"itbtimer: cannot write {record_file().path}")
    if scheduler == Scheduler.SYSTEMD:
        systemctl.run("daemon-reload")
        if systemctl.run("enable", "--now", f"{UNIT}.timer") is None:
            raise RemindError(f"itbtimer: wrote {timer_path()}, but systemctl --user enable "
                              f"--now {UNIT}.timer failed: run it to see why")
    return installed


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise RemindError(f"itbtimer: cannot write {path}: {exc.strerror}") from None


def uninstall(systemctl: Systemctl | None = None) -> list[Path]:
    """Remove every reminder file there is (whichever way it was installed); the removed."""
    systemctl = systemctl or Systemctl()
    if timer_path().exists() and systemctl.available():
        systemctl.run("disable", "--now", f"{UNIT}.timer")
        systemctl.run("stop", f"{UNIT}.service")  # a check still waiting for an answer
    removed = []
    for path in (timer_path(), service_path(), autostart_path(), record_file().path):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise RemindError(f"itbtimer: cannot remove {path}: {exc.strerror}") from None
        removed.append(path)
    if service_path() in removed and systemctl.available():
        systemctl.run("daemon-reload")
    return removed


def installed() -> Installed | None:
    """The reminder installed, from reminder.json; None when there is none."""
    return Installed.from_json(record_file().read_dict())


def status_lines(now: datetime, systemctl: Systemctl | None = None) -> list[str]:
    """What `itbtimer remind --status` says: which reminder, how, its files, when next."""
    found = installed()
    if found is None:
        return ["No reminder installed (itbtimer remind [ROUTINE] installs one)."]
    how = {Scheduler.SYSTEMD: "a systemd user timer",
           Scheduler.AUTOSTART: "an autostart entry, checked at login"}[found.scheduler]
    lines = [escaped(f"Reminder: {found.name}, {found.reminder.when_text()} ({how})")]
    missing = [f for f in found.files if not f.is_file()]
    lines += [escaped(f"  {f}{' (missing: run itbtimer remind again)' if f in missing else ''}")
              for f in found.files]
    next_time = found.reminder.next_time(now)
    lines.append(f"Next: {next_time:%a %d %b %H:%M}")
    if found.scheduler == Scheduler.SYSTEMD:
        systemctl = systemctl or Systemctl()
        state = systemctl.run("is-enabled", f"{UNIT}.timer") if systemctl.available() else None
        if state is None:
            lines.append("systemd does not run the timer now (no user session, or it is "
                         "disabled): run itbtimer remind again")
    return lines

