"""Keep the screen awake while a session runs; where nothing works, silently nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading


class ScreenAwake:
    def __init__(self, window_id: int | None = None):
        self.window_id = window_id
        self.active = False
        self._process: subprocess.Popen[bytes] | None = None

    def hold(self) -> None:
        if self.active:
            return
        try:
            if sys.platform == "win32":
                import ctypes

                # ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED
                ctypes.windll.kernel32.SetThreadExecutionState(0x80000000 | 0x1 | 0x2)
                self.active = True
            elif sys.platform == "darwin" and shutil.which("caffeinate"):
                self._process = subprocess.Popen(["caffeinate", "-d", "-w", str(os.getpid())])
                self.active = True
            elif self.window_id and shutil.which("xdg-screensaver"):
                self._run("suspend")
                self.active = True
            elif shutil.which("systemd-inhibit"):
                # holds logind's idle and sleep lock for as long as this child lives
                self._process = subprocess.Popen(
                    ["systemd-inhibit", "--what=idle:sleep", "--who=itbtimer",
                     "--why=a workout is running", "sleep", "infinity"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                _reap_when_done(self._process)  # no logind here: it fails at once
                self.active = True
            # else: no window yet (it is asked again once mapped), or nothing works here
        except (OSError, AttributeError, ValueError):
            pass

    def release(self) -> None:
        if not self.active:
            return
        self.active = False
        try:
            if sys.platform == "win32":
                import ctypes

                ctypes.windll.kernel32.SetThreadExecutionState(0x80000000)
            elif self._process is not None:
                self._process.terminate()
                try:
                    self._process.wait(timeout=1)  # reaped, not left a zombie
                except subprocess.TimeoutExpired:
                    self._process.kill()
                self._process = None
            elif self.window_id and shutil.which("xdg-screensaver"):
                self._run("resume")
        except (OSError, AttributeError, ValueError):
            pass

    def _run(self, verb: str) -> None:
        _reap_when_done(subprocess.Popen(
            ["xdg-screensaver", verb, hex(self.window_id or 0)], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True))


def _reap_when_done(process: subprocess.Popen[bytes]) -> None:
    """Wait for a helper in the background, so one that ends (at once, or when let go) is
    reaped then, never left a zombie for the rest of the session."""
    threading.Thread(target=process.wait, name="reap-helper", daemon=True).start()
