"""Opening the window: `run_window` builds the app (app.wiring) from what the command line
asked (`Launch`) and runs the Tk loop until the window closes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from itbtimer.adapters.logs import setup
from itbtimer.app.wiring import bootstrap, desktop_remote
from itbtimer.app.workout import EventsLog
from itbtimer.core.escaping import escaped
from itbtimer.gui.options import Launch, Options
from itbtimer.routine_files.bundled import resolve_routine

if TYPE_CHECKING:
    import tkinter as tk

    from itbtimer.app.wiring import App
    from itbtimer.gui.window import Window

UNSAVED_EXIT = 3  # the window closed with a session the history could not take (said where)
NO_DISPLAY = ("itbtimer: no display found: itbtimer needs a desktop session; "
              "`itbtimer plan` prints the routine")


def run_window(args: Launch) -> int:
    """Open the window as the command line asked; the exit status."""
    routine = resolve_routine(args.routine)
    root = _tk_root()
    if root is None:
        return 2
    from itbtimer.gui.signals import QuitOnSignals
    from itbtimer.gui.wakeup import monotonic_timers
    from itbtimer.gui.window import Window

    setup()

    events = None
    if args.events:
        try:
            # open as long as the window is: closed with the process, not by a `with`
            events = EventsLog(open(args.events, "a", encoding="utf-8"))  # noqa: SIM115
        except OSError as exc:
            root.destroy()
            print(f"itbtimer: {args.events}: cannot write the events log ({exc.strerror})",
                  file=sys.stderr)
            return 2
    app = bootstrap(mute=args.mute, volume=args.volume, speed=args.speed,
                    practice=args.practice, events=events,
                    voice_option=args.voice, cues_option=args.cues, remote=desktop_remote())
    flash = not args.no_flash and (app.settings is None or app.settings.flash)
    options = Options(routine=Path(routine), autostart=args.autostart,
                      fullscreen=args.fullscreen, edit=args.edit,
                      flash=flash)
    window: Window | None = None

    def quit_on_signal(signum: int) -> None:  # SIGTERM, SIGINT, SIGHUP: as Ctrl+Q does
        if window is not None:
            window.quit()
        else:
            root.destroy()

    # before the window, so a signal while it opens is not lost; handled in the Tk loop
    signals = QuitOnSignals(root, quit_on_signal, opening=True)
    timers = monotonic_timers(root)  # wake-ups a wall-clock step cannot hold back
    window = Window(root, options, app, timers)
    signals.opened()
    try:
        root.mainloop()
    except KeyboardInterrupt:  # a Ctrl+C before the loop could take it: quit all the same
        window.quit()
    _close(app, window, events, timers)
    signals.close()
    if window.unsaved_report:  # a session not in the history: where it went, or its figures
        print(escaped(window.unsaved_report), file=sys.stderr)
        return UNSAVED_EXIT
    return 0


def _tk_root() -> tk.Tk | None:
    """The Tk root window, or None when there is none to be had (said why)."""
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get(
            "WAYLAND_DISPLAY"):
        print(NO_DISPLAY, file=sys.stderr)
        return None
    try:
        import tkinter as tk
    except ImportError:
        print("itbtimer: Python's Tk support is missing; install python3-tk", file=sys.stderr)
        return None
    try:
        return tk.Tk(className="itbtimer")
    except tk.TclError:
        print(NO_DISPLAY, file=sys.stderr)
        return None


def _close(app: App, window: Window, events: EventsLog | None, timers: object) -> None:
    """After the window: the voice worker stopped, a last beep let finish, the bench's
    figures written."""
    if app.voice is not None:
        app.voice.close()  # a worker still rendering: what it wrote is kept for next time
    wait = getattr(app.player, "wait_done", None)
    if wait is not None:
        wait(1.0)  # let a last beep finish rather than cut it
    if events is not None and window.mapped_at is not None:  # for make bench
        events.write(app.real_clock() - window.mapped_at, "timers",
                     {"woken": getattr(timers, "woken", None)})
    getattr(timers, "close", lambda: None)()
