"""The window's side of the render worker: start it, see whether it is done or failed.

The worker is a fresh interpreter (`python -m itbtimer.voice render`), started with
subprocess (fork + exec at once): the engine never loads in the window's process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from itbtimer.voice.render import EXIT_CACHE, EXIT_UNAVAILABLE


class RenderJob:
    """One run of the worker over a list of texts."""

    def __init__(self, texts: list[str], cache: Path,
                 launch: Callable[..., Any] = subprocess.Popen):
        self.failure: str | None = None
        self.figures: dict[str, Any] | None = None
        self.killed: str | None = None  # the signal that ended it ("SIGKILL"), if one did
        self._list = tempfile.NamedTemporaryFile(  # noqa: SIM115 - removed when done
            "w", prefix="itbtimer-voice-", suffix=".json", delete=False, encoding="utf-8")
        with self._list as f:
            json.dump(texts, f)
        command = [sys.executable, "-m", "itbtimer.voice", "render", "--cache", str(cache),
                   "--from", self._list.name, "--parent", str(os.getpid())]
        try:
            self._process = launch(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        except OSError as exc:
            self._process = None
            self.failure = f"the voice worker cannot start ({exc.strerror})"
            self._cleanup()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def poll(self) -> bool:
        """True once the worker has ended (then `failure` or `figures` says how)."""
        if self._process is None:
            return True
        code = self._process.poll()
        if code is None:
            return False
        out, err = self._process.communicate()
        self._process = None
        self._cleanup()
        if code == 0:
            try:
                self.figures = json.loads(out.strip().splitlines()[-1])
            except (ValueError, IndexError):
                self.figures = {}
        else:
            if code < 0:
                self.killed = signal.Signals(-code).name
            last = (err.strip().splitlines() or [f"exit code {code}"])[-1]
            self.failure = last.removeprefix("itbtimer voice: ")
            if code not in (EXIT_UNAVAILABLE, EXIT_CACHE):
                self.failure = f"the voice worker failed ({self.failure})"
        return True

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._process = None
        self._cleanup()

    def _cleanup(self) -> None:
        Path(self._list.name).unlink(missing_ok=True)
