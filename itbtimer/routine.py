"""Load and validate a routine file into a frozen Routine.

The YAML is composed into nodes (never constructed into Python objects by
PyYAML) so that every value keeps its line and column, duplicate keys are
seen, aliases are never expanded beyond what the schema reads, and no tag
other than the plain YAML types is accepted.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .durations import DURATION_HINT, MAX_STEP_SECONDS, parse_duration, parse_range
from .errors import Problem, RoutineError

MAX_FILE_BYTES = 1024 * 1024
MAX_COUNT = 100  # rounds and sets
MAX_STEPS = 50_000

SIDE_NAMES = ("left", "right")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


@dataclass(frozen=True)
class Rest:
    """A rest: fixed (minimum == maximum) or flexible (you may go from the minimum)."""

    min_seconds: int
    max_seconds: int

    @property
    def flexible(self) -> bool:
        return self.min_seconds < self.max_seconds


NO_REST = Rest(0, 0)


@dataclass(frozen=True)
class Exercise:
    name: str
    mode: str  # "timed" | "reps" | "until"
    work: int | None  # seconds, for timed exercises
    reps: str | None
    until: str | None
    sides: tuple[str, ...]  # () for a two-sided move
    sets: int
    rest: Rest
    cue: str | None = None


@dataclass(frozen=True)
class Section:
    name: str
    exercises: tuple[Exercise, ...]
    rounds: int = 1
    note: str | None = None
    cue: str | None = None


@dataclass(frozen=True)
class Routine:
    name: str
    sections: tuple[Section, ...]
    description: str | None = None
    cue: str | None = None
    per_week: int | None = None
    get_ready: int = 10
    switch: int = 5
    source: str = "<routine>"
    fingerprint: str = ""


@dataclass
class _Checker:
    """Walks the node tree; collects every problem instead of stopping at the first."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, node: yaml.Node | None, path: str, message: str) -> None:
        line = col = None
        if node is not None:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(message, path, line, col))

    # --- shapes -------------------------------------------------------
    def mapping(
        self, node: yaml.Node, path: str, allowed: tuple[str, ...], what: str
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.add(node, path, f"{what} must be a mapping of keys (like `name: ...`), "
                     f"not {_describe(node)}")
            return None
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if not isinstance(key, str):
                self.add(key_node, path, f"keys must be words, not {_describe(key_node)}")
                continue
            where = f"{path}.{key}" if path else key
            if key in out:
                first = out[key].start_mark.line + 1
                self.add(key_node, where, f"`{key}` is given twice (first on line {first})")
                continue
            if key not in allowed:
                guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean `{guess[0]}`?" if guess else (
                    "allowed here: " + ", ".join(allowed))
                self.add(key_node, where, f"unknown key `{key}`; {hint}")
                continue
            out[key] = value_node
        return out

    def text(self, node: yaml.Node | None, path: str, required: bool = False) -> str | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.add(node, path, f"must be text, not {_describe(node)}")
            return None
        if _scalar(node) is None:
            if required:
                self.add(node, path, "must not be empty")
            return None
        text = str(node.value).strip()
        if required and not text:
            self.add(node, path, "must not be empty")
            return None
        return text or None

    def count(self, node: yaml.Node | None, path: str, default: int, top: int = MAX_COUNT) -> int:
        if node is None:
            return default
        value = _scalar(node)
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(node, path, f"must be a whole number like 2, not {_describe(node)}")
            return default
        if not 1 <= value <= top:
            self.add(node, path, f"must be between 1 and {top}, not {value}")
            return default
        return value

    def duration(
        self, node: yaml.Node | None, path: str, default: int, positive: bool
    ) -> int:
        if node is None:
            return default
        seconds = self._seconds(node, path)
        if seconds is None:
            return default
        return self._in_range(node, path, seconds, positive, default)

    def rest(self, node: yaml.Node | None, path: str, default: Rest) -> Rest:
        if node is None:
            return default
        value = _scalar(node)
        if isinstance(value, str) and "-" in value.strip().lstrip("-"):
            bounds = parse_range(value)
            if bounds is None:
                self.add(node, path, f"'{value}' is not a range of seconds (write 30-45s)")
                return default
            low, high = bounds
            if low >= high:
                self.add(node, path, f"'{value}': the shorter time must come first "
                         f"and be less than the longer one (write 30-45s)")
                return default
            if self._in_range(node, path, high, False, -1) < 0:
                return default
            return Rest(low, high)
        seconds = self.duration(node, path, -1, positive=False)
        return default if seconds < 0 else Rest(seconds, seconds)

    def _seconds(self, node: yaml.Node, path: str) -> int | None:
        value = _scalar(node)
        if isinstance(value, bool) or value is None or not isinstance(node, yaml.ScalarNode):
            self.add(node, path, f"expected a duration, not {_describe(node)} ({DURATION_HINT})")
            return None
        if isinstance(value, float):
            self.add(node, path, f"{value!r} is not whole seconds ({DURATION_HINT})")
            return None
        if isinstance(value, int):
            if value < 0:
                self.add(node, path, f"{value} is negative; a duration is 0 or more")
                return None
            return value
        text = str(value)
        if text.strip().startswith("-"):
            self.add(node, path, f"'{text}' is negative; a duration is 0 or more")
            return None
        seconds = parse_duration(text)
        if seconds is None:
            if "-" in text:
                self.add(node, path, f"'{text}': a range is allowed for rests only "
                         f"({DURATION_HINT})")
            else:
                self.add(node, path, f"'{text}' is not a duration ({DURATION_HINT})")
        return seconds

    def _in_range(self, node: yaml.Node, path: str, seconds: int, positive: bool,
                  default: int) -> int:
        if positive and seconds <= 0:
            self.add(node, path, "must be longer than 0 seconds")
            return default
        if seconds > MAX_STEP_SECONDS:
            self.add(node, path, f"{seconds} seconds is longer than the 1 hour a step may last")
            return default
        return seconds


def _scalar(node: yaml.Node) -> Any:
    """The plain Python value of a scalar node (str/int/float/bool/None), else the node."""
    if not isinstance(node, yaml.ScalarNode):
        return node
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    construct = _CONSTRUCTOR.yaml_constructors.get(node.tag)
    if construct is None:
        return node.value
    try:
        return construct(_CONSTRUCTOR, node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _describe(node: yaml.Node | None) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = _scalar(node) if node is not None else None
    if node is None or value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"yes/no ({node.value})"
    if isinstance(value, int | float):
        return f"the number {node.value}"
    return f"'{value}'" if isinstance(value, str) else f"'{node.value}'"


def _bad_tags(node: yaml.Node, checker: _Checker, seen: set[int], depth: int = 0) -> None:
    if id(node) in seen:
        return
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        checker.add(node, "", f"the tag `{node.tag}` is not allowed; a routine holds plain "
                    "values only")
        return
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _bad_tags(item, checker, seen, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _bad_tags(key, checker, seen, depth + 1)
            _bad_tags(value, checker, seen, depth + 1)


# --- the schema ----------------------------------------------------------------

_TOP_KEYS = ("name", "description", "cue", "per_week", "defaults", "sections")
_DEFAULT_KEYS = ("work", "rest", "get_ready", "switch")
_SECTION_KEYS = ("name", "note", "cue", "rounds", "sets", "work", "rest", "exercises")
_EXERCISE_KEYS = ("name", "cue", "work", "reps", "until", "sides", "sets", "rest")


def _read_sides(c: _Checker, node: yaml.Node | None, path: str) -> tuple[str, ...]:
    if node is None:
        return ()
    if isinstance(node, yaml.ScalarNode):
        value = _scalar(node)
        if value == "both":
            return SIDE_NAMES
        c.add(node, path, f"{_describe(node)} is not a side choice (write `both`, "
              "or a list like [right, left])")
        return ()
    if isinstance(node, yaml.SequenceNode):
        sides = tuple(_scalar(n) for n in node.value)
        if sorted(s for s in sides if isinstance(s, str)) == sorted(SIDE_NAMES) and len(
            sides
        ) == 2:
            return sides
        c.add(node, path, "must list both sides once, as [left, right] or [right, left]")
        return ()
    c.add(node, path, f"must be `both` or a list of sides, not {_describe(node)}")
    return ()


def _read_reps(c: _Checker, node: yaml.Node, path: str) -> str | None:
    value = _scalar(node)
    if isinstance(value, int) and not isinstance(value, bool):
        if 1 <= value <= 1000:
            return str(value)
        c.add(node, path, f"must be between 1 and 1000 reps, not {value}")
        return None
    if isinstance(value, str):
        low, dash, high = value.replace(" ", "").replace("–", "-").partition("-")
        if dash and low.isdigit() and high.isdigit():
            if 1 <= int(low) < int(high) <= 1000:
                return f"{int(low)}-{int(high)}"
            c.add(node, path, f"'{value}': write the smaller count first, like 8-12")
            return None
    c.add(node, path, f"{_describe(node)} is not a rep count (write 10 or 8-12)")
    return None


def _read_exercise(c: _Checker, node: yaml.Node, path: str, work: int, sets: int,
                   rest: Rest) -> Exercise | None:
    keys = c.mapping(node, path, _EXERCISE_KEYS, "an exercise")
    if keys is None:
        return None
    name = c.text(keys.get("name"), f"{path}.name", required=True)
    if "name" not in keys:
        c.add(node, f"{path}.name", "every exercise needs a name")
    given = [k for k in ("work", "reps", "until") if k in keys]
    if len(given) > 1:
        c.add(keys[given[1]], f"{path}.{given[1]}",
              f"give only one of work, reps and until (this exercise has {' and '.join(given)})")
    mode, reps, until = "timed", None, None
    work = c.duration(keys.get("work"), f"{path}.work", work, positive=True)
    if "reps" in keys:
        mode, reps = "reps", _read_reps(c, keys["reps"], f"{path}.reps")
    elif "until" in keys:
        mode, until = "until", c.text(keys["until"], f"{path}.until", required=True)
    return Exercise(
        name=name or "?",
        mode=mode,
        work=work if mode == "timed" else None,
        reps=reps,
        until=until,
        sides=_read_sides(c, keys.get("sides"), f"{path}.sides"),
        sets=c.count(keys.get("sets"), f"{path}.sets", sets),
        rest=c.rest(keys.get("rest"), f"{path}.rest", rest),
        cue=c.text(keys.get("cue"), f"{path}.cue"),
    )


def _read_section(c: _Checker, node: yaml.Node, path: str, work: int, rest: Rest
                  ) -> Section | None:
    keys = c.mapping(node, path, _SECTION_KEYS, "a section")
    if keys is None:
        return None
    if "name" not in keys:
        c.add(node, f"{path}.name", "every section needs a name")
    name = c.text(keys.get("name"), f"{path}.name", required=True)
    work = c.duration(keys.get("work"), f"{path}.work", work, positive=True)
    rest = c.rest(keys.get("rest"), f"{path}.rest", rest)
    sets = c.count(keys.get("sets"), f"{path}.sets", 1)
    exercises: list[Exercise] = []
    items = _list(c, node, keys.get("exercises"), f"{path}.exercises", "exercises")
    for i, item in enumerate(items):
        exercise = _read_exercise(c, item, f"{path}.exercises[{i}]", work, sets, rest)
        if exercise:
            exercises.append(exercise)
    return Section(
        name=name or "?",
        exercises=tuple(exercises),
        rounds=c.count(keys.get("rounds"), f"{path}.rounds", 1),
        note=c.text(keys.get("note"), f"{path}.note"),
        cue=c.text(keys.get("cue"), f"{path}.cue"),
    )


def _list(c: _Checker, parent: yaml.Node, node: yaml.Node | None, path: str,
          what: str) -> list[yaml.Node]:
    if node is None:
        c.add(parent, path, f"`{what}` is required: a list with at least one entry")
        return []
    if not isinstance(node, yaml.SequenceNode):
        c.add(node, path, f"must be a list (lines starting with `- `), not {_describe(node)}")
        return []
    if not node.value:
        c.add(node, path, "must have at least one entry")
    return list(node.value)


def _read_routine(c: _Checker, root: yaml.Node) -> Routine | None:
    keys = c.mapping(root, "", _TOP_KEYS, "a routine")
    if keys is None:
        return None
    if "name" not in keys:
        c.add(root, "name", "the routine needs a name (add `name: My routine` at the top)")
    name = c.text(keys.get("name"), "name", required=True)
    defaults: dict[str, yaml.Node] = {}
    if "defaults" in keys:
        defaults = c.mapping(keys["defaults"], "defaults", _DEFAULT_KEYS, "defaults") or {}
    work = c.duration(defaults.get("work"), "defaults.work", 30, positive=True)
    rest = c.rest(defaults.get("rest"), "defaults.rest", NO_REST)
    get_ready = c.duration(defaults.get("get_ready"), "defaults.get_ready", 10, positive=False)
    switch = c.duration(defaults.get("switch"), "defaults.switch", 5, positive=False)
    sections: list[Section] = []
    for i, item in enumerate(_list(c, root, keys.get("sections"), "sections", "sections")):
        section = _read_section(c, item, f"sections[{i}]", work, rest)
        if section:
            sections.append(section)
    return Routine(
        name=name or "?",
        sections=tuple(sections),
        description=c.text(keys.get("description"), "description"),
        cue=c.text(keys.get("cue"), "cue"),
        per_week=c.count(keys.get("per_week"), "per_week", 0, top=14) or None,
        get_ready=get_ready,
        switch=switch,
    )


# --- entry points --------------------------------------------------------------


def _problem_from_yaml(exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if "\\t" in problem or "'\\t'" in problem or "tab" in problem.lower():
        problem += " (indent with spaces, not tabs)"
    message = f"this is not valid YAML: {problem}"
    context = getattr(exc, "context", None)
    if context:
        message += f" ({context})"
    if mark is None:
        return Problem(message)
    return Problem(message, "", mark.line + 1, mark.column + 1)


def parse_routine(text: str, source: str = "<routine>") -> Routine:
    """Validate routine text; raises RoutineError with every problem found."""
    if "\x00" in text:
        raise RoutineError(source, [Problem("this is not a text file (it contains NUL bytes)")])
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise RoutineError(source, [_problem_from_yaml(exc)]) from None
    except RecursionError:
        raise RoutineError(source, [Problem("the file is nested too deeply to be a routine")]
                           ) from None
    if root is None:
        raise RoutineError(source, [Problem(
            "the file is empty; a routine needs at least `name:` and `sections:`")])
    checker = _Checker()
    _bad_tags(root, checker, set())
    if checker.problems:
        raise RoutineError(source, checker.problems)
    routine = _read_routine(checker, root)
    if checker.problems or routine is None:
        raise RoutineError(source, checker.problems)
    size = _count_steps(routine)
    if size > MAX_STEPS:
        raise RoutineError(source, [Problem(
            f"this routine would have over {MAX_STEPS} steps, the most a routine may have "
            f"(about {size}); use fewer rounds or sets")])
    fingerprint = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Routine(**{**routine.__dict__, "source": source, "fingerprint": fingerprint})


def _count_steps(routine: Routine) -> int:
    """Steps the plan will have, at most (one rest after every unit)."""
    total = 0
    for section in routine.sections:
        steps = sum(e.sets * (3 if e.sides else 1) for e in section.exercises)
        units = sum(e.sets for e in section.exercises)
        total += 1 + section.rounds * (steps + units)
    return total


def load_routine(path: str | Path) -> Routine:
    """Read and validate a routine file; RoutineError for anything a person can fix."""
    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            raise RoutineError(source, [Problem("this is a folder, not a routine file")])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RoutineError(source, [Problem(
                f"the file is {size // 1024} KiB; a routine file may be at most 1 MiB")])
        data = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except FileNotFoundError:
        raise RoutineError(source, [Problem("no such file")]) from None
    except PermissionError:
        raise RoutineError(source, [Problem("the file cannot be read (permission denied)")]
                           ) from None
    except OSError as exc:
        raise RoutineError(source, [Problem(f"the file cannot be read ({exc.strerror})")]
                           ) from None
    return parse_routine(_decode(data, source), source)


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise RoutineError(source, [Problem("a routine file may be at most 1 MiB")])
    if b"\x00" in data:
        raise RoutineError(source, [Problem("this is not a text file (it contains NUL bytes)")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RoutineError(source, [Problem(
            f"byte 0x{data[exc.start]:02x} is not UTF-8 text; save the file as UTF-8",
            "", line, column)]) from None
