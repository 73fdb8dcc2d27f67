"""Start a private Xvfb for the tools when there is no display (DISPLAY is set to it)."""

from __future__ import annotations

import os
import subprocess


def start_xvfb(screen: str = "1920x1080x24") -> subprocess.Popen | None:
    """None when a display is already there; else the server, to terminate when done."""
    if os.environ.get("DISPLAY"):
        return None
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", screen,
                             "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        os.environ["DISPLAY"] = ":" + f.readline().strip()
    return proc
