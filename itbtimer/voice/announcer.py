"""When the coach speaks: session events in, `Say` events out, each due at a time.

Pure like the session: no clock, no audio. The workout feeds it every session
event (`hear`) and asks for what has fallen due (`due(now)`); tests drive it with
a fake clock. A new step (by itself, by skip, back or restart) cuts what is being
said (`Hush`) and schedules the new step's phrases from its start; pause cuts
speech at once and moves what is still to come by the time paused; a hold's time
is said when Done ends it ("Fifty-seven seconds. Well done.").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from itbtimer.core.events import (
    Cue,
    CueSound,
    Event,
    Extended,
    Finished,
    Paused,
    Restarted,
    Resumed,
    StepDone,
    StepStarted,
    Stopped,
    WentBack,
)
from itbtimer.core.plan import Plan
from itbtimer.voice.phrases import (
    AFTER_FINISH_BEEP,
    Phrase,
    PhraseKind,
    finish_phrase,
    hold_phrase,
    new_best_phrase,
    place,
    speaking_seconds,
    step_phrases,
)


@dataclass(frozen=True)
class Say(Event):
    """A phrase falls due. `dropped`: it did not fit (logged, never played)."""

    text: str
    index: int
    kind: PhraseKind
    dropped: bool = False
    name: ClassVar[str] = "say"

    def to_json(self) -> dict[str, Any]:
        return {"event": self.name, "text": self.text, "index": self.index,
                "kind": str(self.kind), "dropped": self.dropped, "played_t": None}


@dataclass(frozen=True)
class Hush(Event):
    """Stop speaking now (a new step, pause, stop)."""

    name: ClassVar[str] = "hush"


class Announcer:
    def __init__(self, plan: Plan, cues: bool = True,
                 seconds_of: Callable[[str], float] = speaking_seconds, how: bool = False):
        self.plan = plan
        self.cues = cues
        self.how = how  # read an exercise's how-to in the rest before its first time
        self.seconds_of = seconds_of
        self._pending: list[Say] = []
        self._paused_at: float | None = None
        self._hold: Phrase | None = None
        self._index = 0

    # --- session events in -------------------------------------------------------------

    def hear(self, event: Event) -> list[Event]:
        """Take one session event; returns a Hush when speech must stop at once."""
        if isinstance(event, StepDone):
            step = self.plan.steps[event.index]
            held = step.until is not None and not event.skipped
            self._hold = hold_phrase(event.active_seconds) if held else None
        elif isinstance(event, Restarted | WentBack):
            self._hold = None  # leaving a hold to redo it is not a hold done
        elif isinstance(event, StepStarted):
            self._index = event.index
            extra = [self._hold] if self._hold else []
            self._hold = None
            self._schedule(event.at, event.index, extra)
            return [Hush(event.at)]
        elif isinstance(event, Finished):
            # after the finish jingle, not on it: the hold's time, then the finish phrase
            extra = [replace(self._hold, at=AFTER_FINISH_BEEP)] if self._hold else []
            self._hold = None
            self._schedule(event.at, None, [*extra, finish_phrase()])
        elif isinstance(event, Paused):
            self._paused_at = event.at
            return [Hush(event.at)]
        elif isinstance(event, Resumed) and self._paused_at is not None:
            shift = event.at - self._paused_at
            self._paused_at = None
            self._pending = [replace(s, at=s.at + shift) for s in self._pending]
        elif isinstance(event, Extended):
            # the step's end moved: what counts down from the end moves with it
            self._pending = [replace(s, at=s.at + event.seconds)
                             if s.kind == PhraseKind.TEN_SECONDS else s for s in self._pending]
            self._pending.sort(key=lambda s: s.at)
        elif isinstance(event, Stopped):
            self._pending = []
            return [Hush(event.at)]
        elif isinstance(event, Cue) and event.sound is CueSound.NEW_BEST:
            phrase = new_best_phrase()
            self._pending.append(Say(event.at + phrase.at, phrase.wordings[0], event.index,
                                     phrase.kind))
            self._pending.sort(key=lambda s: s.at)
        return []

    def _schedule(self, start: float, index: int | None, first: list[Phrase]) -> None:
        wished = first + (step_phrases(self.plan, index, self.cues, self.how)
                          if index is not None else [])
        step = self.plan.steps[index] if index is not None else None
        placed = place(wished, step, seconds_of=self.seconds_of)
        where = index if index is not None else len(self.plan.steps) - 1
        self._pending = [Say(start + p.at, p.text or p.wanted, where, p.kind, p.dropped)
                         for p in placed]

    def set_cues(self, on: bool) -> None:
        """C: cues on or off from now (a cue already scheduled is not said when off)."""
        self.cues = on
        if not on:
            self._pending = [s for s in self._pending if s.kind != PhraseKind.CUE]

    def read(self, wordings: tuple[str, ...], now: float) -> list[Event]:
        """I: say this how-to now, cutting what is being said (the step's own phrases still
        to come wait until it is read); [] when there is nothing to read."""
        if not wordings or self._paused_at is not None:
            return []
        seconds = self.seconds_of(wordings[0])
        rest = [replace(s, at=max(s.at, now + seconds)) for s in self._pending
                if s.kind != PhraseKind.HOW]
        self._pending = [Say(now, wordings[0], self._index, PhraseKind.HOW), *rest]
        return [Hush(now)]

    def stop_reading(self, now: float) -> list[Event]:
        """I again: the how-to is not read further."""
        self._pending = [s for s in self._pending if s.kind != PhraseKind.HOW]
        return [Hush(now)]

    def set_how(self, on: bool) -> None:
        """Read the how-tos before their first time (from the next step on)."""
        self.how = on

    # --- reading -----------------------------------------------------------------------

    def due(self, now: float) -> list[Say]:
        """Phrases due up to `now`, in order (none while paused)."""
        if self._paused_at is not None:
            return []
        ready = [s for s in self._pending if s.at <= now]
        self._pending = [s for s in self._pending if s.at > now]
        return ready

    def flush(self) -> list[Say]:
        """Everything still pending, due or not (after the finish nothing wakes to ask)."""
        out, self._pending = self._pending, []
        return out

    def next_due(self) -> float | None:
        if self._paused_at is not None or not self._pending:
            return None
        return self._pending[0].at
