"""The command line: `itbtimer [ROUTINE]` opens the window; the sub-commands (`check`,
`plan`, `list`, `new`, `history`, ...) are one table, COMMANDS, from which both their
parser and the list of commands in `itbtimer --help` are built.

Exit codes: 0 fine, 2 bad input (a routine, an option, no display), 1 a bug.
No traceback reaches the person: bugs are reported in one line and logged.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from itbtimer import __version__
from itbtimer.adapters.quit_signals import install_quit_signals
from itbtimer.core.durations import format_hms
from itbtimer.core.escaping import escaped, escaped_lines
from itbtimer.core.plan import build_plan
from itbtimer.core.progression import NO_PROGRESSION, Progression, growing
from itbtimer.core.routine import Routine
from itbtimer.errors import ItbtimerError, RoutineError
from itbtimer.gui.options import Launch
from itbtimer.present.progress_words import growth_line, plan_lines
from itbtimer.routine_files import load_routine, refuse_odd_file
from itbtimer.routine_files.bundled import (
    DEFAULT_ROUTINE,
    all_routines,
    personal_routines_dir,
    resolve_routine,
    shadow_warning,
)


class _Probe(argparse.ArgumentParser):
    """The window's options, read only to find the first word; it never prints or exits."""

    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _window_parser(probe: bool = False) -> argparse.ArgumentParser:
    kind = _Probe if probe else argparse.ArgumentParser
    p = kind(prog="itbtimer", description="Follow a recovery routine: big countdown, cues, beeps.",
             epilog=_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter,
             add_help=not probe)
    p.set_defaults(func=cmd_window)
    if not probe:
        p.add_argument("--version", action="version", version=f"itbtimer {__version__}")
    p.add_argument("routine", nargs="?", default=DEFAULT_ROUTINE,
                   help="routine file or bundled routine name (default: itb-recovery)")
    p.add_argument("--autostart", action="store_true", help="skip the start screen")
    p.add_argument("--fullscreen", action="store_true", help="start in full screen")
    p.add_argument("--mute", action="store_true", help="start with the sound muted")
    p.add_argument("--no-flash", action="store_true",
                   help="no coloured border pulse on cues (or \"flash\": false in settings.json)")
    p.add_argument("--volume", action=_Volume, default=100, metavar="PERCENT",
                   help="beep volume, 0-100 (default 100)")
    p.add_argument("--speed", type=_speed, default=1.0, metavar="N",
                   help="rehearse N times faster (1-100); every duration scales")
    p.add_argument("--practice", action="store_true",
                   help="a rehearsal: kept in the history as practice, left out of weeks, "
                        "holds and charts (any --speed other than 1 is practice too)")
    p.add_argument("--voice", action=argparse.BooleanOptionalAction, default=None,
                   help="the voice coach says each step (remembered; off at --speed other "
                        "than 1 unless given)")
    p.add_argument("--cues", action=argparse.BooleanOptionalAction, default=None,
                   help="the voice says each exercise's cue too (remembered)")
    p.add_argument("--events", metavar="FILE",
                   help="append every session event to FILE as JSON lines")
    return p


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number (write 1 to 100)") from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is out of range (write 1 to 100)")
    return value


VOLUME_ERROR = "--volume must be a whole number from 0 to 100"


def parse_volume(text: str) -> int | None:
    """A volume percent written with ASCII digits 0-100, else None ("٥٠" is not 50 here)."""
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 100:
        return None
    return int(text)


class _Volume(argparse.Action):
    """--volume with the person's words in the error, not argparse's "argument --volume: ..."."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        volume = parse_volume(str(values))
        if volume is None:
            parser.error(f"{VOLUME_ERROR} (not '{values}')")
        setattr(namespace, self.dest, volume)


def _load(name: str) -> Routine:
    path = resolve_routine(name)
    warning = shadow_warning(path)
    if warning:
        print(escaped_lines(warning), file=sys.stderr)
    return load_routine(path)


def cmd_check(args: argparse.Namespace) -> int:
    status = 0
    for name in args.routines:
        try:
            plan = build_plan(_load(name))
        except ItbtimerError as exc:
            print(escaped_lines(str(exc)), file=sys.stderr)
            status = 2
            continue
        print(escaped(f"OK {plan.routine.name}: {plan.total_text()}"))
        grows = growth_line(plan.routine)
        if grows:
            print(escaped(f"   {grows}"))
        for name, picture in plan.pictures():
            print(escaped(f"  {name}: image {picture.describe()}"))
    return status


def cmd_plan(args: argparse.Namespace) -> int:
    routine = _load(args.routine)
    plan = build_plan(routine, _progression(routine))
    if args.json:
        # dumps, not dump: the C encoder, one write (dump streams through Python)
        sys.stdout.write(json.dumps(plan.to_json(), ensure_ascii=False) + "\n")
    else:
        for line in plan_lines(routine, plan.progression):
            print(escaped(line))
        print(escaped_lines(plan.describe()))  # a routine's names never drive the terminal
    return 0


def _progression(routine: Routine) -> Progression:
    """The levels the routine's history has reached (core/progression.py): the plan as it
    will run. A history that cannot be read is said, and the routine runs as written."""
    if not growing(routine):
        return NO_PROGRESSION
    from itbtimer.history import HistoryError, HistoryStore

    try:
        return HistoryStore().progression(routine)
    except HistoryError as exc:
        print(escaped(f"itbtimer: levels not read ({exc}); the plan is the routine's own"),
              file=sys.stderr)
        return NO_PROGRESSION


def cmd_progress(args: argparse.Namespace) -> int:
    from itbtimer.cli.progress import run_progress

    return run_progress(_load(args.routine), args)


def cmd_list(args: argparse.Namespace) -> int:
    entries = all_routines()
    folder = personal_routines_dir()
    if any(e.personal for e in entries):
        print(escaped(f"* your own routines, in {folder}"))
    else:
        print(escaped(f"Your own routines go in {folder} (itbtimer new NAME starts one)"))
    for entry in entries:
        mark = "*" if entry.personal else " "
        note = "  (hidden by yours)" if entry.hidden else ""
        try:
            plan = build_plan(load_routine(entry.path))
            what = f"{escaped(plan.routine.name)[:24]:24} {format_hms(plan.total_seconds)}"
        except RoutineError as exc:
            what = f"(has mistakes: itbtimer check {entry.name}; {len(exc.problems)} found)"
        name = escaped(entry.name)
        print(f"{mark} {name:18} {what}{note}  {escaped(str(entry.path))}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from itbtimer.routine_files.starter import new_routine, open_in_editor

    if args.fresh and not args.source:
        print("itbtimer: --fresh is for a copy (--from ROUTINE): a new routine always starts "
              "a history of its own", file=sys.stderr)
        return 2
    path = new_routine(args.name, args.source, fresh=args.fresh)
    print(escaped(str(path)))
    warning = shadow_warning(path)
    if warning:
        print(escaped_lines(warning), file=sys.stderr)
    if args.edit:
        print(escaped_lines(open_in_editor(path)))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from itbtimer.cli.history import run_history

    return run_history(args)


def cmd_run(args: argparse.Namespace) -> int:
    from itbtimer.cli.run import run_run

    return run_run(args)


def cmd_report(args: argparse.Namespace) -> int:
    from itbtimer.cli.report import run_report

    return run_report(args)


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from itbtimer.adapters.launcher import check, install, uninstall

    if args.check:
        checked = check()
        print(escaped(checked.text))
        return 0 if checked.works else 2
    if args.uninstall:
        removed = uninstall()
        for path in removed:
            print(escaped(f"removed {path}"))
        if not removed:
            print("itbtimer was not in the applications menu")
        return 0
    installed = install()
    print(escaped(f"wrote {installed.entry}"))
    for icon in installed.icons:
        print(escaped(f"wrote {icon}"))
    print(escaped(installed.how))
    return 0


def cmd_say(args: argparse.Namespace) -> int:
    from itbtimer.voice.say import run_say, write_say

    if args.output:
        written = write_say(" ".join(args.text), args.output)
        print(escaped(f"Wrote {written.path} ({written.seconds:.1f} s)"))
        return 0
    return run_say(" ".join(args.text))


def cmd_edit(args: argparse.Namespace) -> int:
    """The window on the routine editor; a bundled routine: the person's own copy of it."""
    from itbtimer.editor.copies import editable

    target = editable(args.routine)
    if target.notice:
        print(escaped_lines(target.notice))
    print(escaped(str(target.path)))
    return _run_window(Launch(routine=str(target.path), edit=True))


def _run_window(launch: Launch) -> int:
    from itbtimer.gui.launch import run_window

    return run_window(launch)


def _launch(args: argparse.Namespace) -> Launch:
    """The window's options, typed, from the parsed command line."""
    return Launch(routine=args.routine, autostart=args.autostart, fullscreen=args.fullscreen,
                  mute=args.mute, no_flash=args.no_flash, volume=args.volume, speed=args.speed,
                  practice=args.practice, voice=args.voice, cues=args.cues, events=args.events)


def cmd_window(args: argparse.Namespace) -> int:
    try:
        path = resolve_routine(args.routine)
    except ItbtimerError:
        path = None  # the window says what is wrong
    if path is not None:
        refuse_odd_file(path)  # a device, a pipe, a link loop: no window, rc 2
    warning = shadow_warning(path) if path is not None else None
    if warning:
        print(escaped_lines(warning), file=sys.stderr)
    return _run_window(_launch(args))


# --- the sub-commands, in one table --------------------------------------------------


def _routines_argument(p: argparse.ArgumentParser, many: bool = False) -> None:
    """ROUTINE, as the window takes it: a file or a name, the bundled itb-recovery if none."""
    if many:
        p.add_argument("routines", nargs="*", default=[DEFAULT_ROUTINE], metavar="ROUTINE",
                       help=f"routine files or names (default: {DEFAULT_ROUTINE})")
    else:
        p.add_argument("routine", nargs="?", default=DEFAULT_ROUTINE, metavar="ROUTINE",
                       help=f"routine file or name (default: {DEFAULT_ROUTINE})")


def _check_arguments(p: argparse.ArgumentParser) -> None:
    _routines_argument(p, many=True)


def _plan_arguments(p: argparse.ArgumentParser) -> None:
    _routines_argument(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _progress_arguments(p: argparse.ArgumentParser) -> None:
    from itbtimer.cli.progress import add_arguments

    _routines_argument(p)
    add_arguments(p)


def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME")
    p.add_argument("--from", dest="source", metavar="ROUTINE",
                   help="start from a copy of this routine (its sessions count as the copy's "
                        "history too)")
    p.add_argument("--fresh", action="store_true",
                   help="with --from: the copy starts a history of its own")
    p.add_argument("--edit", action="store_true",
                   help="open it in $VISUAL, $EDITOR or the desktop's editor")


def _history_arguments(p: argparse.ArgumentParser) -> None:
    from itbtimer.cli.history import add_arguments

    add_arguments(p)


def _run_arguments(p: argparse.ArgumentParser) -> None:
    from itbtimer.cli.run import add_arguments

    add_arguments(p)


def _report_arguments(p: argparse.ArgumentParser) -> None:
    from itbtimer.cli.report import add_arguments

    add_arguments(p)


def _desktop_arguments(p: argparse.ArgumentParser) -> None:
    what = p.add_mutually_exclusive_group()
    what.add_argument("--uninstall", action="store_true", help="remove it again")
    what.add_argument("--check", action="store_true",
                      help="does the launcher still start itbtimer? (exit 2 when not)")


def _say_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("-o", "--output", metavar="FILE.wav", help="write it to a WAV file")


def _no_arguments(p: argparse.ArgumentParser) -> None:
    pass


def _remind_arguments(p: argparse.ArgumentParser) -> None:
    from itbtimer.cli.remind import add_remind_arguments

    add_remind_arguments(p)


def _calendar_arguments(p: argparse.ArgumentParser) -> None:
    from itbtimer.cli.remind import add_calendar_arguments

    add_calendar_arguments(p)


def cmd_remind(args: argparse.Namespace) -> int:
    from itbtimer.cli.remind import run_remind

    return run_remind(args)


def cmd_calendar(args: argparse.Namespace) -> int:
    from itbtimer.cli.remind import run_calendar

    return run_calendar(args)


@dataclass(frozen=True)
class Command:
    """One sub-command: how the help writes it, what it is for, its arguments, its function."""

    name: str
    synopsis: str  # what follows `itbtimer NAME` in the help's list of commands
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: tuple[Command, ...] = (
    Command("check", "[ROUTINE...]", "validate routine files", _check_arguments, cmd_check),
    Command("plan", "[ROUTINE] [--json]", "print every step of a routine", _plan_arguments,
            cmd_plan),
    Command("progress", "[ROUTINE] [--set EXERCISE LEVEL | --reset]",
            "each growing exercise's level, and why (set or reset by hand)",
            _progress_arguments, cmd_progress),
    Command("list", "", "list your routines (*) and the bundled ones", _no_arguments, cmd_list),
    Command("new", "NAME [--from ROUTINE [--fresh]] [--edit]", "start a routine of your own",
            _new_arguments, cmd_new),
    Command("history", "", "show past sessions, weekly counts, holds and knee pain",
            _history_arguments, cmd_history),
    Command("run", "DISTANCE [--pain N] [--pain-from D] [--time T]", "log a run: how far, "
            "and how far before the knee hurt (5.2km, 3.1mi)", _run_arguments, cmd_run),
    Command("report", "[ROUTINE] [--weeks N] -o FILE.pdf", "a PDF of the weeks, pain and "
            "holds for the physio (--routine-card: the routine on one page)", _report_arguments,
            cmd_report),
    Command("install-desktop", "[--check | --uninstall]", "add itbtimer to the applications "
            "menu (--check: does it still work?)", _desktop_arguments, cmd_install_desktop),
    Command("say", '"TEXT" [-o F.wav]', "say a sentence in the coach's voice (or write it)",
            _say_arguments, cmd_say),
    Command("edit", "[ROUTINE]", "change a routine (a bundled one: your own copy of it)",
            _routines_argument, cmd_edit),
    Command("remind", "[ROUTINE] [--days D] [--at HH:MM] [--off | --status]",
            "a reminder on training days when the week is behind", _remind_arguments,
            cmd_remind),
    Command("calendar", "[ROUTINE] [--days D] [--at HH:MM] -o F.ics",
            "the training days as a weekly event for a calendar app", _calendar_arguments,
            cmd_calendar),
)
NAMES = frozenset(command.name for command in COMMANDS)


def _epilog() -> str:
    """The list of commands under `itbtimer --help`, from the table."""
    rows = [("itbtimer [ROUTINE]", f"open the workout window (default: {DEFAULT_ROUTINE})")]
    rows += [(f"itbtimer {c.name} {c.synopsis}".rstrip(), c.help) for c in COMMANDS]
    lines = [f"  {left:28}  {right}" if len(left) <= 28 else f"  {left}  {right}"
             for left, right in rows]
    return "\n".join(["commands:", *lines, "",
                      "ROUTINE is a path to a YAML file, or the name of one of your routines "
                      "or a bundled one."])


def _command_parser(named: str | None = None) -> argparse.ArgumentParser:
    """The sub-commands' parser; with `named`, only that command's arguments are made (each
    command's module is imported to make them: a command never pays for another's)."""
    p = argparse.ArgumentParser(prog="itbtimer", epilog=_epilog(),
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"itbtimer {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        parser = sub.add_parser(command.name, help=command.help, description=command.help)
        if named in (None, command.name):
            command.arguments(parser)
        parser.set_defaults(func=command.run)
    return p


def _is_command(argv: list[str]) -> bool:
    """Does the person name a command? Read as the window reads its arguments (options
    with values skipped), so `itbtimer plan` opens a routine file called `plan` when one
    is here and nothing follows, and `itbtimer plan ROUTINE` still plans ROUTINE."""
    try:
        known, rest = _window_parser(probe=True).parse_known_args(argv)
    except ValueError:
        return bool(argv) and argv[0] in NAMES
    word = known.routine
    if word not in NAMES:
        return False
    return bool(rest) or not Path(word).is_file()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if threading.current_thread() is threading.main_thread():
        install_quit_signals()
    try:
        named = next((word for word in argv if word in NAMES), None)
        parser = _command_parser(named) if _is_command(argv) else _window_parser()
        args = parser.parse_args(argv)
        return int(args.func(args))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else 2
    except ItbtimerError as exc:
        print(escaped_lines(str(exc)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the person, details in the log
        from itbtimer.adapters.logs import log_bug

        where = log_bug(exc)
        print(escaped_lines(f"itbtimer: internal error ({type(exc).__name__}: {exc}); "
                           f"details in {where}"), file=sys.stderr)
        return 1
