"""What a routine file may say, key by key: the top, `defaults`, sections, exercises."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

from itbtimer.core.escaping import escaped
from itbtimer.core.limits import IMAGE_PATH_CHARS, LINK_CHARS
from itbtimer.core.routine import (
    NO_REST,
    SIDE_NAMES,
    Exercise,
    ExerciseMode,
    Picture,
    Rest,
    Routine,
    Section,
)
from itbtimer.routine_files.checker import Checker, describe, scalar, sets_hint
from itbtimer.routine_files.images import ImageProblem, check_image
from itbtimer.routine_files.progress_keys import read_growth, read_pain_at_most, read_sets_up_to

TOP_KEYS = ("name", "id", "description", "cue", "per_week", "ask", "progress", "defaults",
            "sections")
DEFAULT_KEYS = ("work", "rest", "get_ready", "switch", "rep_seconds")
SECTION_KEYS = ("name", "note", "cue", "rounds", "sets", "work", "rest", "round_rest",
                "rep_seconds", "progress", "exercises")
EXERCISE_KEYS = ("name", "cue", "how", "link", "image", "work", "reps", "tempo", "until",
                 "expect", "sides", "all_sets_per_side", "sets", "rest", "rep_seconds",
                 "progress")
MAX_PHASE = 60  # seconds one phase of a paced rep may last
MAX_ASK = 40
_SIDE_WORDS = re.compile(
    r"^\s*(\d+(?:\s*[-–]\s*\d+)?)\s*(?:reps?\s*)?(?:each|per|a|on each|/)\s*(side|leg|arm)s?\s*$")


@dataclass(frozen=True)
class Inherited:
    """What a section passes down to its exercises."""

    work: int
    rest: Rest
    sets: int = 1
    rep_seconds: int | None = None


def _read_sides(c: Checker, node: yaml.Node | None, path: str) -> tuple[str, ...]:
    if node is None:
        return ()
    if isinstance(node, yaml.ScalarNode):
        if scalar(node) == "both":
            return SIDE_NAMES
        c.add(node, path, f"{describe(node)} is not a side choice (write `both`, "
              "or a list like [right, left])")
        return ()
    if isinstance(node, yaml.SequenceNode):
        sides = tuple(scalar(n) for n in node.value)
        if len(sides) == 2 and sorted(s for s in sides if isinstance(s, str)) == sorted(
                SIDE_NAMES):
            return sides
        c.add(node, path, "must list both sides once, as [left, right] or [right, left]")
        return ()
    c.add(node, path, f"must be `both` or a list of sides, not {describe(node)}")
    return ()


def _read_reps(c: Checker, node: yaml.Node, path: str) -> str | None:
    value = scalar(node)
    if isinstance(value, int) and not isinstance(value, bool):
        if 1 <= value <= 1000:
            return str(value)
        c.add(node, path, f"must be between 1 and 1000 reps, not {value}")
        return None
    if isinstance(value, str):
        low, dash, high = value.replace(" ", "").replace("–", "-").partition("-")
        if dash and low.isascii() and low.isdigit() and high.isascii() and high.isdigit():
            if 1 <= int(low) < int(high) <= 1000:
                return f"{int(low)}-{int(high)}"
            c.add(node, path, f"'{escaped(value)}': write the smaller count first, like 8-12")
            return None
        sides = _SIDE_WORDS.match(value.lower())
        if sides:
            count = re.sub(r"\s+", "", sides.group(1)).replace("–", "-")
            c.add(node, path, f"'{escaped(value)}' is not a rep count; write `reps: {count}` and "
                  "`sides: both`")
            return None
        hint = sets_hint(value)
        if hint:
            c.add(node, path, f"'{escaped(value)}' is not a rep count{hint}")
            return None
    c.add(node, path, f"{describe(node)} is not a rep count (write 10 or 8-12)")
    return None


def _read_link(c: Checker, node: yaml.Node | None, path: str) -> str | None:
    """An http or https address with a host, on one line: shown, and opened only when the
    person asks. Anything else (`javascript:`, `file:`, a bare word) is a mistake."""
    text = c.text(node, path)
    if text is None or node is None:
        return None
    if len(text) > LINK_CHARS:
        c.add(node, path, f"is {len(text)} characters long; a link may have at most {LINK_CHARS}")
        return None
    parts = urlsplit(text)
    if (parts.scheme.lower() not in ("http", "https") or not parts.hostname
            or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text)):
        c.add(node, path, f"'{escaped(text[:80])}' is not a web address; write one starting "
              "with https:// (or http://), like https://example.com/banana-stretch")
        return None
    return text


def _read_image(c: Checker, node: yaml.Node | None, path: str) -> Picture | None:
    """A PNG or GIF file beside the routine (images.py checks it is there and is one)."""
    text = c.text(node, path)
    if text is None or node is None:
        return None
    if len(text) > IMAGE_PATH_CHARS or "\x00" in text or "\n" in text:
        c.add(node, path, "is not a file name; write the image's name, like banana.gif")
        return None
    try:
        return check_image(c.folder, text)
    except ImageProblem as exc:
        c.add(node, path, str(exc))
        return None


def _read_tempo(c: Checker, node: yaml.Node | None, path: str,
                mode: ExerciseMode) -> tuple[int, int, int] | None:
    """`tempo: 3-1-3`: seconds down, hold, up of each rep, on a reps exercise."""
    if node is None:
        return None
    if mode != ExerciseMode.REPS:
        c.add(node, path, "`tempo` paces the reps of an exercise with `reps`; this one has none")
        return None
    parts = str(scalar(node)).replace(" ", "").replace("–", "-").split("-")
    if len(parts) == 3 and all(p.isascii() and p.isdigit() for p in parts):
        down, hold, up = (int(p) for p in parts)
        if 1 <= down <= MAX_PHASE and 0 <= hold <= MAX_PHASE and 1 <= up <= MAX_PHASE:
            return down, hold, up
    c.add(node, path, f"{describe(node)} is not a tempo: write seconds down-hold-up, like "
          f"3-1-3 (down and up at least 1, each at most {MAX_PHASE}, hold may be 0)")
    return None


def _read_flag(c: Checker, node: yaml.Node | None, path: str) -> bool:
    if node is None:
        return False
    value = scalar(node)
    if isinstance(value, bool):
        return value
    c.add(node, path, f"must be true or false, not {describe(node)}")
    return False


def read_exercise(c: Checker, node: yaml.Node, path: str, up: Inherited) -> Exercise | None:
    keys = c.group(node, path, EXERCISE_KEYS, "an exercise", "in an exercise")
    if keys is None:
        return None
    name = c.text(keys.get("name"), f"{path}.name", required=True)
    if "name" not in keys:
        c.missing(node, f"{path}.name", "every exercise needs a name")
    given = [k for k in ("work", "reps", "until") if k in keys]
    if len(given) > 1:
        c.add(keys[given[1]], f"{path}.{given[1]}",
              f"give only one of work, reps and until (this exercise has {' and '.join(given)})")
    mode, reps, until = ExerciseMode.TIMED, None, None
    work = c.duration(keys.get("work"), f"{path}.work", up.work, positive=True)
    if "reps" in keys:
        mode, reps = ExerciseMode.REPS, _read_reps(c, keys["reps"], f"{path}.reps")
    elif "until" in keys:
        mode, until = ExerciseMode.UNTIL, c.text(keys["until"], f"{path}.until", required=True)
    if "expect" in keys and mode != ExerciseMode.UNTIL:
        c.add(keys["expect"], f"{path}.expect", "`expect` is the time you expect to hold an "
              "`until` exercise; this exercise has no `until`")
    sides = _read_sides(c, keys.get("sides"), f"{path}.sides")
    together = _read_flag(c, keys.get("all_sets_per_side"), f"{path}.all_sets_per_side")
    if together and not sides:
        c.add(keys["all_sets_per_side"], f"{path}.all_sets_per_side",
              "only an exercise with `sides` can do all its sets on one side first")
    expect = c.duration(keys.get("expect"), f"{path}.expect", 0, positive=True)
    tempo = _read_tempo(c, keys.get("tempo"), f"{path}.tempo", mode)
    figure = {ExerciseMode.TIMED: work, ExerciseMode.UNTIL: expect or None,
              ExerciseMode.REPS: int(reps.partition("-")[2] or reps) if reps else None}[mode]
    return Exercise(
        name=name or "?",
        mode=mode,
        work=work if mode == ExerciseMode.TIMED else None,
        reps=reps,
        until=until,
        sides=sides,
        sets=c.count(keys.get("sets"), f"{path}.sets", up.sets),
        rest=c.rest(keys.get("rest"), f"{path}.rest", up.rest),
        cue=c.text(keys.get("cue"), f"{path}.cue"),
        all_sets_per_side=together,
        rep_seconds=(c.duration(keys.get("rep_seconds"), f"{path}.rep_seconds", 0, positive=True)
                     or (sum(tempo) if tempo else None)
                     or up.rep_seconds) if mode == ExerciseMode.REPS else None,
        expect=(expect or None) if mode == ExerciseMode.UNTIL else None,
        how=c.text(keys.get("how"), f"{path}.how"),
        link=_read_link(c, keys.get("link"), f"{path}.link"),
        image=_read_image(c, keys.get("image"), f"{path}.image"),
        tempo=tempo,
        growth=read_growth(c, keys.get("progress"), f"{path}.progress", mode, figure),
    )


def read_section(c: Checker, node: yaml.Node, path: str, up: Inherited) -> Section | None:
    keys = c.group(node, path, SECTION_KEYS, "a section", "in a section")
    if keys is None:
        return None
    if "name" not in keys:
        c.missing(node, f"{path}.name", "every section needs a name")
    name = c.text(keys.get("name"), f"{path}.name", required=True)
    inherited = Inherited(
        work=c.duration(keys.get("work"), f"{path}.work", up.work, positive=True),
        rest=c.rest(keys.get("rest"), f"{path}.rest", up.rest),
        sets=c.count(keys.get("sets"), f"{path}.sets", 1),
        rep_seconds=c.duration(keys.get("rep_seconds"), f"{path}.rep_seconds", 0,
                               positive=True) or up.rep_seconds,
    )
    round_rest = None
    if "round_rest" in keys:
        round_rest = c.rest(keys["round_rest"], f"{path}.round_rest", NO_REST)
    exercises: list[Exercise] = []
    items = _list(c, node, keys.get("exercises"), f"{path}.exercises", "exercises")
    for i, item in enumerate(items):
        exercise = read_exercise(c, item, f"{path}.exercises[{i}]", inherited)
        if exercise:
            exercises.append(exercise)
    return Section(
        name=name or "?",
        exercises=tuple(exercises),
        rounds=c.count(keys.get("rounds"), f"{path}.rounds", 1),
        note=c.text(keys.get("note"), f"{path}.note"),
        cue=c.text(keys.get("cue"), f"{path}.cue"),
        round_rest=round_rest,
        sets_up_to=read_sets_up_to(c, keys.get("progress"), f"{path}.progress",
                                   min((e.sets for e in exercises), default=1)),
    )


def _list(c: Checker, parent: yaml.Node, node: yaml.Node | None, path: str,
          what: str) -> list[yaml.Node]:
    if node is None:
        c.missing(parent, path, f"`{what}` is required: a list with at least one entry")
        return []
    if not isinstance(node, yaml.SequenceNode):
        c.add(node, path, f"must be a list (lines starting with `- `), not {describe(node)}")
        return []
    if not node.value:
        c.add(node, path, "must have at least one entry")
    return list(node.value)


def _read_ask(c: Checker, node: yaml.Node | None) -> str | None:
    text = c.text(node, "ask")
    if text is None or text.lower() in ("none", "no", "nothing"):
        return None
    if len(text) > MAX_ASK or "\n" in text:
        c.add(node, "ask", f"must be a short label on one line, like `knee pain` (at most "
              f"{MAX_ASK} letters)")
        return None
    return text


def read_routine(c: Checker, root: yaml.Node) -> Routine | None:
    keys = c.group(root, "", TOP_KEYS, "a routine", "at the top")
    if keys is None:
        return None
    if "name" not in keys:
        c.missing(root, "name", "the routine needs a name (add `name: My routine` at the top)")
    name = c.text(keys.get("name"), "name", required=True)
    defaults: dict[str, yaml.Node] = {}
    if "defaults" in keys:
        defaults = c.group(keys["defaults"], "defaults", DEFAULT_KEYS, "defaults",
                           "in `defaults`") or {}
    up = Inherited(
        work=c.duration(defaults.get("work"), "defaults.work", 30, positive=True),
        rest=c.rest(defaults.get("rest"), "defaults.rest", NO_REST),
        rep_seconds=c.duration(defaults.get("rep_seconds"), "defaults.rep_seconds", 0,
                               positive=True) or None,
    )
    get_ready = c.duration(defaults.get("get_ready"), "defaults.get_ready", 10, positive=False)
    switch = c.duration(defaults.get("switch"), "defaults.switch", 5, positive=False)
    sections: list[Section] = []
    for i, item in enumerate(_list(c, root, keys.get("sections"), "sections", "sections")):
        section = read_section(c, item, f"sections[{i}]", up)
        if section:
            sections.append(section)
    ask = _read_ask(c, keys.get("ask"))
    grows = any(s.sets_up_to is not None or any(e.growth for e in s.exercises)
                for s in sections)
    if grows and ask is None:
        c.add(keys.get("ask", root), "ask", "exercises with `progress` grow by the answers to "
              "the question after the session: add `ask: knee pain` (or another short "
              "question) at the top")
    return Routine(
        name=name or "?",
        sections=tuple(sections),
        description=c.text(keys.get("description"), "description"),
        cue=c.text(keys.get("cue"), "cue"),
        per_week=c.count(keys.get("per_week"), "per_week", 0, top=14) or None,
        get_ready=get_ready,
        switch=switch,
        ask=ask,
        id=c.text(keys.get("id"), "id"),
        pain_at_most=read_pain_at_most(c, keys.get("progress"), "progress"),
    )
