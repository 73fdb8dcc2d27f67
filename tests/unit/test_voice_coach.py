"""The window-side voice: plays rendered phrases, skips the rest, one notice for damage."""

from __future__ import annotations

import io
import wave

from itbtimer.adapters.sound import SimpleaudioPlayer
from itbtimer.voice.announcer import Hush, Say
from itbtimer.voice.cache import VoiceCache
from itbtimer.voice.coach import DAMAGED, Coach
from itbtimer.voice.engine import EngineId
from itbtimer.voice.phrases import PhraseKind
from itbtimer.voice.settings import VoiceSettings, voice_wanted
from tests.fakes import FakePlayer
from tests.helpers import plan_of

PLAN = plan_of("name: C\nsections:\n  - name: S\n    exercises: [{name: Squat, work: 30s}]\n")
ENGINE = EngineId("test", "1", "plain")


def wav(seconds: float = 0.5, rate: int = 24000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x10\x20" * int(seconds * rate))
    return buffer.getvalue()


def say(text: str, dropped: bool = False) -> Say:
    return Say(1.0, text, 1, PhraseKind.START, dropped)


def test_a_rendered_phrase_is_played_and_its_length_known(tmp_path):
    cache = VoiceCache(ENGINE, tmp_path)
    cache.store("Squat.", wav(0.5))
    player = FakePlayer()
    coach = Coach(PLAN, cache, player)
    assert coach.speak(say("Squat."))
    assert len(player.spoken) == 1 and player.spoken[0][0].rate == 24000
    assert abs(cache.seconds_of("Squat.") - 0.5) < 0.001


def test_not_rendered_dropped_or_voice_off_is_not_played(tmp_path):
    cache = VoiceCache(ENGINE, tmp_path)
    cache.store("Squat.", wav())
    player = FakePlayer()
    coach = Coach(PLAN, cache, player)
    assert not coach.speak(say("Not rendered yet."))
    assert not coach.speak(say("Squat.", dropped=True))
    coach.set_on(False)
    assert not coach.speak(say("Squat."))
    assert player.spoken == [] and player.hushed == 1 and coach.notice is None
    assert not Coach(PLAN, None, player).speak(say("Squat."))  # no voice installed


def test_a_damaged_phrase_is_skipped_with_one_notice_and_removed(tmp_path):
    cache = VoiceCache(ENGINE, tmp_path)
    cache.store("Squat.", b"RIFF....garbage")
    coach = Coach(PLAN, cache, FakePlayer())
    assert not coach.speak(say("Squat."))
    assert coach.notice == DAMAGED and not cache.ready("Squat.")


def test_hush_stops_the_player():
    player = FakePlayer()
    Coach(PLAN, None, player).act(Hush(2.0))
    assert player.hushed == 1


class Backend:
    def __init__(self):
        self.buffers = []
        self.stopped = 0

    def play_buffer(self, data, channels, width, rate):
        self.buffers.append((len(data), rate))
        backend = self

        class Play:
            def stop(self):
                backend.stopped += 1

            def is_playing(self):
                return False

        return Play()


def test_player_says_with_a_lead_in_and_a_pip_cuts_the_phrase(tmp_path):
    from itbtimer.adapters.sound import load_sounds, read_sound
    from itbtimer.routine_files.bundled import assets_dir

    sounds, _ = load_sounds(assets_dir() / "sounds")
    backend = Backend()
    player = SimpleaudioPlayer(sounds, backend)
    (tmp_path / "p.wav").write_bytes(wav(0.5))
    phrase = read_sound(tmp_path / "p.wav")
    assert player.speak(phrase, lead_in=1.0)
    assert backend.buffers[-1] == (2 * 24000 * 1 + 2 * 12000, 24000)
    player.play("go")
    assert backend.stopped == 0  # a go beep does not cut speech
    player.play("countdown")
    assert backend.stopped == 1  # a pip does
    player.mute()
    assert not player.speak(phrase)


def test_voice_is_off_at_another_speed_unless_asked_and_choices_are_remembered(tmp_path):
    settings = VoiceSettings()
    assert voice_wanted(settings, None, 1.0)
    assert not voice_wanted(settings, None, 20.0)
    assert voice_wanted(settings, True, 20.0)
    assert not voice_wanted(settings, False, 1.0)
    path = tmp_path / "voice.json"
    VoiceSettings(voice=False, cues=False).save(path)
    assert VoiceSettings.load(path) == VoiceSettings(voice=False, cues=False)
    path.write_text("{not json")
    assert VoiceSettings.load(path) == VoiceSettings()
    path.write_text('{"voice": "yes", "cues": false, "other": 1}')
    assert VoiceSettings.load(path) == VoiceSettings(cues=False)


def test_without_the_voice_the_start_screen_says_once_how_to_get_it(tmp_path, monkeypatch):
    from itbtimer.voice import coach as coach_module
    from itbtimer.voice.coach import MISSING, VoicePreparation
    from itbtimer.voice.control import VoiceControl
    from itbtimer.voice.engine import VoiceUnavailable

    def missing():
        raise VoiceUnavailable("the voice is not installed")

    monkeypatch.setattr(coach_module, "engine_id", missing)
    path = tmp_path / "voice.json"
    first = VoiceControl(VoiceSettings.load(path), True, VoicePreparation(), lambda: 0.0, path)
    assert first.notices() == [MISSING]
    assert first.new_coach(PLAN, FakePlayer()) is None  # beeps only
    second = VoiceControl(VoiceSettings.load(path), True, VoicePreparation(), lambda: 0.0, path)
    assert second.notices() == []
    second.toggle_voice()  # V without the voice: say how to get it, once more
    assert second.notices() == [MISSING]
