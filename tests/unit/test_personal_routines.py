"""The person's own routines folder: `itbtimer new`, `itbtimer list`, personal-first names."""

from __future__ import annotations

from pathlib import Path

from itbtimer.cli.main import main
from itbtimer.routine_files import load_routine
from itbtimer.routine_files.bundled import all_routines, personal_routines_dir, resolve_routine
from itbtimer.routine_files.starter import STARTER


def test_the_folder_is_under_the_config_home(tmp_path):
    import os

    assert personal_routines_dir() == Path(os.environ["XDG_CONFIG_HOME"]) / "itbtimer" / \
        "routines"


def test_new_writes_a_commented_starter_that_loads(capsys):
    assert main(["new", "knee-physio"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == personal_routines_dir() / "knee-physio.yaml"
    text = path.read_text()
    assert text.startswith("# Your routine.") and "name: Knee physio" in text
    routine = load_routine(path)
    assert routine.name == "Knee physio" and routine.ask == "knee pain"


def test_new_refuses_an_existing_file_and_a_bad_name(capsys):
    assert main(["new", "mine"]) == 0
    before = (personal_routines_dir() / "mine.yaml").read_text()
    capsys.readouterr()
    assert main(["new", "mine"]) == 2
    assert capsys.readouterr().err == (
        f"{personal_routines_dir() / 'mine.yaml'} already exists: change it "
        "(itbtimer edit mine), or choose another name\n")
    assert (personal_routines_dir() / "mine.yaml").read_text() == before
    assert main(["new", "../escape"]) == 2
    assert capsys.readouterr().err == (
        "'../escape' cannot be a routine name: use letters, digits, spaces, - and _ "
        "(at most 60), like knee-physio\n")


def test_new_from_copies_a_routine_with_where_it_came_from(capsys):
    assert main(["new", "my-warm-up", "--from", "warm-up"]) == 0
    path = Path(capsys.readouterr().out.strip())
    text = path.read_text()
    original = resolve_routine("warm-up")
    assert text.splitlines()[0] == (
        f"# Copied from the bundled routine `warm-up` ({original}) by itbtimer new;")
    assert text.endswith(original.read_text())
    assert load_routine(path).name == "ITB warm-up"


def test_new_edit_opens_the_editor(tmp_path, monkeypatch, capsys):
    seen = tmp_path / "seen"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\necho "$1" > {seen}\n')
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("EDITOR", str(editor))
    assert main(["new", "tabata", "--edit"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [str(personal_routines_dir() / "tabata.yaml"), f"edited with {editor}"]
    assert seen.read_text().strip() == str(personal_routines_dir() / "tabata.yaml")


def test_a_name_resolves_personal_first_with_a_warning(capsys):
    assert main(["new", "itb-recovery", "--from", "warm-up"]) == 0
    mine = personal_routines_dir() / "itb-recovery.yaml"
    assert resolve_routine("itb-recovery") == mine
    capsys.readouterr()
    assert main(["check", "itb-recovery"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "OK ITB warm-up: Total 0:02:25 · 7 steps\n"
    assert captured.err == (
        f"note: using your own itb-recovery ({mine}), not the bundled routine of the same "
        "name; rename your file to use both\n")


def test_list_marks_personal_routines_and_hidden_bundled_ones(capsys):
    main(["new", "knee-physio"])
    main(["new", "warm-up", "--from", "warm-up"])
    capsys.readouterr()
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"* your own routines, in {personal_routines_dir()}"
    assert lines[1].startswith("* knee-physio        Knee physio")
    assert lines[2].startswith("* warm-up            ITB warm-up")
    hidden = [line for line in lines if line.startswith("  warm-up")]
    assert len(hidden) == 1 and "(hidden by yours)" in hidden[0]
    assert [e.name for e in all_routines()][:2] == ["knee-physio", "warm-up"]


def test_list_without_personal_routines_says_where_they_go(capsys):
    assert main(["list"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (f"Your own routines go in {personal_routines_dir()} "
                     "(itbtimer new NAME starts one)")


def test_a_broken_personal_routine_is_listed_with_a_pointer(capsys):
    personal_routines_dir(create=True)
    (personal_routines_dir() / "broken.yaml").write_text("name: X\nsections: [\n")
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "* broken             (has mistakes: itbtimer check broken; 1 found)" in out


def test_unknown_name_lists_what_there_is(capsys):
    assert main(["plan", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nope: no such file, and no routine of that name in ")
    assert "(there are: banana-stretch, foam-roll, itb-recovery, warm-up)" in err


def test_the_starter_is_valid_yaml_for_every_name():
    for name in ("a", "Knee 2", "x_y-z"):
        text = STARTER.format(name=name, title=name)
        assert text.count("\n") > 20 and "\t" not in text


def test_list_shows_a_bidi_override_in_a_routines_name_escaped(capsys):
    """U+202E (right-to-left override) would turn the rest of the terminal line around."""
    assert main(["new", "sneaky"]) == 0
    mine = personal_routines_dir() / "sneaky.yaml"
    mine.write_text(mine.read_text().replace("name: Sneaky",
                                             "name: Knee \u202eyht\u200f"))
    capsys.readouterr()
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "sneaky" in x)
    assert "Knee \\u202eyht\\u200f " in line
    assert not any(c in out for c in "\u202e\u200f")
