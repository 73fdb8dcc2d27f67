"""What the running screen shows, decided without a screen (the presenter).

`show(view, routine_cue)` turns the engine's view into the words and the phase
the window draws; the window only copies these into widgets. The other screens'
words (the finished summary, the pain score, notices, labels) are decided here too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from itbtimer.core.bests import HoldKey, HoldTarget
from itbtimer.core.durations import format_clock, format_hms, seconds_text
from itbtimer.core.enums import StrEnum
from itbtimer.core.navigation import Screen
from itbtimer.core.plan import Step, StepKind
from itbtimer.core.schedule import highest_rep, rep_at
from itbtimer.core.session import SessionState, View
from itbtimer.present.step_words import describe_step

if TYPE_CHECKING:  # the record's shape only; the presenter reads no history
    from itbtimer.history.records import SessionRecord


class Phase(StrEnum):
    """What the running screen's background colour says."""

    WORK = "work"
    REST = "rest"
    GET_READY = "get_ready"
    SWITCH = "switch"
    PAUSED = "paused"
    FINISHED = "finished"  # or stopped


PHASE_OF_STEP = {StepKind.WORK: Phase.WORK, StepKind.REST: Phase.REST,
                 StepKind.GET_READY: Phase.GET_READY, StepKind.SWITCH: Phase.SWITCH}


@dataclass(frozen=True)
class Display:
    phase: Phase  # the background colour
    clock: str  # the big countdown (or count-up on reps/until steps)
    title: str  # exercise name (on a rest or get-ready: the one coming; on a switch: its own)
    side: str  # "◀ LEFT" / "RIGHT ▶" / "" (on a rest or get-ready: the coming one's)
    target: str  # "8–12 reps", "until shaking", "Rest 30–45 s: go from 30 s — then Set 2 of 2"
    cue: str  # the exercise's cue (on a rest or get-ready: the coming one's)
    routine_cue: str  # section and routine cue
    status: str  # "PAUSED", "Go when ready (→)", "Press → when done", ""
    next_up: str  # "Next: Side plank — left"
    section: str
    position: str  # "Step 12 of 77"
    time_left: str  # "28:40 left"
    next_label: str  # "Next" or "Done" for the big button
    pause_label: str  # "Pause" or "Resume"
    extendable: bool = True  # +10 s adds to this step (a timed one; a hold or reps has no end)
    how: str = ""  # on a rest or get-ready: how to do the coming exercise (its `how:`)
    link: str = ""  # "Video: https://…" (its `link:`), shown, never opened by itself
    # the exercise this screen is about on any step (on a rest: the coming one), for I and O
    about: str = ""  # its name
    about_how: str = ""  # its how-to as one paragraph ("" if the routine says none)
    about_link: str = ""  # its address, opened by O only
    image: str = ""  # its picture's file (its `image:`), shown beside the countdown


def countdown_text(seconds: float) -> str:
    """Whole seconds rounded up: 0:03 shows until the very end of the third-last second."""
    return format_clock(math.ceil(seconds - 1e-9))


def coming_up(steps: Sequence[Step], index: int) -> str:
    """What really comes next: after a work step followed by a rest,
    "Next: rest 30–45 s, then Plank (set 2 of 2)"; "Last one!" before the end."""
    if index + 1 >= len(steps):
        return "Last one!"
    following = steps[index + 1]
    if following.kind == StepKind.WORK:
        return f"Next: {describe_step(following)}"
    after = next((s for s in steps[index + 2:] if s.kind == StepKind.WORK), None)
    then = f", then {describe_step(after)}" if after is not None else ", then the end"
    return f"Next: {_pause_words(following)}{then}"


def _pause_words(step: Step) -> str:
    """A step between exercises, in a few words: "rest 30–45 s", "switch sides 5 s"."""
    if step.min_seconds is not None:
        length = f"{step.min_seconds}–{step.seconds} s"
    else:
        length = seconds_text(step.seconds) if step.seconds is not None else ""
    words = {StepKind.REST: "rest", StepKind.SWITCH: "switch sides",
             StepKind.GET_READY: "get ready"}
    return f"{words.get(step.kind, step.kind)} {length}".strip()


def _target(step: Step) -> str:
    if step.kind == StepKind.GET_READY:
        return step.section
    if step.kind == StepKind.REST:
        if step.flexible:
            return f"{step.min_seconds}–{step.seconds} s: go from {step.min_seconds} s"
        return seconds_text(step.seconds or 0)
    if step.kind == StepKind.SWITCH:
        return "Switch sides"  # the name stays, the new side beside it is the news
    if step.kind != StepKind.WORK:
        return ""
    parts = _how_much(step)
    if step.sets and step.sets > 1:
        parts.append(f"Set {step.set} of {step.sets}")
    if step.rounds and step.rounds > 1:
        parts.append(f"Round {step.round} of {step.rounds}")
    return " · ".join(parts)


def _how_much(step: Step) -> list[str]:
    """"8–12 reps", "until shaking", and a growing hold's aim ("aim 0:35")."""
    if step.reps:
        return [f"{step.reps.replace('-', '–')} reps"]
    if not step.until:
        return []
    aim = [f"aim {format_clock(step.aim)}"] if step.aim else []  # its level's time
    return [f"until {step.until}", *aim]


SIDE_ARROWS = {"left": "◀ LEFT", "right": "RIGHT ▶"}


def side_sign(side: str | None) -> str:
    """The side as it is shown: in capitals, with an arrow pointing to it."""
    return SIDE_ARROWS.get((side or "").lower(), (side or "").upper())


def coming_work(steps: Sequence[Step], index: int) -> int | None:
    """Where the exercise a rest or get-ready at `index` leads to is; None at the end."""
    return next((i for i in range(index + 1, len(steps)) if steps[i].kind == StepKind.WORK),
                None)


def _between_words(step: Step, coming: Step) -> str:
    """The line under a rest's or get-ready's headline: what this pause is, then how long
    or how many the coming exercise is ("Rest 30–45 s: go from 30 s — then Set 2 of 2")."""
    own = _target(step)
    pause = f"Rest {own}" if step.kind == StepKind.REST else f"Get ready: {own}"
    then = _target(coming)
    return pause.strip(" :") + (f" — then {then}" if then else "")


PHASE_WORDS = ("DOWN", "HOLD", "UP")


def paced_words(tempo: tuple[int, int, int], reps: str, elapsed: float) -> str:
    """A paced rep as the screen says it: "Rep 5 of 8–12 · DOWN 3"; past the highest rep,
    "Rep 13 · press Done"."""
    at = rep_at(tempo, elapsed)
    count = reps.replace("-", "–")
    if at.rep > highest_rep(reps):
        return f"{count} reps done · press Done"
    return f"Rep {at.rep} of {count} · {PHASE_WORDS[at.phase]} {math.ceil(at.left - 1e-9)}"


def how_text(how: str | None) -> str:
    """A how-to as one paragraph of sentences: the routine's line breaks become spaces, so
    the screen wraps it to its own width."""
    return " ".join(line.strip() for line in (how or "").splitlines() if line.strip())


def link_text(link: str | None) -> str:
    return f"Video or page: {link}" if link else ""


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def cue_parts(cue: str) -> tuple[str, str]:
    """A cue as its first sentence and the rest ("" when it is one sentence): a cue too long
    for the screen shows the first large and the rest smaller, never cut short."""
    first, *rest = SENTENCE_END.split(cue.strip(), maxsplit=1)
    return first, (rest[0] if rest else "")


def how_panel(shown: Display) -> str:
    """What I shows large: how to do the exercise the screen is about, or why there is
    nothing to show."""
    if not shown.about:
        return "Nothing to show here (I hides this)"
    if not shown.about_how:
        return f"{shown.about}: the routine says no how-to (add `how:` to it)"
    return shown.about_how


def _title(step: Step) -> str:
    if step.kind == StepKind.REST:
        return "Rest"
    if step.kind == StepKind.GET_READY:
        return "Get ready"
    return step.name


def best_words(view: View) -> str:
    """A hold's target while it is held: "Best 0:57 · last 0:52"; once its count has
    passed the best: "New best! (was 0:57)". "" on any other step."""
    target = view.target
    if target is None or view.state.over:
        return ""
    if view.new_best:
        return f"New best! (was {format_clock(target.best)})"
    last = f" · last {format_clock(target.last)}" if target.last is not None else ""
    return f"Best {format_clock(target.best)}{last}"


def new_best_lines(record: SessionRecord, targets: Mapping[HoldKey, HoldTarget]) -> list[str]:
    """The finished screen's new bests: each hold (per side) longer than its best before
    this session: "New best: Side plank (left) 0:45 (was 0:40)". A hold with no best
    before (the first time) is no news, and a practice run sets no bests."""
    if record.practice:
        return []
    lines = []
    for held, seconds in record.side_holds().items():
        before = targets.get((held.exercise, held.side))
        if before is not None and seconds > before.best:
            lines.append(f"New best: {held.label} {format_clock(seconds)} "
                         f"(was {format_clock(before.best)})")
    return lines


def _status(view: View, paused_why: str | None = None) -> str:
    if view.state == SessionState.PAUSED:
        # paused by itself (a stall, a sleep): say why, so the person knows it was not them
        return f"{paused_why} — Space to resume" if paused_why else "PAUSED — Space to resume"
    if view.state == SessionState.FINISHED:
        return "Finished"
    if view.state == SessionState.STOPPED:
        return "Stopped"
    if view.can_go:
        return "Go when ready (→)"
    if not view.step.timed:
        best = best_words(view)
        return f"{best} — press → when done" if best else "Press → when done"
    return ""


def show(view: View, routine_cue: str | None = None, paused_why: str | None = None,
         steps: Sequence[Step] = ()) -> Display:
    """What the running screen shows; `steps` (the plan's) lets "Next:" look past a rest."""
    step = view.step
    if step.timed:
        clock = countdown_text(view.remaining or 0.0)
    else:
        clock = format_clock(view.elapsed)
    cues = [c for c in (step.section_cue, routine_cue) if c]
    cue = (step.cue or "") if step.kind in (StepKind.WORK, StepKind.SWITCH) else ""
    next_up = coming_up(steps, view.index) if steps else (
        f"Next: {describe_step(view.next_step)}" if view.next_step else "Last one!")
    title, side, target = _title(step), side_sign(step.side), _target(step)
    if step.tempo and step.reps and not view.state.over:
        target = paced_words(step.tempo, step.reps, view.elapsed) + (
            target.partition(" reps")[2])  # the set and round after it
    # a rest or get-ready is about what comes: its name, side and cue are the headline
    between = step.kind in (StepKind.REST, StepKind.GET_READY) and not view.state.over
    at = coming_work(steps, view.index) if between and steps else None
    coming = steps[at] if at is not None else (view.next_step if between else None)
    how = link = ""
    if coming is not None and coming.kind == StepKind.WORK:
        title, side, cue = coming.name, side_sign(coming.side), coming.cue or ""
        how, link = how_text(coming.how), link_text(coming.link)
        target = _between_words(step, coming)
        if at is not None:
            after = coming_up(steps, at)
            next_up = "Then the end" if after == "Last one!" else after.replace(
                "Next: ", "Then: ", 1)
    about = coming if between else step if step.kind in (StepKind.WORK, StepKind.SWITCH) \
        else None
    phase = PHASE_OF_STEP[step.kind]
    if view.state == SessionState.PAUSED:
        phase = Phase.PAUSED
    elif view.state.over:
        phase = Phase.FINISHED
    return Display(
        phase=phase,
        clock=clock,
        title=title,
        side=side,
        target=target,
        cue=cue,
        routine_cue=" · ".join(cues),
        status=_status(view, paused_why),
        next_up=next_up,
        section=step.section,
        position=f"Step {view.index + 1} of {view.count}",
        time_left=f"{format_clock(math.ceil(view.routine_left - 1e-9))} left",
        next_label="Done" if not step.timed else ("Go" if view.can_go else "Next"),
        pause_label="Resume" if view.paused else "Pause",
        extendable=step.timed and not view.state.over,
        how=how,
        link=link,
        about=about.name if about is not None else "",
        about_how=how_text(about.how) if about is not None else "",
        about_link=(about.link or "") if about is not None else "",
        image=about.image.path if about is not None and about.image is not None else "",
    )


# --- the rest of what the screens say ------------------------------------------------

UNTIMED_MARKER = 0.5  # where the timeline's marker sits in a step that waits for Done


def timeline_fraction(view: View) -> float:
    """How far into this step the timeline's marker is drawn."""
    return view.step_progress if view.step_progress is not None else UNTIMED_MARKER


def mute_label(muted: bool) -> str:
    return "Unmute" if muted else "Mute"


PRACTICE_SCREENS = (Screen.START, Screen.RUNNING, Screen.FINISHED)


def practice_band(screen: Screen, practice: bool, speed: float) -> str | None:
    """The band across a practice run's start, running and finished screens (History marks
    each practice row instead); None on a real run."""
    if not practice or screen not in PRACTICE_SCREENS:
        return None
    pace = f" · {speed:g}× speed" if speed != 1.0 else ""
    return f"PRACTICE{pace} · not counted in your weeks, bests or pain"


def mute_status(muted: bool) -> str:
    """What the notice line says for a moment after M."""
    return "Sound muted" if muted else "Sound on"


def notice_line(window: list[str], workout: str | None, player: str | None,
                history: str | None, in_workout: bool) -> str:
    """The one notice line: the latest two of the window's own, then the workout's (which
    already carries the player's and history's), else the player's; history's alone
    only outside a workout. Each said once."""
    notices = list(window[-2:])
    if workout:
        notices.append(workout)
    elif player:
        notices.append(player)
    if history and not in_workout:
        notices.append(history)
    return " · ".join(dict.fromkeys(notices))


@dataclass(frozen=True)
class PainQuestion:
    """The question after the session, from the routine's `ask` ("knee pain"); None: the
    routine asks nothing, and the finished screen shows the summary alone."""

    label: str | None

    @property
    def asked(self) -> bool:
        return self.label is not None

    @property
    def words(self) -> str:
        """The label as it starts a line: "Knee pain"."""
        text = self.label or ""
        return text[:1].upper() + text[1:]

    def prompt(self) -> str:
        """Above the score buttons: the question and how to answer it."""
        if not self.asked:
            return ""
        return (f"{self.words} now, 0 (none) to 10 (worst)? Type or click it, then Enter. "
                "Esc skips.")

    def state(self, score: int | None, asked: bool = False, saved: bool = False,
              noted: bool = False) -> str:
        """Under the score buttons: nothing yet, no score, or the score and whether it is
        saved; once saved, what is left to do there: a note (N; `noted`: one is written),
        or Enter to leave. Nothing at all when there is no question."""
        if asked or not self.asked:
            return ""
        if score is None:
            return f"No {self.label} score this time."
        if not saved:
            return f"{self.words} {score}/10 — Enter to save"
        note = "N change the note" if noted else "N add a note"
        return f"{self.words} {score}/10 — saved · {note} · Enter done"


def interrupted_notice(record: SessionRecord) -> str:
    """Said on the start screen when a crashed session was recorded at start-up."""
    return f"Recorded the session interrupted on {record.start:%a %d %b %H:%M}"


def summary_lines(record: SessionRecord,
                  targets: Mapping[HoldKey, HoldTarget] | None = None) -> list[str]:
    """The words of the finished screen, from the session's record; `targets`: the holds
    it had to beat (the bests before it), to name the new bests."""
    steps = record.steps
    done = sum(1 for s in steps if s.done)
    skipped = [s for s in steps if s.skipped]
    lines = [f"{'Finished' if record.completed else 'Stopped'} in "
             f"{format_hms(record.active_seconds)}"
             + (f" (+{format_clock(record.paused_seconds)} paused)"
                if record.paused_seconds >= 1 else ""),
             f"{done} of {len(steps)} exercises done"
             + (f", {len(skipped)} skipped" if skipped else "")]
    for name, times in record.hold_times().items():
        lines.append(f"{name}: {', '.join(format_clock(t) for t in times)}")
    lines += new_best_lines(record, targets or {})
    if skipped:
        names = sorted({s.name for s in skipped})
        lines.append("Skipped: " + ", ".join(names[:6]) + (" …" if len(names) > 6 else ""))
    return lines
