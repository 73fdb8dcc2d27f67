"""`itbtimer install-desktop`: a launcher the desktop accepts, matched to the running window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tkinter as tk
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    program = command.split()[0]  # a full path, or a name the menu finds on the PATH
    assert os.access(shutil.which(program) or program, os.X_OK), command  # it can start it
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


# --- where the launcher finds itbtimer (issue 21.11) --------------------------------


def _fake_itbtimer(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "itbtimer"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o755)
    return script


def test_a_launcher_runs_itbtimer_from_the_path_when_it_is_there(isolated_home, monkeypatch,
                                                                capsys):
    bin_dir = isolated_home / "pipx-bin"  # like ~/.local/bin, where pipx puts the script
    _fake_itbtimer(bin_dir)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    assert main(["install-desktop"]) == 0
    fields = _entry(Path(os.environ["XDG_DATA_HOME"]))
    assert (fields["Exec"], fields["TryExec"]) == ("itbtimer %f", "itbtimer")
    out = capsys.readouterr().out
    assert "finds itbtimer on the PATH" in out and "virtual environment" not in out
    if shutil.which("desktop-file-validate"):
        entry = Path(os.environ["XDG_DATA_HOME"]) / "applications" / "itbtimer.desktop"
        checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                                 text=True)
        assert checked.returncode == 0 and checked.stdout == "", checked.stdout


def test_a_launcher_that_must_use_a_virtual_environment_says_so(isolated_home, monkeypatch,
                                                               capsys):
    venv = isolated_home / "venv"
    (venv / "pyvenv.cfg").parent.mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    script = _fake_itbtimer(venv / "bin")
    monkeypatch.setenv("PATH", f"{venv / 'bin'}:/usr/bin:/bin")  # an activated venv
    monkeypatch.setattr(sys, "executable", str(venv / "bin" / "python"))
    assert main(["install-desktop"]) == 0
    fields = _entry(Path(os.environ["XDG_DATA_HOME"]))
    assert fields["Exec"] == f"{script} %f"
    out = capsys.readouterr().out
    assert f"the launcher runs {script}, in a virtual environment" in out
    assert "pipx" in out and "install-desktop --check" in out


def test_check_reports_a_launcher_that_points_nowhere(isolated_home, monkeypatch, capsys):
    from itbtimer.adapters.launcher import install

    home = Path(os.environ["XDG_DATA_HOME"])
    assert main(["install-desktop", "--check"]) == 2
    assert "not in the applications menu" in capsys.readouterr().out
    moved = _fake_itbtimer(isolated_home / "old place" / "bin")
    install(home, [str(moved)])
    assert main(["install-desktop", "--check"]) == 0
    assert f"runs {moved}" in capsys.readouterr().out
    moved.unlink()
    assert main(["install-desktop", "--check"]) == 2
    out = capsys.readouterr().out
    assert f"runs {moved}, which is not there" in out and "install-desktop" in out


def test_check_reports_a_launcher_that_finds_no_itbtimer_on_the_path(isolated_home,
                                                                     monkeypatch, capsys):
    from itbtimer.adapters.launcher import install

    install(Path(os.environ["XDG_DATA_HOME"]), ["itbtimer"])
    monkeypatch.setenv("PATH", str(isolated_home / "empty"))
    assert main(["install-desktop", "--check"]) == 2
    assert "no itbtimer on the PATH" in capsys.readouterr().out
    _fake_itbtimer(isolated_home / "empty")
    assert main(["install-desktop", "--check"]) == 0


@given(st.lists(st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from(
    "\t\n\r"), min_size=1), min_size=1, max_size=3))
def test_check_reads_back_the_command_the_launcher_was_written_with(command):
    from itbtimer.adapters.launcher import entry_text, exec_arguments

    lines = entry_text(command).split("\n")  # one line a key, as a key file reads it
    assert len(lines) == len(entry_text(["x"]).split("\n"))
    value = next(line[len("Exec="):] for line in lines if line.startswith("Exec="))
    assert exec_arguments(value) == command  # "%f" too: written %%f
