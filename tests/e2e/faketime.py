"""Running a process under libfaketime with a wall clock that a file steps (monotonic untouched)."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest


def libfaketime() -> str:
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1")
                   + glob.glob("/usr/lib/faketime/libfaketime.so.1"))
    if not found:
        pytest.skip("libfaketime is not installed (make test installs the faketime package)")
    return found[0]


def faketime_env(stamp: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The wall clock's offset is read from `stamp` at every call ("+0", then "-3600")."""
    stamp.write_text("+0\n")
    return {**(base if base is not None else os.environ), "LD_PRELOAD": libfaketime(),
            "FAKETIME_TIMESTAMP_FILE": str(stamp), "FAKETIME_NO_CACHE": "1",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
