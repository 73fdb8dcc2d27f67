"""The command line as a person uses it: exit codes, messages, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import wave
from pathlib import Path

import pytest

from itbtimer.cli.main import main
from itbtimer.core.events import CueSound

ROOT = Path(__file__).parents[2]


def run(*args: str, cwd: Path | None = None, python: str = sys.executable):
    return subprocess.run([python, "-m", "itbtimer", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=60)


def test_check_good_files_prints_ok_and_exits_0(capsys):
    assert main(["check", *map(str, sorted((ROOT / "routines").glob("*.yaml")))]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == [
        "OK Banana stretch", "  Standing ITB banana stretch", "OK Foam roll", "OK ITB recovery",
        "OK ITB warm-up"]
    assert ("  Standing ITB banana stretch: image banana-stretch.gif (GIF, 160×160, animated: "
            "10 frames)") in out  # check says what it found: the picture is there, and moves
    assert ("OK ITB recovery: Total 0:34:40 of timed steps, plus 11 untimed (reps or holds "
            "until done) · 77 steps") in out


def test_check_bad_file_exits_2_with_the_message(tmp_path, capsys):
    bad = tmp_path / "mine.yaml"
    bad.write_text("name: X\nsections:\n  - name: A\n    exercises:\n      - name: B\n"
                   "        work: 3o s\n")
    assert main(["check", str(bad), "itb-recovery"]) == 2
    captured = capsys.readouterr()
    assert (f"{bad}:6:15: work of exercise \"B\" (line 5) in section \"A\" (line 3): "
            "'3o s' is not a duration") in captured.err
    assert captured.out.startswith("OK ITB recovery")


def test_plan_json_is_valid_json(capsys):
    assert main(["plan", "warm-up", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["routine"] == "ITB warm-up" and data["steps"][0]["kind"] == "get_ready"


def test_plan_table_ends_with_total(capsys):
    assert main(["plan", "itb-recovery"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == ("Total 0:34:40 of timed steps, plus 11 untimed (reps or holds until done)"
                       " · 77 steps")
    assert out[1] == "Asks after the session: knee pain, 0 to 10"
    assert out[2].startswith("  0:00:00    get ready: Warm-up")
    plank = out.index(next(x for x in out if "Plank" in x))
    after_plank = next(x for x in out[plank + 1:] if not x.startswith(" " * 13))  # past how:
    assert after_plank.startswith("  0:02:35+? ")  # the plank waits for Done


def test_unknown_routine_name_exits_2(capsys):
    assert main(["check", "no-such-routine"]) == 2
    assert "no routine of that name" in capsys.readouterr().err


def test_bad_option_exits_2_without_traceback():
    result = run("--speed", "1000")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "out of range" in result.stderr


def test_help_and_version():
    assert run("--help").returncode == 0
    assert run("plan", "--help").returncode == 0
    assert run("--version").stdout.startswith("itbtimer ")


def test_list_shows_bundled_routines(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "itb-recovery" in out and "ITB recovery" in out and "foam-roll" in out


def test_directory_and_missing_file_are_input_errors(tmp_path):
    for target in (str(tmp_path), str(tmp_path / "gone.yaml")):
        result = run("check", target)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith(target)


@pytest.mark.slow
def test_wheel_ships_routines_and_assets(tmp_path):
    """Install non-editably into a fresh venv and run from elsewhere."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                    str(ROOT)], check=True, timeout=300)
    wheel = next(wheels.glob("itbtimer-*.whl"))
    env_dir = tmp_path / "venv"
    # no pip of its own (ensurepip took 4-13 s): this venv's pip installs into it (--python)
    venv.create(env_dir, with_pip=False, system_site_packages=False)
    py = env_dir / "bin" / "python"
    site = subprocess.run([sys.executable, "-c", "import yaml, os; "
                           "print(os.path.dirname(os.path.dirname(yaml.__file__)))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # Dependencies come from this venv's site-packages (no network needed for them).
    (env_dir / "lib").mkdir(exist_ok=True)
    pth = next((env_dir / "lib").glob("python3*/site-packages")) / "deps.pth"
    pth.write_text(site + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q",
                    "--no-deps", str(wheel)], check=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    listed = subprocess.run([str(env_dir / "bin" / "itbtimer"), "list"], cwd=elsewhere,
                            capture_output=True, text=True, env=env, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert "site-packages/itbtimer/routines/itb-recovery.yaml" in listed.stdout
    checked = subprocess.run([str(env_dir / "bin" / "itbtimer"), "check", "itb-recovery"],
                             cwd=elsewhere, capture_output=True, text=True, env=env, timeout=60)
    assert checked.returncode == 0 and checked.stdout.startswith("OK ITB recovery")
    planned = subprocess.run([str(env_dir / "bin" / "itbtimer"), "plan", "itb-recovery"],
                             cwd=elsewhere, capture_output=True, text=True, env=env, timeout=60)
    assert planned.returncode == 0, planned.stderr
    assert "Plank" in planned.stdout and "Total" in planned.stdout
    # its sounds play from the installed package, not from this checkout: into an ALSA file
    home = tmp_path / "home"
    home.mkdir()
    played = tmp_path / "played.wav"
    (home / ".asoundrc").write_text(
        f'pcm.!default {{ type file slave.pcm "null" file "{played}" format "wav" }}\n')
    play = ("from itbtimer.routine_files.bundled import assets_dir\n"
            "from itbtimer.adapters.sound import make_player\n"
            "folder = assets_dir() / 'sounds'\n"
            "print(len(list(folder.glob('*.wav'))), folder)\n"
            "player, warnings = make_player(folder, None)\n"
            "player.play('go')\n"
            "player.wait_done(5)\n"
            "print(type(player).__name__, warnings)\n")
    sounds = subprocess.run([str(py), "-c", play], cwd=elsewhere, capture_output=True,
                            text=True, env={**env, "HOME": str(home)}, timeout=60)
    assert sounds.returncode == 0, sounds.stderr
    count, folder = sounds.stdout.splitlines()[0].split(" ", 1)
    assert count == str(len(CueSound))  # every cue's sound ships (new_best.wav too)
    assert "site-packages/itbtimer/assets/sounds" in folder
    assert not Path(folder).resolve().is_relative_to(ROOT.resolve())
    assert sounds.stdout.splitlines()[1] == "SimpleaudioPlayer []", sounds.stdout
    with wave.open(str(played)) as w:  # the go tone, played: not silence
        frames = w.readframes(w.getnframes())
    assert w.getnframes() > 1000 and max(frames) > 0


def test_a_routine_file_named_like_a_command_opens_by_that_name(tmp_path, monkeypatch):
    (tmp_path / "plan").write_text((ROOT / "routines" / "warm-up.yaml").read_text())
    monkeypatch.chdir(tmp_path)
    opened = []
    monkeypatch.setattr("itbtimer.cli.main.cmd_window",
                        lambda args: opened.append(args.routine) or 0)
    assert main(["plan"]) == 0 and opened == ["plan"]
    assert main(["--mute", "plan"]) == 0 and opened == ["plan", "plan"]
    assert main(["plan", "plan"]) == 0 and opened == ["plan", "plan"]  # the command, on it


def test_an_internal_error_is_one_line_exit_1_and_logged(monkeypatch, capsys):
    def broken():
        raise KeyError("steps")

    monkeypatch.setattr("itbtimer.cli.main.all_routines", broken)  # a bug inside `list`
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    from itbtimer.adapters.logs import log_path

    where = log_path()
    assert err == f"itbtimer: internal error (KeyError: 'steps'); details in {where}\n"
    assert "Traceback" in where.read_text() and "KeyError: 'steps'" in where.read_text()



def test_an_internal_error_about_a_name_is_escaped_on_screen_and_in_the_log(monkeypatch,
                                                                             capsys):
    def broken():
        raise ValueError("Knee\x1b[2J\u202e")

    monkeypatch.setattr("itbtimer.cli.main.all_routines", broken)
    assert main(["list"]) == 1
    err = capsys.readouterr().err
    from itbtimer.adapters.logs import log_path

    logged = log_path().read_text()
    for shown in (err, logged):
        assert "Knee\\x1b[2J\\u202e" in shown
        assert "\x1b" not in shown and "\u202e" not in shown

def test_plan_and_check_without_a_routine_use_the_bundled_one_as_the_window_does(capsys):
    for command in (["plan"], ["plan", "--json"], ["check"]):
        assert main(command) == 0
        by_default = capsys.readouterr().out
        assert main([command[0], "itb-recovery", *command[1:]]) == 0
        assert by_default == capsys.readouterr().out, command
        assert "ITB recovery" in by_default


def test_edit_without_a_routine_edits_a_copy_of_the_bundled_one(monkeypatch, capsys):
    opened = []
    monkeypatch.setattr("itbtimer.gui.launch.run_window",
                        lambda launch: opened.append(launch) or 0)
    assert main(["edit"]) == 0
    (launch,) = opened
    assert launch.edit and Path(launch.routine).name == "my-itb-recovery.yaml"


def test_the_help_lists_every_command_and_each_command_has_its_help():
    from itbtimer.cli.main import COMMANDS

    shown = run("--help").stdout
    for command in COMMANDS:
        assert f"itbtimer {command.name}" in shown and command.help in shown
        assert run(command.name, "--help").returncode == 0


def test_history_from_the_table_reads_the_persons_history(capsys):
    assert main(["history"]) == 0
    assert capsys.readouterr().out.startswith("No sessions recorded yet")
    assert main(["history", "--delete", "nope"]) == 2
    assert "no session with the id 'nope'" in capsys.readouterr().err
