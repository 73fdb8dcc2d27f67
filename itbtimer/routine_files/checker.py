"""Reading one value of a routine file: collects every problem instead of stopping.

Messages use words a person knows: "a group of `key: value` lines", "a list (lines
starting with `- `)", never the parser's "mapping", "sequence" or "scalar".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from itbtimer.core.durations import (
    DURATION_HINT,
    MAX_STEP_SECONDS,
    RANGE_HINT,
    looks_like_range,
    parse_duration,
    parse_range,
)
from itbtimer.core.escaping import escaped
from itbtimer.core.limits import CUE_CHARS, HOW_TO_CHARS, NAME_CHARS
from itbtimer.core.routine import Rest
from itbtimer.errors import Problem

# each text a routine may hold, at most (core/limits.py; docs/routine-format.md)
TEXT_LIMITS = {"name": ("a name", NAME_CHARS), "id": ("an id", NAME_CHARS),
               "cue": ("a cue (it is said aloud)", CUE_CHARS),
               "until": ("an until (it is said aloud)", CUE_CHARS),
               "note": ("a note", HOW_TO_CHARS), "description": ("a description", HOW_TO_CHARS),
               "how": ("a how-to", HOW_TO_CHARS)}
MAX_COUNT = 100  # rounds and sets
GROUP = "a group of `key: value` lines"

# Where each key belongs, for a known key written in the wrong place.
BELONGS = {
    "name": "the top, a section or an exercise",
    "cue": "the top, a section or an exercise",
    "description": "the top of the file (not indented)",
    "per_week": "the top of the file (not indented)",
    "ask": "the top of the file (not indented)",
    "sections": "the top of the file (not indented)",
    "defaults": "the top of the file (not indented)",
    "get_ready": "`defaults`",
    "switch": "`defaults`",
    "note": "a section",
    "rounds": "a section",
    "round_rest": "a section",
    "exercises": "a section",
    "sets": "a section or an exercise",
    "work": "`defaults`, a section or an exercise",
    "rest": "`defaults`, a section or an exercise",
    "rep_seconds": "`defaults`, a section or an exercise",
    "reps": "an exercise",
    "until": "an exercise",
    "expect": "an exercise",
    "sides": "an exercise",
    "all_sets_per_side": "an exercise",
    "how": "an exercise",
    "tempo": "an exercise",
    "link": "an exercise",
    "progress": "the top, a section or an exercise",
    "by": "an exercise's `progress`",
    "up_to": "an exercise's `progress`",
    "sets_up_to": "a section's `progress`",
    "pain_at_most": "the `progress` at the top of the file",
    "image": "an exercise",
}


def scalar(node: yaml.Node) -> Any:
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


def describe(node: yaml.Node | None) -> str:
    if isinstance(node, yaml.MappingNode):
        return GROUP
    if isinstance(node, yaml.SequenceNode):
        return "a list (lines starting with `- `)"
    value = scalar(node) if node is not None else None
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"yes/no ({escaped(node.value)})"  # type: ignore[union-attr]
    if isinstance(value, int | float):
        return f"the number {escaped(node.value)}"  # type: ignore[union-attr]
    return f"'{escaped(str(value))}'"


@dataclass
class Checker:
    """Walks the node tree; collects every problem instead of stopping at the first."""

    problems: list[Problem] = field(default_factory=list)
    # Lines set aside because of a syntax mistake (1-based): what they held is unknown.
    set_aside: frozenset[int] = frozenset()
    folder: Path = Path(".")  # where the routine file is: its images are looked for there

    def add(self, node: yaml.Node | None, path: str, message: str) -> None:
        line = col = None
        if node is not None:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(message, path, line, col))

    def missing(self, node: yaml.Node, path: str, message: str) -> None:
        """A required key is not there, unless it may be on a line that was set aside
        (the syntax mistake on that line is reported already)."""
        lines = range(node.start_mark.line + 1, node.end_mark.line + 2)
        if not any(line in self.set_aside for line in lines):
            self.add(node, path, message)

    def group(self, node: yaml.Node, path: str, allowed: tuple[str, ...], what: str,
              here: str) -> dict[str, yaml.Node] | None:
        """The `key: value` lines of `what`; `here` names the place for misplaced keys."""
        if not isinstance(node, yaml.MappingNode):
            value = scalar(node) if isinstance(node, yaml.ScalarNode) else None
            word, _, rest = value.partition(" ") if isinstance(value, str) else ("", "", "")
            if word in allowed and rest:
                self.add(node, path, f"no colon after `{escaped(word)}`: write `{escaped(word)}: "
                         f"{escaped(rest.strip())}`")
            else:
                self.add(node, path, f"{what} must be {GROUP} (like `name: ...`), "
                         f"not {describe(node)}")
            return None
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = scalar(key_node)
            if not isinstance(key, str):
                self.add(key_node, path, f"keys must be words, not {describe(key_node)}")
                continue
            where = f"{path}.{key}" if path else key
            if key in out:
                first = out[key].start_mark.line + 1
                self.add(key_node, where, f"`{key}` is given twice (first on line {first})")
                continue
            if key not in allowed:
                self.add(key_node, where, _unknown(key, allowed, here))
                continue
            out[key] = value_node
        return out

    def text(self, node: yaml.Node | None, path: str, required: bool = False) -> str | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.add(node, path, f"must be text, not {describe(node)}")
            return None
        if scalar(node) is None:
            if required:
                self.add(node, path, "must not be empty")
            return None
        text = str(node.value).strip()
        if required and not text:
            self.add(node, path, "must not be empty")
            return None
        key = path.rpartition(".")[2]
        what, most = TEXT_LIMITS.get(key, ("text", HOW_TO_CHARS))
        if len(text) > most:
            self.add(node, path, f"is {len(text)} characters long; {what} may have at most "
                     f"{most}")
            return None
        return text or None

    def count(self, node: yaml.Node | None, path: str, default: int, top: int = MAX_COUNT) -> int:
        if node is None:
            return default
        value = scalar(node)
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(node, path, f"must be a whole number like 2, not {describe(node)}"
                     + sets_hint(value))
            return default
        if not 1 <= value <= top:
            self.add(node, path, f"must be between 1 and {top}, not {value}")
            return default
        return value

    def duration(self, node: yaml.Node | None, path: str, default: int, positive: bool) -> int:
        if node is None:
            return default
        seconds = self._seconds(node, path)
        if seconds is None:
            return default
        return self._in_range(node, path, seconds, positive, default)

    def rest(self, node: yaml.Node | None, path: str, default: Rest) -> Rest:
        if node is None:
            return default
        value = scalar(node)
        if isinstance(value, str) and looks_like_range(value):
            bounds = parse_range(value)
            if bounds is None:
                self.add(node, path, f"'{escaped(value)}' is not a range of times ({RANGE_HINT})")
                return default
            low, high = bounds
            if low >= high:
                self.add(node, path, f"'{escaped(value)}': the shorter time must come first "
                         f"and be less than the longer one (write 30-45s)")
                return default
            if self._in_range(node, path, high, False, -1) < 0:
                return default
            return Rest(low, high)
        seconds = self._seconds(node, path, RANGE_HINT)
        if seconds is None:
            return default
        seconds = self._in_range(node, path, seconds, False, -1)
        return default if seconds < 0 else Rest(seconds, seconds)

    def _seconds(self, node: yaml.Node, path: str, hint: str = DURATION_HINT) -> int | None:
        value = scalar(node)
        if isinstance(value, bool) or value is None or not isinstance(node, yaml.ScalarNode):
            self.add(node, path, f"expected a duration, not {describe(node)} ({hint})")
            return None
        if isinstance(value, float):
            self.add(node, path, f"{value!r} is not whole seconds ({hint})")
            return None
        if isinstance(value, int):
            if value < 0:
                self.add(node, path, f"{value} is negative; a duration is 0 or more")
                return None
            return value
        text = str(value)
        if text.strip().startswith("-"):
            self.add(node, path, f"'{escaped(text)}' is negative; a duration is 0 or more")
            return None
        seconds = parse_duration(text)
        if seconds is None:
            if looks_like_range(text):
                self.add(node, path, f"'{escaped(text)}': a range is allowed for rests only "
                         f"({DURATION_HINT})")
            elif sets_hint(text):
                self.add(node, path,
                         f"'{escaped(text)}' is not a duration{sets_hint(text, timed=True)}")
            else:
                self.add(node, path, f"'{escaped(text)}' is not a duration ({hint})")
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


def sets_hint(value: object, timed: bool = False) -> str:
    """'3x15' → '; write `sets: 3` and `reps: 15`' (timed: `work: 15s`, a time)."""
    if not isinstance(value, str):
        return ""
    match = re.fullmatch(r"\s*(\d+)\s*[x×*]\s*(\d+(?:\s*-\s*\d+)?)\s*([a-z]*)\s*",
                         value.lower())
    if not match:
        return ""
    count = match.group(2).replace(" ", "")
    if timed:
        count += match.group(3) or "s"
    return f"; write `sets: {match.group(1)}` and `{'work' if timed else 'reps'}: {count}`"


def _unknown(key: str, allowed: tuple[str, ...], here: str) -> str:
    if key in BELONGS:
        return f"`{key}` goes in {BELONGS[key]}, not {here}"
    guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"did you mean `{guess[0]}`?" if guess else "allowed here: " + ", ".join(allowed)
    return f"unknown key `{escaped(key)}`; {hint}"
