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


def test_a_preference_file_forgives_a_missing_broken_or_odd_file(tmp_path):
    from itbtimer.adapters.preferences import PreferenceFile

    prefs = PreferenceFile(tmp_path / "prefs.json")
    assert (prefs.read(), prefs.read_dict()) == (None, {})
    prefs.path.write_text("{not json")
    assert (prefs.read(), prefs.read_dict()) == (None, {})
    prefs.path.write_text("[1, 2]")
    assert (prefs.read(), prefs.read_dict()) == ([1, 2], {})
    assert prefs.write({"flash": False}) and prefs.read_dict() == {"flash": False}


def test_a_preference_that_cannot_be_written_is_forgotten_not_raised(tmp_path):
    from itbtimer.adapters.preferences import PreferenceFile
    from itbtimer.adapters.recent import RecentFiles
    from itbtimer.voice.settings import VoiceSettings

    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    assert not PreferenceFile(blocked / "window.json").write({"width": 800})
    Settings(blocked).save_placement(Placement(1200, 700))
    RecentFiles(blocked / "recent.json").add(tmp_path / "knee.yaml")
    assert not VoiceSettings().save(blocked / "voice.json")
    assert Settings(blocked).placement() == Placement()


def test_maximised_opens_at_the_screens_size():
    assert Placement().size_on(1366, 768) == (1366, 768)
    assert Placement().size_on(640, 480) == (640, 480)


def test_a_size_left_opens_within_the_screen_and_at_least_800_by_600():
    assert Placement(1000, 700, maximised=False).size_on(1366, 768) == (1000, 700)
    assert Placement(1200, 900, maximised=False).size_on(800, 600) == (800, 600)
    assert Placement(700, 500, maximised=False).size_on(1366, 768) == (800, 600)
    assert Placement(700, 500, maximised=False).size_on(640, 480) == (640, 480)
