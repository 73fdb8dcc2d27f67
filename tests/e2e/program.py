"""The real program in its own process on Xvfb, driven by real key presses (xdotool), read
back through its events log: what the e2e tests share."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import wait_until


class App:
    """The program on `routine`, started with `args`, in its own home under `tmp`."""

    def __init__(self, tmp: Path, display: str, routine: str, *args: str,
                 env: dict[str, str] | None = None):
        if shutil.which("xdotool") is None:
            pytest.skip("xdotool is not installed (make test installs it)")
        self.tmp = tmp
        self.path = tmp / "e2e.yaml"
        self.path.write_text(routine)
        self.events_path = tmp / "events.jsonl"
        self.env = {**os.environ, "DISPLAY": display, "HOME": str(tmp),
                    "XDG_DATA_HOME": str(tmp / "data"), "XDG_STATE_HOME": str(tmp / "state"),
                    "XDG_CONFIG_HOME": str(tmp / "config"), **(env or {})}
        (tmp / ".asoundrc").write_text('pcm.!default { type file; slave.pcm "null"; '
                                       f'file "{tmp}/beep.wav"; format "wav"; }}\n')
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "itbtimer", str(self.path), "--events",
             str(self.events_path), *args], env=self.env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.wait_for(lambda evs: any(e["event"] == "window_mapped" for e in evs))
        self.focused = False

    def events(self) -> list[dict]:
        try:
            lines = self.events_path.read_text().splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.endswith("}")]

    def wait_for(self, condition, timeout: float = 20.0) -> list[dict]:
        """The events log once `condition(events)` holds (the program still running)."""
        seen: list[list[dict]] = []

        def holds() -> bool:
            seen[:] = [self.events()]
            if condition(seen[0]):
                return True
            assert self.proc.poll() is None, self.proc.communicate()
            return False

        if not wait_until(holds, timeout=timeout):
            raise AssertionError(f"timed out; events: {self.events()[-5:]}")
        return seen[0]

    def has_focus(self) -> bool:
        """The X keyboard focus is on the window (keys typed before that would be lost)."""
        name = subprocess.run(["xdotool", "getwindowfocus", "getwindowname"], env=self.env,
                              capture_output=True, text=True, timeout=10).stdout
        return name.startswith("itbtimer")

    def keys(self, *names: str, delay_ms: int = 60) -> None:
        if not self.focused:
            assert wait_until(self.has_focus), "the window never took the keyboard focus"
            self.focused = True
        subprocess.run(["xdotool", "key", "--delay", str(delay_ms), *names], env=self.env,
                       check=True, timeout=120)

    def bugs(self) -> str:
        """The log, less the lines that say how media remotes are (no session bus here)."""
        log = self.tmp / "state" / "itbtimer" / "itbtimer.log"
        lines = log.read_text().splitlines(keepends=True) if log.exists() else []
        return "".join(line for line in lines if " itbtimer: MPRIS" not in line)

    def close(self) -> tuple[str, str]:
        if self.proc.poll() is None:
            self.proc.kill()
        return self.proc.communicate(timeout=10)


def event_names(events: list[dict]) -> list[str]:
    return [e["event"] for e in events]
