"""The real window (issue 22): the rest before an exercise shows how to do it and its link;
a paced reps step ticks through the player and counts the reps on screen."""

from __future__ import annotations

import pytest

from tests.integration.gui_helpers import Harness

pytestmark = pytest.mark.gui

ROUTINE = """\
name: Paced
defaults: {get_ready: 3}
sections:
  - name: Strength
    rest: 10s
    exercises:
      - {name: Squat, work: 5s}
      - name: Single leg dips
        cue: Knee over the toes
        how: >-
          Stand on one leg and bend the knee slowly,
          keeping it over the toes; then straighten.
        link: https://example.com/dips
        reps: 8-12
        tempo: 3-1-1
"""


@pytest.fixture
def ui(xdisplay, tmp_path):
    harness = Harness(tmp_path, ROUTINE)
    harness.root.geometry("1366x768")
    harness.root.update()
    yield harness
    harness.close()
    assert harness.errors == []


def test_the_rest_before_an_exercise_shows_how_and_its_link(ui):
    ui.key("space")
    ui.key("Right")  # the squat
    ui.key("Right")  # the rest before the dips
    ui.settle()
    r = ui.window.runner.screen
    assert r.title.cget("text") == "Single leg dips"
    assert r.cue.cget("text") == "Knee over the toes"
    assert r.how.winfo_ismapped() and r.how.cget("text").startswith("Stand on one leg")
    assert r.link.winfo_ismapped() and r.link.cget("text").endswith("https://example.com/dips")


def test_a_paced_rep_ticks_and_the_screen_counts_it(ui):
    ui.key("space")
    ui.key("Right")
    ui.key("Right")
    ui.key("Right")  # the dips
    ui.player.played.clear()
    ui.advance(7.5)  # rep 1: down 0-3, hold 3-4, up 4-5; rep 2: down 5-8
    r = ui.window.runner.screen
    assert ui.player.played == ["tick", "tick", "tick"]  # at 3, 4 and 5 s
    assert r.target.cget("text") == "Rep 2 of 8–12 · DOWN 1"
    assert not r.how.winfo_ismapped()  # doing it: the cue, not the paragraph


def test_the_reps_a_tempo_counted_are_recorded_and_kept_in_the_history(ui):
    """Done after three whole paced reps (5 s each) and a bit: the session's record, in the
    history's SQLite file and read back from it, says 3 (issue 22)."""
    ui.key("space")
    ui.key("Right")
    ui.key("Right")
    ui.key("Right")  # the dips: rep 1 from now
    ui.advance(16.0)
    ui.key("Right")  # Done: the last step, the session is over
    ui.key("Escape")  # no pain score; back to the start screen: recorded
    ui.key("space")
    ui.settle()
    [stored] = ui.history.sessions()
    dips = next(s for s in stored.steps if s.name == "Single leg dips")
    assert dips.reps_done == 3
    assert next(s for s in stored.steps if s.name == "Squat").reps_done is None
