"""When the coach speaks, driven by a real session on a fake clock: no audio, no sleeps."""

from __future__ import annotations

import pytest

import itbtimer.core.commands as do
from itbtimer.core.session import Session
from itbtimer.voice.announcer import Announcer, Hush, Say
from itbtimer.voice.phrases import AFTER_FINISH_BEEP, AFTER_START_BEEP, PhraseKind
from tests.helpers import plan_of

ROUTINE = """\
name: Announce
defaults: {work: 20s, rest: 10s, get_ready: 5s, switch: 5s}
sections:
  - name: Core
    exercises:
      - {name: Plank, until: shaking, cue: Tailbone under}
      - {name: Squat, cue: Knees out}
"""


class Run:
    """A session and its announcer, fed the way the workout feeds them."""

    def __init__(self, text: str = ROUTINE, cues: bool = True):
        self.plan = plan_of(text)
        self.session = Session(self.plan)
        self.announcer = Announcer(self.plan, cues, seconds_of=lambda t: 0.05 * len(t))
        self.said: list[Say] = []
        self.hushes: list[float] = []
        self._t = 0.0

    def feed(self, events) -> None:
        for event in events:
            for out in self.announcer.hear(event):
                assert isinstance(out, Hush)
                self.hushes.append(out.at)

    def until(self, now: float) -> None:
        """Tick every 50 ms up to `now`, like the window would (it may tick at any rate)."""
        t = self._t
        while t < now:
            t = min(now, t + 0.05)
            self.feed(self.session.tick(t))
            self.said += self.announcer.due(t)
        self._t = t

    def do(self, command: do.Command, now: float) -> None:
        self.until(now)
        self.feed(self.session.apply(command, now))
        self.said += self.announcer.due(now)

    def texts(self):
        return [(round(s.at, 2), s.kind, s.text) for s in self.said if not s.dropped]


def test_get_ready_is_said_at_once_and_the_work_step_after_its_go_beep():
    run = Run()
    run.do(do.Start(), 0.0)
    run.until(8.0)
    assert run.texts()[0] == (0.0, PhraseKind.GET_READY, "Core. First: Plank, until shaking.")
    assert run.texts()[1] == (5 + AFTER_START_BEEP, PhraseKind.START, "Plank. Until shaking.")
    assert run.texts()[2][1:] == (PhraseKind.CUE, "Tailbone under.")


def test_done_on_a_hold_says_the_time_held_then_the_rest():
    run = Run()
    run.do(do.Start(), 0.0)
    run.do(do.Next(), 5 + 57.0)  # Done after 57 s of plank
    run.until(70.0)
    after = [(k, t) for at, k, t in run.texts() if at > 62]
    assert after[0] == (PhraseKind.HOLD, "Fifty-seven seconds. Well done.")
    assert after[1][0] == PhraseKind.REST and after[1][1].startswith("Rest, ten seconds.")
    assert 62.0 in run.hushes  # the cue of the plank, if still being said, is cut


def test_pause_hushes_and_what_is_left_moves_by_the_pause():
    run = Run()
    run.do(do.Start(), 0.0)
    run.do(do.Next(), 10.0)  # plank done at 10 s: the rest begins
    run.do(do.Pause(), 10.2)
    assert run.hushes[-1] == 10.2
    run.until(40.0)
    assert [s for s in run.said if s.at > 10.2] == []  # nothing while paused
    run.do(do.Resume(), 40.0)
    run.until(45.0)
    rest = [s for s in run.said if s.kind == PhraseKind.HOLD]
    assert rest and rest[0].at == pytest.approx(10 + AFTER_START_BEEP + 29.8)


def test_skip_cuts_the_phrase_and_says_the_new_steps():
    run = Run()
    run.do(do.Start(), 0.0)
    run.do(do.Next(), 1.0)  # skip the get-ready
    assert run.hushes[-1] == 1.0
    run.until(2.0)
    assert run.texts()[-1][:2] == (1.0 + AFTER_START_BEEP, PhraseKind.START)


def test_back_from_a_hold_is_not_a_hold_done():
    run = Run()
    run.do(do.Start(), 0.0)
    run.do(do.Restart(), 30.0)
    run.until(32.0)
    assert not any(s.kind == PhraseKind.HOLD for s in run.said)


def test_cues_off_says_no_cue_and_drops_a_pending_one():
    run = Run(cues=False)
    run.do(do.Start(), 0.0)
    run.until(30.0)
    assert not any(s.kind == PhraseKind.CUE for s in run.said)
    run2 = Run()
    run2.do(do.Start(), 0.0)
    run2.until(5.7)  # the plank's start phrase is due, its cue not yet
    run2.announcer.set_cues(False)
    run2.until(30.0)
    assert not any(s.kind == PhraseKind.CUE for s in run2.said)


def test_finish_phrase_comes_after_the_finish_beep():
    run = Run("name: F\ndefaults: {get_ready: 0}\nsections:\n"
              "  - name: S\n    exercises: [{name: Bridge, work: 10s}]\n")
    run.do(do.Start(), 0.0)
    run.until(10.0)
    pending = run.announcer.flush()
    assert [(s.at, s.text) for s in pending] == [(10.0 + AFTER_FINISH_BEEP,
                                                  "Workout complete. Well done.")]


def test_extend_moves_ten_seconds_with_the_end():
    run = Run("name: E\ndefaults: {get_ready: 0}\nsections:\n"
              "  - name: S\n    exercises: [{name: Wall sit, work: 50s}]\n")
    run.do(do.Start(), 0.0)
    run.do(do.Extend(10.0), 20.0)
    run.until(60.0)
    ten = [s for s in run.said if s.kind == PhraseKind.TEN_SECONDS]
    assert [s.at for s in ten] == [50.0]


def test_dropped_phrases_are_reported_with_their_full_wording():
    run = Run("name: D\ndefaults: {get_ready: 0}\nsections:\n  - name: S\n    exercises:\n"
              "      - {name: Bridge, work: 5s, cue: One leg up and hold the hips level}\n")
    run.do(do.Start(), 0.0)
    run.until(5.0)
    dropped = [s for s in run.said if s.dropped]
    assert [(s.kind, s.text) for s in dropped] == [
        (PhraseKind.CUE, "One leg up and hold the hips level.")]
    assert dropped[0].to_json()["event"] == "say"


def test_done_on_the_last_hold_says_its_time_then_the_finish_after_the_jingle():
    run = Run("name: H\ndefaults: {get_ready: 0}\nsections:\n"
              "  - name: S\n    exercises: [{name: Plank, until: shaking}]\n")
    run.do(do.Start(), 0.0)
    run.do(do.Next(), 42.0)
    pending = run.announcer.flush()
    assert [s.text for s in pending] == ["Forty-two seconds. Well done.",
                                         "Workout complete. Well done."]
    assert pending[0].at == 42.0 + AFTER_FINISH_BEEP < pending[1].at
