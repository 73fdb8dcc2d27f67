"""`itbtimer remind` (a reminder on training days) and `itbtimer calendar` (the same days
as an .ics file).

`itbtimer remind [ROUTINE] [--days mon,wed,fri] [--at 18:00]` installs the reminder;
`--off` removes it, `--status` says what is installed and when it next fires, and
`--check ROUTINE ...` is what the timer (or the login entry) runs: on a training day,
at the time, when the week is behind its target, a desktop notification whose "Start"
opens the window on the routine; nothing when the week is done.

Exit codes: 0 done (a check that said nothing too), 2 bad input (a day, a time, a
routine) or a reminder that could not be written.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from itbtimer.adapters import reminders
from itbtimer.adapters.desktop_bus.notifications import Question
from itbtimer.adapters.launcher import launch_command
from itbtimer.atomic import write_asked
from itbtimer.core.escaping import escaped, escaped_lines
from itbtimer.core.plan import Plan, build_plan
from itbtimer.core.reminders import (
    DEFAULT_AT,
    Reminder,
    minutes_text,
    nudge,
    parse_at,
    parse_days,
    spread_days,
    week_target,
)
from itbtimer.errors import ItbtimerError
from itbtimer.history import HistoryError, HistoryStore
from itbtimer.routine_files import load_routine
from itbtimer.routine_files.bundled import DEFAULT_ROUTINE, resolve_routine, shadow_warning

START = (("default", "Start"), ("start", "Start now"))  # the notification's actions
ANSWER_SECONDS = 2 * 3600.0


def _ask(question: Question) -> str | None:
    from itbtimer.adapters.desktop_bus.notifications import ask

    return ask(question, ANSWER_SECONDS)


def _launch(command: list[str]) -> None:
    """Open the window and wait for it: under systemd the service's processes end with it,
    and while the window is open a second check does not start."""
    subprocess.call(command, stdin=subprocess.DEVNULL)


@dataclass
class World:
    """What a check needs from outside, real by default (tests give fakes)."""

    now: Callable[[], datetime] = datetime.now
    sleep: Callable[[float], None] = time.sleep
    ask: Callable[[Question], str | None] = _ask
    launch: Callable[[list[str]], None] = _launch
    history: Callable[[], HistoryStore] = HistoryStore
    systemctl: reminders.Systemctl = field(default_factory=reminders.Systemctl)


def _when_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("routine", nargs="?", default=DEFAULT_ROUTINE, metavar="ROUTINE",
                   help=f"routine file or name (default: {DEFAULT_ROUTINE})")
    p.add_argument("--days", metavar="DAYS",
                   help="training days, e.g. mon,wed,fri (default: the routine's per_week "
                        "spread over the week from Monday)")
    p.add_argument("--at", metavar="HH:MM", help=f"the time (default {DEFAULT_AT:%H:%M})")


def add_remind_arguments(p: argparse.ArgumentParser) -> None:
    _when_arguments(p)
    what = p.add_mutually_exclusive_group()
    what.add_argument("--off", action="store_true", help="remove the reminder")
    what.add_argument("--status", action="store_true",
                      help="what is installed, and when it next fires")
    what.add_argument("--check", action="store_true",
                      help="what the reminder runs: notify now if the week is behind")


def add_calendar_arguments(p: argparse.ArgumentParser) -> None:
    _when_arguments(p)
    p.add_argument("-o", "--output", metavar="FILE.ics", required=True,
                   help="where to write the calendar file")


def _routine(name: str) -> Plan:
    path = resolve_routine(name)
    warning = shadow_warning(path)
    if warning:
        print(escaped_lines(warning), file=sys.stderr)
    return build_plan(load_routine(path))


def _reminder(args: argparse.Namespace, plan: Plan) -> Reminder:
    days = parse_days(args.days) if args.days is not None else spread_days(plan.routine.per_week)
    return Reminder(days, parse_at(args.at) if args.at is not None else DEFAULT_AT)


def _as_given(name: str) -> str:
    """The routine as the check will be given it: a file by its absolute path (the check
    runs in another folder), a routine's name as it is (it survives an upgrade)."""
    path = Path(name).expanduser()
    return str(path.absolute()) if path.is_file() else name


def run_remind(args: argparse.Namespace, world: World | None = None) -> int:
    world = world or World()
    if args.off:
        removed = reminders.uninstall(world.systemctl)
        for path in removed:
            print(escaped(f"removed {path}"))
        if not removed:
            print("No reminder was installed.")
        return 0
    if args.status:
        print("\n".join(reminders.status_lines(world.now(), world.systemctl)))
        return 0
    if args.check:
        return check(args, world)
    plan = _routine(args.routine)
    reminder = _reminder(args, plan)
    done = reminders.install(_as_given(args.routine), plan.routine.name, reminder,
                             world.systemctl)
    how = {reminders.Scheduler.SYSTEMD: "a systemd user timer runs it",
           reminders.Scheduler.AUTOSTART: "no systemd user session here: it checks when you "
           f"log in, and on a training day waits until {reminder.at:%H:%M}"}[done.scheduler]
    print(escaped(f"Reminder: {plan.routine.name}, {reminder.when_text()} ({how})"))
    for path in done.files:
        print(escaped(f"wrote {path}"))
    print(f"Next: {reminder.next_time(world.now()):%a %d %b %H:%M}. "
          "It says nothing in a week whose sessions are done.")
    return 0


def check(args: argparse.Namespace, world: World) -> int:
    """On a training day, at the time: notify when the week is behind; Start opens the
    window on the routine."""
    plan = _routine(args.routine)
    reminder = _reminder(args, plan)
    wait = reminder.wait_seconds(world.now())
    if wait is None:
        print("Not a training day: nothing to remind.")
        return 0
    if wait > 0:
        world.sleep(wait)
        found = reminders.installed()
        if found is None:  # `itbtimer remind --off` while it waited
            print("The reminder was removed meanwhile: nothing to remind.")
            return 0
        if found.routine != _as_given(args.routine) or found.reminder != reminder:
            print("The reminder was changed meanwhile: the new one reminds in its own time.")
            return 0
        plan = _routine(args.routine)  # as it is now: it may have been changed meanwhile
    routine = plan.routine
    try:
        # the start screen's "This week": the same figures, from the same query
        progress = world.history().progress(world.now().date(), routine.identity,
                                            routine.per_week)
    except HistoryError as exc:
        raise ItbtimerError(f"itbtimer: {exc}") from None
    words = nudge(routine.name, progress.this_week,
                  week_target(progress.per_week, reminder), plan.estimated_seconds)
    if words is None:
        print(escaped(f"{routine.name}: {progress.week_text()}, the week is done."))
        return 0
    print(escaped(words))
    answer = world.ask(Question(words, f"Start opens itbtimer on {routine.name}.", START,
                                f"Open itbtimer on {routine.name} when you are ready."))
    if answer in {key for key, _ in START}:
        world.launch(window_command(args.routine))
    return 0


def window_command(routine: str) -> list[str]:
    """The window on the routine, as the applications menu would start it."""
    return [*launch_command(), routine]


def run_calendar(args: argparse.Namespace, today: date | None = None,
                 now: datetime | None = None) -> int:
    from itbtimer.adapters.ics import calendar_bytes

    plan = _routine(args.routine)
    reminder = _reminder(args, plan)
    routine = plan.routine
    times = f"{routine.per_week} times a week, " if routine.per_week else ""
    description = f"{routine.name}: {times}about {minutes_text(plan.estimated_seconds)}. " \
                  f"In itbtimer: itbtimer {_as_given(args.routine)}"
    now = now or datetime.now().astimezone()
    data = calendar_bytes(routine.name, routine.identity, reminder, plan.estimated_seconds,
                          description, today or now.date(), now)
    target = Path(args.output).expanduser()
    write_asked(target, data, "the calendar", "training.ics")
    print(escaped(f"Wrote {target}: {routine.name}, {reminder.when_text()}, every week"))
    return 0
