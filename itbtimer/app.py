"""Wiring: real adapters by default (simpleaudio, the history folder, the screen)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .bundled import assets_dir, resolve_routine
from .history import HistoryStore
from .paths import user_sounds_dir
from .recent import RecentFiles
from .sounds import make_player
from .workout import EventsLog

NO_DISPLAY = ("itbtimer: no display found: itbtimer needs a desktop session; "
              "`itbtimer plan` prints the routine")


def run_window(args: argparse.Namespace) -> int:
    routine = resolve_routine(args.routine)
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get(
            "WAYLAND_DISPLAY"):
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    try:
        import tkinter as tk
    except ImportError:
        print("itbtimer: Python's Tk support is missing; install python3-tk", file=sys.stderr)
        return 2
    try:
        root = tk.Tk(className="itbtimer")
    except tk.TclError:
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from .gui.window import Options, Window
    from .logs import setup

    setup()

    events = None
    if args.events:
        try:
            events = EventsLog(open(args.events, "a", encoding="utf-8"))  # noqa: SIM115
        except OSError as exc:
            root.destroy()
            print(f"itbtimer: {args.events}: cannot write the events log ({exc.strerror})",
                  file=sys.stderr)
            return 2
    player, warnings = make_player(assets_dir() / "sounds", user_sounds_dir(), args.mute)
    player.set_volume(args.volume)
    options = Options(routine=Path(routine), autostart=args.autostart,
                      fullscreen=args.fullscreen, mute=args.mute, speed=args.speed,
                      events=events)
    window = Window(root, options, player, HistoryStore(), RecentFiles(), warnings=warnings)
    try:
        root.mainloop()
    except KeyboardInterrupt:  # Ctrl+C in the terminal: quit as the window would
        window.quit()
    wait = getattr(player, "wait_done", None)
    if wait is not None:
        wait(1.0)  # let a last beep finish rather than cut it
    return 0
