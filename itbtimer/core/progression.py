"""Progression the knee allows: how a routine says its exercises grow, the level each has
reached, and the rule that moves a level (pure: standard library only).

The rule follows the pain-monitoring model (Silbernagel, Thomeé, Eriksson, Karlsson:
"Continued sporting activity, using a pain-monitoring model, during rehabilitation in
patients with Achilles tendinopathy", Am J Sports Med 35(6), 2007): pain during and after
the exercise may reach 5 of 10; the pain the morning after should be back where it was;
pain should not rise from one time to the next. In words (`decide`):

- step **up** one level when the last two completed, non-practice sessions at this level
  were each answered at most `pain_at_most` (the routine's `progress: {pain_at_most: 3}`,
  3 unless it says) and neither morning after was higher than the morning before;
- **stay** when the last answer is above that but 5 or less (4-5 by default);
- step **back** one level when the last answer is above 5, or its morning after is higher
  than the answer after the session.

Edge cases, decided here once:

- *No answer* after the last session (the question skipped): stay; nothing is known.
- *A missing morning* (not asked, skipped): no evidence either way: the rule goes by the
  answers it has. A morning that comes later is read at the next look (levels are
  derived from the history each time, never stored as a decision, so nothing is applied
  twice and a late answer is seen).
- *Fewer than two sessions at this level* (a first session, a level just changed or set
  by hand): stay, unless the one there was above 5 (back).
- *At `up_to`*: stay, and say so. *At level 0*: a step back stays at the routine's own
  figure, with the reason for the step back. When it is the morning after (higher than
  the answer after the session) that stops a step up the answers alone would have made
  (the finished screen had said "Next time up"), it says so: "step up held back"
  (`Decision.held_back`).
- Only the last two sessions at the level matter, and the morning of the one before
  them: `Answered.morning_before`.
- *An exercise skipped* in either of those two sessions stays where it is, whatever the
  pain: a low answer after a session that left it out says nothing of how it went (the
  other exercises, and a section's sets, still step up).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from itbtimer.core.enums import StrEnum
from itbtimer.core.routine import (
    DEFAULT_PAIN_AT_MOST,
    Exercise,
    ExerciseMode,
    Routine,
    Section,
)

STEP_BACK_ABOVE = 5  # the model's ceiling: above it, one level back
SESSIONS_NEEDED = 2


class Grows(StrEnum):
    """What a level grows: an exercise's time or reps, or a section's sets."""

    EXERCISE = "exercises"
    SECTION = "sections"


@dataclass(frozen=True, order=True)
class LevelKey:
    """The exercise (or the section, for its sets) a level belongs to, by name."""

    grows: Grows
    name: str


Levels = Mapping[LevelKey, int]


class Change(StrEnum):
    UP = "up"
    STAY = "stay"
    BACK = "back"


@dataclass(frozen=True)
class Decision:
    change: Change
    reason: str  # in the person's words: "pain 2 and 1"
    held_back: bool = False  # a step up the answers earned, stopped by the morning after


@dataclass(frozen=True)
class Answered:
    """One completed, non-practice session of the routine, as the rule reads it."""

    pain: int | None  # the answer after the session
    morning: int | None = None  # the same question the morning after
    morning_before: int | None = None  # the morning after the session before it
    levels: Levels | None = None  # the levels it ran at (None: before levels: all 0)
    start: float = 0.0  # its instant (POSIX seconds): a level set by hand after it wins
    id: str = ""  # the session's id (a session answered again replaces its old answers)
    skipped: frozenset[str] = frozenset()  # exercises with a step skipped in it, by name

    def level(self, key: LevelKey) -> int:
        return (self.levels or {}).get(key, 0)


def decide(level: int, most: int, run: Sequence[Answered],
           pain_at_most: int = DEFAULT_PAIN_AT_MOST) -> Decision:
    """The rule (see the module): `run` is the sessions done at `level`, oldest first."""
    if not run:
        return Decision(Change.STAY, "no session at this level yet")
    last = run[-1]
    if last.pain is None:
        return Decision(Change.STAY, "no answer after the last session")
    back = _back_reason(last)
    if back is not None:
        return _stepping_back(level, most, run, pain_at_most, back)
    if last.pain > pain_at_most:
        return Decision(Change.STAY, f"pain {last.pain}, more once it is {pain_at_most} "
                                     "or less twice")
    if len(run) < SESSIONS_NEEDED:
        return Decision(Change.STAY, f"pain {last.pain} after one session at this level; "
                                     "one more like it to step up")
    before = run[-2]
    if before.pain is None or before.pain > pain_at_most:
        said = "no answer" if before.pain is None else f"pain {before.pain}"
        return Decision(Change.STAY, f"{said} the session before: both must be "
                                     f"{pain_at_most} or less")
    rose = next((s for s in (before, last) if s.morning is not None
                 and s.morning_before is not None and s.morning > s.morning_before), None)
    if rose is not None:
        return Decision(Change.STAY, f"the morning after rose from {rose.morning_before} to "
                                     f"{rose.morning}")
    both = f"pain {before.pain} and {last.pain}"
    if level >= most:
        return Decision(Change.STAY, f"{both}; already at the most the routine allows")
    return Decision(Change.UP, both)


def _stepping_back(level: int, most: int, run: Sequence[Answered], pain_at_most: int,
                   back: str) -> Decision:
    """One level back; at level 0 it stays, and says whether a step up was held back."""
    if level > 0:
        return Decision(Change.BACK, back)
    if _held_back(level, most, run, pain_at_most):
        last = run[-1]
        return Decision(Change.STAY, f"step up held back: {last.morning} the morning after, "
                                     f"{last.pain} after the session", held_back=True)
    return Decision(Change.STAY, back)


def _held_back(level: int, most: int, run: Sequence[Answered], pain_at_most: int) -> bool:
    """Whether the last session's answers alone (without its morning after) step up."""
    if run[-1].morning is None:  # not the morning's doing: the answer after was above 5
        return False
    without = replace(run[-1], morning=None)
    return decide(level, most, [*run[:-1], without], pain_at_most).change == Change.UP


def _back_reason(last: Answered) -> str | None:
    assert last.pain is not None
    if last.pain > STEP_BACK_ABOVE:
        return f"pain {last.pain} after the last session"
    if last.morning is not None and last.morning > last.pain:
        return f"the morning after was {last.morning}, higher than {last.pain} after the session"
    return None


# --- what grows, and by how much ------------------------------------------------------


def growing(routine: Routine) -> dict[LevelKey, int]:
    """Every exercise and section of the routine that may grow, with its most level (the
    first of a name when two share it: they share its level)."""
    out: dict[LevelKey, int] = {}
    for section in routine.sections:
        if section.sets_up_to is not None:
            out.setdefault(LevelKey(Grows.SECTION, section.name), section_most(section))
        for exercise in section.exercises:
            if exercise.growth is not None:
                out.setdefault(LevelKey(Grows.EXERCISE, exercise.name), exercise_most(exercise))
    return out


def named(keys: Iterable[LevelKey], name: str) -> list[LevelKey]:
    """The levels a name typed by the person means (`itbtimer progress --set`): its exact
    name, an exercise before a section of that name; else the same in any case and spacing
    ("side  PLANK" is "Side plank"). More than one name matches (Plank and PLANK, typed
    "plank"): all of them, for the caller to ask which; none: empty."""
    keys = list(keys)
    exact = [LevelKey(grows, name) for grows in Grows if LevelKey(grows, name) in keys]
    if exact:
        return exact[:1]
    wanted = _folded(name)
    found = sorted((k for k in keys if _folded(k.name) == wanted),
                   key=lambda k: (k.name, list(Grows).index(k.grows)))
    each: dict[str, LevelKey] = {}  # one per name: the exercise before the section
    for key in found:
        each.setdefault(key.name, key)
    return list(each.values())


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def exercise_most(exercise: Exercise) -> int:
    """How many levels an exercise has above its own figure before it reaches `up_to`."""
    growth = exercise.growth
    start = _figure(exercise)
    if growth is None or start is None or growth.by <= 0:
        return 0
    return max(0, math.ceil((growth.up_to - start) / growth.by))


def section_most(section: Section) -> int:
    """A section's sets grow one a level until its exercises have `sets_up_to`."""
    if section.sets_up_to is None or not section.exercises:
        return 0
    return max(0, section.sets_up_to - min(e.sets for e in section.exercises))


def _figure(exercise: Exercise) -> int | None:
    """What grows: the seconds of timed work, a hold's expected seconds, the (highest) reps."""
    if exercise.mode == ExerciseMode.TIMED:
        return exercise.work
    if exercise.mode == ExerciseMode.UNTIL:
        return exercise.expect
    if exercise.reps:
        return int(exercise.reps.partition("-")[2] or exercise.reps)
    return None


def grown_exercise(exercise: Exercise, level: int) -> Exercise:
    """The exercise at `level`: `by` added that many times, never past `up_to`."""
    growth = exercise.growth
    if growth is None or level <= 0:
        return exercise
    more = growth.by * level
    if exercise.mode == ExerciseMode.TIMED and exercise.work is not None:
        return replace(exercise, work=min(exercise.work + more, max(growth.up_to, exercise.work)))
    if exercise.mode == ExerciseMode.UNTIL and exercise.expect is not None:
        return replace(exercise,
                       expect=min(exercise.expect + more, max(growth.up_to, exercise.expect)))
    if exercise.mode == ExerciseMode.REPS and exercise.reps:
        low, _, high = exercise.reps.partition("-")
        top = max(growth.up_to, int(high or low))
        new_low = min(int(low) + more, top)
        new_high = min(int(high) + more, top) if high else None
        reps = f"{new_low}-{new_high}" if new_high is not None and new_high > new_low \
            else str(new_low)
        return replace(exercise, reps=reps)
    return exercise


def grown_section(section: Section, levels: Levels) -> Section:
    """The section with its exercises and its sets at their levels."""
    sets_level = levels.get(LevelKey(Grows.SECTION, section.name), 0)
    exercises = []
    for exercise in section.exercises:
        grown = grown_exercise(exercise, levels.get(LevelKey(Grows.EXERCISE, exercise.name), 0))
        if sets_level > 0 and section.sets_up_to is not None:
            top = max(section.sets_up_to, grown.sets)
            grown = replace(grown, sets=min(grown.sets + sets_level, top))
        exercises.append(grown)
    return replace(section, exercises=tuple(exercises))


def grown(routine: Routine, levels: Levels) -> Routine:
    """The routine as it will run at these levels (the file is never changed)."""
    if not any(levels.values()):
        return routine
    return replace(routine, sections=tuple(grown_section(s, levels) for s in routine.sections))


# --- the levels now, from the history -------------------------------------------------


@dataclass(frozen=True)
class SetByHand:
    """A level set with `itbtimer progress ROUTINE --set` or `--reset` (0), at an instant."""

    level: int
    at: float


@dataclass(frozen=True)
class Level:
    """Where one exercise (or section) stands: the level the next session runs at, the one
    it came from (the last session's, or the one set by hand), and why."""

    key: LevelKey
    level: int
    was: int
    most: int
    decision: Decision
    by_hand: bool = False

    @property
    def moved(self) -> int:
        return self.level - self.was


@dataclass(frozen=True)
class Progression:
    """The levels a routine's next session runs at (empty: the routine grows nothing)."""

    levels: tuple[Level, ...] = ()
    pain_at_most: int = DEFAULT_PAIN_AT_MOST

    def as_levels(self) -> dict[LevelKey, int]:
        return {lv.key: lv.level for lv in self.levels}

    def __bool__(self) -> bool:
        return bool(self.levels)


NO_PROGRESSION = Progression()


def progression(routine: Routine, sessions: Sequence[Answered],
                by_hand: Mapping[LevelKey, SetByHand] | None = None) -> Progression:
    """The level of each growing exercise and section for the next session.

    `sessions`: the routine's newest completed, non-practice sessions, oldest first (three
    are enough: the last two at a level and the morning of the one before them).
    `by_hand`: levels set by hand; one set after the newest session is where that name
    stands, and only sessions after it count."""
    by_hand = by_hand or {}
    out = []
    for key, most in growing(routine).items():
        setting = by_hand.get(key)
        after = [s for s in sessions if setting is None or s.start > setting.at]
        if after:
            was = after[-1].level(key)
        else:
            was = setting.level if setting is not None else 0
        was = min(was, most)
        run = _trailing(_mornings(after), key, was, most)
        decision = _not_skipped(key, run, decide(was, most, run, routine.pain_at_most))
        if setting is not None and not after:
            decision = Decision(Change.STAY, "set by hand" if setting.level else "reset by hand")
        step = {Change.UP: 1, Change.STAY: 0, Change.BACK: -1}[decision.change]
        out.append(Level(key, max(0, min(most, was + step)), was, most, decision,
                         by_hand=setting is not None and not after))
    return Progression(tuple(out), routine.pain_at_most)


def _not_skipped(key: LevelKey, run: Sequence[Answered], decision: Decision) -> Decision:
    """An exercise steps up only when it was done in both sessions that earned it: low pain
    after a session that skipped it says nothing of how it went (a section's sets go by
    the pain alone)."""
    if decision.change != Change.UP or key.grows != Grows.EXERCISE:
        return decision
    if any(key.name in session.skipped for session in run[-SESSIONS_NEEDED:]):
        return Decision(Change.STAY, f"{decision.reason}, but {key.name} was skipped: done "
                                     "in both sessions to step up")
    return decision


def assuming(sessions: Sequence[Answered], session: Answered,
             newest: int) -> list[Answered]:
    """`sessions` as they would be with `session` answered so (the finished screen's "next
    time", before the answer is kept): it replaces its older self, in order of time."""
    others = [s for s in sessions if s.id != session.id]
    return sorted([*others, session], key=lambda s: s.start)[-newest:]


def _trailing(sessions: Sequence[Answered], key: LevelKey, level: int,
              most: int) -> list[Answered]:
    """The newest sessions done at `level` (a level past `most` counts as `most`), one
    after the other, oldest first."""
    run: list[Answered] = []
    for session in reversed(sessions):
        if min(session.level(key), most) != level:
            break
        run.insert(0, session)
    return run


def _mornings(sessions: Sequence[Answered]) -> list[Answered]:
    """Each session with the morning of the one before it in the list (the first keeps
    its own `morning_before`)."""
    out = list(sessions[:1])
    for before, session in zip(sessions, sessions[1:], strict=False):
        out.append(replace(session, morning_before=before.morning))
    return out
