"""What the coach says at each step of a plan, and when: pure, no audio, no clock.

Every step visit gets a short wish list of phrases, each with the moment it would
like to start (seconds into the visit) and its wordings, longest first. `place`
fits them into the visit one after another, never on top of a beep and never into
the 3-2-1 countdown pips: a phrase that would run into them is said shorter, or
not at all. The exercise cue comes last in the list, so it is the first to go.

Names and cues come from the routine, so a person's own routine is announced in
its own words; numbers are spelled out ("thirty to forty-five seconds").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import itbtimer.voice.words as words
from itbtimer.core.enums import StrEnum
from itbtimer.core.events import CueSound
from itbtimer.core.plan import Plan, Step, StepKind
from itbtimer.core.schedule import HALFWAY_MIN_STEP, Visit, highest_rep
from itbtimer.present.display import how_text
from itbtimer.present.step_words import side_words

AFTER_START_BEEP = 0.55  # go / rest / switch beeps last up to 0.48 s: speak after them
AFTER_HALFWAY_BEEP = 0.35
AFTER_READY_CHIME = 0.8
AFTER_FINISH_BEEP = 1.0
GAP = 0.25  # silence between two phrases
PIP_MARGIN = 0.15  # speech ends at least this long before the first countdown pip
BEEP_SECONDS = 0.5
CHIME_SECONDS = 0.75
START_BEEP_SECONDS = AFTER_START_BEEP - GAP
TICK_SECONDS = 0.1  # a paced rep's tick (35 ms) and a little silence after it
COUNT_SLACK = 0.5  # a rep's number said later than this after its tick is not said
# How long each cue sound keeps the voice quiet; any other (halfway, a new one): BEEP_SECONDS.
_SOUND_SECONDS = {CueSound.GO: START_BEEP_SECONDS, CueSound.REST: START_BEEP_SECONDS,
                  CueSound.SWITCH: START_BEEP_SECONDS, CueSound.READY: CHIME_SECONDS,
                  CueSound.TICK: TICK_SECONDS}
TEN_SECONDS_MIN_STEP = 45
LATE_TICK = 1.0  # "Halfway." / "Ten seconds." later than this would be wrong: not said
HOLD_WORDS_UP_TO = 300  # hold times said exactly up to five minutes; longer: "Well done."
FINISH = "Workout complete. Well done."
WELL_DONE = "Well done."


class PhraseKind(StrEnum):
    GET_READY = "get_ready"
    START = "start"
    CUE = "cue"
    REST = "rest"
    GO_WHEN_READY = "go_when_ready"
    SWITCH = "switch"
    HALFWAY = "halfway"
    TEN_SECONDS = "ten_seconds"
    HOLD = "hold"
    NEW_BEST = "new_best"
    FINISH = "finish"
    HOW = "how"  # how to do an exercise: on I, or (if wanted) before its first time
    COUNT = "count"  # a paced rep done: "Five." after the tick that ends it


@dataclass(frozen=True)
class Phrase:
    """Something the coach would like to say, `at` seconds into a step visit."""

    kind: PhraseKind
    at: float
    wordings: tuple[str, ...]  # longest first
    slack: float = math.inf  # how much later than `at` it may still start


@dataclass(frozen=True)
class Placed:
    """A phrase fitted into its visit: `text` is None when it did not fit (dropped)."""

    kind: PhraseKind
    at: float
    text: str | None
    wanted: str

    @property
    def dropped(self) -> bool:
        return self.text is None


def speaking_seconds(text: str) -> float:
    """How long the voice takes to say `text`, a little on the long side.

    Fitted to the bundled hibari voice over the bundled routines' phrases (least
    squares, then moved up by the 90th percentile of the misfit, 0.45 s). Used only
    for phrases not rendered yet: the window measures rendered ones by their size.
    """
    pauses = sum(text.count(c) for c in ".,:;!?")
    return 0.3 + 0.057 * len(text) + 0.28 * pauses


# --- the words ---------------------------------------------------------------------------


def spoken_name(name: str) -> str:
    """A routine's name as said: "Kettlebell squats - goblet" -> "Kettlebell squats, goblet"."""
    return " ".join(name.replace(" - ", ", ").replace(" – ", ", ").split())


def label(step: Step) -> str:
    """Name and side: "Side plank, left side", "Single leg dips, right leg"."""
    name = spoken_name(step.name)
    return f"{name}, {side_words(step)}" if step.side else name


def how_long(step: Step) -> str:
    """"thirty seconds", "eight to twelve reps", "until shaking"."""
    if step.reps:
        return words.reps(step.reps)
    if step.until:
        return f"until {step.until}"
    return words.duration(step.seconds or 0)


def _sentence(text: str) -> str:
    text = words.capital(text.strip())
    return text if text.endswith((".", "!", "?")) else text + "."


def _work(step: Step) -> tuple[str, ...]:
    what = _sentence(how_long(step))
    sets = (f" Set {words.number(step.set)} of {words.number(step.sets)}."
            if step.set and step.sets and step.sets > 1 else "")
    rounds = (f" Round {words.number(step.round)} of {words.number(step.rounds)}."
              if step.round and step.rounds and step.rounds > 1 else "")
    full = f"{_sentence(label(step))}{sets}{rounds} {what}"
    short = f"{_sentence(label(step))} {what}"
    return _unique((full, short, _sentence(label(step))))


def _get_ready(step: Step, first: Step | None) -> tuple[str, ...]:
    if first is None:
        return (f"{_sentence(step.section)}",)
    section = _sentence(spoken_name(step.section))
    return _unique((f"{section} First: {label(first)}, {how_long(first)}.",
                    f"{section} First: {label(first)}.", f"First: {label(first)}."))


def _rest(step: Step, after: Step | None) -> tuple[str, ...]:
    if step.min_seconds is not None and step.seconds is not None:
        length = words.duration_range(step.min_seconds, step.seconds)
    else:
        length = words.duration(step.seconds or 0)
    if after is None:
        return (f"Rest, {length}.", "Rest.")
    return (f"Rest, {length}. Next: {label(after)}.", f"Rest. Next: {label(after)}.", "Rest.")


def _switch(step: Step) -> tuple[str, ...]:
    said = side_words(step) or "other side"
    return (f"Switch to the {said}.", f"{words.capital(said)}.",
            f"{words.capital(said.split()[0])}.")


def how_wordings(how: str | None) -> tuple[str, ...]:
    """An exercise's how-to as said: the whole paragraph, then its first sentence (when the
    whole does not fit a rest); () when the routine says none."""
    whole = how_text(how)
    if not whole:
        return ()
    first = whole.split(". ", 1)[0]
    return _unique((_sentence(whole), _sentence(first)))


def _first_time(plan: Plan, index: int) -> Step | None:
    """The exercise a rest or get-ready at `index` leads to, if it comes up for the first
    time in the plan there (its how-to is read then, when the person wants it)."""
    coming = _next_work(plan, index)
    if coming is None or not coming.how:
        return None
    earlier = (s for s in plan.steps[:coming.index] if s.kind == StepKind.WORK)
    return None if any(s.name == coming.name for s in earlier) else coming


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(texts))


def _next_work(plan: Plan, index: int) -> Step | None:
    return next((s for s in plan.steps[index + 1:] if s.kind == StepKind.WORK), None)


# --- the wish list of one step ------------------------------------------------------------


def step_phrases(plan: Plan, index: int, cues: bool = True, how: bool = False) -> list[Phrase]:
    """What the coach would like to say during step `index`, in order of importance;
    `how`: on the rest or get-ready before an exercise's first time, its how-to too."""
    step = plan.steps[index]
    out: list[Phrase] = []
    if step.kind == StepKind.GET_READY:
        out.append(Phrase(PhraseKind.GET_READY, 0.0, _get_ready(step, _next_work(plan, index))))
    elif step.kind == StepKind.REST:
        out.append(Phrase(PhraseKind.REST, AFTER_START_BEEP,
                          _rest(step, _next_work(plan, index))))
        if step.min_seconds is not None:
            out.append(Phrase(PhraseKind.GO_WHEN_READY, step.min_seconds + AFTER_READY_CHIME,
                              ("Go when you're ready.",), LATE_TICK))
    elif step.kind == StepKind.SWITCH:
        out.append(Phrase(PhraseKind.SWITCH, AFTER_START_BEEP, _switch(step)))
    elif step.kind == StepKind.WORK:
        out += _work_phrases(step)
    if step.seconds is not None and step.seconds >= TEN_SECONDS_MIN_STEP and step.kind in (
            StepKind.WORK, StepKind.REST):
        out.append(Phrase(PhraseKind.TEN_SECONDS, step.seconds - 10.0, ("Ten seconds.",),
                          LATE_TICK))
    if cues and step.kind == StepKind.WORK and step.cue:
        # wished right after the start phrase; `place` moves it on, and drops it first
        out.append(Phrase(PhraseKind.CUE, AFTER_START_BEEP, (_sentence(step.cue),)))
    first = _first_time(plan, index) if how and step.kind in (
        StepKind.REST, StepKind.GET_READY) else None
    if first is not None:  # after what the rest says; said shorter, or not, if it is short
        out.append(Phrase(PhraseKind.HOW, AFTER_START_BEEP, how_wordings(first.how)))
    return out


def _work_phrases(step: Step) -> list[Phrase]:
    """A work step: its start, halfway on a long one, the count of a paced one."""
    out = [Phrase(PhraseKind.START, AFTER_START_BEEP, _work(step))]
    if step.seconds is not None and step.seconds >= HALFWAY_MIN_STEP:
        out.append(Phrase(PhraseKind.HALFWAY, step.seconds / 2 + AFTER_HALFWAY_BEEP,
                          ("Halfway.",), LATE_TICK))
    if step.tempo and step.reps:
        out += _counts(step.tempo, step.reps)
    return out


def _counts(tempo: tuple[int, int, int], reps: str) -> list[Phrase]:
    """A paced reps step counts: each rep's number as its last phase ends ("Five."), just
    after the tick, up to the highest count; one the voice cannot fit there is not said."""
    rep = sum(tempo)
    return [Phrase(PhraseKind.COUNT, n * rep + TICK_SECONDS, (count_word(n),), COUNT_SLACK)
            for n in range(1, highest_rep(reps) + 1)]


def count_word(n: int) -> str:
    return _sentence(words.number(n))


def hold_phrase(seconds: float) -> Phrase:
    """Said when Done ends a hold: "Fifty-seven seconds. Well done." (at the next step)."""
    whole = int(round(seconds))
    if 1 <= whole <= HOLD_WORDS_UP_TO:
        return Phrase(PhraseKind.HOLD, AFTER_START_BEEP,
                      (_sentence(words.duration(whole)) + " " + WELL_DONE, WELL_DONE))
    return Phrase(PhraseKind.HOLD, AFTER_START_BEEP, (WELL_DONE,))


NEW_BEST = "New best."
NEW_BEST_BEEP_SECONDS = 0.7  # said after the "new best" bells (adapters/tones.py)


def new_best_phrase() -> Phrase:
    """Said as a hold's count passes the person's best (after its own bells)."""
    return Phrase(PhraseKind.NEW_BEST, NEW_BEST_BEEP_SECONDS, (NEW_BEST,))


def finish_phrase() -> Phrase:
    return Phrase(PhraseKind.FINISH, AFTER_FINISH_BEEP, (FINISH,))


# --- fitting a visit ------------------------------------------------------------------------


def quiet_spans(step: Step, added: float = 0.0) -> list[tuple[float, float]]:
    """(from, to) seconds of a visit where nothing may be said: every beep of the engine's
    timetable (`Visit.cues`), from the first countdown pip on, and after a timed step ends."""
    visit = Visit(step.index, step, 0.0, added)
    spans: list[tuple[float, float]] = []
    for at, cue in visit.cues():
        if cue.sound is CueSound.COUNTDOWN:
            spans.append((at - PIP_MARGIN, math.inf))  # the pips, then the next step
        else:
            spans.append((at, at + _SOUND_SECONDS.get(cue.sound, BEEP_SECONDS)))
    if visit.length < math.inf:
        spans.append((visit.length, math.inf))
    return spans


def place(phrases: Iterable[Phrase], step: Step | None, added: float = 0.0,
          seconds_of: Callable[[str], float] = speaking_seconds) -> list[Placed]:
    """Fit the phrases into one visit, in the order given; `step` None: after the finish."""
    spans = quiet_spans(step, added) if step is not None else []
    taken: list[tuple[float, float]] = []
    out: list[Placed] = []
    for phrase in phrases:
        chosen: Placed | None = None
        for text in phrase.wordings:
            start = _first_free(phrase.at, seconds_of(text), taken)
            end = start + seconds_of(text)
            if start - phrase.at > phrase.slack or _clashes(start, end, spans):
                continue
            chosen = Placed(phrase.kind, start, text, phrase.wordings[0])
            taken.append((start, end + GAP))
            break
        out.append(chosen or Placed(phrase.kind, phrase.at, None, phrase.wordings[0]))
    return sorted(out, key=lambda p: p.at)


def _first_free(at: float, seconds: float, taken: list[tuple[float, float]]) -> float:
    start = at
    for lo, hi in sorted(taken):
        if start < hi and start + seconds > lo:
            start = hi
    return start


def _clashes(start: float, end: float, spans: list[tuple[float, float]]) -> bool:
    return any(start < hi and end > lo for lo, hi in spans)


# --- everything a plan may say, for rendering ahead ------------------------------------------


def texts_to_render(plan: Plan, cues: bool = True) -> list[str]:
    """Every wording the coach may use for this plan, in the order it is needed.

    All the wordings of each phrase are included (a shorter one is chosen when a hold
    phrase comes first); then the exercises' how-tos in the order they come up (read on I,
    or in the rest before each one's first time: long, so after everything the steps say,
    which a session needs from its first second); the hold times last, only for plans with
    holds.
    """
    texts: list[str] = []
    for index in range(len(plan.steps)):
        for phrase in step_phrases(plan, index, cues):
            texts += phrase.wordings
    texts.append(FINISH)
    texts += [t for s in plan.steps for t in how_wordings(s.how)]
    if any(s.until for s in plan.steps):
        texts += [WELL_DONE, NEW_BEST]
        texts += [hold_phrase(n).wordings[0] for n in range(1, HOLD_WORDS_UP_TO + 1)]
    return list(dict.fromkeys(texts))
