"""`itbtimer install-desktop`: a launcher the desktop accepts, matched to the running window."""

from __future__ import annotations

import os
import shutil
import subprocess
import tkinter as tk
from pathlib import Path

import pytest

from itbtimer.cli.main import main


def _entry(home: Path) -> dict[str, str]:
    lines = (home / "applications" / "itbtimer.desktop").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_install_desktop_writes_a_valid_launcher_and_sharp_icons(isolated_home, capsys):
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (make test installs it)")
    home = Path(os.environ["XDG_DATA_HOME"])
    assert main(["install-desktop"]) == 0
    entry = home / "applications" / "itbtimer.desktop"
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                             text=True)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    fields = _entry(home)
    command = fields["Exec"].removesuffix(" %f")
    assert os.access(command.split()[0], os.X_OK), command  # the menu can start it
    for size in (48, 128, 256):
        icon = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "itbtimer.png"
        assert int.from_bytes(icon.read_bytes()[16:20], "big") == size
    assert str(entry) in capsys.readouterr().out


def test_startup_wm_class_is_the_class_of_the_window(xdisplay, isolated_home):
    home = Path(os.environ["XDG_DATA_HOME"])
    assert main(["install-desktop"]) == 0
    root = tk.Tk(className="itbtimer")  # as app.py makes it
    try:
        assert _entry(home)["StartupWMClass"] == root.winfo_class()
    finally:
        root.destroy()


def test_uninstall_removes_the_launcher_and_the_icons(isolated_home, capsys):
    home = Path(os.environ["XDG_DATA_HOME"])
    assert main(["install-desktop"]) == 0
    assert main(["install-desktop", "--uninstall"]) == 0
    assert not [p for p in home.rglob("*") if p.is_file()]
    assert main(["install-desktop", "--uninstall"]) == 0
    assert "was not in the applications menu" in capsys.readouterr().out
