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


def test_the_voice_counts_each_paced_rep_after_its_tick(ui, tmp_path):
    """The coach (its phrases rendered: a made-up WAV each) says "One." after the first rep's
    last tick, "Two." after the second's, through the same player as the ticks."""
    import io
    import wave

    from itbtimer.voice.coach import VoicePreparation
    from itbtimer.voice.control import VoiceControl
    from itbtimer.voice.phrases import count_word
    from itbtimer.voice.settings import VoiceSettings

    preparation = VoicePreparation(tmp_path / "voice")
    assert preparation.cache is not None  # the voice engine is part of the test machine
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(24000)
        w.writeframes(b"\x10\x20" * 12000)
    for n in range(1, 13):
        preparation.cache.store(count_word(n), buffer.getvalue())
    ui.app.voice = VoiceControl(VoiceSettings(), True, preparation, ui.clock,
                                tmp_path / "voice.json")
    ui.key("space")
    ui.key("Right")
    ui.key("Right")
    ui.key("Right")  # the dips, 5 s a rep (3-1-1)
    ui.advance(11.0)
    counted = [e for e in ui.events() if e["event"] == "say" and e["kind"] == "count"]
    assert [(c["text"], c["played_t"] is not None) for c in counted] == [
        ("One.", True), ("Two.", True)]
    assert [round(c["t"] - counted[0]["t"], 1) for c in counted] == [0.0, 5.0]
