"""The real program in its own process on Xvfb, driven by real key presses (xdotool), read
back through its events log: what the e2e tests share."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest


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
        time.sleep(0.3)

    def events(self) -> list[dict]:
        try:
            lines = self.events_path.read_text().splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.endswith("}")]

    def wait_for(self, condition, timeout: float = 20.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            events = self.events()
            if condition(events):
                return events
            assert self.proc.poll() is None, self.proc.communicate()
            time.sleep(0.05)
        raise AssertionError(f"timed out; events: {self.events()[-5:]}")

    def keys(self, *names: str, delay_ms: int = 60) -> None:
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
