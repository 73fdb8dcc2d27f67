"""Remembered choices and window placement: first start maximised, odd files forgiven."""

from __future__ import annotations

from itbtimer.adapters.settings import Placement, Settings


def test_first_start_is_maximised(tmp_path):
    placement = Settings(tmp_path).placement()
    assert placement.maximised and not placement.fullscreen


def test_the_window_place_is_remembered(tmp_path):
    Settings(tmp_path).save_placement(Placement(1200, 700, maximised=False, fullscreen=True))
    assert Settings(tmp_path).placement() == Placement(1200, 700, False, True)


def test_a_broken_or_tiny_window_file_falls_back_to_the_first_start(tmp_path):
    (tmp_path / "window.json").write_text("{not json")
    assert Settings(tmp_path).placement() == Placement()
    (tmp_path / "window.json").write_text('{"width": 10, "height": 10}')
    assert Settings(tmp_path).placement() == Placement()


def test_flash_is_on_until_turned_off_in_settings_json(tmp_path):
    settings = Settings(tmp_path)
    assert settings.flash
    (tmp_path / "settings.json").write_text('{"voice": true, "flash": "no"}')
    assert settings.flash  # only false turns it off
    (tmp_path / "settings.json").write_text('{"voice": true, "flash": false}')
    assert not Settings(tmp_path).flash


def test_an_unwritable_folder_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    settings = Settings(blocker / "config")
    settings.save_placement(Placement())
    assert settings.flash
