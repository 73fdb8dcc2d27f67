"""--volume: whole numbers 0-100 in ASCII digits, and an error in the person's words."""

from __future__ import annotations

import pytest

from itbtimer.cli.main import main, parse_volume


@pytest.mark.parametrize("text, volume", [("0", 0), ("50", 50), ("100", 100), ("007", 7)])
def test_whole_numbers_from_0_to_100_are_volumes(text, volume):
    assert parse_volume(text) == volume


@pytest.mark.parametrize("text", ["101", "-1", "50.5", "", "fifty", " 50", "+50",
                                  "\u0665\u0660", "\uff15\uff10", "\u00b2"])
def test_anything_else_is_refused(text):
    assert parse_volume(text) is None


@pytest.mark.parametrize("text", ["101", "\u0665\u0660", "loud"])
def test_the_error_says_what_to_write_without_internal_names(text, capsys):
    assert main(["--volume", text]) == 2
    err = capsys.readouterr().err
    assert "itbtimer: error: --volume must be a whole number from 0 to 100" in err
    assert "argument" not in err and "_volume" not in err and "Volume" not in err
