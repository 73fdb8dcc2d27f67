"""I and O on the real window (issue 22): I shows how to do the exercise showing, large, on
any step, the voice reads it, and I hides it again; O opens its link in the browser, only
when pressed; W has the voice read each how-to in the rest before the exercise's first time."""

from __future__ import annotations

import io
import json
import wave

import pytest

from itbtimer.voice.coach import VoicePreparation
from itbtimer.voice.control import VoiceControl
from itbtimer.voice.phrases import how_wordings
from itbtimer.voice.settings import VoiceSettings
from tests.integration.gui_helpers import Harness

pytestmark = pytest.mark.gui

HOW = "Cross one leg behind the other, hands above your head. Bend towards the back foot."
ROUTINE = f"""\
name: Stretch
defaults: {{get_ready: 3, switch: 2}}
sections:
  - name: Stretches
    rest: 20s
    exercises:
      - {{name: Calf stretch, work: 30s, cue: Heel down}}
      - name: Banana stretch
        cue: Bend towards the back foot
        how: {HOW}
        link: https://example.com/banana
        sides: both
        work: 30s
"""


def wav(seconds: float) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(24000)
        w.writeframes(b"\x10\x20" * int(seconds * 24000))
    return buffer.getvalue()


@pytest.fixture
def ui(xdisplay, tmp_path):
    harness = Harness(tmp_path, ROUTINE)
    harness.root.geometry("1366x768")
    harness.root.update()
    opened: list[str] = []
    harness.app.open_url = lambda url: opened.append(url)  # type: ignore[assignment,func-returns-value]
    harness.opened = opened  # type: ignore[attr-defined]
    yield harness
    harness.close()
    assert harness.errors == []


def with_voice(ui: Harness, tmp_path, settings: VoiceSettings) -> None:
    """A voice whose how-to phrases are rendered (a made-up WAV each: the coach plays what is
    in its cache, by text)."""
    preparation = VoicePreparation(tmp_path / "voice")
    if preparation.cache is None:  # no voice installed on this machine: the cache alone
        pytest.fail("the voice engine is part of the test machine (make deps)")
    for text in how_wordings(HOW):
        preparation.cache.store(text, wav(4.0))
    ui.app.voice = VoiceControl(settings, True, preparation, ui.clock, tmp_path / "voice.json")


def test_i_shows_the_how_to_large_on_a_work_step_and_hides_it_again(ui):
    ui.key("space")
    while ui.window.workout.view().step.name != "Banana stretch" or \
            ui.window.workout.view().step.kind != "work":
        ui.key("Right")
    r = ui.window.runner.screen
    assert not r.fit["how_open"].widget.winfo_ismapped()
    cue_font = r.fit["cue"].font.cget("size")
    ui.key("i")
    ui.settle()
    panel = r.fit["how_open"].widget
    assert panel.winfo_ismapped() and " ".join(panel.cget("text").split()) == HOW
    assert -r.fit["how_open"].font.cget("size") >= -cue_font * 0.75  # large, as a cue is
    assert not r.cue.winfo_ismapped()  # in the cue's place
    assert r.clock.winfo_ismapped() and r.title.cget("text") == "Banana stretch"
    ui.key("Right")  # on the switch and the other side it stays, about the same exercise
    ui.settle()
    assert panel.winfo_ismapped() and " ".join(panel.cget("text").split()) == HOW
    ui.key("I")
    ui.settle()
    assert not panel.winfo_ismapped() and r.cue.winfo_ismapped()


def test_i_on_a_step_whose_exercise_has_no_how_to_says_so(ui):
    ui.key("space")
    ui.key("Right")  # the calf stretch
    ui.key("i")
    ui.settle()
    text = ui.window.runner.screen.fit["how_open"].widget.cget("text")
    assert "Calf stretch" in text and "no how-to" in text


def test_the_voice_reads_the_how_to_on_i_and_stops_on_i_again(ui, tmp_path):
    with_voice(ui, tmp_path, VoiceSettings())
    ui.key("space")
    ui.key("Right")  # the calf stretch
    ui.key("Right")  # the rest before the banana stretch: it is about the banana stretch
    ui.advance(5.0)  # what the rest says has been said
    spoken = len(ui.player.spoken)
    ui.key("i")
    assert len(ui.player.spoken) == spoken + 1  # at once
    says = [e for e in ui.events() if e["event"] == "say" and e["kind"] == "how"]
    assert [s["text"] for s in says] == [how_wordings(HOW)[0]]
    assert says[0]["played_t"] is not None
    hushed = ui.player.hushed
    ui.key("i")
    assert ui.player.hushed == hushed + 1


def test_w_reads_each_how_to_in_the_rest_before_its_first_time_and_is_remembered(ui, tmp_path):
    with_voice(ui, tmp_path, VoiceSettings())
    ui.key("w")
    assert json.loads((tmp_path / "voice.json").read_text())["read_how"] is True
    ui.key("space")
    ui.key("Right")  # the calf stretch
    ui.key("Right")  # the rest before the banana stretch's first time
    ui.advance(19.0)
    says = [e for e in ui.events() if e["event"] == "say" and e["kind"] == "how"]
    assert [s["text"] for s in says if s["played_t"] is not None] in (
        [how_wordings(HOW)[0]], [how_wordings(HOW)[1]])


def test_o_opens_the_link_only_when_pressed_and_says_so(ui):
    ui.key("space")
    ui.key("Right")
    ui.key("Right")  # the rest before the banana stretch: its link shows, it is not opened
    ui.advance(2.0)
    assert ui.opened == []
    ui.key("o")
    assert ui.opened == ["https://example.com/banana"]
    assert "Opening https://example.com/banana" in ui.window.runner.screen.notice.cget("text")
    ui.key("Left")  # back to the calf stretch: no link
    ui.key("Left")
    ui.key("O")
    assert ui.opened == ["https://example.com/banana"]
    assert "has no video or page" in ui.window.runner.screen.notice.cget("text")
