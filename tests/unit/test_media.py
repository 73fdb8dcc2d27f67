"""What a media remote shows and how the launcher is written: pure, no bus, no screen."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from itbtimer.adapters.launcher import (
    ICON_SIZES,
    DesktopError,
    entry_text,
    exec_arguments,
    exec_line,
    icon_path,
    install,
    uninstall,
)
from itbtimer.core.session import Session
from itbtimer.history.records import SessionRecord, StepResult
from itbtimer.present.now_playing import (
    NO_TRACK,
    Playback,
    finish_message,
    for_screen,
    idle,
    playing,
    ready,
    to_microseconds,
)
from tests.helpers import plan_of

ROUTINE = """\
name: Knee
defaults: {get_ready: 5s, rest: 30-45s}
sections:
  - name: Strength
    sets: 2
    exercises:
      - {name: Plank, until: shaking}
      - {name: Clamshell, work: 40s, sides: both}
"""


def session_at_clamshell() -> tuple[Session, float]:
    session = Session(plan_of(ROUTINE))
    session.start(0.0)
    session.tick(5.0)  # get ready is over: the plank holds until Done
    session.next(20.0)  # held 15 s
    session.next(50.0)  # go from the flexible rest after 30 s
    session.next(60.0)  # the second plank: held 10 s
    session.next(90.0)
    return session, 90.0


def test_a_running_step_is_the_track_the_routine_the_artist_the_section_the_album():
    session, now = session_at_clamshell()
    now += 12.5
    session.tick(now)
    shown = playing(session.view(now), "Knee", art_url="file:///icon.png")
    assert shown.status is Playback.PLAYING
    assert shown.title == "Clamshell — left side (set 1 of 2)"
    assert shown.artist == "Knee"
    assert shown.album == "Strength"
    assert shown.length == 40.0
    assert shown.position == 12.5
    meta = shown.metadata()
    assert meta["xesam:title"] == ("s", "Clamshell — left side (set 1 of 2)")
    assert meta["xesam:artist"] == ("as", ["Knee"])
    assert meta["mpris:length"] == ("x", 40_000_000)
    assert meta["mpris:artUrl"] == ("s", "file:///icon.png")
    assert meta["mpris:trackid"][0] == "o"
    assert meta["mpris:trackid"][1] != NO_TRACK


def test_each_step_is_a_new_track():
    session, now = session_at_clamshell()
    first = playing(session.view(now), "Knee").trackid
    session.next(now + 1)
    assert playing(session.view(now + 1), "Knee").trackid != first


def test_time_added_lengthens_the_track():
    session, now = session_at_clamshell()
    session.extend(now + 1, 10.0)
    assert playing(session.view(now + 1), "Knee").length == 50.0


def test_a_hold_has_no_length_and_its_position_counts_up():
    session = Session(plan_of(ROUTINE))
    session.start(0.0)
    session.tick(9.0)
    shown = playing(session.view(9.0), "Knee")
    assert shown.title == "Plank (set 1 of 2)"
    assert shown.length is None
    assert "mpris:length" not in shown.metadata()
    assert shown.position == 4.0
    assert shown.position_after(3.0) == 7.0


def test_position_runs_on_while_playing_at_the_rehearsal_speed_and_stops_at_the_end():
    session, now = session_at_clamshell()
    shown = playing(session.view(now + 10), "Knee", speed=20.0)
    assert shown.rate == 20.0
    assert shown.position_after(0.5) == 20.0
    assert shown.position_after(100.0) == 40.0


def test_paused_stands_still_and_can_still_go_on():
    session, now = session_at_clamshell()
    session.pause(now + 3)
    shown = playing(session.view(now + 60), "Knee")
    assert shown.status is Playback.PAUSED
    assert shown.position_after(30.0) == 3.0
    assert shown.can_play and shown.can_pause and shown.can_go_next and shown.can_go_previous


def test_after_the_end_nothing_can_be_asked():
    session, now = session_at_clamshell()
    session.stop(now + 1)
    shown = playing(session.view(now + 1), "Knee")
    assert shown.status is Playback.STOPPED
    assert not (shown.can_play or shown.can_pause or shown.can_go_next
                or shown.can_go_previous)


def test_the_start_screen_can_only_play():
    shown = ready("Knee", 600.0)
    assert shown.status is Playback.STOPPED
    assert shown.trackid == NO_TRACK
    assert shown.can_play
    assert not (shown.can_pause or shown.can_go_next or shown.can_go_previous)
    assert not idle("itbtimer").can_play


def test_microseconds_are_whole():
    assert to_microseconds(0.0000016) == 2
    assert to_microseconds(34.5) == 34_500_000


def test_finish_message_gives_the_time_and_the_longest_hold():
    when = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)
    steps = (StepResult("Plank", "done", "until", until="shaking", time_seconds=41.0),
             StepResult("Plank", "done", "until", until="shaking", time_seconds=57.4),
             StepResult("Clamshell", "done"))
    record = SessionRecord("a", when, when, "Knee", steps, completed=True,
                           active_seconds=2080.9)
    assert finish_message(record) == ("Workout complete", "34:40, plank 0:57")
    stopped = SessionRecord("b", when, when, "Knee", active_seconds=61.0)
    assert finish_message(stopped) == ("Workout stopped", "1:01")



def test_finish_message_holds_are_the_records_own_longest_holds():
    """The notification names the holds the history keeps: a record's `holds()`, the one rule
    (an until-exercise held for some time, whatever its `until` text)."""
    when = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)
    steps = (StepResult("Wall sit", "done", "until", time_seconds=50.0),  # no `until` words
             StepResult("Plank", "done", "until", until="shaking", time_seconds=0.0))
    record = SessionRecord("a", when, when, "Knee", steps, completed=True, active_seconds=70.0)
    assert record.holds() == {"Wall sit": 50.0}
    assert finish_message(record) == ("Workout complete", "1:10, wall sit 0:50")


# --- the launcher ---------------------------------------------------------------------


def test_exec_line_quotes_paths_with_spaces_as_the_spec_asks():
    assert exec_line(["/usr/bin/itbtimer"]) == "/usr/bin/itbtimer %f"
    assert exec_line(["/home/a b/python", "-m", "itbtimer"]) == \
        '"/home/a b/python" -m itbtimer %f'
    assert exec_line(['/x/"q"$']) == '"/x/\\\\"q\\\\"\\\\$" %f'


def test_exec_line_writes_a_literal_percent_twice_so_it_is_no_field_code():
    assert exec_line(["/x/50%f/itbtimer"]) == "/x/50%%f/itbtimer %f"
    assert exec_line(["/a b/%u"], field_code=None) == '"/a b/%%u"'


def test_entry_names_the_window_class_and_the_icon():
    text = entry_text(["/usr/bin/itbtimer"])
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert "StartupWMClass=Itbtimer" in lines
    assert "Icon=itbtimer" in lines
    assert "Exec=/usr/bin/itbtimer %f" in lines


def test_a_line_break_in_the_command_cannot_add_a_key_to_the_desktop_file():
    text = entry_text(["/opt/odd\nTerminal=true/itbtimer"])
    assert "Terminal=true" not in text.splitlines()
    assert "TryExec=/opt/odd\\nTerminal=true/itbtimer" in text.splitlines()  # the spec's \n
    assert "Exec=\"/opt/odd\\nTerminal=true/itbtimer\" %f" in text.splitlines()


def test_a_format_character_in_the_path_is_written_as_it_is_and_read_back():
    for path in ("/home/a/fam\u200dily/knee.yaml", "/home/a/soft\u00adhyphen/x",
                 "/home/a/\u202eevil/x", "/home/a/line\u2028sep/x"):
        line = exec_line([path], field_code=None)
        assert path in line and "\\u" not in line
        assert exec_arguments(line) == [path]
        assert f"TryExec={path}" in entry_text([path]).split("\n")


def test_a_tab_or_a_return_in_the_path_is_written_as_the_specs_escape():
    assert exec_line(["/a\tb\rc"], field_code=None) == '"/a\\tb\\rc"'
    assert exec_arguments('"/a\\tb\\rc"') == ["/a\tb\rc"]


def test_another_control_character_in_the_path_is_refused_in_words():
    with pytest.raises(DesktopError, match=r"control character \\x1b .*: move it"):
        exec_line(["/home/a/\x1b[31m/itbtimer"])


def test_mpris_metadata_shows_a_routines_hidden_characters_escaped():
    shown = ready("Knee \u202eevil\u2066", 600.0)
    meta = shown.metadata()
    assert meta["xesam:title"] == ("s", "Knee \\u202eevil\\u2066")
    assert meta["xesam:artist"] == ("as", ["Knee \\u202eevil\\u2066"])


def test_install_then_uninstall_leaves_nothing(tmp_path):
    installed = install(tmp_path, ["/usr/bin/itbtimer"])
    assert installed.entry.read_text().startswith("[Desktop Entry]")
    for size in ICON_SIZES:
        data = icon_path(tmp_path, size).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == size  # the PNG's own width
    removed = uninstall(tmp_path)
    assert len(removed) == 1 + len(ICON_SIZES)
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    assert uninstall(tmp_path) == []


def test_each_screen_shows_its_own_player_state():
    session, now = session_at_clamshell()
    view = session.view(now)
    assert for_screen("running", "Knee", 600, view).status is Playback.PLAYING
    assert for_screen("start", "Knee", 600, None) == ready("Knee", 600)
    assert not for_screen("start", None, 0, None).can_play  # a routine with mistakes
    assert for_screen("finished", "Knee", 600, view) == idle("Knee")
